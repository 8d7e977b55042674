/**
 * Once before the whole suite, what every test file would otherwise make for itself: the
 * CLI bundle and the web app when their sources changed (so spawned `basis` processes and
 * the browser tests run what a user runs, and no two files build at once), and the template
 * new embedded databases are copied from (PGlite's initdb once, not once per database), side
 * by side. It also names the folder through which the files share one PostgreSQL server, which
 * the first file needing it starts (test/support/postgres.ts) and the teardown stops.
 *
 * The test files' temporary files (every embedded database, the PostgreSQL server's data, the
 * browsers' profiles, the generated logs) go to a folder in memory when the machine has one
 * with room to spare (/dev/shm): the same PGlite, PostgreSQL and Chromium, but a new database
 * (a copy of the template's 1,000 files) costs 0.07 s of CPU there against 0.4–0.7 s on disk,
 * and each commit's fsync nothing, on a disk shared with other work often seconds. A killed
 * process loses no written data on either (the crash test kills processes, not the machine).
 * BASIS_TEST_TMPDIR names another folder; BASIS_TEST_TMPDIR=default keeps the system's.
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, rmSync, statfsSync } from "node:fs";
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

/** Free space the in-memory folder must have to be used: the suite's peak is about 3 GB. */
const MEMORY_TMP_MIN_FREE = 8 * 1024 ** 3;

/** Where the test files' temporary files go (see above); undefined for the system's folder. */
function testTmpParent(): string | undefined {
  const chosen = process.env.BASIS_TEST_TMPDIR;
  if (chosen === "default") return undefined;
  if (chosen) return chosen;
  try {
    const fs = statfsSync("/dev/shm");
    return fs.bavail * fs.bsize >= MEMORY_TMP_MIN_FREE ? "/dev/shm" : undefined;
  } catch {
    return undefined;
  }
}

const TMP_PREFIX = "basis-test-tmp-";

/**
 * Remove the folders of runs that ended without their teardown (stopped with Ctrl-C, say):
 * in memory they would hold it until the machine restarts. A folder is named after the
 * process of its run; those of runs still going are left alone.
 */
function removeAbandoned(parent: string): void {
  for (const name of readdirSync(parent)) {
    const pid = Number(
      name.startsWith(TMP_PREFIX) ? name.slice(TMP_PREFIX.length).split("-")[0] : NaN,
    );
    if (!Number.isInteger(pid) || pid <= 0) continue;
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ESRCH")
        rmSync(join(parent, name), { recursive: true, force: true });
    }
  }
}

export default async function setup(): Promise<() => void> {
  const parent = testTmpParent();
  let tmp: string | undefined;
  if (parent) {
    removeAbandoned(parent);
    tmp = mkdtempSync(join(parent, `${TMP_PREFIX}${process.pid}-`));
    // Like /tmp: the PostgreSQL server runs as its own user when the tests run as root.
    chmodSync(tmp, 0o1777);
    // The workers start after the setup, with this environment; os.tmpdir() reads TMPDIR.
    process.env.TMPDIR = tmp;
  }
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
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    }
  };
}
