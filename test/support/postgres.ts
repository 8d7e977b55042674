/**
 * A throwaway PostgreSQL server for tests: initdb + pg_ctl on 127.0.0.1 and a free port, in
 * a temporary directory, stopped and removed afterwards. In the suite one server serves every
 * test file, each making its own databases on it: the first file that asks starts it, the
 * others wait for it, and the suite's teardown stops it (test/setup/global.ts), so a run
 * without such files starts none. Outside the suite (the benchmarks) `startPostgres` starts a
 * server of its own. When PostgreSQL is not installed the suites that need it are skipped
 * loudly; with BASIS_REQUIRE_ALL=1 (CI) that is a failure.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface TestPostgres {
  url(database: string): string;
  /**
   * A new database and its URL: by default already migrated (a copy of the server's template
   * database, as `openStore` leaves a new one), with `{ empty: true }` one with no tables.
   */
  createDatabase(opts?: { empty?: boolean }): Promise<string>;
  stop(): void;
}

/** Run a PostgreSQL program, as the postgres system user when we are root (it refuses root). */
function run(cmd: string, args: string[]): void {
  const bin = binDir();
  if (!bin) throw new Error(`PostgreSQL not installed (${HOW_TO_INSTALL_PG})`);
  const r =
    process.getuid?.() === 0
      ? spawnSync("runuser", ["-u", "postgres", "--", join(bin, cmd), ...args], {
          encoding: "utf8",
        })
      : spawnSync(join(bin, cmd), args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
}

/** Stop the server whose files are under `root` and remove them. */
function stopServerIn(root: string): void {
  try {
    run("pg_ctl", ["-D", join(root, "data"), "-m", "immediate", "-w", "stop"]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function binDir(): string | undefined {
  try {
    const dir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
    if (existsSync(join(dir, "initdb"))) return dir;
  } catch {
    // fall through to the Debian layout
  }
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const v of versions)
    if (existsSync(join(base, v, "bin", "initdb"))) return join(base, v, "bin");
  return undefined;
}

export const HOW_TO_INSTALL_PG = "apt-get install -y postgresql";

/** Whether the PostgreSQL suites can run; prints a loud skip notice or throws in CI. */
export function postgresAvailable(): boolean {
  if (binDir()) return true;
  const message = `PostgreSQL is not installed: the PostgreSQL storage tests are SKIPPED. Install it with: ${HOW_TO_INSTALL_PG}`;
  if (process.env.BASIS_REQUIRE_ALL === "1")
    throw new Error(`${message} (BASIS_REQUIRE_ALL=1 makes this a failure)`);
  console.warn(`\n!!! ${message}\n`);
  return false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** The folder through which the suite's test files share one server (set by the setup). */
export const SHARED_POSTGRES_ENV = "BASIS_TEST_POSTGRES_SHARED";
const SERVER = "server.json";
const STARTING = "starting";
const FAILED = "failed";

/** The suite's shared server when there is one (stopping it is the setup's), else a new one. */
export async function startPostgres(): Promise<TestPostgres> {
  const shared = process.env[SHARED_POSTGRES_ENV];
  if (!shared) return startPostgresServer();
  const { base } = JSON.parse(await sharedServer(shared)) as { base: string };
  const url = (database: string) => `${base}/${database}`;
  return { url, createDatabase: (opts) => createDatabaseOn(url, opts), stop() {} };
}

/** The shared server's description, started by the first file to ask. */
async function sharedServer(dir: string): Promise<string> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const server = join(dir, SERVER);
    if (existsSync(server)) return readFileSync(server, "utf8");
    let starter = false;
    try {
      closeSync(openSync(join(dir, STARTING), "wx"));
      starter = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    if (starter) {
      try {
        const pg = await startPostgresServer();
        const text = JSON.stringify({ base: pg.url("").replace(/\/$/, ""), root: pg.root });
        writeFileSync(`${server}.tmp`, text);
        renameSync(`${server}.tmp`, server);
        return text;
      } catch (e) {
        writeFileSync(join(dir, FAILED), String((e as Error).message));
        throw e;
      }
    }
    if (existsSync(join(dir, FAILED)))
      throw new Error(
        `the shared PostgreSQL server did not start: ${readFileSync(join(dir, FAILED), "utf8")}`,
      );
    if (Date.now() > deadline)
      throw new Error("the shared PostgreSQL server did not start in 120 s");
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stop the shared server if a test file started one (the suite's teardown). */
export function stopSharedPostgres(dir: string): void {
  const server = join(dir, SERVER);
  if (existsSync(server))
    stopServerIn((JSON.parse(readFileSync(server, "utf8")) as { root: string }).root);
}

let databases = 0;

/**
 * The database a server's new test databases are copied from: made and migrated once when the
 * server starts, so a test database costs a copy (about 0.17 s of CPU, the server's included)
 * instead of every migration over again (about 0.33 s), as PGlite's copy a template too
 * (src/store/pglite-template.ts). The migrations themselves still run: on this template, and
 * from nothing in test/migrations.test.ts. Nothing connects to it afterwards, as a copy needs.
 */
const TEMPLATE_DATABASE = "basis_template";

async function adminQuery(url: (database: string) => string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url("postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function makeTemplateDatabase(url: (database: string) => string): Promise<void> {
  await adminQuery(url, `create database ${TEMPLATE_DATABASE}`);
  // Loaded here: the suite's setup imports this module only to stop the server.
  const { openStore } = await import("../../src/store/index.ts");
  const store = await openStore({ databaseUrl: url(TEMPLATE_DATABASE) });
  await store.close();
}

/** A new database on the server `url` reaches (see TestPostgres); its URL. Unique across processes. */
async function createDatabaseOn(
  url: (database: string) => string,
  opts: { empty?: boolean } = {},
): Promise<string> {
  const name = `basis_test_${process.pid}_${++databases}`;
  await adminQuery(
    url,
    opts.empty
      ? `create database ${name}`
      : `create database ${name} template ${TEMPLATE_DATABASE}`,
  );
  return url(name);
}

/** A new server of its own, in a temporary directory (`root`); `stop()` removes it. */
export async function startPostgresServer(): Promise<TestPostgres & { root: string }> {
  if (!binDir()) throw new Error(`PostgreSQL not installed (${HOW_TO_INSTALL_PG})`);
  const root = mkdtempSync(join(tmpdir(), "basis-pg-"));
  chmodSync(root, 0o777);
  const data = join(root, "data");
  const port = await freePort();
  run("initdb", ["-D", data, "-U", "basis", "--auth=trust", "-E", "UTF8", "--no-instructions"]);
  run("pg_ctl", [
    "-D",
    data,
    "-l",
    join(root, "log"),
    "-w",
    "-o",
    `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c max_connections=400`,
    "start",
  ]);
  const url = (database: string) => `postgres://basis@127.0.0.1:${port}/${database}`;
  try {
    await makeTemplateDatabase(url);
  } catch (e) {
    stopServerIn(root);
    throw e;
  }
  return {
    url,
    root,
    createDatabase: (opts) => createDatabaseOn(url, opts),
    stop: () => stopServerIn(root),
  };
}

/**
 * Collects node-postgres's warning about a query sent while another runs on the same client
 * (a transaction is one client, so its queries must run one after another). Call it when the
 * test file loads: Node prints a deprecation once per process.
 */
export function watchOverlappingQueries(): () => string[] {
  const seen: string[] = [];
  process.on("warning", (w) => {
    if (w.name === "DeprecationWarning" && /already executing a query/.test(w.message))
      seen.push(w.message);
  });
  return () => seen;
}
