/**
 * One writer per PGlite data directory, and no lock-out after a crash. A lock file left by a
 * process that was killed names a pid that may be alive again by the time the server comes
 * back (after a container restart it is often PID 1, or the new process's own pid): the lock
 * is taken over all the same. A real second process, on the same data directory, is refused.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { lockDataDir } from "../src/store/lock.ts";
import { killed, startServe, stopAll } from "./support/serve.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin/basis.js");
const env = { ...process.env, DATABASE_URL: "" };
const dirs: string[] = [];
afterAll(() => {
  stopAll();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const temp = () => {
  const d = mkdtempSync(join(tmpdir(), "basis-lock-"));
  dirs.push(d);
  return d;
};
const lockFile = (dir: string) => join(dir, "basis.lock");

/** The lock file a process killed an hour ago left behind, naming `pid`. */
async function leftBehind(
  dir: string,
  pid: number,
  fields: Record<string, unknown> = {},
): Promise<void> {
  const mine = await lockDataDir(temp(), "probe");
  const template = JSON.parse(readFileSync(mine.path, "utf8")) as Record<string, unknown>;
  mine.release();
  writeFileSync(
    lockFile(dir),
    JSON.stringify({ ...template, pid, startTicks: 1, command: "basis serve", ...fields }),
  );
  const anHourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(lockFile(dir), anHourAgo, anHourAgo);
}

const serve = async (dir: string) => (await startServe(["--data-dir", dir])).child;

describe("the data-directory lock", () => {
  it("takes over a lock whose pid now belongs to PID 1, another live process", async () => {
    const dir = temp();
    await leftBehind(dir, 1);
    const lock = await lockDataDir(dir, "basis serve");
    expect(JSON.parse(readFileSync(lock.path, "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("takes over a lock whose pid is now this very process", async () => {
    const dir = temp();
    await leftBehind(dir, process.pid);
    const lock = await lockDataDir(dir, "basis serve");
    expect(JSON.parse(readFileSync(lock.path, "utf8")).startTicks).not.toBe(1);
    lock.release();
  });

  it("takes over a lock in the old format (no start time) once its holder stopped renewing it", async () => {
    const dir = temp();
    writeFileSync(
      lockFile(dir),
      JSON.stringify({ pid: 1, host: hostname(), startedAt: "2026-01-01T00:00:00Z", command: "x" }),
    );
    const anHourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(lockFile(dir), anHourAgo, anHourAgo);
    const lock = await lockDataDir(dir, "basis serve");
    lock.release();
  });

  it("refuses a second opener in the same process, naming the holder", async () => {
    const dir = temp();
    const first = await lockDataDir(dir, "first");
    await expect(lockDataDir(dir, "second")).rejects.toThrow(
      new RegExp(`in use by process ${process.pid} on .*first`),
    );
    first.release();
    (await lockDataDir(dir, "third")).release();
  });

  it("refuses a lock held on another host while its holder renews it, and takes it once it stops", async () => {
    const dir = temp();
    await leftBehind(dir, 4242, { host: "elsewhere", bootId: "another-kernel" });
    const now = new Date();
    utimesSync(lockFile(dir), now, now);
    await expect(lockDataDir(dir, "basis serve")).rejects.toThrow(
      /in use by process 4242 on elsewhere/,
    );
    const aMinuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lockFile(dir), aMinuteAgo, aMinuteAgo);
    (await lockDataDir(dir, "basis serve")).release();
  });

  it("refuses a real second `basis serve` and `basis import`, and starts at once after the holder is killed", async () => {
    const dir = temp();
    const holder = await serve(dir);
    for (const args of [
      ["serve", "--port", "0", "--data-dir", dir],
      ["import", join(ROOT, "fixtures/levqor-platform-lia.yaml"), "--data-dir", dir],
    ]) {
      const second = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env });
      expect(second.status, second.stderr).toBe(1);
      expect(second.stderr).toMatch(new RegExp(`in use by process ${holder.pid} `));
    }
    // Seen from another container (another pid namespace) the holder is still alive.
    const record = JSON.parse(readFileSync(lockFile(dir), "utf8"));
    writeFileSync(lockFile(dir), JSON.stringify({ ...record, pidNamespace: "pid:[1]" }));
    await expect(lockDataDir(dir, "other container")).rejects.toThrow(/in use by process/);
    await killed(holder);
    // The lock file names a dead process, still within its renewal window: taken at once.
    const lock = await lockDataDir(dir, "after the kill");
    lock.release();
    const again = await serve(dir);
    await killed(again);
    // And after a kill -9 seen from the same pid namespace.
    (await lockDataDir(dir, "after the second kill")).release();
  }, 90_000);
});
