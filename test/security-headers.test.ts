/**
 * Helmet's security headers are computed once at start (the plugin rebuilt them on every
 * request); every response still carries them, API answers and unknown routes alike.
 */
import { describe, expect, it } from "vitest";
import { buildServer } from "../src/server/build-server.ts";
import type { Store } from "../src/store/index.ts";

const store = { database: { kind: "pglite", location: "test" } } as unknown as Store;

describe("security headers", () => {
  it("sets the content security policy and helmet's other headers on every response", async () => {
    const app = await buildServer({ store, now: () => new Date("2026-11-22T09:00:00Z") });
    try {
      for (const url of ["/api/health", "/api/no-such-route"]) {
        const res = await app.inject({ method: "GET", url });
        expect(res.headers["content-security-policy"]).toContain("form-action 'self'");
        expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
        expect(res.headers["x-content-type-options"]).toBe("nosniff");
        expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
        expect(res.headers["strict-transport-security"]).toMatch(/^max-age=\d+/);
      }
    } finally {
      await app.close();
    }
  });
});
