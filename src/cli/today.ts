/**
 * @module cli/today
 * The one place the CLI reads the clock: today's local date as YYYY-MM-DD, passed into core.
 */
export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
