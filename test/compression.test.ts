/**
 * The built web app goes out compressed: for each encoding a browser may accept, the server
 * sends the copy the build made (scripts/build-web.mjs) with its content-encoding, and the
 * body decodes to the very file; a client accepting none gets the file itself.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { serveWebApp, WEB_DIR } from "../src/server/web-app.ts";

describe("the web app's files, compressed", () => {
  const assets = readdirSync(join(WEB_DIR, "assets"));
  const biggest = (ext: string) =>
    assets
      .filter((f) => f.endsWith(ext))
      .map((f) => ({ f, size: readFileSync(join(WEB_DIR, "assets", f)).length }))
      .sort((a, b) => b.size - a.size)[0]?.f as string;

  it.each([
    ["br", brotliDecompressSync],
    ["gzip", gunzipSync],
  ] as const)("sends %s when the browser accepts it, decoding to the file", async (enc, decode) => {
    const app = Fastify();
    await serveWebApp(app);
    try {
      for (const file of [biggest(".js"), biggest(".css")]) {
        const original = readFileSync(join(WEB_DIR, "assets", file));
        const r = await app.inject({
          url: `/assets/${file}`,
          headers: { "accept-encoding": enc === "br" ? "br, gzip" : "gzip" },
        });
        expect(r.statusCode).toBe(200);
        expect(r.headers["content-encoding"]).toBe(enc);
        expect(String(r.headers.vary)).toMatch(/accept-encoding/i);
        expect(r.rawPayload.length).toBeLessThan(original.length / 2);
        expect(Buffer.from(decode(r.rawPayload)).equals(original)).toBe(true);
      }
    } finally {
      await app.close();
    }
  });

  it("sends the file itself to a client that accepts no encoding", async () => {
    const app = Fastify();
    await serveWebApp(app);
    try {
      const file = biggest(".js");
      const r = await app.inject({ url: `/assets/${file}`, headers: { "accept-encoding": "" } });
      expect(r.headers["content-encoding"]).toBeUndefined();
      expect(r.rawPayload.equals(readFileSync(join(WEB_DIR, "assets", file)))).toBe(true);
    } finally {
      await app.close();
    }
  });
});
