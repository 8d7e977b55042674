/**
 * Once before the whole suite, what every test file would otherwise make for itself: the
 * CLI bundle and the web app when their sources changed (so spawned `basis` processes and
 * the browser tests run what a user runs, and no two files build at once), the template
 * new embedded databases are copied from (PGlite's initdb once, not once per database), and
 * one PostgreSQL server on which each file makes its own databases. The four are made side
 * by side.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPgliteTemplate } from "../../src/store/db.ts";
import {
  postgresAvailable,
  SHARED_POSTGRES_ENV,
  startPostgresServer,
  type TestPostgres,
} from "../support/postgres.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function script(name: string, ...args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "scripts", name), ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`${name} failed (${code}): ${out}`)),
    );
  });
}

export default async function setup(): Promise<() => void> {
  const postgres: Promise<TestPostgres | undefined> = postgresAvailable()
    ? startPostgresServer()
    : Promise.resolve(undefined);
  const results = await Promise.allSettled([
    postgres,
    script("build-cli.mjs", "--if-stale"),
    script("build-web.mjs"),
    buildPgliteTemplate(),
  ]);
  const pg = results[0].status === "fulfilled" ? results[0].value : undefined;
  const failure = results.find((r) => r.status === "rejected");
  if (failure) {
    pg?.stop();
    throw failure.reason;
  }
  if (pg) process.env[SHARED_POSTGRES_ENV] = pg.url("postgres");
  return () => pg?.stop();
}
