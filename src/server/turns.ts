/**
 * @module server/turns
 * API requests take turns: each one's work starts in an event-loop turn of its own, in the
 * order they arrived. Node accepts new connections and reads new requests between turns, so
 * when a busy server started every waiting request's work in the same turn, a connection
 * opened meanwhile waited for all of them, turn after turn: with 50 connections opened at
 * once on a saturated server (PGlite runs on this thread), the last ones were accepted after
 * more than 10 s, and their first requests timed out. Measured on a bare Fastify route doing
 * 9 ms of work a request, 50 connections for 10 s: p99 6.4 s and 20 timeouts without turns,
 * p99 1.0 s and none with them, at the same throughput.
 */
const waiting: (() => void)[] = [];
let scheduled = false;

function next(): void {
  const go = waiting.shift();
  if (waiting.length > 0) setImmediate(next);
  else scheduled = false;
  go?.();
}

/** Resolves in a later turn of the event loop, after the requests that asked before. */
export function turn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(next);
    }
  });
}
