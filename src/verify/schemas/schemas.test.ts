import { describe, expect, it } from "vitest";
import { jsonSchemaFields } from "./json-schema.ts";
import { sqlDdlFields } from "./sql-ddl.ts";

const names = (r: ReturnType<typeof jsonSchemaFields>) =>
  r.ok ? r.fields.map((f) => `${f.name}@${f.line}:${f.col}`) : r.message;

describe("JSON Schema fields", () => {
  it("lists properties with the line and column of each name, walking nested objects, items, combiners and $refs", () => {
    const schema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {
    "action": { "type": "string" },
    "actor": { "$ref": "#/$defs/actor" },
    "tags": { "type": "array", "items": { "properties": { "label": { "type": "string" } } } },
    "meta": { "type": "object" }
  },
  "allOf": [{ "properties": { "tenant_id": { "type": "string" } } }],
  "$defs": {
    "actor": { "properties": { "id": {}, "email": { "format": "email" } } }
  }
}`;
    expect(names(jsonSchemaFields(schema))).toEqual([
      "action@5:5",
      "actor.id@12:32",
      "actor.email@12:42",
      "tags.label@7:59",
      "meta@8:5",
      "tenant_id@10:31",
    ]);
    const email = jsonSchemaFields(schema);
    expect(email.ok && email.fields.find((f) => f.name === "actor.email")?.format).toBe("email");
  });

  it("reads a schema written in YAML and stops a $ref cycle at the field that closes it", () => {
    const yaml =
      "type: object\nproperties:\n  node:\n    $ref: '#/$defs/node'\n$defs:\n  node:\n    properties:\n      name: {}\n      child:\n        $ref: '#/$defs/node'\n";
    expect(names(jsonSchemaFields(yaml))).toEqual(["node.name@8:7", "node.child@9:7"]);
  });

  it("refuses text that is not a schema, saying why", () => {
    expect(jsonSchemaFields("{ not json")).toMatchObject({
      ok: false,
      message: "not valid JSON or YAML",
    });
    expect(jsonSchemaFields('{"type":"string"}')).toMatchObject({ ok: false });
  });
});

describe("SQL DDL columns", () => {
  it("lists columns with their place, skipping constraints, comments and commas inside types and strings", () => {
    const ddl = `-- audit log
CREATE TABLE IF NOT EXISTS public.audit_events (
  id bigserial PRIMARY KEY,
  "action" text NOT NULL CHECK (action IN ('CREATE', 'READ')),
  amount numeric(10, 2) DEFAULT 0,
  note text DEFAULT 'a, b -- not a comment', /* block, comment */
  \`ip_address\` inet,
  CONSTRAINT one UNIQUE (id, action),
  PRIMARY KEY (id),
  FOREIGN KEY (id) REFERENCES other (id)
);
ALTER TABLE audit_events ADD COLUMN user_email text;
CREATE INDEX audit_idx ON audit_events (action);`;
    const r = sqlDdlFields(ddl);
    expect(
      r.ok && r.fields.map((f) => `${f.name}@${f.line}:${f.col} ${f.format} ${f.context}`),
    ).toEqual([
      "id@3:3 BIGSERIAL table public.audit_events",
      "action@4:3 TEXT table public.audit_events",
      "amount@5:3 NUMERIC table public.audit_events",
      "note@6:3 TEXT table public.audit_events",
      "ip_address@7:3 INET table public.audit_events",
      "user_email@12:37 TEXT table audit_events",
    ]);
  });

  it("says so when there is no table in the text", () => {
    expect(sqlDdlFields("SELECT 1;")).toMatchObject({ ok: false });
    expect(sqlDdlFields("CREATE TABLE t (a int /* never closed")).toMatchObject({ ok: false });
  });
});
