/**
 * Who is signed in. The session lives in an HttpOnly cookie the app cannot read; on load the
 * app asks the server who it is and keeps the CSRF token the server hands back for writes.
 * It asks as soon as this module loads, before anything is drawn, so that the answer (and
 * the requests a screen makes once somebody is signed in) come as early as they can.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import { hasRole, type Role } from "../../src/core/vocabulary.ts";
import { ApiError, api, setCsrfToken } from "./api.ts";
import type { Principal, SessionAnswer, SignedIn } from "./types.ts";

interface SessionState {
  principal: Principal | null;
  loading: boolean;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

/** Who was signed in when the app loaded (null: nobody), asked once as the app starts. */
export const signedInAtLoad: Promise<Principal | null> = api
  .get<SessionAnswer>("/api/session")
  .then((s) => {
    setCsrfToken(s.csrfToken);
    return s.principal;
  })
  .catch((e: unknown) => {
    if (!(e instanceof ApiError && e.status === 401)) console.error(e);
    return null;
  });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [principal, setPrincipal] = useState<Principal | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    void signedInAtLoad.then((p) => {
      setPrincipal(p);
      setLoading(false);
    });
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const r = await api.post<SignedIn>("/api/session", {
      email,
      password,
    });
    setCsrfToken(r.csrfToken);
    const s = await api.get<SessionAnswer>("/api/session");
    setPrincipal(s.principal);
  }, []);

  const signOut = useCallback(async () => {
    await api.del("/api/session");
    setCsrfToken(null);
    setPrincipal(null);
  }, []);

  return (
    <SessionContext.Provider value={{ principal, loading, signIn, signOut }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}

/** Whether the signed-in principal holds at least `role`; the server checks again. */
export function useCan(role: Role): boolean {
  const { principal } = useSession();
  return principal ? hasRole(principal.role, role) : false;
}
