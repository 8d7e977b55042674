/**
 * A NUL character (U+0000) cannot be stored in PostgreSQL text or jsonb. It used to reach the
 * database and come back as a 500; now every text field refuses it up front: a coded 400
 * naming the field from the API, and the same located line from `basis validate` and
 * `basis import`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { bufferIo } from "../src/cli/io.ts";
import { main } from "../src/cli/main.ts";
import { formatPath } from "../src/core/field-path.ts";
import { buildServer } from "../src/server/build-server.ts";
import { openStore, type Store } from "../src/store/index.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FIXTURE = join(ROOT, "fixtures/edusphere-audit-logging-lia.yaml");
const NOW = new Date("2026-11-22T09:00:00Z");
let dir: string;
let store: Store;
let app: FastifyInstance;
let token: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "basis-hostile-"));
  store = await openStore({ dataDir: join(dir, "data"), databaseUrl: "" });
  app = await buildServer({ store, now: () => NOW });
  token = (await store.accounts.createApiToken({ name: "t", role: "admin" }, null, "test", NOW))
    .token;
}, 60_000);
afterAll(async () => {
  await app?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every path to a text value in a document. */
function textPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === "string") return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => textPaths(v, [...path, i]));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => textPaths(v, [...path, k]));
  return [];
}

function withNul(doc: unknown, path: (string | number)[]): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  at[last] = `${at[last] as string}\u0000tail`;
  return copy;
}

describe("a NUL character in a text field", () => {
  it("is refused by the API as a coded 400 naming the field, in every text field of a document", async () => {
    const doc = parse(readFileSync(FIXTURE, "utf8"));
    const paths = textPaths(doc);
    expect(paths.length).toBeGreaterThan(50);
    for (const path of paths) {
      const r = await app.inject({
        method: "POST",
        url: "/api/assessments",
        headers: { authorization: `Bearer ${token}` },
        payload: { document: withNul(doc, path) },
      });
      expect(r.statusCode, `${formatPath(path)}: ${r.body}`).toBe(400);
      const error = r.json().error;
      expect(error.code).toBe("validation_failed");
      expect(error.details.issues.map((i: { path: string }) => i.path)).toContain(
        formatPath(["body", "document", ...path]),
      );
    }
    expect((await store.assessments.allDocuments()).length).toBe(0);
  }, 120_000);

  it("is refused in a query string and in an imported YAML file, with its line", async () => {
    const search = await app.inject({
      method: "GET",
      url: "/api/assessments?q=a%00b",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(search.statusCode, search.body).toBe(400);
    expect(search.json().error.details.issues[0].path).toBe("query.q");

    const yaml = readFileSync(FIXTURE, "utf8").replace(/^title: .*$/m, 'title: "Audit\\0logging"');
    const imported = await app.inject({
      method: "POST",
      url: "/api/import",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/yaml" },
      payload: yaml,
    });
    expect(imported.statusCode, imported.body).toBe(400);
    expect(imported.json().error.details.issues[0]).toMatchObject({ path: "title", line: 6 });
  });

  it("gets the same located line from `basis validate` and `basis import`, and nothing is imported", async () => {
    const file = join(dir, "nul.yaml");
    writeFileSync(
      file,
      readFileSync(FIXTURE, "utf8").replace(/^title: .*$/m, 'title: "Audit\\0logging"'),
    );
    const run = async (...argv: string[]) => {
      const io = bufferIo();
      const code = await main(argv, io);
      return { code, stderr: io.stderr };
    };
    const validate = await run("validate", file);
    const imported = await run("import", file, "--data-dir", join(dir, "cli-data"));
    const line = `${file}: title: contains a NUL character (U+0000), which cannot be stored; remove it (line 6)`;
    expect(validate.code).toBe(1);
    expect(validate.stderr.split("\n")[0]).toBe(line);
    expect(imported.code).toBe(1);
    expect(imported.stderr.split("\n")[0]).toBe(line);
    expect(imported.stderr).toContain("nothing was imported");
    expect(imported.stderr).not.toMatch(/insert into|params:/i);
  });
});
