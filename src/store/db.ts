/**
 * @module store/db
 * Opens the database: PGlite (PostgreSQL in WebAssembly) in a data directory by default, or
 * a PostgreSQL server when DATABASE_URL is set. Migrations run at every start and are
 * idempotent. PGlite keeps full durability (no relaxed mode), so a write acknowledged to a
 * client is on disk before the acknowledgement.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { DomainError } from "../core/errors.ts";
import { type DataDirLock, type LockOptions, lockDataDir } from "./lock.ts";
import { MIGRATIONS_DIR } from "./paths.ts";
import * as schema from "./schema.ts";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Where the data is: the data directory, or the server URL without its password. */
  location: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** What holds the lock, shown to a second process that is refused. */
  command?: string;
  /** For a data directory whose lock cannot be checked: how long to wait for it to go stale. */
  lockWait?: LockOptions;
  /** Refuse, rather than create, a database that does not exist yet (commands that only read). */
  mustExist?: boolean;
  /** Pool size for a PostgreSQL server. */
  poolSize?: number;
}

/** How Basis's connections name themselves to a PostgreSQL server. */
export const APPLICATION_NAME = "basis";

export function defaultDataDir(): string {
  return resolve(process.env.BASIS_DATA_DIR ?? join(process.cwd(), "data"));
}

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  const url = opts.databaseUrl ?? process.env.DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({
      connectionString: url,
      max: opts.poolSize ?? 10,
      // Lets a restore see whether other Basis processes use the database.
      application_name: APPLICATION_NAME,
    });
    // An idle connection the server closes (a restart, a cut) is dropped and replaced by the
    // next query; without a listener the pool's error event would end the process.
    pool.on("error", () => {});
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    try {
      if (opts.mustExist) {
        const found = await pool.query(
          "select to_regclass('public.audit_events') is not null as ok",
        );
        if (!found.rows[0]?.ok)
          throw new DomainError(
            "not_found",
            `no Basis database at ${redact(url)}; name it with DATABASE_URL or --data-dir`,
          );
      }
      await migratePg(db as never, { migrationsFolder: MIGRATIONS_DIR });
    } catch (e) {
      await pool.end();
      throw e;
    }
    return { db, kind: "postgres", location: redact(url), close: () => pool.end() };
  }
  const dir = resolve(opts.dataDir ?? defaultDataDir());
  if (opts.mustExist && !existsSync(join(dir, "pg", "PG_VERSION")))
    throw new DomainError(
      "not_found",
      `no Basis database in ${dir}; name it with --data-dir (or BASIS_DATA_DIR), or DATABASE_URL`,
    );
  const lock: DataDirLock = await lockDataDir(dir, opts.command ?? "basis", opts.lockWait);
  try {
    const client = await PGlite.create(join(dir, "pg"), { relaxedDurability: false });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
    return {
      db,
      kind: "pglite",
      location: dir,
      close: async () => {
        await client.close();
        lock.release();
      },
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres";
  }
}
