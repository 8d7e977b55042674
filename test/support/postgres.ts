/**
 * A throwaway PostgreSQL server for tests: initdb + pg_ctl on 127.0.0.1 and a free port, in
 * a temporary directory, stopped and removed afterwards. The suite's setup starts one for all
 * test files (test/setup/global.ts), and each file makes its own databases on it; run outside
 * the suite (the benchmarks), `startPostgres` starts a server of its own. When PostgreSQL is
 * not installed the suites that need it are skipped loudly; with BASIS_REQUIRE_ALL=1 (CI)
 * that is a failure.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface TestPostgres {
  url(database: string): string;
  createDatabase(): Promise<string>;
  stop(): void;
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

/** Where the suite's shared server is, for the test files (set by test/setup/global.ts). */
export const SHARED_POSTGRES_ENV = "BASIS_TEST_POSTGRES_URL";

/** The suite's shared server when there is one (stopping it is left to the setup), else a new one. */
export async function startPostgres(): Promise<TestPostgres> {
  const shared = process.env[SHARED_POSTGRES_ENV];
  if (!shared) return startPostgresServer();
  const base = new URL(shared);
  const url = (database: string) => {
    const u = new URL(base);
    u.pathname = `/${database}`;
    return u.toString();
  };
  return { url, createDatabase: () => createDatabaseOn(url), stop() {} };
}

let databases = 0;

/** A new, empty database on the server `url` reaches; its URL. Unique across processes. */
async function createDatabaseOn(url: (database: string) => string): Promise<string> {
  const name = `basis_test_${process.pid}_${++databases}`;
  const client = new pg.Client({ connectionString: url("postgres") });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  return url(name);
}

/** A new server of its own, in a temporary directory; `stop()` removes it. */
export async function startPostgresServer(): Promise<TestPostgres> {
  const bin = binDir();
  if (!bin) throw new Error(`PostgreSQL not installed (${HOW_TO_INSTALL_PG})`);
  const dir = mkdtempSync(join(tmpdir(), "basis-pg-"));
  chmodSync(dir, 0o777);
  const data = join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root; run it as the postgres system user then.
  const run = (cmd: string, args: string[]) => {
    const r = asRoot
      ? spawnSync("runuser", ["-u", "postgres", "--", join(bin, cmd), ...args], {
          encoding: "utf8",
        })
      : spawnSync(join(bin, cmd), args, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  const port = await freePort();
  run("initdb", ["-D", data, "-U", "basis", "--auth=trust", "-E", "UTF8", "--no-instructions"]);
  run("pg_ctl", [
    "-D",
    data,
    "-l",
    join(dir, "log"),
    "-w",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=400`,
    "start",
  ]);
  const url = (database: string) => `postgres://basis@127.0.0.1:${port}/${database}`;
  return {
    url,
    createDatabase: () => createDatabaseOn(url),
    stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
