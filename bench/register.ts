/**
 * `npm run bench -- register`: the register at scale on PGlite (and PostgreSQL when
 * installed). For each register size (BENCH_REGISTER_SIZES, default 1000,10000,100000) it
 * seeds the activities through the bulk import (timed), then for the read cache on and off
 * starts `basis serve` and runs two loads of random register URLs at 50 connections, never
 * the same URL twice: pages by number (page, page size, sort, filter, search; a search or a
 * review date only as deep as the API serves by number, its first 1,000 rows), and pages by
 * cursor (the `next` or `prev` of an earlier answer, as the web app's next and previous
 * buttons and a script paging through the API ask). With the cache on it also runs updates
 * (PUT, each on its current version). The loads start once the server has built its register
 * index (its build time and the server's memory are reported); at the largest size the pages
 * are also read with the index off (BASIS_REGISTER_INDEX=off), the database answering each,
 * for comparison. Each Basis load is followed by the same load on a bare
 * Fastify route, so every figure has its reference from the same moment. BENCH_SECONDS sets
 * the length of each load (default 10), after a warm-up of the same load that is not counted
 * (BENCH_WARMUP_SECONDS, default 2). BENCH_REGISTER_PGLITE_DIR names a PGlite data
 * directory seeded beforehand (with activities `bench-000000`…, as this bench seeds them):
 * it is measured as it is, on PGlite only, instead of seeding (the import is not timed).
 * BENCH_REGISTER_LOADS (pages, cursors, put) and BENCH_REGISTER_BACKENDS (pglite, postgres)
 * pick what runs, for a short run of one figure. BENCH_REGISTER_KEEP_DIR keeps the PGlite
 * register of the largest size in that directory instead of deleting it.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { NUMBERED_DEPTH } from "../src/store/assessments/list-register.ts";
import { openStore } from "../src/store/index.ts";
import { postgresAvailable, startPostgres } from "../test/support/postgres.ts";
import { generatedLia } from "./generate.ts";
import type { Row } from "./row.ts";
import { editorToken, start, stop, writeBareFastify } from "./server.ts";

const BIN = fileURLToPath(new URL("../bin/basis.js", import.meta.url));
const SIZES = (process.env.BENCH_REGISTER_SIZES ?? "1000,10000,100000").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Seconds of each load run before it is measured (BENCH_WARMUP_SECONDS, default 2). */
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
/** Which loads run (BENCH_REGISTER_LOADS: pages, cursors, put; default all three). */
const LOADS = new Set((process.env.BENCH_REGISTER_LOADS ?? "pages,cursors,put").split(","));
/** Which backends run (BENCH_REGISTER_BACKENDS: pglite, postgres; default both). */
const BACKENDS = new Set((process.env.BENCH_REGISTER_BACKENDS ?? "pglite,postgres").split(","));

const SORTS = ["updated", "title", "next-review", "outcome"];
/**
 * Page sizes: any from 10 to 100 (the web app offers 10, 25, 50 and 100; a script may ask any).
 * With the web app's four alone a register of 1,000 has some 8,000 URLs, which a load of 12 s
 * at over 700 req/s uses up.
 */
const PAGE_SIZES = Array.from({ length: 91 }, (_, i) => 10 + i);
const FILTERS = [
  "",
  "&outcome=incomplete",
  "&outcome=appropriate",
  "&status=draft",
  "&basis=legitimate-interests",
  "&specialCategory=true",
  "&children=true",
  "&reviewDueBefore=2027-06-30",
  "&q=customers",
  "&q=generated%20assessment",
  "&q=activity%201",
  "&q=purpose",
];

/**
 * The filters whose pages the API serves by number at any depth (the whole register and one
 * filter, whose totals the database keeps); a search or a review date only through its first
 * NUMBERED_DEPTH rows (`numberedPages`), and on from there by cursor (the cursor load).
 */
const numberedAtAnyDepth = (filter: string) => !/[&](q|reviewDueBefore)=/.test(filter);

/**
 * A register URL not asked before: a random page of a random sort, size and filter. Refused
 * once a thousand picks in a row were all asked before (a load that outran its register).
 */
function randomUrls(size: number) {
  const asked = new Set<string>();
  return () => {
    for (let tries = 0; ; tries++) {
      if (tries === 1000)
        throw new Error(`the URLs of a register of ${size} are used up after ${asked.size}`);
      const pageSize = PAGE_SIZES[Math.floor(Math.random() * PAGE_SIZES.length)] as number;
      const filter = FILTERS[Math.floor(Math.random() * FILTERS.length)] as string;
      const rows = numberedAtAnyDepth(filter) ? size : Math.min(size, NUMBERED_DEPTH);
      const pages = Math.max(1, Math.ceil(rows / pageSize));
      const url = `/api/activities?sort=${SORTS[Math.floor(Math.random() * SORTS.length)]}&pageSize=${pageSize}&page=${1 + Math.floor(Math.random() * pages)}${filter}`;
      if (!asked.has(url)) {
        asked.add(url);
        return url;
      }
    }
  };
}

/**
 * Cursors from earlier answers, each handed out once: a page by cursor at a random depth,
 * sort, size and filter (those of the answer it came from).
 */
class Cursors {
  private readonly pool: string[] = [];

  /** Keep the cursors of a register answer (its query's filter and size go with them). */
  take(path: string, body: string) {
    let page: { next?: string | null; prev?: string | null };
    try {
      page = JSON.parse(body);
    } catch {
      return;
    }
    const query = new URLSearchParams(path.split("?")[1] ?? "");
    query.delete("page");
    query.delete("cursor");
    query.delete("sort");
    for (const c of [page.next, page.prev])
      if (c && this.pool.length < 20_000) {
        query.set("cursor", c);
        this.pool.push(`/api/activities?${query}`);
      }
  }

  /** A URL not asked before, picked at random; undefined when none is left. */
  next(): string | undefined {
    if (this.pool.length === 0) return undefined;
    const i = Math.floor(Math.random() * this.pool.length);
    const [url] = this.pool.splice(i, 1);
    return url;
  }
}

/** Cursors harvested from `n` random pages by number, asked one after another. */
async function harvest(base: string, headers: Record<string, string>, size: number, n: number) {
  const cursors = new Cursors();
  const url = randomUrls(size);
  for (let i = 0; i < n; i++) {
    const path = url();
    const r = await fetch(`${base}${path}`, { headers });
    cursors.take(path, await r.text());
  }
  return cursors;
}

/**
 * A load at 50 connections for SECONDS, after a warm-up of the same load for WARMUP seconds
 * whose requests are not counted: a server just started runs PostgreSQL's code (PGlite) and
 * its own unoptimised for its first second or two under load, which is not what a server that
 * has been running shows. The bare Fastify reference is warmed up in the same way.
 */
async function run(url: string, opts: Partial<autocannon.Options> = {}) {
  const r = await autocannon({
    url,
    connections: 50,
    duration: SECONDS,
    // autocannon runs a warm-up first when given one (even of 0 s); its types do not name it.
    ...(WARMUP > 0
      ? ({ warmup: { connections: 50, duration: WARMUP } } as Partial<autocannon.Options>)
      : {}),
    ...opts,
  });
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    failed: r.non2xx + r.errors + r.timeouts,
  };
}

/**
 * Updates at 50 connections: each PUT changes the title of the next activity in turn, on the
 * version it is at (counted here, from `versions` read off a register seeded beforehand), so
 * none is refused as stale.
 */
async function updates(
  base: string,
  headers: Record<string, string>,
  size: number,
  versions = new Map<number, number>(),
) {
  let turn = 0;
  return run(`${base}/api/assessments`, {
    headers: { ...headers, "content-type": "application/json" },
    requests: [
      {
        method: "PUT",
        setupRequest: (req) => {
          const i = turn++ % size;
          const version = versions.get(i) ?? 1;
          versions.set(i, version + 1);
          const doc = { ...generatedLia(2, i), id: benchId(i) };
          return {
            ...req,
            path: `/api/assessments/${doc.id}`,
            body: JSON.stringify({
              baseVersion: version,
              document: { ...doc, title: `${doc.title} (edited ${version})` },
            }),
          };
        },
      },
    ],
  });
}

const benchId = (i: number) => `bench-${String(i).padStart(6, "0")}`;

/** Seed `size` activities through the batched import; the time it took, in ms. */
async function seed(open: () => ReturnType<typeof openStore>, size: number) {
  const store = await open();
  const docs = Array.from({ length: size }, (_, i) => ({
    ...generatedLia(2, i),
    id: benchId(i),
  }));
  const t = performance.now();
  await store.assessments.importDocuments(
    docs,
    { actor: "bench", now: new Date(), today: "2026-11-22" },
    { batch: 1000 },
  );
  const ms = performance.now() - t;
  const token = await editorToken(store);
  await store.close();
  return { ms, token };
}

/** Where the seeded PGlite register of the largest size is kept (BENCH_REGISTER_KEEP_DIR). */
const keptDir = process.env.BENCH_REGISTER_KEEP_DIR;

/** A data directory seeded beforehand (BENCH_REGISTER_PGLITE_DIR), measured as it is. */
const seededDir = process.env.BENCH_REGISTER_PGLITE_DIR;

/**
 * An editor's API token on a seeded register, and the version each activity is at (an
 * earlier run's updates moved some on).
 */
async function tokenOf(open: () => ReturnType<typeof openStore>) {
  const store = await open();
  try {
    const result = (await store.database.db.execute(
      sql`select slug, current_version from assessments where current_version > 1`,
    )) as unknown as { rows?: { slug: string; current_version: number }[] };
    const versions = new Map(
      (result.rows ?? []).map((r) => [Number(r.slug.slice("bench-".length)), r.current_version]),
    );
    return { ms: undefined, token: await editorToken(store), versions };
  } finally {
    await store.close();
  }
}

async function backend(
  name: string,
  size: number,
  env: NodeJS.ProcessEnv,
  args: string[],
  open: () => ReturnType<typeof openStore>,
  bare: string,
): Promise<Row[]> {
  const rows: Row[] = [];
  const seeded = seededDir
    ? await tokenOf(open)
    : { ...(await seed(open, size)), versions: undefined };
  if (seeded.ms !== undefined)
    rows.push({
      figure: `${name}: bulk import of ${size} activities`,
      value: Math.round(seeded.ms),
      unit: "ms",
      ...(size === 100_000 ? { goal: "<= 120000 ms" } : {}),
    });
  const headers = { authorization: `Bearer ${seeded.token}` };
  // Updates run with the cache on only: the cache-off pass is skipped when they are all. The
  // pages are also read with the register index off (the database answering each), for
  // comparison, at the largest size only.
  const reads = LOADS.has("pages") || LOADS.has("cursors");
  const configs = [
    { cache: "on", index: "on" },
    ...(reads ? [{ cache: "off", index: "on" }] : []),
    ...(reads && size === Math.max(...SIZES) ? [{ cache: "on", index: "off" }] : []),
  ];
  for (const { cache, index } of configs) {
    const server = await start(
      [BIN, "serve", "--port", "0", ...args],
      { ...env, BASIS_READ_CACHE: cache, BASIS_REGISTER_INDEX: index, BASIS_LOG_LEVEL: "silent" },
      // The loads start once the index is built (until then the database answers).
      index === "on" ? { ready: /Register index: / } : {},
    );
    const config = `cache ${cache}${index === "off" ? ", register index off" : ""}`;
    if (index === "on") {
      const built = server
        .output()
        .match(/Register index: ([\d,]+) activities .*built in (\d+) ms/);
      if (!built) throw new Error(`the register index was not built: ${server.output()}`);
      if (cache === "on")
        rows.push(
          {
            figure: `${name}, ${size} activities: register index built`,
            value: Number(built[2]),
            unit: "ms",
          },
          {
            figure: `${name}, ${size} activities: server memory (RSS) with the index built`,
            value: rssOf(server.child.pid),
            unit: "MB",
          },
        );
    } else
      rows.push({
        figure: `${name}, ${size} activities: server memory (RSS) without the index`,
        value: rssOf(server.child.pid),
        unit: "MB",
      });
    const loads: [string, Awaited<ReturnType<typeof run>>][] = [];
    try {
      const next = randomUrls(size);
      if (LOADS.has("pages"))
        loads.push([
          "random pages by number",
          await run(server.url, {
            headers,
            requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: next() }) }],
          }),
        ]);
      const cursors = LOADS.has("cursors")
        ? await harvest(server.url, headers, size, 200)
        : new Cursors();
      if (LOADS.has("cursors"))
        loads.push([
          "random pages by cursor",
          await run(server.url, {
            headers,
            requests: [
              {
                method: "GET",
                setupRequest: (req, context) => {
                  const path = cursors.next() ?? next();
                  (context as { path?: string }).path = path;
                  return { ...req, path };
                },
                onResponse: (_status, body, context) => {
                  // The answer's own cursors join the pool (its path is kept by setupRequest).
                  cursors.take(String((context as { path?: string }).path ?? ""), body);
                },
              },
            ],
          }),
        ]);
      if (cache === "on" && index === "on" && LOADS.has("put"))
        loads.push(["update (PUT)", await updates(server.url, headers, size, seeded.versions)]);
    } finally {
      await stop(server.child);
    }
    for (const [what, basis] of loads) {
      const b = await start([bare], {});
      const reference = await run(`${b.url}/`);
      await stop(b.child);
      const label = `${name}, ${size} activities, ${config}: ${what}`;
      // The goal: p99 50 ms on PostgreSQL and 100 on PGlite, within twice that with
      // the read cache off; an update's on PGlite 500 ms.
      const pages = (name === "PGlite" ? 100 : 50) * (cache === "off" ? 2 : 1);
      const goal =
        index === "off"
          ? undefined
          : what.startsWith("update")
            ? name === "PGlite"
              ? "p99 <= 500 ms"
              : undefined
            : `p99 <= ${pages} ms`;
      rows.push(
        {
          figure: `${label}, req/s`,
          value: basis.rps,
          unit: "req/s",
          reference: { figure: "bare Fastify route, req/s", value: reference.rps },
        },
        {
          figure: `${label}, p50`,
          value: basis.p50,
          unit: "ms",
          reference: { figure: "bare Fastify route, p50", value: reference.p50 },
        },
        {
          figure: `${label}, p99`,
          value: basis.p99,
          unit: "ms",
          reference: { figure: "bare Fastify route, p99", value: reference.p99 },
          ...(goal ? { goal } : {}),
        },
        { figure: `${label}, failed requests`, value: basis.failed, unit: "requests", goal: "0" },
      );
    }
  }
  return rows;
}

/** A process's resident memory, in MB (Linux). */
function rssOf(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(status.match(/VmRSS:\s+(\d+) kB/)?.[1] ?? Number.NaN) / 1024);
}

export async function registerBench(): Promise<Row[]> {
  const tmp = mkdtempSync(join(tmpdir(), "basis-bench-register-"));
  const rows: Row[] = [];
  try {
    const bare = writeBareFastify(tmp);
    if (seededDir) {
      const store = await openStore({ dataDir: seededDir, databaseUrl: "", registerIndex: false });
      const size = (await store.assessments.list({ pageSize: 1 })).total;
      await store.close();
      // An empty register has too few URLs to ask each once (the loads would never end).
      if (size === 0)
        throw new Error(
          `BENCH_REGISTER_PGLITE_DIR: ${seededDir} holds no activities (name the data directory, not its pg folder)`,
        );
      return await backend(
        "PGlite",
        size,
        { DATABASE_URL: "" },
        ["--data-dir", seededDir],
        () => openStore({ dataDir: seededDir, databaseUrl: "", registerIndex: false }),
        bare,
      );
    }
    for (const size of SIZES) {
      // BENCH_REGISTER_KEEP_DIR keeps the seeded PGlite register of the largest size there, for
      // the web bench (BENCH_WEB_DATA_DIR) or a later run (BENCH_REGISTER_PGLITE_DIR).
      const keep = keptDir && size === Math.max(...SIZES) ? keptDir : undefined;
      const dataDir = keep ?? join(tmp, `data-${size}`);
      if (BACKENDS.has("pglite"))
        rows.push(
          ...(await backend(
            "PGlite",
            size,
            { DATABASE_URL: "" },
            ["--data-dir", dataDir],
            () => openStore({ dataDir, databaseUrl: "", registerIndex: false }),
            bare,
          )),
        );
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
      if (BACKENDS.has("postgres") && postgresAvailable()) {
        const pg = await startPostgres();
        try {
          const url = await pg.createDatabase();
          rows.push(
            ...(await backend(
              "PostgreSQL",
              size,
              { DATABASE_URL: url },
              [],
              () => openStore({ databaseUrl: url, registerIndex: false }),
              bare,
            )),
          );
        } finally {
          pg.stop();
        }
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}
