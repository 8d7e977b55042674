/**
 * Reopening the editor on what the server now holds, after an action changed the stored
 * assessment behind the draft (a sign-off step, an import, a recorded review): the query is
 * fetched again and the editor starts afresh from it, without reloading the page.
 */
import { createContext, useContext } from "react";

export const ReopenContext = createContext<() => Promise<void>>(async () => undefined);

export function useReopen(): () => Promise<void> {
  return useContext(ReopenContext);
}
