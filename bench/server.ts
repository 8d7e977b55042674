/**
 * Server figures for `npm run bench`, on both backends: autocannon (50 connections, 10 s)
 * against the register list page of a 10 000-activity register, one assessment, and an
 * update; a bare Fastify route in the same run as the baseline; and the time from starting
 * `basis serve` on an existing data directory to its first 200. The server runs in its own
 * process so the load generator does not share its event loop. Each load is preceded by an
 * uncounted 2 s warm-up.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import type { Assessment } from "../src/core/schema/index.ts";
import { openStore, type Store } from "../src/store/index.ts";
import { postgresAvailable, startPostgres } from "../test/support/postgres.ts";
import { generatedLia } from "./generate.ts";
import type { Reference, Row } from "./row.ts";

const BIN = fileURLToPath(new URL("../bin/basis.js", import.meta.url));
const ACTIVITIES = 10_000;

/**
 * Start `node <cmd>` (or `command` itself), and resolve once it prints its address and that
 * address answers `path` with a 200: the time from the spawn to that 200. With `ready`, it
 * also waits until the output matches it (what the server prints once it is built). A
 * command started `detached` is stopped with its whole process group.
 */
export function start(
  cmd: string[],
  env: NodeJS.ProcessEnv,
  options: { command?: string; path?: string; detached?: boolean; ready?: RegExp } = {},
): Promise<{ child: ChildProcess; url: string; ms: number; output: () => string }> {
  const t = performance.now();
  const path = options.path ?? "/api/health";
  return new Promise((resolve, reject) => {
    const child = spawn(options.command ?? process.execPath, cmd, {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
      detached: options.detached ?? false,
    });
    let out = "";
    let answered: { url: string; ms: number } | undefined;
    const done = () => {
      if (answered && (!options.ready || options.ready.test(out)))
        resolve({ child, ...answered, output: () => out });
    };
    child.stdout?.on("data", async (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m && !out.includes("\u0000seen")) {
        out += "\u0000seen";
        const url = m[1] as string;
        for (;;) {
          const r = await fetch(`${url}${path}`).catch(() => undefined);
          await r?.arrayBuffer();
          if (r?.status === 200) break;
        }
        answered = { url, ms: performance.now() - t };
      }
      done();
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

/** Whether any process of the group led by `pid` is still running. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a server. With `group`, the whole process group (npm and the server it started) gets
 * SIGTERM, and this waits until every process of it has exited, not only the leader: npm
 * exits first, while the server is still closing its database and releasing its lock.
 */
export const stop = async (c: ChildProcess, group = false) => {
  const exited = new Promise<void>((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) return resolve();
    c.once("exit", () => resolve());
  });
  if (group && c.pid !== undefined) {
    if (groupAlive(c.pid)) process.kill(-c.pid, "SIGTERM");
  } else c.kill("SIGTERM");
  await exited;
  if (group && c.pid !== undefined)
    while (groupAlive(c.pid)) await new Promise((r) => setTimeout(r, 20));
};

/** A bare Fastify server in its own file (the baseline for req/s and for start-up time). */
/** A new editor's API token on the bench's store, for the loads' requests. */
export async function editorToken(store: Store): Promise<string> {
  const created = await store.accounts.createApiToken(
    { name: "bench", role: "editor" },
    null,
    "bench",
    new Date(),
  );
  return created.token;
}

export function writeBareFastify(dir: string): string {
  const bare = join(dir, "bare.mjs");
  writeFileSync(
    bare,
    `import Fastify from ${JSON.stringify(fileURLToPath(new URL("../node_modules/fastify/fastify.js", import.meta.url)))};
const app = Fastify();
app.get("/api/health", async () => ({ status: "ok" }));
app.get("/", async () => ({ items: [], total: 0 }));
const a = await app.listen({ port: 0, host: "127.0.0.1" });
console.log("listening on " + a);`,
  );
  return bare;
}

/** The median time from spawning a bare Fastify server to its first 200, over `runs` starts. */
export async function bareFastifyStart(bare: string, runs = 3): Promise<Reference> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = await start([bare], {});
    times.push(s.ms);
    await stop(s.child);
  }
  times.sort((a, b) => a - b);
  return {
    figure: `bare Fastify process to first 200, median of ${runs}`,
    value: Math.round(times[Math.floor(runs / 2)] as number),
  };
}

async function load(url: string, opts: Partial<autocannon.Options> = {}) {
  // A 2 s warm-up, not counted: the figures are the steady state, not the JIT's first pass
  // or the first cache fill (the time to first 200 is measured on its own below).
  await autocannon({ url, connections: 50, duration: 2, ...opts });
  const r = await autocannon({ url, connections: 50, duration: 10, ...opts });
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

async function seed(
  open: () => ReturnType<typeof openStore>,
): Promise<{ token: string; docs: Assessment[] }> {
  const store = await open();
  const docs = Array.from({ length: ACTIVITIES }, (_, i) => {
    const d = generatedLia(2, i);
    return { ...d, id: `bench-${String(i).padStart(5, "0")}` };
  });
  for (let i = 0; i < docs.length; i += 500) {
    await store.assessments.importDocuments(docs.slice(i, i + 500), {
      actor: "bench",
      now: new Date(),
      today: "2026-11-22",
    });
  }
  const token = await editorToken(store);
  await store.close();
  return { token, docs };
}

type Load = Awaited<ReturnType<typeof load>>;

/** The median time from `basis serve` to its first 200, over three starts of `target()`. */
async function serveStart(
  target: () => Promise<{ env: NodeJS.ProcessEnv; args: string[] }>,
): Promise<number> {
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { env, args } = await target();
    const s = await start([BIN, "serve", "--port", "0", ...args], env);
    starts.push(s.ms);
    await stop(s.child);
  }
  starts.sort((a, b) => a - b);
  return Math.round(starts[1] as number);
}

async function backendRows(
  name: string,
  env: NodeJS.ProcessEnv,
  args: string[],
  open: () => ReturnType<typeof openStore>,
  empty: () => Promise<{ env: NodeJS.ProcessEnv; args: string[] }>,
  baseline: Load,
  bareStart: Reference,
): Promise<Row[]> {
  const emptyStart = await serveStart(empty);
  const { token, docs } = await seed(open);
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const existingStart = await serveStart(async () => ({ env, args }));
  const server = await start([BIN, "serve", "--port", "0", ...args], env);
  const list = await load(`${server.url}/api/activities?page=3&pageSize=50&sort=title`, {
    headers,
  });
  const one = await load(`${server.url}/api/assessments/bench-04242`, { headers });
  let next = 0;
  const update = await load(`${server.url}/api/assessments`, {
    headers,
    requests: [
      {
        method: "PUT",
        setupRequest: (req) => {
          const doc = docs[next++ % docs.length] as Assessment;
          return {
            ...req,
            path: `/api/assessments/${doc.id}`,
            body: JSON.stringify({
              baseVersion: 1,
              document: { ...doc, title: `${doc.title} (edited)` },
            }),
          };
        },
      },
    ],
  });
  await stop(server.child);
  const bare = (figure: string, value: number): Reference => ({
    figure: `bare Fastify route, ${figure}`,
    value,
  });
  const rows: Row[] = [];
  for (const [label, r, goal] of [
    ["list page (50 of 10 000)", list, "p99 <= 50 ms"],
    ["one assessment", one, undefined],
    ["update", update, undefined],
  ] as const) {
    rows.push({
      figure: `${name}: ${label}, req/s`,
      value: r.rps,
      unit: "req/s",
      reference: bare("req/s", baseline.rps),
      ...(label.startsWith("list") ? { goal: "ratio >= 0.3" } : {}),
    });
    rows.push({
      figure: `${name}: ${label}, p50`,
      value: r.p50,
      unit: "ms",
      reference: bare("p50", baseline.p50),
    });
    rows.push({
      figure: `${name}: ${label}, p99`,
      value: r.p99,
      unit: "ms",
      reference: bare("p99", baseline.p99),
      ...(goal ? { goal } : {}),
    });
    if (r.non2xx || r.errors)
      rows.push({
        figure: `${name}: ${label}, non-2xx + errors`,
        value: r.non2xx + r.errors,
        unit: "responses",
      });
  }
  rows.push(
    {
      figure: `${name}: basis serve to first 200, 10 000 activities, median of 3`,
      value: existingStart,
      unit: "ms",
      reference: bareStart,
      goal: "<= 2000 ms",
    },
    {
      figure: `${name}: basis serve to first 200, empty database, median of 3`,
      value: emptyStart,
      unit: "ms",
      reference: bareStart,
      goal: "<= 5000 ms",
    },
  );
  return rows;
}

export async function serverBench(): Promise<Row[]> {
  const tmp = mkdtempSync(join(tmpdir(), "basis-bench-"));
  const rows: Row[] = [];
  try {
    const bare = writeBareFastify(tmp);
    const b = await start([bare], {});
    const baseline = await load(`${b.url}/`);
    await stop(b.child);
    rows.push({
      figure: "bare Fastify route (the baseline), req/s",
      value: baseline.rps,
      unit: "req/s",
    });
    const bareStart = await bareFastifyStart(bare);
    const dataDir = join(tmp, "data");
    rows.push(
      ...(await backendRows(
        "PGlite",
        { DATABASE_URL: "" },
        ["--data-dir", dataDir],
        () => openStore({ dataDir, databaseUrl: "" }),
        async () => ({
          env: { DATABASE_URL: "" },
          args: ["--data-dir", mkdtempSync(join(tmp, "empty-"))],
        }),
        baseline,
        bareStart,
      )),
    );
    if (postgresAvailable()) {
      const pg = await startPostgres();
      try {
        const url = await pg.createDatabase();
        rows.push(
          ...(await backendRows(
            "PostgreSQL",
            { DATABASE_URL: url },
            [],
            () => openStore({ databaseUrl: url }),
            async () => ({ env: { DATABASE_URL: await pg.createDatabase() }, args: [] }),
            baseline,
            bareStart,
          )),
        );
      } finally {
        pg.stop();
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}
