/**
 * @module server/routes/accounts
 * Sign-in and sign-out (cookie sessions with a CSRF token), the current principal, user
 * administration and API tokens.
 */

import { z } from "zod";
import {
  ApiTokenList,
  NewApiToken,
  SessionAnswer,
  SignedIn,
  UserAnswer,
  UserList,
} from "../../core/api/index.ts";
import { DomainError } from "../../core/errors.ts";
import { hasRole, RoleSchema as Role } from "../../core/vocabulary.ts";
import type { Principal } from "../../store/accounts.ts";
import { DUMMY_HASH, hashPassword, verifyPassword } from "../passwords.ts";
import { canAdminister, canRead } from "../policies.ts";
import { defineRoute } from "../route.ts";

const SESSION_COOKIE = "basis_session";

export const Credentials = z.strictObject({
  email: z.string().trim().toLowerCase().email("not an email address").max(254),
  password: z.string().min(1, "must not be empty").max(1024),
});

const IdParams = z.strictObject({ id: z.uuid("not a valid id") });
/** A token's name; half of a surrogate pair is not text (and the audit trail's JSON refuses it). */
const TokenName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((s) => !/\p{Cs}/u.test(s), "contains a broken character");

/**
 * The person a principal acts for: a user, or the person who made a token. A token made
 * without a person (before owners were kept, or whose maker was deleted) has none.
 */
function ownerOf(principal: Principal): string | undefined {
  return principal.kind === "user" ? principal.id : principal.ownerId;
}

export function accountRoutes() {
  return [
    defineRoute({
      method: "POST",
      url: "/api/session",
      summary: "Sign in: sets an HttpOnly session cookie and returns the CSRF token for writes",
      tag: "accounts",
      policy: null,
      response: { json: SignedIn },
      body: Credentials,
      config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
      async handler({ body, store, now, reply, deps }) {
        const found = await store.accounts.credentials(body.email);
        const ok = await verifyPassword(found?.passwordHash ?? DUMMY_HASH, body.password);
        if (!found || !ok || found.user.disabled)
          throw new DomainError("invalid_credentials", "wrong email or password");
        const session = await store.accounts.createSession(found.user, now);
        reply.setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: "strict",
          secure: deps.secureCookies === true,
          path: "/",
          expires: session.expiresAt,
        });
        return { user: found.user, csrfToken: session.csrfToken };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/session",
      summary: "The signed-in user or token, with the CSRF token for cookie sessions",
      tag: "accounts",
      policy: canRead,
      response: { json: SessionAnswer },
      async handler({ principal }) {
        return {
          principal: {
            kind: principal.kind,
            id: principal.id,
            name: principal.name,
            role: principal.role,
          },
          csrfToken: principal.csrfToken ?? null,
        };
      },
    }),
    defineRoute({
      method: "DELETE",
      url: "/api/session",
      summary: "Sign out",
      tag: "accounts",
      policy: canRead,
      response: { empty: true },
      status: 204,
      async handler({ store, request, reply, actor, now }) {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await store.accounts.deleteSession(token, actor, now);
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
        return null;
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/users",
      summary: "List users",
      tag: "accounts",
      policy: canAdminister,
      response: { json: UserList },
      async handler({ store }) {
        return { users: await store.accounts.listUsers() };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/users",
      summary: "Create a user with a role",
      tag: "accounts",
      policy: canAdminister,
      response: { json: UserAnswer },
      status: 201,
      body: z.strictObject({
        email: Credentials.shape.email,
        name: z.string().trim().min(1).max(200),
        role: Role,
        password: z.string().min(12, "use at least 12 characters").max(1024),
      }),
      async handler({ store, body, actor, now }) {
        const user = await store.accounts.createUser(
          {
            email: body.email,
            name: body.name,
            role: body.role,
            passwordHash: await hashPassword(body.password),
          },
          actor,
          now,
        );
        return { user };
      },
    }),
    defineRoute({
      method: "PATCH",
      url: "/api/users/:id",
      summary: "Change a user's role, or disable them (ends their sessions)",
      tag: "accounts",
      policy: canAdminister,
      response: { json: UserAnswer },
      params: IdParams,
      body: z.strictObject({ role: Role.optional(), disabled: z.boolean().optional() }),
      async handler({ store, params, body, actor, now }) {
        return { user: await store.accounts.updateUser(params.id, body, actor, now) };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/tokens",
      summary:
        "List your API tokens (never their secrets); with scope=all an admin lists everyone's",
      tag: "accounts",
      policy: canRead,
      response: { json: ApiTokenList },
      query: z.strictObject({ scope: z.enum(["own", "all"]).default("own") }),
      async handler({ store, query, principal }) {
        if (query.scope === "all") {
          if (!canAdminister(principal))
            throw new DomainError("forbidden", "only an admin may list everyone's tokens", {
              policy: canAdminister.policyName,
            });
          return { tokens: await store.accounts.listApiTokens() };
        }
        const ownerId = ownerOf(principal);
        return { tokens: ownerId ? await store.accounts.listApiTokens({ ownerId }) : [] };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/tokens",
      summary:
        "Create an API token for yourself with a role no higher than your own; the secret is shown once",
      tag: "accounts",
      policy: canRead,
      response: { json: NewApiToken },
      status: 201,
      body: z.strictObject({ name: TokenName, role: Role }),
      async handler({ store, body, principal, actor, now }) {
        // Refused here, not only capped when used: a token never says more than its maker may do.
        if (!hasRole(principal.role, body.role)) {
          const message = `a token cannot have a higher role than yours (${principal.role})`;
          throw new DomainError("role_above_own", message, {
            role: principal.role,
            issues: [{ path: "body.role", message }],
          });
        }
        // A token made with a token belongs to the same person, and is capped by their role.
        return store.accounts.createApiToken(body, ownerOf(principal) ?? null, actor, now);
      },
    }),
    defineRoute({
      method: "DELETE",
      url: "/api/tokens/:id",
      summary: "Revoke one of your API tokens (an admin may revoke anyone's)",
      tag: "accounts",
      policy: canRead,
      response: { empty: true },
      params: IdParams,
      status: 204,
      async handler({ store, params, principal, actor, now }) {
        if (canAdminister(principal)) {
          await store.accounts.revokeApiToken(params.id, actor, now);
          return null;
        }
        const ownerId = ownerOf(principal);
        if (!ownerId) throw new DomainError("not_found", "no such active token of yours");
        await store.accounts.revokeApiToken(params.id, actor, now, { ownerId });
        return null;
      },
    }),
  ];
}
