/**
 * Nothing acknowledged is lost: a real `basis serve` process is SIGKILLed in the middle of a
 * stream of writes, 20 times per backend. After each kill the server starts again on the
 * same database, and every write it had acknowledged (201) must be there.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../src/store/index.ts";
import { anAssessment } from "./builders.ts";
import { figure } from "./support/figures.ts";
import { postgresAvailable, startPostgres, type TestPostgres } from "./support/postgres.ts";

const BIN = fileURLToPath(new URL("../bin/basis.js", import.meta.url));
const ROUNDS = 20;
const withPg = postgresAvailable();
let pgServer: TestPostgres | undefined;
const dirs: string[] = [];
/** Servers not yet killed: a failing round must not leave one running after the file. */
const running = new Set<ChildProcess>();

beforeAll(async () => {
  if (withPg) pgServer = await startPostgres();
}, 60_000);
afterAll(() => {
  for (const child of running) child.kill("SIGKILL");
  pgServer?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function startServer(
  env: NodeJS.ProcessEnv,
  args: string[],
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0", ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    child.once("exit", () => running.delete(child));
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] as string });
      }
    });
    child.stderr?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening: ${out}`));
    });
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

/**
 * Four writers send a stream of creates; once this round has 5–14 acknowledged writes the
 * server is killed at once, with further writes in flight.
 */
async function writeUntilKilled(
  url: string,
  token: string,
  round: number,
  acknowledged: string[],
  child: ChildProcess,
): Promise<void> {
  const target = 5 + (round % 10);
  let mine = 0;
  let i = 0;
  let stop = false;
  let kill: (() => void) | undefined;
  const reached = new Promise<void>((resolve) => {
    kill = resolve;
  });
  const writer = async (lane: number) => {
    while (!stop) {
      const id = `crash-${round}-${lane}-${i++}`;
      const document = anAssessment()
        .with((a) => (a.id = id))
        .build();
      try {
        const res = await fetch(`${url}/api/assessments`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ document }),
        });
        if (res.status === 201) {
          acknowledged.push(id);
          if (++mine >= target) kill?.();
        } else await res.text();
      } catch {
        return; // the server is gone
      }
    }
  };
  const lanes = [0, 1, 2, 3].map(writer);
  await Promise.race([reached, new Promise((r) => setTimeout(r, 20_000))]);
  await killed(child);
  stop = true;
  await Promise.all(lanes);
}

const backends = [
  {
    name: "PGlite",
    setup: async () => {
      const dir = mkdtempSync(join(tmpdir(), "basis-crash-"));
      dirs.push(dir);
      return {
        env: { DATABASE_URL: "" },
        args: ["--data-dir", dir],
        open: () => openStore({ dataDir: dir, databaseUrl: "" }),
      };
    },
  },
  ...(withPg
    ? [
        {
          name: "PostgreSQL",
          setup: async () => {
            const url = await (pgServer as TestPostgres).createDatabase();
            return {
              env: { DATABASE_URL: url },
              args: [],
              open: () => openStore({ databaseUrl: url }),
            };
          },
        },
      ]
    : []),
];

// The two backends are independent and each mostly waits on its server process: side by side.
describe.concurrent.each(backends)("crash safety on $name", ({ name, setup }) => {
  it(`keeps every acknowledged write across ${ROUNDS} SIGKILLs`, async () => {
    const target = await setup();
    const store = await target.open();
    const token = (
      await store.accounts.createApiToken(
        { name: "crash", role: "editor" },
        null,
        "test",
        new Date(),
      )
    ).token;
    await store.close();
    const acknowledged: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { child, url } = await startServer(target.env, target.args);
      // Everything acknowledged so far is still there after the previous kill.
      const listed = await fetch(`${url}/api/assessments?q=crash-&pageSize=1`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(((await listed.json()) as { total: number }).total).toBeGreaterThanOrEqual(
        acknowledged.length,
      );
      await writeUntilKilled(url, token, round, acknowledged, child);
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(5 * ROUNDS);
    const after = await target.open();
    try {
      const docs = new Set((await after.assessments.allDocuments()).map((d) => d.id));
      const found = acknowledged.filter((id) => docs.has(id)).length;
      const trail = await after.audit.verify();
      figure(
        `crash on ${name}`,
        `${ROUNDS} SIGKILLs, ${acknowledged.length} writes acknowledged, ${found} found after restart, audit trail ${trail.ok ? "intact" : "BROKEN"} (${trail.checked} events)`,
      );
      expect(acknowledged.filter((id) => !docs.has(id))).toEqual([]);
      expect(trail.ok).toBe(true);
    } finally {
      await after.close();
    }
  }, 300_000);
});
