/**
 * @module server/build-server
 * `buildServer(deps)` assembles the HTTP app and returns it without listening: tests call it
 * in-process with `app.inject`, `basis serve` binds the port. The server holds no state of
 * its own — sessions, rate-limit counters aside, live in the database, and the store's read
 * cache is exact across instances — so several instances can serve one PostgreSQL database.
 */

import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance } from "fastify";
import { PACKAGE_VERSION } from "../content/paths.ts";
import { DomainError } from "../core/errors.ts";
import type { Principal } from "../store/accounts.ts";
import { SCHEMA_CONTROLLER } from "./fastify-options.ts";
import { addRequestIds, loggerOptions, requestIdOf } from "./logging.ts";
import {
  installErrorHandler,
  openApiDocument,
  type Responds,
  type RouteSpec,
  register,
  type ServerDeps,
} from "./route.ts";
import { accountRoutes } from "./routes/accounts.ts";
import { assessmentRoutes } from "./routes/assessments.ts";
import { auditRoutes } from "./routes/audit.ts";
import { backupRoutes } from "./routes/backup.ts";
import { commentRoutes } from "./routes/comments.ts";
import { contentRoutes } from "./routes/content.ts";
import { dashboardRoutes } from "./routes/dashboard.ts";
import { documentRoutes } from "./routes/documents.ts";
import { dpiaRoutes } from "./routes/dpia.ts";
import { draftRoutes } from "./routes/drafts.ts";
import { objectionRoutes } from "./routes/objections.ts";
import { reviewRoutes } from "./routes/reviews.ts";
import { setupPage } from "./routes/setup-page.ts";
import { signOffRoutes } from "./routes/sign-off.ts";
import { systemRoutes } from "./routes/system.ts";
import { addSecurityHeaders } from "./security-headers.ts";
import { scheduleUpkeep } from "./upkeep.ts";
import { serveWebApp } from "./web-app.ts";

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

export const SESSION_COOKIE = "basis_session";
export const API_VERSION = PACKAGE_VERSION;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Every API route, in one list: registration, OpenAPI and the authorisation matrix use it. */
export function allRoutes(): RouteSpec<never, never, never, Responds>[] {
  return [
    ...systemRoutes(),
    ...accountRoutes(),
    ...assessmentRoutes(),
    ...draftRoutes(),
    ...documentRoutes(),
    ...auditRoutes(),
    ...backupRoutes(),
    ...contentRoutes(),
    ...dashboardRoutes(),
    ...signOffRoutes(),
    ...commentRoutes(),
    ...reviewRoutes(),
    ...objectionRoutes(),
    ...dpiaRoutes(),
  ] as RouteSpec<never, never, never, Responds>[];
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.log),
    genReqId: requestIdOf,
    requestIdHeader: false,
    bodyLimit: 6 * 1024 * 1024,
    trustProxy: deps.trustProxy?.length ? deps.trustProxy : false,
    schemaController: SCHEMA_CONTROLLER,
  });
  addSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        "form-action": ["'self'"],
        // Upgrading requests to https breaks the app on plain HTTP (a LAN address without
        // TLS): the browser asks for scripts and form posts over https, which nobody answers.
        // Kept when the server is told it runs behind HTTPS.
        ...(deps.secureCookies ? {} : { "upgrade-insecure-requests": null }),
      },
    },
  });
  addRequestIds(app);
  if (deps.upkeep !== false)
    scheduleUpkeep(app, deps.store, {
      ...deps.upkeep,
      onError: (e) => app.log.error({ err: e }, "the embedded database's upkeep failed"),
    });
  // JSON and every other compressible answer goes out brotli- or gzip-compressed when the
  // client accepts it (brotli at quality 4, none under 1 KB; answers up to 64 KB, a register
  // page of 100 rows is 37 KB, in one call rather than through a zlib stream, which costs
  // more than the compression at that size on a small machine);
  // the web app's files keep the copies compressed at build time (their content-encoding is
  // already set, so they are left alone).
  await app.register(compress, {
    encodings: ["br", "gzip"],
    threshold: 1024,
    syncThreshold: 65536,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  app.addContentTypeParser(
    ["application/yaml", "text/yaml", "application/x-yaml", "text/plain"],
    { parseAs: "string" },
    (_req, body, done) => done(null, body),
  );
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  app.decorateRequest("principal", undefined);
  installErrorHandler(app);

  // Authenticate every request: a bearer API token, or a session cookie (whose writes must
  // carry the session's CSRF token).
  app.addHook("preHandler", async (request) => {
    const auth = request.headers.authorization;
    const now = deps.now();
    if (auth?.startsWith("Bearer ")) {
      const principal = await deps.store.accounts.tokenPrincipal(auth.slice(7).trim());
      if (!principal)
        throw new DomainError("unauthenticated", "the API token is not valid or was revoked");
      request.principal = principal;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const principal = await deps.store.accounts.sessionPrincipal(token, now);
    if (!principal) return;
    if (
      !SAFE_METHODS.has(request.method) &&
      request.headers["x-csrf-token"] !== principal.csrfToken
    ) {
      throw new DomainError(
        "forbidden",
        "missing or wrong x-csrf-token header for a cookie session",
        { csrf: true },
      );
    }
    request.principal = principal;
  });

  const routes = allRoutes();
  for (const spec of routes) register(app, deps, spec);
  // Made on the first request for it: the routes' JSON Schemas are not needed to start.
  let openapi: ReturnType<typeof openApiDocument> | undefined;
  app.get("/api/openapi.json", async () => (openapi ??= openApiDocument(routes, API_VERSION)));
  setupPage(app, deps);
  await serveWebApp(app);
  return app;
}
