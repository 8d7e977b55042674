/**
 * @module store/accounts
 * Users, sessions, API tokens and the one-time setup token. Secrets are stored only as
 * SHA-256 hashes (tokens) or argon2id hashes (passwords, computed by the caller); sessions
 * live in the database so any server instance can serve any request.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { DomainError } from "../core/errors.ts";
import type { Role } from "../core/vocabulary.ts";
import { appendAudit, type WriteTx, writeTransaction } from "./audit.ts";
import type { StoreCache } from "./cache.ts";
import type { Db } from "./db.ts";
import { apiTokens, sessions, settings, users } from "./schema.ts";

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
}

export interface Principal {
  kind: "user" | "token";
  id: string;
  role: Role;
  name: string;
  /** Set for cookie sessions: writes must echo it (CSRF). */
  csrfToken?: string;
  /** For a token: the person who made it, whose role caps it (none for CLI or set-up tokens). */
  ownerId?: string;
}

/** Roles in order of what they may do. */
export const ROLE_RANK: Readonly<Record<Role, number>> = {
  viewer: 1,
  editor: 2,
  approver: 3,
  admin: 4,
};
/** The lower of two roles: a token never outranks its owner. */
const lowerRole = (a: Role, b: Role): Role => (ROLE_RANK[a] <= ROLE_RANK[b] ? a : b);

export const SESSION_DAYS = 14;
const SETUP_KEY = "setup_token";

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
export const newSecret = (bytes = 32) => randomBytes(bytes).toString("base64url");

function toUser(r: typeof users.$inferSelect): User {
  return { id: r.id, email: r.email, name: r.name, role: r.role, disabled: r.disabled };
}

/** A cached session: its principal, valid until it expires. */
interface SessionEntry {
  principal: Principal;
  expiresAt: number;
}

export class AccountStore {
  private readonly sessionById;
  private readonly tokenByHash;

  constructor(
    private readonly db: Db,
    private readonly cache: StoreCache,
  ) {
    // Prepared once: authentication runs on every request that misses the cache.
    this.sessionById = db
      .select({ s: sessions, u: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, sql.placeholder("id")), eq(users.disabled, false)))
      .prepare("basis_session_principal");
    this.tokenByHash = db
      .select({ t: apiTokens, ownerRole: users.role, ownerDisabled: users.disabled })
      .from(apiTokens)
      .leftJoin(users, eq(users.id, apiTokens.createdBy))
      .where(and(eq(apiTokens.tokenHash, sql.placeholder("hash")), isNull(apiTokens.revokedAt)))
      .prepare("basis_token_principal");
  }

  private write<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    return writeTransaction(this.db, this.cache, work);
  }

  async userCount(): Promise<number> {
    const r = await this.db.select({ n: count() }).from(users);
    return Number(r[0]?.n ?? 0);
  }

  /** While no user exists, issue a fresh one-time setup token (only its hash is kept). */
  async issueSetupToken(): Promise<string | undefined> {
    if ((await this.userCount()) > 0) return undefined;
    const token = newSecret();
    await this.db
      .insert(settings)
      .values({ key: SETUP_KEY, value: { hash: sha256(token) } })
      .onConflictDoUpdate({ target: settings.key, set: { value: { hash: sha256(token) } } });
    return token;
  }

  /** Create the first admin with the setup token; the token is spent in the same transaction. */
  async completeSetup(
    token: string,
    input: { email: string; name: string; passwordHash: string },
    now: Date,
  ): Promise<User> {
    return this.write(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(7340212)`);
      const existing = await tx.select({ n: count() }).from(users);
      if (Number(existing[0]?.n ?? 0) > 0)
        throw new DomainError("already_set_up", "Basis is already set up; sign in instead");
      const stored = await tx.select().from(settings).where(eq(settings.key, SETUP_KEY));
      const hash = (stored[0]?.value as { hash?: string } | undefined)?.hash;
      if (!hash || hash !== sha256(token))
        throw new DomainError(
          "invalid_setup_token",
          "the setup link is not valid; restart the server for a new one",
        );
      const user = await insertUser(tx, { ...input, role: "admin" }, "setup", now);
      await tx.delete(settings).where(eq(settings.key, SETUP_KEY));
      return user;
    });
  }

  async createUser(
    input: { email: string; name: string; role: Role; passwordHash: string },
    actor: string,
    now: Date,
  ): Promise<User> {
    return this.write((tx) => insertUser(tx, input, actor, now));
  }

  async listUsers(): Promise<User[]> {
    return (await this.db.select().from(users).orderBy(asc(users.email))).map(toUser);
  }

  async updateUser(
    id: string,
    change: { role?: Role | undefined; disabled?: boolean | undefined },
    actor: string,
    now: Date,
  ): Promise<User> {
    return this.write(async (tx) => {
      const set: Partial<typeof users.$inferInsert> = {};
      if (change.role) set.role = change.role;
      if (change.disabled !== undefined) set.disabled = change.disabled;
      const rows = await tx.update(users).set(set).where(eq(users.id, id)).returning();
      const row = rows[0];
      if (!row) throw new DomainError("not_found", "no such user");
      if (change.disabled) {
        await tx.delete(sessions).where(eq(sessions.userId, id));
        // Their API tokens go with them, for good: enabling the person again does not revive them.
        const revoked = await tx
          .update(apiTokens)
          .set({ revokedAt: now })
          .where(and(eq(apiTokens.createdBy, id), isNull(apiTokens.revokedAt)))
          .returning({ id: apiTokens.id });
        for (const t of revoked)
          await appendAudit(
            tx,
            {
              actor,
              action: "token.revoke",
              entityId: t.id,
              data: { reason: "owner disabled" },
            },
            now,
          );
      }
      await appendAudit(
        tx,
        { actor, action: "user.update", entityId: id, data: { ...change } },
        now,
      );
      return toUser(row);
    });
  }

  /** The user with this email and their password hash, for sign-in. */
  async credentials(email: string): Promise<{ user: User; passwordHash: string } | undefined> {
    const rows = await this.db
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
    const row = rows[0];
    return row ? { user: toUser(row), passwordHash: row.passwordHash } : undefined;
  }

  async createSession(
    user: User,
    now: Date,
  ): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = newSecret();
    const csrfToken = newSecret(24);
    const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
    await this.write(async (tx) => {
      await tx
        .insert(sessions)
        .values({ id: sha256(token), userId: user.id, csrfToken, createdAt: now, expiresAt });
      await appendAudit(
        tx,
        {
          actor: `user:${user.id}`,
          action: "session.login",
          entityId: user.id,
        },
        now,
      );
    });
    return { token, csrfToken, expiresAt };
  }

  async sessionPrincipal(token: string, now: Date): Promise<Principal | undefined> {
    const id = sha256(token);
    const entry = await this.cache.read("principals", `session:${id}`, async () => {
      const row = (await this.sessionById.execute({ id }))[0];
      if (!row) return undefined;
      const principal: Principal = {
        kind: "user",
        id: row.u.id,
        role: row.u.role,
        name: row.u.name,
        csrfToken: row.s.csrfToken,
      };
      return { principal, expiresAt: row.s.expiresAt.getTime() } satisfies SessionEntry;
    });
    return entry && entry.expiresAt > now.getTime() ? entry.principal : undefined;
  }

  async deleteSession(token: string, actor: string, now: Date): Promise<void> {
    await this.write(async (tx) => {
      const gone = await tx
        .delete(sessions)
        .where(eq(sessions.id, sha256(token)))
        .returning({ userId: sessions.userId });
      if (gone[0])
        await appendAudit(tx, { actor, action: "session.logout", entityId: gone[0].userId }, now);
    });
  }

  async createApiToken(
    input: { name: string; role: Role },
    creator: string | null,
    actor: string,
    now: Date,
  ) {
    const token = `basis_${newSecret()}`;
    const id = randomUUID();
    await this.write(async (tx) => {
      await tx.insert(apiTokens).values({
        id,
        name: input.name,
        role: input.role,
        tokenHash: sha256(token),
        createdBy: creator,
        createdAt: now,
      });
      await appendAudit(
        tx,
        {
          actor,
          action: "token.create",
          entityId: id,
          data: { name: input.name, role: input.role },
        },
        now,
      );
    });
    return { id, token, name: input.name, role: input.role };
  }

  /** Every token, or given a person's id only theirs (made by them or by a token of theirs). */
  async listApiTokens(owner?: { ownerId: string }) {
    const rows = await this.db
      .select()
      .from(apiTokens)
      .where(owner ? eq(apiTokens.createdBy, owner.ownerId) : undefined)
      .orderBy(asc(apiTokens.createdAt));
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role,
      createdAt: r.createdAt.toISOString(),
      lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
      revokedAt: r.revokedAt?.toISOString() ?? null,
    }));
  }

  /**
   * Revoke a token; given a person's id, only one of theirs (another's is `not_found`, so
   * whether it exists is not told).
   */
  async revokeApiToken(
    id: string,
    actor: string,
    now: Date,
    owner?: { ownerId: string },
  ): Promise<void> {
    await this.write(async (tx) => {
      const rows = await tx
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(
          and(
            eq(apiTokens.id, id),
            isNull(apiTokens.revokedAt),
            owner ? eq(apiTokens.createdBy, owner.ownerId) : undefined,
          ),
        )
        .returning({ id: apiTokens.id });
      if (!rows[0]) throw new DomainError("not_found", "no such active token");
      await appendAudit(tx, { actor, action: "token.revoke", entityId: id }, now);
    });
  }

  async tokenPrincipal(token: string): Promise<Principal | undefined> {
    const hash = sha256(token);
    return this.cache.read("principals", `token:${hash}`, async () => {
      const row = (await this.tokenByHash.execute({ hash }))[0];
      if (!row || row.ownerDisabled) return undefined;
      const role = row.t.role as Role;
      return {
        kind: "token",
        id: row.t.id,
        // Demoting the owner caps the token at once (the cache drops principals on user.update).
        role: row.ownerRole ? lowerRole(role, row.ownerRole as Role) : role,
        name: row.t.name,
        ...(row.t.createdBy ? { ownerId: row.t.createdBy } : {}),
      } satisfies Principal;
    });
  }
}

async function insertUser(
  tx: WriteTx,
  input: { email: string; name: string; role: Role; passwordHash: string },
  actor: string,
  now: Date,
): Promise<User> {
  const id = randomUUID();
  try {
    const rows = await tx
      .insert(users)
      .values({
        id,
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash: input.passwordHash,
        createdAt: now,
      })
      .returning();
    await appendAudit(
      tx,
      {
        actor,
        action: "user.create",
        entityId: id,
        data: { email: input.email, role: input.role },
      },
      now,
    );
    return toUser(rows[0] as typeof users.$inferSelect);
  } catch (e) {
    const code =
      (e as { code?: string; cause?: { code?: string } }).code ??
      (e as { cause?: { code?: string } }).cause?.code;
    if (code === "23505")
      throw new DomainError("conflict", `a user with email ${input.email} already exists`);
    throw e;
  }
}
