/**
 * @module server/upkeep
 * The embedded database's upkeep, while the server is idle. PostgreSQL's autovacuum works in
 * background processes; PGlite has none. Without it every update leaves the old row behind
 * and clears its page's all-visible bit, and the register's index-only scans read those rows
 * from the table again: after 3,000 updates on a 100,000-activity register, a page 25,000
 * rows deep read 17,421 rows from the table and took 30 ms instead of 11 ms, until a vacuum
 * set it right (1.3 s there, statistics included). PGlite works on this process's thread, so
 * the server answers nothing while it runs. It runs when no request has been in flight for
 * `idleMs` (a request that comes meanwhile waits for it): the first time after the server
 * starts (writes made before it started were not counted; 60-140 ms on that register with
 * nothing to clean), and then once `writes` writes were made since the last (with the
 * register's statistics: 0.7 s there with nothing to clean). Nothing runs on PostgreSQL
 * (`Store.upkeep`). A restore vacuums by itself, as a large import does.
 */
import type { FastifyInstance } from "fastify";
import type { Store } from "../store/index.ts";

export interface UpkeepOptions {
  /** Writes since the last upkeep that make another one due (default 200). */
  writes?: number;
  /**
   * How long the server must have had no request in flight (default 10 s): longer than
   * somebody reading a screen between two clicks usually takes, so that the upkeep seldom
   * makes them wait. With 2 s it ran in the middle of the web bench's clicks.
   */
  idleMs?: number;
  /** How often to look (default 1,000 ms). */
  checkMs?: number;
  /** Where a failed upkeep is told (the server's log). */
  onError?: (e: unknown) => void;
}

/** Runs `store.upkeep` when it is due and the server idle, until the server closes. */
export function scheduleUpkeep(app: FastifyInstance, store: Store, opts: UpkeepOptions = {}) {
  const writes = opts.writes ?? 200;
  const idleMs = opts.idleMs ?? 10_000;
  let inFlight = 0;
  let lastActive = performance.now();
  let running: Promise<unknown> | undefined;
  app.addHook("onRequest", (_request, reply, done) => {
    inFlight++;
    lastActive = performance.now();
    // A response's "close" comes once it is sent, or once the client went away.
    reply.raw.once("close", () => {
      inFlight--;
      lastActive = performance.now();
    });
    done();
  });
  const timer = setInterval(() => {
    if (running || inFlight > 0 || performance.now() - lastActive < idleMs) return;
    running = store
      .upkeep(writes)
      .catch((e: unknown) => opts.onError?.(e))
      .finally(() => {
        running = undefined;
      });
  }, opts.checkMs ?? 1000);
  timer.unref();
  app.addHook("onClose", async () => {
    clearInterval(timer);
    await running;
  });
}
