/**
 * The app's one React Query cache. A module of its own, so that a screen's module can start
 * the request its first view needs while the screen is still being drawn.
 */
import { QueryClient } from "@tanstack/react-query";

export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 } },
});
