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

  it("refuses a token with a higher role than its maker's with a coded 403, and makes none", async () => {
    const app = await buildServer({ store, now: () => NOW });
    try {
      const editor = await store.accounts.createUser(
        { email: "editor-maker@example.org", name: "Ed", role: "editor", passwordHash: "x" },
        "t",
        NOW,
      );
      const own = await store.accounts.createApiToken(
        { name: "own", role: "editor" },
        editor.id,
        "t",
        NOW,
      );
      const as = { authorization: `Bearer ${own.token}` };
      const before = await store.accounts.listApiTokens({ ownerId: editor.id });
      for (const role of ["approver", "admin"]) {
        const r = await app.inject({
          method: "POST",
          url: "/api/tokens",
          headers: as,
          payload: { name: "too-high", role },
        });
        expect(r.statusCode, r.body).toBe(403);
        expect(r.json().error.code).toBe("role_above_own");
        expect(r.json().error.details.issues[0].path).toBe("body.role");
      }
      expect(await store.accounts.listApiTokens({ ownerId: editor.id })).toEqual(before);
      const same = await app.inject({
        method: "POST",
        url: "/api/tokens",
        headers: as,
        payload: { name: "same", role: "editor" },
      });
      expect(same.statusCode, same.body).toBe(201);
    } finally {
      await app.close();
    }
  });

  it("over HTTP: a person lists and revokes only their own tokens; an admin may list and revoke anyone's", async () => {
    const app = await buildServer({ store, now: () => NOW });
    try {
      const viewer = await store.accounts.createUser(
        { email: "viewer-own@example.org", name: "Vi", role: "viewer", passwordHash: "x" },
        "t",
        NOW,
      );
      const other = await person("other-own@example.org");
      const mine = await store.accounts.createApiToken(
        { name: "mine", role: "viewer" },
        viewer.id,
        "t",
        NOW,
      );
      const theirs = await store.accounts.createApiToken(
        { name: "theirs", role: "admin" },
        other.id,
        "t",
        NOW,
      );
      const call = (token: string, method: "GET" | "DELETE", url: string) =>
        app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });

      const listed = await call(mine.token, "GET", "/api/tokens");
      expect(listed.statusCode, listed.body).toBe(200);
      expect(listed.json().tokens.map((t: { name: string }) => t.name)).toEqual(["mine"]);
      const all = await call(mine.token, "GET", "/api/tokens?scope=all");
      expect(all.statusCode).toBe(403);
      expect(all.json().error.code).toBe("forbidden");

      // Another's token is not found, and stays valid.
      const refused = await call(mine.token, "DELETE", `/api/tokens/${theirs.id}`);
      expect(refused.statusCode).toBe(404);
      expect(refused.json().error.code).toBe("not_found");
      expect(await store.accounts.tokenPrincipal(theirs.token)).toBeDefined();

      const everyone = await call(theirs.token, "GET", "/api/tokens?scope=all");
      expect(everyone.statusCode).toBe(200);
      expect(everyone.json().tokens.map((t: { id: string }) => t.id)).toContain(mine.id);
      expect((await call(theirs.token, "DELETE", `/api/tokens/${mine.id}`)).statusCode).toBe(204);
      expect(await store.accounts.tokenPrincipal(mine.token)).toBeUndefined();
      expect((await call(theirs.token, "DELETE", `/api/tokens/${theirs.id}`)).statusCode).toBe(204);
      expect((await call(theirs.token, "GET", "/api/tokens")).statusCode).toBe(401);
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
