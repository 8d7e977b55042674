/**
 * @module server/security-headers
 * Helmet's security headers, computed once. The headers depend on the options alone, so
 * helmet's middleware runs once at start against a response that only records what it sets,
 * and every response then gets them as they are (@fastify/helmet ran the middleware, and
 * re-parsed the content security policy, on every request; a throwaway Fastify instance
 * probed once cost 0.1–0.2 s of each start).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import helmet, { type HelmetOptions } from "helmet";

/** The headers helmet's middleware sets with `options`, names in lower case. */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failed: unknown;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (e) => {
    failed = e;
  });
  if (failed) throw failed;
  return headers;
}

/** Every response, API, pages and 404s alike, carries the headers. */
export function addSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers = securityHeaders(options);
  app.addHook("onRequest", (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
