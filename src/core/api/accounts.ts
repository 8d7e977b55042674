/**
 * @module core/api/accounts
 * What the API answers about sessions, users and API tokens. Secrets appear once: a new
 * token's value in the answer that creates it.
 */
import { z } from "zod";
import { RoleSchema } from "../vocabulary.ts";

const Timestamp = z.string().describe("ISO 8601 date and time");

export const User = z.strictObject({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
});
export type User = z.infer<typeof User>;
export const UserAnswer = z.strictObject({ user: User });
export const UserList = z.strictObject({ users: z.array(User) });

/** Who is signed in: a user (cookie session) or an API token. */
export const Principal = z.strictObject({
  kind: z.enum(["user", "token"]),
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
});
export type Principal = z.infer<typeof Principal>;

export const SignedIn = z.strictObject({ user: User, csrfToken: z.string() });
export const SessionAnswer = z.strictObject({
  principal: Principal,
  csrfToken: z.string().nullable(),
});

export const ApiTokenInfo = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  role: RoleSchema,
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export const ApiTokenList = z.strictObject({ tokens: z.array(ApiTokenInfo) });
/** A new token, with its secret: shown this once. */
export const NewApiToken = z.strictObject({
  id: z.uuid(),
  token: z.string(),
  name: z.string(),
  role: RoleSchema,
});
