/** One user action against the API: busy while it runs, its error kept to show, never thrown. */
import { useState } from "react";

export function useAction() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Runs `fn`; resolves true when it succeeded, false when it failed (the error is kept). */
  async function run(fn: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { error, busy, run };
}
