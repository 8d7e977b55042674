/**
 * @module server/web-app
 * Serves the built web app (`dist/web`, made by `npm run build:web`) beside the API. Every
 * GET that is not an API call or a file falls back to `index.html`, so a deep link such as
 * `/activities/levqor` opens the app at that screen. Hashed assets are cached for a year;
 * `index.html` never is, so a new build reaches the browser on the next load. Files go out
 * brotli- or gzip-compressed when the browser accepts it, from copies made at build time.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { PACKAGE_ROOT } from "../content/paths.ts";
import { errorBody } from "./errors.ts";

export const WEB_DIR = join(PACKAGE_ROOT, "dist", "web");

export async function serveWebApp(app: FastifyInstance, dir = WEB_DIR): Promise<void> {
  const built = existsSync(join(dir, "index.html"));
  if (built) {
    await app.register(fastifyStatic, {
      root: dir,
      wildcard: false,
      index: false,
      // The build wrote .br and .gz copies of every text file (scripts/build-web.mjs).
      preCompressed: true,
      setHeaders(reply, path) {
        reply.header(
          "cache-control",
          path.includes(`${join(dir, "assets")}`)
            ? "public, max-age=31536000, immutable"
            : "no-cache",
        );
      },
    });
  }
  // Files were registered one route each above; every other GET opens the app at that path.
  app.get("/*", async (request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    if (path.startsWith("/api/") || path.startsWith("/assets/"))
      return reply.status(404).send(errorBody("not_found", `no route GET ${path}`));
    if (!built)
      return reply
        .status(503)
        .type("text/plain; charset=utf-8")
        .send(
          "The web app is not built. Run `npm run build:web`, then reload; the API is at /api.",
        );
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
}
