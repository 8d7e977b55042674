/**
 * @module notify/anchor-timer
 * The audit trail's anchor schedule of `basis serve`: at start and every
 * BASIS_AUDIT_ANCHOR_INTERVAL seconds (default 3600), when the head has moved, an anchor
 * (see store/audit-anchor) signed with BASIS_AUDIT_KEY is appended to BASIS_AUDIT_ANCHOR_FILE
 * and POSTed as JSON to BASIS_AUDIT_ANCHOR_URL, whichever are set. Both should be out of reach
 * of whoever can write to the database. A failed write is reported and tried again at the next
 * tick; ticks never overlap.
 */
import { appendFile } from "node:fs/promises";
import { anchorOf, auditKey } from "../store/audit-anchor.ts";
import type { Store } from "../store/index.ts";

export const DEFAULT_ANCHOR_SECONDS = 3600;

export interface AnchorTimer {
  seconds: number;
  /** Anchor now if the head moved; resolves when done (ticks run one after another). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/** Start the schedule; undefined when no anchor file or URL is set. Throws without a usable key. */
export function startAnchorTimer(o: {
  store: Store;
  now: () => Date;
  log: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}): AnchorTimer | undefined {
  const env = o.env ?? process.env;
  const file = env.BASIS_AUDIT_ANCHOR_FILE || undefined;
  const url = env.BASIS_AUDIT_ANCHOR_URL || undefined;
  if (!file && !url) return undefined;
  const key = auditKey(env);
  if (!key.ok) throw new Error(`BASIS_AUDIT_ANCHOR_FILE/_URL: ${key.message}`);
  const n = Number(env.BASIS_AUDIT_ANCHOR_INTERVAL);
  const seconds = Number.isInteger(n) && n >= 1 && n <= 7 * 86_400 ? n : DEFAULT_ANCHOR_SECONDS;
  let last: string | undefined;
  let chain: Promise<void> = Promise.resolve();

  const once = async () => {
    const head = await o.store.audit.head();
    if (head.hash === last) return;
    const anchor = anchorOf(head, key.key, o.now());
    const line = JSON.stringify(anchor);
    if (file) await appendFile(file, `${line}\n`, { mode: 0o600 });
    if (url) {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: line,
        signal: AbortSignal.timeout(10_000),
      });
      await res.text();
      if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    }
    last = head.hash;
  };
  const tick = () => {
    chain = chain.then(once).catch((e: unknown) => {
      o.log(`audit anchor: not written: ${(e as Error).message}; trying again next time`);
    });
    return chain;
  };
  void tick();
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  return {
    seconds,
    tick,
    async stop() {
      clearInterval(timer);
      await chain;
    },
  };
}
