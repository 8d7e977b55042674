/**
 * An API token never outranks the person who made it: disabling the owner revokes their
 * tokens, demoting them caps what their tokens may do, and a token made with a token belongs
 * to the same person. Run on both backends, through the store and over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../src/server/build-server.ts";
import type { Store } from "../src/store/index.ts";
import { storeBackends } from "./support/backends.ts";

const NOW = new Date("2026-11-22T09:00:00Z");
const backends = storeBackends("basis-owner-");

describe.each(backends.list)("API tokens and their owner on $name", ({ open }) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  const person = (email: string) =>
    store.accounts.createUser({ email, name: email, role: "admin", passwordHash: "x" }, "t", NOW);

  it("caps a token at its owner's current role and revokes it for good when the owner is disabled", async () => {
    const owner = await person("owner@example.org");
    const admin = await store.accounts.createApiToken(
      { name: "a", role: "admin" },
      owner.id,
      "t",
      NOW,
    );
    const viewer = await store.accounts.createApiToken(
      { name: "v", role: "viewer" },
      owner.id,
      "t",
      NOW,
    );
    expect((await store.accounts.tokenPrincipal(admin.token))?.role).toBe("admin");

    await store.accounts.updateUser(owner.id, { role: "editor" }, "t", NOW);
    expect((await store.accounts.tokenPrincipal(admin.token))?.role).toBe("editor");
    expect((await store.accounts.tokenPrincipal(viewer.token))?.role).toBe("viewer");

    await store.accounts.updateUser(owner.id, { disabled: true }, "t", NOW);
    expect(await store.accounts.tokenPrincipal(admin.token)).toBeUndefined();
    expect(await store.accounts.tokenPrincipal(viewer.token)).toBeUndefined();
    const listed = await store.accounts.listApiTokens();
    for (const t of [admin, viewer])
      expect(listed.find((l) => l.id === t.id)?.revokedAt).toBe(NOW.toISOString());
    const events = await store.audit.list(0, 1000);
    expect(
      events
        .filter((e) => e.action === "token.revoke")
        .map((e) => e.entityId)
        .sort(),
    ).toEqual([admin.id, viewer.id].sort());

    // Enabling the person again does not bring their tokens back.
    await store.accounts.updateUser(owner.id, { disabled: false, role: "admin" }, "t", NOW);
    expect(await store.accounts.tokenPrincipal(admin.token)).toBeUndefined();
    expect((await store.audit.verify()).ok).toBe(true);
  });

  it("over HTTP: a demoted owner's token loses admin routes at once, and a token made with a token follows the same owner", async () => {
    const app = await buildServer({ store, now: () => NOW });
    try {
      const owner = await person("http-owner@example.org");
      const first = await store.accounts.createApiToken(
        { name: "a", role: "admin" },
        owner.id,
        "t",
        NOW,
      );
      const made = await app.inject({
        method: "POST",
        url: "/api/tokens",
        headers: { authorization: `Bearer ${first.token}` },
        payload: { name: "made-by-token", role: "admin" },
      });
      expect(made.statusCode, made.body).toBe(201);
      const second = made.json().token as string;
      const users = (t: string) =>
        app.inject({ method: "GET", url: "/api/users", headers: { authorization: `Bearer ${t}` } });
      expect((await users(second)).statusCode).toBe(200);

      await store.accounts.updateUser(owner.id, { role: "viewer" }, "t", NOW);
      for (const t of [first.token, second]) {
        expect((await users(t)).statusCode).toBe(403);
        const read = await app.inject({
          method: "GET",
          url: "/api/assessments",
          headers: { authorization: `Bearer ${t}` },
        });
        expect(read.statusCode).toBe(200);
      }
      await store.accounts.updateUser(owner.id, { disabled: true }, "t", NOW);
      for (const t of [first.token, second]) expect((await users(t)).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it("leaves a token made without a person (by the CLI or set-up) as it was", async () => {
    const t = await store.accounts.createApiToken({ name: "ci", role: "editor" }, null, "cli", NOW);
    await person("someone-else@example.org");
    expect((await store.accounts.tokenPrincipal(t.token))?.role).toBe("editor");
  });
});
