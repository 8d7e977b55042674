/**
 * @module server/logging
 * The server log: Fastify's logger (pino), one JSON object a line, each line of a request
 * carrying its request id, which every response also carries (`x-request-id`). By default a
 * line holds no user data and no SQL: a request is logged by its method and route pattern
 * (`/api/assessments/:id`, never the slug, the query string or the client address), and an
 * error by its class, its database code and its stack frames, not its message when that may
 * quote a statement or a value. At level `debug` the full path and message are logged too.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { databaseCode, isDatabaseError } from "../store/db-errors.ts";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogOptions {
  level: string;
  /** Where the lines go (standard output when absent). */
  stream?: { write(line: string): void };
}

/** A request id a proxy sent is kept when it is short and plain; otherwise one is made. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdOf(raw: IncomingMessage): string {
  const given = raw.headers["x-request-id"];
  return typeof given === "string" && SAFE_ID.test(given) ? given : randomUUID();
}

/** Whether a message may be logged as it is: debug and trace are the operator's opt-in. */
const detailed = (level: string) => level === "debug" || level === "trace";

interface ErrorLike {
  name?: string;
  message?: string;
  code?: unknown;
  stack?: string;
  cause?: unknown;
}

/** An error as a log line may hold it: see the module comment. */
export function loggableError(
  error: unknown,
  full = false,
): { type: string; message: string; stack: string; code?: string; cause?: unknown } {
  const e = (error ?? {}) as ErrorLike;
  const frames = (e.stack ?? "")
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .map((l) => l.trim());
  const code = databaseCode(e) ?? (typeof e.code === "string" ? e.code : undefined);
  const message =
    full || !isDatabaseError(e) ? (e.message ?? "") : `database error${code ? ` ${code}` : ""}`;
  return {
    type: e.name ?? typeof error,
    message,
    stack: frames.join("\n"),
    ...(code ? { code } : {}),
    ...(full && e.cause ? { cause: loggableError(e.cause, true) } : {}),
  };
}

/** Fastify's logger options for a level, with the serialisers that keep user data out. */
export function loggerOptions(log: LogOptions | false | undefined) {
  if (!log) return false;
  const full = detailed(log.level);
  return {
    level: log.level,
    ...(log.stream ? { stream: log.stream } : {}),
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        route: req.routeOptions?.url ?? "(no route)",
        ...(full ? { url: req.url } : {}),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: (err: unknown) => loggableError(err, full),
    },
  };
}

/** Every response carries the id its log lines have. */
export function addRequestIds(app: FastifyInstance): void {
  app.addHook("onRequest", (request, reply, done) => {
    reply.header("x-request-id", request.id);
    done();
  });
}
