/**
 * Once before the whole suite, what every test file would otherwise make for itself: the
 * CLI bundle and the web app when their sources changed (so spawned `basis` processes and
 * the browser tests run what a user runs, and no two files build at once), and the template
 * new embedded databases are copied from (PGlite's initdb once, not once per database), side
 * by side. It also names the folder through which the files share one PostgreSQL server, which
 * the first file needing it starts (test/support/postgres.ts) and the teardown stops.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPgliteTemplate } from "../../src/store/db.ts";
import { SHARED_POSTGRES_ENV, stopSharedPostgres } from "../support/postgres.ts";

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
  await Promise.all([
    script("build-cli.mjs", "--if-stale"),
    script("build-web.mjs"),
    buildPgliteTemplate(),
  ]);
  const shared = mkdtempSync(join(tmpdir(), "basis-test-shared-"));
  process.env[SHARED_POSTGRES_ENV] = shared;
  return () => {
    try {
      stopSharedPostgres(shared);
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  };
}
