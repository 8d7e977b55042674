/**
 * The built web app goes out compressed: for each encoding a browser may accept, the server
 * sends the copy the build made (scripts/build-web.mjs) with its content-encoding, and the
 * body decodes to the very file; a client accepting none gets the file itself. API answers
 * are compressed as they are sent (a register page), small ones are not, and the web app's
 * files are not compressed twice through the full server.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../src/server/build-server.ts";
import { serveWebApp, WEB_DIR } from "../src/server/web-app.ts";
import { openStore, type Store } from "../src/store/index.ts";
import { anAssessment } from "./builders.ts";

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

describe("API answers, compressed", () => {
  const dir = mkdtempSync(join(tmpdir(), "basis-compress-"));
  let store: Store;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let auth: { authorization: string };

  beforeAll(async () => {
    store = await openStore({ dataDir: dir, databaseUrl: "" });
    const ctx = { actor: "test", now: new Date(), today: "2026-11-22" };
    await store.assessments.importDocuments(
      Array.from({ length: 30 }, (_, i) =>
        anAssessment()
          .with((a) => {
            a.id = `compressed-${i}`;
          })
          .build(),
      ),
      ctx,
    );
    const t = await store.accounts.createApiToken(
      { name: "t", role: "viewer" },
      null,
      "t",
      ctx.now,
    );
    auth = { authorization: `Bearer ${t.token}` };
    app = await buildServer({ store, now: () => new Date() });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ["br", brotliDecompressSync],
    ["gzip", gunzipSync],
  ] as const)(
    "sends a register page as %s when asked, decoding to the same JSON",
    async (enc, decode) => {
      const url = "/api/activities?pageSize=30";
      const plain = await app.inject({ url, headers: { ...auth, "accept-encoding": "identity" } });
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.json().items).toHaveLength(30);
      const r = await app.inject({
        url,
        headers: { ...auth, "accept-encoding": enc === "br" ? "gzip, br" : "gzip" },
      });
      expect(r.statusCode).toBe(200);
      expect(r.headers["content-encoding"]).toBe(enc);
      expect(String(r.headers.vary)).toMatch(/accept-encoding/i);
      expect(r.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
      expect(JSON.parse(Buffer.from(decode(r.rawPayload)).toString("utf8"))).toEqual(plain.json());
    },
  );

  it("leaves an answer under 1 KB as it is", async () => {
    const r = await app.inject({ url: "/api/health", headers: { "accept-encoding": "br, gzip" } });
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.length).toBeLessThan(1024);
    expect(r.headers["content-encoding"]).toBeUndefined();
    expect(r.json()).toMatchObject({});
  });

  it("sends the web app's build-time copy once, not compressed again", async () => {
    const file = readdirSync(join(WEB_DIR, "assets")).find((f) => f.endsWith(".js")) as string;
    const r = await app.inject({ url: `/assets/${file}`, headers: { "accept-encoding": "br" } });
    expect(r.headers["content-encoding"]).toBe("br");
    expect(r.rawPayload.equals(readFileSync(join(WEB_DIR, "assets", `${file}.br`)))).toBe(true);
  });
});
