/**
 * The REST API in-process (`app.inject`): every route succeeds for the roles its policy
 * allows, answers 401 without credentials and 403 for each role below it, and names the
 * failing field on bad input. Plus sessions, CSRF, rate limiting, stale updates and import.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { hasRole, ROLES, type Role } from "../src/core/vocabulary.ts";
import { allRoutes, buildServer } from "../src/server/build-server.ts";
import { hashPassword } from "../src/server/passwords.ts";
import { renderSignedPdf } from "../src/server/signed-pdf.ts";
import { openStore, type Store } from "../src/store/index.ts";
import { anAssessment } from "./builders.ts";
import { figure } from "./support/figures.ts";
import { seededRandom } from "./support/random.ts";

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const NOW = new Date("2026-11-22T09:00:00Z");
let dir: string;
let store: Store;
let app: FastifyInstance;
const tokens = {} as Record<Role, string>;
/** The person each role's token belongs to. */
const owners = {} as Record<Role, string>;
/** Every response of this file's app: how many, and which answered 5xx. */
const answered = { requests: 0, errors: [] as string[] };
let n = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "basis-api-"));
  store = await openStore({ dataDir: dir, databaseUrl: "", renderSigned: renderSignedPdf });
  app = await buildServer({ store, now: () => NOW });
  app.addHook("onResponse", async (request, reply) => {
    answered.requests++;
    if (reply.statusCode >= 500) answered.errors.push(`${request.method} ${request.url}`);
  });
  // Each role's token belongs to a person of that role, as tokens made in the app do.
  for (const role of ROLES) {
    const person = await store.accounts.createUser(
      { email: `${role}@api.example.org`, name: role, role, passwordHash: "x" },
      "test",
      NOW,
    );
    owners[role] = person.id;
    tokens[role] = (
      await store.accounts.createApiToken({ name: role, role }, person.id, "test", NOW)
    ).token;
  }
}, 60_000);
afterAll(async () => {
  figure(
    "API matrix and fuzz (in-process, PGlite)",
    `${answered.requests} requests sent, ${answered.errors.length} answered 5xx`,
  );
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const auth = (role: Role) => ({ authorization: `Bearer ${tokens[role]}` });
const doc = (id = `api-${++n}`) =>
  anAssessment()
    .with((a) => (a.id = id))
    .build();
const created = async () =>
  store.assessments.create(doc(), { actor: "test", now: NOW, today: "2026-11-22" });
const approvedOne = async () =>
  store.assessments.create(
    { ...doc(), status: "approved" },
    { actor: "test", now: NOW, today: "2026-11-22" },
  );

/** Not the author of what it signs ("test"): the author of a version may not approve it. */
const signer = { actor: "dpo", now: NOW, today: "2026-11-22", role: "admin", name: "T" } as const;
const inReview = async () => {
  const rec = await created();
  await store.signOff.submit(rec.id, 1, signer);
  return rec;
};
/** Approved by the DPO (the default required role), with its signed-off PDF kept. */
const signedOff = async () => {
  const rec = await inReview();
  await store.signOff.decide(rec.id, { version: 1, role: "dpo", decision: "approve" }, signer);
  return rec;
};
/** An assessment carrying a small DPIA section, for the DPIA routes. */
const withDpia = async () =>
  store.assessments.create(
    {
      ...doc(),
      dpia: {
        risks: [
          {
            id: "access",
            kind: "illegitimate-access",
            title: "Illegitimate access to data",
            before: { likelihood: "limited", severity: "significant" },
            after: { likelihood: "negligible", severity: "significant" },
          },
        ],
        measures: [{ id: "mfa", title: "Multi-factor authentication", status: "done" }],
      },
    },
    { actor: "test", now: NOW, today: "2026-11-22" },
  );
const cnilPia = () =>
  JSON.parse(readFileSync(root("test/fixtures/cnil-pia/edusphere-audit-logging.json"), "utf8"));
const aComment = async () =>
  store.comments.create(
    (await created()).id,
    { path: "lia.necessity[0]", body: "Why 90 days?" },
    { ...signer },
  );

type Sampler = (role: Role) => Promise<Sample>;

interface Sample {
  url: string;
  body?: unknown;
  payload?: string;
  headers?: Record<string, string>;
  /** A body or query with one bad field, and the path the error must name. */
  bad?: { url?: string; body?: unknown; path: string };
}

/**
 * A valid request for every route, sent with the given role's token; fresh resources where the
 * request consumes them.
 */
const SAMPLES: Record<string, (role: Role) => Promise<Sample>> = {
  "GET /api/health": async () => ({ url: "/api/health" }),
  "POST /api/setup": async () => ({
    url: "/api/setup",
    body: { token: "x", email: "a@example.org", name: "A", password: "long enough password" },
    bad: {
      body: { token: "x", email: "not-an-email", name: "A", password: "long enough password" },
      path: "body.email",
    },
  }),
  "POST /api/evaluate": async () => ({
    url: "/api/evaluate",
    body: { document: doc() },
    bad: { body: { document: { ...doc(), kind: "nope" } }, path: "body.document.kind" },
  }),
  "POST /api/session": async () => ({
    url: "/api/session",
    body: { email: "nobody@example.org", password: "x" },
    bad: { body: { email: "x", password: "y" }, path: "body.email" },
  }),
  "GET /api/session": async () => ({ url: "/api/session" }),
  "GET /api/templates": async () => ({ url: "/api/templates" }),
  "GET /api/templates/:id": async () => ({
    url: "/api/templates/cookieless-analytics",
    bad: { url: "/api/templates/Not_An_Id", path: "params.id" },
  }),
  "GET /api/questionnaires": async () => ({ url: "/api/questionnaires" }),
  "GET /api/questionnaires/:id": async () => ({
    url: "/api/questionnaires/lia-screening-2018",
    bad: { url: "/api/questionnaires/Not_An_Id", path: "params.id" },
  }),
  "GET /api/references": async () => ({ url: "/api/references" }),
  "GET /api/dashboard": async () => ({
    url: "/api/dashboard?days=30",
    bad: { url: "/api/dashboard?days=0", path: "query.days" },
  }),
  "DELETE /api/session": async () => ({ url: "/api/session" }),
  "GET /api/users": async () => ({ url: "/api/users" }),
  "POST /api/users": async () => ({
    url: "/api/users",
    body: {
      email: `u${++n}@example.org`,
      name: "U",
      role: "viewer",
      password: "long enough password",
    },
    bad: {
      body: { email: "u@example.org", name: "U", role: "owner", password: "long enough password" },
      path: "body.role",
    },
  }),
  "PATCH /api/users/:id": async () => {
    const u = await store.accounts.createUser(
      { email: `p${++n}@example.org`, name: "P", role: "viewer", passwordHash: "x" },
      "test",
      NOW,
    );
    return {
      url: `/api/users/${u.id}`,
      body: { role: "editor" },
      bad: { body: { role: "root" }, path: "body.role" },
    };
  },
  "GET /api/tokens": async () => ({
    url: "/api/tokens",
    bad: { url: "/api/tokens?scope=everyone", path: "query.scope" },
  }),
  "POST /api/tokens": async () => ({
    url: "/api/tokens",
    body: { name: "ci", role: "viewer" },
    bad: { body: { name: "", role: "viewer" }, path: "body.name" },
  }),
  "DELETE /api/tokens/:id": async (role) => {
    // One of the caller's own tokens: anyone may revoke their own.
    const t = await store.accounts.createApiToken(
      { name: "to-revoke", role: "viewer" },
      owners[role],
      "test",
      NOW,
    );
    return {
      url: `/api/tokens/${t.id}`,
      bad: { url: "/api/tokens/not-a-uuid", path: "params.id" },
    };
  },
  "GET /api/assessments": async () => ({
    url: "/api/assessments?q=api&pageSize=5",
    bad: { url: "/api/assessments?pageSize=0", path: "query.pageSize" },
  }),
  "POST /api/assessments": async () => ({
    url: "/api/assessments",
    body: { document: doc() },
    bad: { body: { document: { ...doc(), title: 5 } }, path: "body.document.title" },
  }),
  "GET /api/assessments/:id": async () => ({
    url: `/api/assessments/${(await created()).id}`,
    bad: { url: `/api/assessments/${LONG}`, path: "params.id" },
  }),
  "PUT /api/assessments/:id": async () => {
    const rec = await created();
    return {
      url: `/api/assessments/${rec.id}`,
      body: { baseVersion: 1, document: { ...rec.document, title: "Changed" } },
      bad: { body: { baseVersion: "one", document: rec.document }, path: "body.baseVersion" },
    };
  },
  "DELETE /api/assessments/:id": async () => ({
    url: `/api/assessments/${(await created()).id}?baseVersion=1`,
    bad: { url: `/api/assessments/${(await created()).id}`, path: "query.baseVersion" },
  }),
  "GET /api/assessments/:id/versions": async () => ({
    url: `/api/assessments/${(await created()).id}/versions`,
    bad: { url: `/api/assessments/${LONG}/versions`, path: "params.id" },
  }),
  "GET /api/assessments/:id/versions/:version": async () => {
    const id = (await created()).id;
    return {
      url: `/api/assessments/${id}/versions/1`,
      bad: { url: `/api/assessments/${id}/versions/0`, path: "params.version" },
    };
  },
  "GET /api/assessments/:id/diff": async () => {
    const rec = await created();
    await store.assessments.update(
      rec.id,
      1,
      { ...rec.document, title: "Two" },
      { actor: "t", now: NOW, today: "2026-11-22" },
    );
    return {
      url: `/api/assessments/${rec.id}/diff?from=1&to=2`,
      bad: { url: `/api/assessments/${rec.id}/diff?from=1`, path: "query.to" },
    };
  },
  "GET /api/assessments/:id/draft": async () => ({
    url: `/api/assessments/${(await created()).id}/draft`,
    bad: { url: `/api/assessments/${LONG}/draft`, path: "params.id" },
  }),
  "PUT /api/assessments/:id/draft": async () => {
    const rec = await created();
    return {
      url: `/api/assessments/${rec.id}/draft`,
      body: { baseVersion: 1, revision: 0, document: { ...rec.document, title: "Typing" } },
      bad: {
        body: { baseVersion: 1, revision: -1, document: rec.document },
        path: "body.revision",
      },
    };
  },
  "DELETE /api/assessments/:id/draft": async () => {
    const rec = await created();
    await store.drafts.save(
      rec.id,
      { baseVersion: 1, revision: 0, document: { ...rec.document, title: "Typing" } },
      { actor: "t", now: NOW, today: "2026-11-22" },
    );
    return {
      url: `/api/assessments/${rec.id}/draft?revision=1`,
      bad: { url: `/api/assessments/${rec.id}/draft?revision=x`, path: "query.revision" },
    };
  },
  "GET /api/assessments/:id/export": async () => ({
    url: `/api/assessments/${(await created()).id}/export`,
    bad: { url: `/api/assessments/${LONG}/export`, path: "params.id" },
  }),
  "GET /api/export": async () => ({
    url: "/api/export",
    bad: { url: "/api/export?format=xml", path: "query.format" },
  }),
  "POST /api/import": async () => ({
    url: "/api/import",
    payload: readFileSync(root("fixtures/edusphere-audit-logging-lia.yaml"), "utf8"),
    headers: { "content-type": "application/yaml" },
    bad: { body: "format: basis/v1\nkind: assessment\nid: 5\n", path: "id" },
  }),
  "GET /api/activities": async () => ({
    url: "/api/activities?children=true",
    bad: { url: "/api/activities?children=maybe", path: "query.children" },
  }),
  "POST /api/activities": async () => ({
    url: "/api/activities",
    body: {
      id: `act-${++n}`,
      title: "Analytics",
      organisation: { name: "Example Ltd", jurisdiction: "EU" },
      template: "cookieless-analytics",
    },
    bad: {
      body: {
        id: "Bad Id",
        title: "x",
        organisation: { jurisdiction: "EU" },
        template: "server-logs",
      },
      path: "body.id",
    },
  }),
  "GET /api/assessments/:id/document": async () => {
    const id = (await created()).id;
    return {
      url: `/api/assessments/${id}/document?format=html`,
      bad: { url: `/api/assessments/${id}/document?format=rtf`, path: "query.format" },
    };
  },
  "GET /api/register/document": async () => ({
    url: "/api/register/document?format=md",
    bad: { url: "/api/register/document?document=poem", path: "query.document" },
  }),
  "GET /api/register/export": async () => ({
    url: "/api/register/export?format=csv",
    bad: { url: "/api/register/export?format=ods", path: "query.format" },
  }),
  // Sign-off and comments: resources in the state each action starts from, made in the store.
  "GET /api/settings/sign-off": async () => ({ url: "/api/settings/sign-off" }),
  "PUT /api/settings/sign-off": async () => ({
    url: "/api/settings/sign-off",
    body: { requiredRoles: ["dpo"] },
    bad: { body: { requiredRoles: ["king"] }, path: "body.requiredRoles[0]" },
  }),
  "GET /api/assessments/:id/sign-off": async () => ({
    url: `/api/assessments/${(await created()).id}/sign-off`,
    bad: { url: `/api/assessments/${LONG}/sign-off`, path: "params.id" },
  }),
  "POST /api/assessments/:id/submit": async () => ({
    url: `/api/assessments/${(await created()).id}/submit`,
    body: { baseVersion: 1 },
    bad: { body: { baseVersion: 0 }, path: "body.baseVersion" },
  }),
  "POST /api/assessments/:id/decisions": async () => ({
    url: `/api/assessments/${(await inReview()).id}/decisions`,
    body: { version: 1, role: "dpo", decision: "reject", comment: "Name the retention" },
    bad: { body: { version: 1, role: "dpo", decision: "reject" }, path: "body.comment" },
  }),
  "POST /api/assessments/:id/retire": async () => ({
    url: `/api/assessments/${(await signedOff()).id}/retire`,
    body: { baseVersion: 1, reason: "The processing has stopped" },
    bad: { body: { baseVersion: 1, reason: " " }, path: "body.reason" },
  }),
  "GET /api/assessments/:id/signed/:version": async () => {
    const id = (await signedOff()).id;
    return {
      url: `/api/assessments/${id}/signed/1`,
      bad: { url: `/api/assessments/${id}/signed/0`, path: "params.version" },
    };
  },
  "GET /api/assessments/:id/comments": async () => ({
    url: `/api/assessments/${(await created()).id}/comments`,
    bad: { url: `/api/assessments/${LONG}/comments`, path: "params.id" },
  }),
  "POST /api/assessments/:id/comments": async () => ({
    url: `/api/assessments/${(await created()).id}/comments`,
    body: { path: "lia.balancing[0]", body: "Is the impact really low?" },
    bad: { body: { path: "lia balancing", body: "x" }, path: "body.path" },
  }),
  "POST /api/comments/:id/resolve": async () => ({
    url: `/api/comments/${(await aComment()).id}/resolve`,
    bad: { url: "/api/comments/not-a-uuid/resolve", path: "params.id" },
  }),
  "POST /api/comments/:id/reopen": async () => {
    const c = await aComment();
    await store.comments.resolve(c.id, { actor: "test", now: NOW, today: "2026-11-22" });
    return {
      url: `/api/comments/${c.id}/reopen`,
      bad: { url: "/api/comments/not-a-uuid/reopen", path: "params.id" },
    };
  },
  "GET /api/audit": async () => ({
    url: "/api/audit?limit=5",
    bad: { url: "/api/audit?limit=5000", path: "query.limit" },
  }),
  "GET /api/audit/verify": async () => ({ url: "/api/audit/verify" }),
  "GET /api/backup": async () => ({ url: "/api/backup" }),
  // Reviews and objections. An approved assessment is made by saving the status through the
  // store directly, so these samples do not depend on the sign-off routes.
  "GET /api/reviews": async () => ({
    url: "/api/reviews?days=30",
    bad: { url: "/api/reviews?days=-1", path: "query.days" },
  }),
  "POST /api/assessments/:id/review-triggers": async () => ({
    url: `/api/assessments/${(await approvedOne()).id}/review-triggers`,
    body: { reason: "The security team wants a second look" },
    bad: { body: { reason: "" }, path: "body.reason" },
  }),
  "POST /api/assessments/:id/reviews": async () => ({
    url: `/api/assessments/${(await approvedOne()).id}/reviews`,
    body: { summary: "Reviewed; nothing changed" },
    bad: { body: { summary: 5 }, path: "body.summary" },
  }),
  "GET /api/assessments/:id/objections": async () => ({
    url: `/api/assessments/${(await created()).id}/objections`,
    bad: { url: `/api/assessments/${LONG}/objections`, path: "params.id" },
  }),
  "POST /api/assessments/:id/objections": async () => ({
    url: `/api/assessments/${(await created()).id}/objections`,
    body: { receivedOn: "2026-11-01", summary: "Objects to being logged" },
    bad: { body: { receivedOn: "1 Nov", summary: "x" }, path: "body.receivedOn" },
  }),
  "POST /api/objections/:id/decision": async () => {
    const o = await store.objections.record(
      (await created()).id,
      { receivedOn: "2026-11-01", summary: "Objects" },
      { actor: "test", now: NOW, today: "2026-11-22" },
    );
    return {
      url: `/api/objections/${o.id}/decision`,
      body: { decision: "rejected", reasoning: "Compelling grounds: account security" },
      bad: { body: { decision: "maybe", reasoning: "x" }, path: "body.decision" },
    };
  },
  "GET /api/objections": async () => ({
    url: "/api/objections?overdue=true",
    bad: { url: "/api/objections?overdue=yes", path: "query.overdue" },
  }),
  "POST /api/reminders/run": async () => ({ url: "/api/reminders/run" }),
  "GET /api/settings/objections": async () => ({ url: "/api/settings/objections" }),
  // DPIA: open measures, screening, CNIL PIA export and import.
  "GET /api/dpia/measures": async () => ({ url: "/api/dpia/measures" }),
  "GET /api/assessments/:id/dpia/screening": async () => ({
    url: `/api/assessments/${(await created()).id}/dpia/screening`,
    bad: { url: `/api/assessments/${LONG}/dpia/screening`, path: "params.id" },
  }),
  "GET /api/assessments/:id/dpia/export": async () => {
    const id = (await withDpia()).id;
    return {
      url: `/api/assessments/${id}/dpia/export?format=cnil-pia`,
      bad: { url: `/api/assessments/${id}/dpia/export?format=word`, path: "query.format" },
    };
  },
  "POST /api/dpia/import": async () => ({
    url: `/api/dpia/import?id=cnil-${++n}`,
    body: cnilPia(),
    bad: { body: { ...cnilPia(), answers: "none" }, path: "body.answers" },
  }),
  "PUT /api/settings/objections": async () => ({
    url: "/api/settings/objections",
    body: { responseDays: null },
    bad: { body: { responseDays: 0 }, path: "body.responseDays" },
  }),
};

async function send(method: string, s: Sample, headers: Record<string, string> = {}) {
  return app.inject({
    method: method as "GET",
    url: s.url,
    headers: { ...(s.headers ?? {}), ...headers },
    ...(s.payload !== undefined
      ? { payload: s.payload }
      : s.body !== undefined
        ? { payload: s.body as object }
        : {}),
  });
}

const LONG = "Not_A_Slug";

/** The answer is what the route declares: JSON its schema accepts, one of its file types, or nothing. */
function expectDeclaredAnswer(
  route: ReturnType<typeof allRoutes>[number],
  r: Awaited<ReturnType<typeof send>>,
): void {
  const declared = route.response;
  if ("empty" in declared) {
    expect(r.statusCode).toBe(204);
    return;
  }
  const type = String(r.headers["content-type"] ?? "").split(";")[0];
  if (type === "application/json" && declared.json) {
    const parsed = declared.json.safeParse(r.json());
    expect(parsed.success, parsed.error && JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(
      true,
    );
  } else expect(declared.file ?? [], type).toContain(type);
}

describe("authorisation matrix: every route x every role", () => {
  it("has a sample request for every route", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(
      allRoutes()
        .map((r) => `${r.method} ${r.url}`)
        .sort(),
    );
  });

  for (const route of allRoutes()) {
    const key = `${route.method} ${route.url}`;
    describe(key, () => {
      if (route.policy) {
        it("answers 401 without credentials", async () => {
          const r = await send(route.method, await (SAMPLES[key] as Sampler)("admin"));
          expect(r.statusCode).toBe(401);
          expect(r.json().error.code).toBe("unauthenticated");
        });
        for (const role of ROLES) {
          const allowed = hasRole(role, route.policy.role);
          it(`${allowed ? "allows" : "forbids (403)"} ${role}`, async () => {
            const r = await send(route.method, await (SAMPLES[key] as Sampler)(role), auth(role));
            if (allowed) {
              expect(r.statusCode, r.body).toBeLessThan(300);
              expectDeclaredAnswer(route, r);
            } else {
              expect(r.statusCode, r.body).toBe(403);
              expect(r.json().error.code).toBe("forbidden");
            }
          });
        }
      }
      it("names the field of a validation error", async () => {
        const s = await (SAMPLES[key] as Sampler)("admin");
        if (!s.bad) return expect(route.body ?? route.query ?? route.params).toBeUndefined();
        const bad: Sample =
          typeof s.bad.body === "string"
            ? {
                url: s.bad.url ?? s.url,
                payload: s.bad.body,
                headers: { "content-type": "application/yaml" },
              }
            : {
                url: s.bad.url ?? s.url,
                ...(s.bad.body !== undefined ? { body: s.bad.body } : {}),
              };
        const r = await send(route.method, bad, auth("admin"));
        expect(r.statusCode, r.body).toBe(400);
        const body = r.json();
        expect(body.error.code).toBe("validation_failed");
        expect(body.error.details.issues.map((i: { path: string }) => i.path)).toContain(
          s.bad.path,
        );
      });
    });
  }
});

describe("sessions", () => {
  it("signs in with a cookie, requires the CSRF token for writes, and signs out", async () => {
    await store.accounts.createUser(
      {
        email: "editor@example.org",
        name: "Ed",
        role: "editor",
        passwordHash: await hashPassword("editor password 1"),
      },
      "test",
      NOW,
    );
    const login = await app.inject({
      method: "POST",
      url: "/api/session",
      payload: { email: "Editor@Example.org", password: "editor password 1" },
    });
    expect(login.statusCode).toBe(200);
    const setCookie = String(login.headers["set-cookie"]);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(";")[0] as string;
    const csrf = login.json().csrfToken as string;
    const me = await app.inject({ method: "GET", url: "/api/session", headers: { cookie } });
    expect(me.json().principal.role).toBe("editor");
    const noCsrf = await app.inject({
      method: "POST",
      url: "/api/assessments",
      headers: { cookie },
      payload: { document: doc() },
    });
    expect(noCsrf.statusCode).toBe(403);
    const withCsrf = await app.inject({
      method: "POST",
      url: "/api/assessments",
      headers: { cookie, "x-csrf-token": csrf },
      payload: { document: doc() },
    });
    expect(withCsrf.statusCode).toBe(201);
    const out = await app.inject({
      method: "DELETE",
      url: "/api/session",
      headers: { cookie, "x-csrf-token": csrf },
    });
    expect(out.statusCode).toBe(204);
    expect(
      (await app.inject({ method: "GET", url: "/api/session", headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it("refuses a wrong password like an unknown email, and rate-limits sign-in", async () => {
    const wrong = await app.inject({
      method: "POST",
      url: "/api/session",
      payload: { email: "editor@example.org", password: "nope" },
      remoteAddress: "10.9.9.9",
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe("invalid_credentials");
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      codes.push(
        (
          await app.inject({
            method: "POST",
            url: "/api/session",
            payload: { email: "x@example.org", password: "nope" },
            remoteAddress: "10.8.8.8",
          })
        ).statusCode,
      );
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });

  it("does not let a new X-Forwarded-For per attempt get round the sign-in rate limit", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await app.inject({
        method: "POST",
        url: "/api/session",
        payload: { email: "x@example.org", password: "nope" },
        remoteAddress: "10.7.7.7",
        headers: { "x-forwarded-for": `203.0.113.${i}` },
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(10)).toEqual([429, 429]);
  });

  it("counts sign-in attempts per client behind a proxy it is told to trust, and only that one", async () => {
    const proxied = await buildServer({ store, now: () => NOW, trustProxy: ["10.6.6.6"] });
    try {
      const attempt = (from: string, client: string) =>
        proxied.inject({
          method: "POST",
          url: "/api/session",
          payload: { email: "x@example.org", password: "nope" },
          remoteAddress: from,
          headers: { "x-forwarded-for": client },
        });
      // Through the trusted proxy each client has its own count ...
      for (let i = 0; i < 12; i++)
        expect((await attempt("10.6.6.6", `198.51.100.${i}`)).statusCode).toBe(401);
      // ... while the header from anyone else is ignored.
      const direct: number[] = [];
      for (let i = 0; i < 12; i++)
        direct.push((await attempt("10.5.5.5", `198.51.100.${i}`)).statusCode);
      expect(direct.slice(10)).toEqual([429, 429]);
    } finally {
      await proxied.close();
    }
  });

  it("rejects a revoked API token", async () => {
    const t = await store.accounts.createApiToken(
      { name: "gone", role: "admin" },
      null,
      "test",
      NOW,
    );
    await store.accounts.revokeApiToken(t.id, "test", NOW);
    const r = await app.inject({
      method: "GET",
      url: "/api/assessments",
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(r.statusCode).toBe(401);
  });
});

describe("assessments over HTTP", () => {
  it("returns 409 with the current version to a stale update, and keeps the winner", async () => {
    const rec = await created();
    const first = await app.inject({
      method: "PUT",
      url: `/api/assessments/${rec.id}`,
      headers: auth("editor"),
      payload: { baseVersion: 1, document: { ...rec.document, title: "First" } },
    });
    expect(first.statusCode).toBe(200);
    const stale = await app.inject({
      method: "PUT",
      url: `/api/assessments/${rec.id}`,
      headers: auth("editor"),
      payload: { baseVersion: 1, document: { ...rec.document, title: "Second" } },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("stale_version");
    expect(stale.json().error.details.current.version).toBe(2);
    expect(stale.json().error.details.current.document.title).toBe("First");
  });

  it("evaluates on every save and returns findings with their sentences", async () => {
    const r = await app.inject({
      method: "POST",
      url: "/api/assessments",
      headers: auth("editor"),
      payload: { document: { ...doc(), assessedOn: undefined } },
    });
    expect(r.statusCode).toBe(201);
    const finding = r
      .json()
      .evaluation.findings.find((f: { code: string }) => f.code === "ASSESSMENT_DATE_MISSING");
    expect(finding.message).toMatch(/no date/);
  });

  it("imports a register and lists its activities in the register view", async () => {
    const yaml = readFileSync(root("fixtures/lawful-basis-register.yaml"), "utf8");
    const r = await app.inject({
      method: "POST",
      url: "/api/import",
      headers: { ...auth("editor"), "content-type": "application/yaml" },
      payload: yaml,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().results).toHaveLength(4);
    const reg = await app.inject({
      method: "GET",
      url: "/api/activities?basis=consent&pageSize=100",
      headers: auth("viewer"),
    });
    expect(reg.json().items.length).toBeGreaterThanOrEqual(2);
    const bad = await app.inject({
      method: "POST",
      url: "/api/import",
      headers: { ...auth("editor"), "content-type": "application/yaml" },
      payload: "format: basis/v1\n\tkind: x\n",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0]).toMatchObject({ line: 2 });
  });

  it("publishes an OpenAPI document naming every route and what it answers", async () => {
    const r = await app.inject({ method: "GET", url: "/api/openapi.json" });
    type Op = { responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
    const paths = r.json().paths as Record<string, Record<string, Op>>;
    for (const route of allRoutes()) {
      const op = paths[route.url.replace(/:([A-Za-z]+)/g, "{$1}")]?.[route.method.toLowerCase()];
      expect(op, route.url).toBeDefined();
      const content = op?.responses[String(route.status ?? 200)]?.content;
      const declared = route.response;
      if ("empty" in declared) expect(content, route.url).toBeUndefined();
      else
        expect(Object.keys(content ?? {}).sort(), route.url).toEqual(
          [...(declared.json ? ["application/json"] : []), ...(declared.file ?? [])].sort(),
        );
    }
    const view = paths["/api/assessments/{id}"]?.get?.responses["200"]?.content?.[
      "application/json"
    ]?.schema as { properties?: Record<string, unknown> };
    expect(Object.keys(view.properties ?? {})).toEqual(
      expect.arrayContaining(["status", "document", "evaluation"]),
    );
  });

  it("brings in a file recorded as approved as a draft unless an admin imports it", async () => {
    const approved = (id: string) =>
      anAssessment()
        .with((a) => {
          a.id = id;
          a.status = "approved";
        })
        .build();
    for (const [role, status] of [
      ["editor", "draft"],
      ["admin", "approved"],
    ] as const) {
      const created = await app.inject({
        method: "POST",
        url: "/api/assessments",
        headers: auth(role),
        payload: { document: approved(`recorded-${role}-create`) },
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().status).toBe(status);
      const imported = await app.inject({
        method: "POST",
        url: "/api/import",
        headers: { ...auth(role), "content-type": "application/yaml" },
        payload: stringify(approved(`recorded-${role}-import`)),
      });
      expect(imported.statusCode, imported.body).toBe(200);
      expect((await store.assessments.get(`recorded-${role}-import`)).status).toBe(status);
    }
  });

  it("exports a one-controller register as a register file that equals the imported one", async () => {
    const d = mkdtempSync(join(tmpdir(), "basis-api-reg-"));
    const s2 = await openStore({ dataDir: d, databaseUrl: "" });
    const app2 = await buildServer({ store: s2, now: () => NOW });
    try {
      const t = (await s2.accounts.createApiToken({ name: "x", role: "editor" }, null, "test", NOW))
        .token;
      const yaml = readFileSync(root("fixtures/lawful-basis-register.yaml"), "utf8");
      const headers = { authorization: `Bearer ${t}` };
      await app2.inject({
        method: "POST",
        url: "/api/import",
        headers: { ...headers, "content-type": "application/yaml" },
        payload: yaml,
      });
      const r = await app2.inject({ method: "GET", url: "/api/export?format=yaml", headers });
      expect(r.statusCode).toBe(200);
      const back = parse(r.body);
      const original = parse(yaml);
      expect(back.organisation).toEqual(original.organisation);
      const byId = (list: { id: string }[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(back.activities)).toEqual(byId(original.activities));
      const events = (await s2.audit.list(0, 1000)).map((e) => e.action);
      expect(events).toContain("register.export");
    } finally {
      await app2.close();
      await s2.close();
      rmSync(d, { recursive: true, force: true });
    }
  });

  it("refuses a YAML register export when assessments name different controllers", async () => {
    const r = await app.inject({
      method: "GET",
      url: "/api/export?format=yaml",
      headers: auth("viewer"),
    });
    expect(r.statusCode).toBe(409);
  });

  it("downloads documents in every format, escaped, and records the download", async () => {
    const rec = await store.assessments.create(
      anAssessment()
        .with((a) => {
          a.id = "doc-download";
          a.title = "<script>alert(1)</script> LIA";
        })
        .build(),
      { actor: "test", now: NOW, today: "2026-11-22" },
    );
    const get = (q: string) =>
      app.inject({
        method: "GET",
        url: `/api/assessments/${rec.id}/document?${q}`,
        headers: auth("viewer"),
      });
    const html = await get("format=html");
    expect(html.headers["content-type"]).toMatch(/text\/html/);
    expect(html.body).not.toContain("<script>alert");
    const pdf = await get("format=pdf");
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const docx = await get("format=docx");
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    const csv = await app.inject({
      method: "GET",
      url: "/api/register/export?format=csv",
      headers: auth("viewer"),
    });
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(csv.body).toContain("Portal security logging");
    const xlsx = await app.inject({
      method: "GET",
      url: "/api/register/export?format=xlsx",
      headers: auth("viewer"),
    });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    const events = (await store.audit.list(0, 100_000))
      .filter((e) => e.entityId === rec.id)
      .map((e) => e.action);
    expect(events.filter((a) => a === "assessment.document")).toHaveLength(3);
  }, 60_000);
});

/** Text an attacker or a broken client sends: NUL, huge, control and direction characters, markup, SQL. */
const HOSTILE_TEXT = [
  "\u0000",
  "a\u0000b",
  "x".repeat(100_000),
  "<script>alert(1)</script>",
  "'; drop table assessments; --",
  "../../../../etc/passwd",
  "\u202eevil\u202c",
  "\ud800",
  "😀".repeat(64),
  "\u0024{jndi:ldap://x/a}",
  "",
  " ",
  "\r\n\t",
];
const HOSTILE_VALUES: unknown[] = [
  ...HOSTILE_TEXT,
  0,
  -1,
  1e308,
  1.5,
  true,
  null,
  [],
  {},
  [[[[[[[[[[[]]]]]]]]]]],
  { nested: { deeper: { "<b>": "x" } } },
];

/** Paths to every value in a JSON body (objects and arrays included). */
function pathsIn(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const here = path.length ? [path] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsIn(v, [...path, i]))];
  if (value && typeof value === "object")
    return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsIn(v, [...path, k]))];
  return here;
}

function replaced(body: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  at[path[path.length - 1] as string | number] = value;
  return copy;
}

describe("fuzz: hostile input to every route never answers 500", () => {
  const random = seededRandom(15);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

  for (const route of allRoutes()) {
    const key = `${route.method} ${route.url}`;
    it(`${key}`, async () => {
      const sample = await (SAMPLES[key] as Sampler)("admin");
      const [path, query = ""] = sample.url.split("?") as [string, string?];
      const requests: { what: string; url: string; payload?: string; type?: string }[] = [];
      // Every value of the body, in turn, replaced by something hostile.
      if (sample.body !== undefined) {
        const paths = pathsIn(sample.body);
        for (let i = 0; i < Math.min(60, paths.length * 3); i++) {
          const at = pick(paths);
          const value = pick(HOSTILE_VALUES);
          requests.push({
            what: `body ${at.join(".")} = ${JSON.stringify(value)?.slice(0, 40)}`,
            url: sample.url,
            payload: JSON.stringify(replaced(sample.body, at, value)),
            type: "application/json",
          });
        }
        for (const payload of ['{"document":', "[]", "null", '"x"', '{"__proto__":{"x":1}}'])
          requests.push({
            what: `body ${payload}`,
            url: sample.url,
            payload,
            type: "application/json",
          });
      }
      if (sample.payload !== undefined)
        for (const text of HOSTILE_TEXT)
          requests.push({
            what: `yaml ${JSON.stringify(text).slice(0, 40)}`,
            url: sample.url,
            payload: `format: basis/v1\nkind: assessment\nid: x\ntitle: ${JSON.stringify(text)}\n`,
            type: "application/yaml",
          });
      // Every query parameter and the last path segment, hostile.
      const params = [...new URLSearchParams(query).keys()];
      // A lone surrogate has no URL form; the long text would pass no proxy.
      for (const text of HOSTILE_TEXT.filter((t) => t.length < 1000 && t !== "\ud800")) {
        const encoded = encodeURIComponent(text);
        for (const p of params) {
          const q = new URLSearchParams(query);
          q.set(p, text);
          requests.push({ what: `query ${p}=${encoded.slice(0, 30)}`, url: `${path}?${q}` });
        }
        if (/\/[^/]+$/.test(path) && text !== "")
          requests.push({
            what: `path …/${encoded.slice(0, 30)}`,
            url: `${path.replace(/\/[^/]+$/, `/${encoded}`)}${query ? `?${query}` : ""}`,
          });
      }
      const failures: string[] = [];
      for (const r of requests) {
        const res = await app.inject({
          method: route.method,
          url: r.url,
          headers: { ...auth("admin"), ...(r.type ? { "content-type": r.type } : {}) },
          ...(r.payload !== undefined ? { payload: r.payload } : {}),
        });
        if (res.statusCode >= 500)
          failures.push(`${res.statusCode} for ${r.what}: ${res.body.slice(0, 200)}`);
      }
      expect(failures).toEqual([]);
    }, 120_000);
  }

  it("left no request of this file answered 500", () => {
    expect(answered.errors).toEqual([]);
  });
});
