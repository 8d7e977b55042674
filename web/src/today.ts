/**
 * Local date as YYYY-MM-DD in the browser's own time zone: the engine takes today's date as an
 * argument. A module of its own, so that a screen that only shows dates loads no engine.
 */
export function todayIso(d = new Date()): string {
  const z = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${z(d.getMonth() + 1)}-${z(d.getDate())}`;
}
