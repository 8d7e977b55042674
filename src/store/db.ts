/**
 * @module store/db
 * Opens the database: PGlite (PostgreSQL in WebAssembly) in a data directory by default, or
 * a PostgreSQL server when DATABASE_URL is set. Migrations run at every start and are
 * idempotent. PGlite keeps full durability (no relaxed mode), so a write acknowledged to a
 * client is on disk before the acknowledgement. Each backend's driver is loaded only when it
 * is the one opened, so a server on PGlite does not load the PostgreSQL client, and back.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { setFlagsFromString } from "node:v8";
import type { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { DomainError } from "../core/errors.ts";
import { type DataDirLock, type LockOptions, lockDataDir } from "./lock.ts";
import { nameStatements, preparedInSql, statementName } from "./named-statements.ts";
import { MIGRATIONS_DIR } from "./paths.ts";
import { buildTemplate, copyTemplate } from "./pglite-template.ts";
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
    const [{ default: pg }, { drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
      import("pg"),
      import("drizzle-orm/node-postgres"),
      import("drizzle-orm/node-postgres/migrator"),
    ]);
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
    nameStatements(
      db,
      async (text, params) =>
        (await pool.query({ name: statementName(text), text, values: params })).rows,
    );
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
  const sharedBuffers = pgliteSharedBuffers();
  if (opts.mustExist && !existsSync(join(dir, "pg", "PG_VERSION")))
    throw new DomainError(
      "not_found",
      `no Basis database in ${dir}; name it with --data-dir (or BASIS_DATA_DIR), or DATABASE_URL`,
    );
  const lock: DataDirLock = await lockDataDir(dir, opts.command ?? "basis", opts.lockWait);
  try {
    const pgDir = join(dir, "pg");
    // A new database starts from the template when there is a current one (see pglite-template).
    if (!existsSync(pgDir)) copyTemplate(pgDir);
    const { client, db } = await openPglite(pgDir, sharedBuffers);
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

/**
 * V8 optimises a WebAssembly function once it has run for a while (its tiering budget). At
 * start PGlite runs much of PostgreSQL once, which V8 then optimised for nothing: 0.3-0.4 s of
 * CPU at every open, and the same again on a busy two-core machine's other core. A larger
 * budget leaves that start-up code alone and still optimises what a server keeps running.
 * At 10^8 a server's start (migrations check, first queries) still spent some 0.5 s of
 * background CPU optimising PostgreSQL's three largest functions (the SQL parser,
 * copyObjectImpl and one more, 40-105 KB of code each); at 4 * 10^8 it optimises none of
 * them, and under a stream of requests they are optimised after a few seconds all the same.
 * Read when the module is compiled, so it is set before PGlite is loaded.
 */
const WASM_TIERING_BUDGET = "--wasm-tiering-budget=400000000";

/**
 * The embedded database's buffer pool. PostgreSQL's default of 128 MB is zeroed at every
 * start, which in WebAssembly costs about 0.2 s of CPU and 145 MB of memory more than 32 MB;
 * blocks beyond the pool are read from the operating system's page cache.
 * BASIS_PGLITE_SHARED_BUFFERS (e.g. "128MB") sets another size.
 */
function pgliteSharedBuffers(): string {
  const v = process.env.BASIS_PGLITE_SHARED_BUFFERS?.trim();
  if (!v) return "32MB";
  if (!/^\d+(kB|MB|GB)$/.test(v))
    throw new DomainError(
      "validation_failed",
      `BASIS_PGLITE_SHARED_BUFFERS: "${v}" is not a size such as 32MB or 1GB`,
    );
  return v;
}

/** PGlite in `pgDir` (made there when new), migrated. */
export async function openPglite(
  pgDir: string,
  sharedBuffers = pgliteSharedBuffers(),
): Promise<{ client: PGlite; db: Db }> {
  setFlagsFromString(WASM_TIERING_BUDGET);
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  const client = await PGlite.create(pgDir, {
    relaxedDurability: false,
    startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${sharedBuffers}`],
  });
  try {
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    await migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR });
    // The register's pages are prepared statements in this one session (named-statements.ts).
    const run = preparedInSql({
      query: (text) => client.query(text),
      unnamed: (text, params) => client.query(text, params),
      script: async (text) => (await client.exec(text)).at(-1)?.rows ?? [],
    });
    nameStatements(db, run, true);
    return { client, db };
  } catch (e) {
    await client.close();
    throw e;
  }
}

/**
 * Make the template new embedded databases start from, unless a current one exists (on
 * install and before the tests). True when it was made now.
 */
export function buildPgliteTemplate(dir?: string): Promise<boolean> {
  return buildTemplate(async (pgDir) => {
    const { client } = await openPglite(pgDir);
    await client.close();
  }, dir);
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
