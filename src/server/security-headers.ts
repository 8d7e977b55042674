/**
 * @module server/security-headers
 * Helmet's security headers, computed once. @fastify/helmet rebuilds its middleware and
 * re-parses the content security policy on every request (about a tenth of the cost of a
 * cached read); the headers depend on the options alone, so they are taken once from a
 * throwaway instance and then set as they are.
 */
import helmet, { type FastifyHelmetOptions } from "@fastify/helmet";
import Fastify, { type FastifyInstance } from "fastify";
import { SCHEMA_CONTROLLER } from "./fastify-options.ts";

/** Set by Node or Fastify on every response, not by helmet. */
const NOT_HELMETS = new Set(["content-type", "content-length", "date", "connection", "keep-alive"]);

export async function securityHeaders(
  options: FastifyHelmetOptions,
): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false, schemaController: SCHEMA_CONTROLLER });
  await probe.register(helmet, options);
  probe.get("/", async () => "");
  const res = await probe.inject({ method: "GET", url: "/" });
  await probe.close();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers))
    if (!NOT_HELMETS.has(name) && value !== undefined) headers[name] = String(value);
  return headers;
}

/** Every response, API, pages and 404s alike, carries the headers. */
export async function addSecurityHeaders(
  app: FastifyInstance,
  options: FastifyHelmetOptions,
): Promise<void> {
  const headers = await securityHeaders(options);
  app.addHook("onRequest", (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
