/**
 * @module notify/timer
 * The reminder schedule of `basis serve`: a tick at start and every BASIS_REMINDER_INTERVAL
 * seconds (default 300) while SMTP or a webhook is configured. Ticks never overlap, and a
 * failing tick is reported and retried at the next one; the outbox makes every instance's
 * ticks safe to run side by side.
 */
import type { Store } from "../store/index.ts";
import { DEFAULT_REMINDER_DAYS, runReminders } from "./run-reminders.ts";
import { transportFromEnv } from "./transports.ts";

export const DEFAULT_INTERVAL_SECONDS = 300;

function whole(value: string | undefined, min: number, max: number): number | undefined {
  const n = Number(value);
  return value !== undefined && value !== "" && Number.isInteger(n) && n >= min && n <= max
    ? n
    : undefined;
}

/** BASIS_REMINDER_DAYS when it is a whole number of days (0–366), else 30. */
export function reminderDays(env: NodeJS.ProcessEnv = process.env): number {
  return whole(env.BASIS_REMINDER_DAYS, 0, 366) ?? DEFAULT_REMINDER_DAYS;
}

export interface ReminderTimer {
  /** Seconds between ticks. */
  seconds: number;
  /** Resolves when a tick in progress has finished. */
  stop(): Promise<void>;
}

/** Start the schedule; undefined (nothing started) when no SMTP server or webhook is set. */
export function startReminderTimer(o: {
  store: Store;
  now: () => Date;
  baseUrl?: string | undefined;
  log: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}): ReminderTimer | undefined {
  const env = o.env ?? process.env;
  const transport = transportFromEnv(env);
  if (!transport) return undefined;
  const seconds = whole(env.BASIS_REMINDER_INTERVAL, 1, 86_400) ?? DEFAULT_INTERVAL_SECONDS;
  const days = reminderDays(env);
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = runReminders({ store: o.store, now: o.now(), transport, days, baseUrl: o.baseUrl })
      .then((r) => {
        if (r.sent > 0 || r.failed > 0)
          o.log(
            `reminders: ${r.sent} sent, ${r.failed} failed${r.errors[0] ? ` (${r.errors[0]})` : ""}`,
          );
      })
      .catch((e: unknown) => o.log(`reminders: tick failed: ${(e as Error).message}`))
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  return {
    seconds,
    async stop() {
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}
