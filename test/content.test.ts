/**
 * The shipped content holds together: every template and fixture is valid under the zod
 * schema and under an independent JSON Schema validator, the seed fixtures evaluate without
 * a blocker, templates ask only for what a user must supply, and every reference cited by a
 * rule or a file exists in the knowledge base.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { referenceIds } from "../src/content/references.ts";
import { listTemplates, loadTemplate } from "../src/content/templates.ts";
import { evaluate } from "../src/core/evaluate.ts";
import { assessmentJsonSchema, PUBLISHED_SCHEMAS } from "../src/core/json-schema.ts";
import { parseYaml } from "../src/core/parse.ts";
import { RULE_CODES, RULES } from "../src/core/rules/registry.ts";
import { BasisFile, registerAssessments } from "../src/core/schema/index.ts";

const TODAY = "2026-11-22";
const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const fixtureFiles = readdirSync(root("fixtures"))
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => `fixtures/${f}`);
const templateFiles = readdirSync(root("src/content/templates")).map(
  (f) => `src/content/templates/${f}`,
);

const TEMPLATE_IDS = [
  "server-logs",
  "product-analytics",
  "security-monitoring",
  "transactional-email",
  "product-development",
  "cookieless-analytics",
  "audit-logging",
  "fraud-detection",
];

/** What a template leaves for the user: the controller, the dates, the privacy-notice check. */
const USER_SUPPLIED = new Set([
  "ORGANISATION_NAME_MISSING",
  "ASSESSMENT_DATE_MISSING",
  "LIA_CONCLUSION_MISSING",
  "LIA_INTEREST_NOT_IN_NOTICE",
]);

function load(file: string) {
  const parsed = parseYaml(readFileSync(root(file), "utf8"), BasisFile);
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.errors)}`);
  return parsed.value;
}

describe("templates", () => {
  it("ships exactly the eight named templates", () => {
    expect(
      listTemplates()
        .map((t) => t.id)
        .sort(),
    ).toEqual([...TEMPLATE_IDS].sort());
  });

  for (const id of TEMPLATE_IDS) {
    it(`${id}: evaluates, and its blockers name only what the user must supply`, () => {
      const e = evaluate(loadTemplate(id), { today: TODAY, knownRefs: referenceIds() });
      const blockers = new Set(
        e.findings.filter((f) => f.severity === "blocker").map((f) => f.code),
      );
      expect([...blockers].filter((c) => !USER_SUPPLIED.has(c))).toEqual([]);
      expect(blockers.has("ORGANISATION_NAME_MISSING")).toBe(true);
      expect(e.findings.filter((f) => f.code === "UNKNOWN_REFERENCE")).toEqual([]);
      expect(e.outcome).toBe("incomplete");
    });
  }

  it("audit-logging carries seed 004's specification field for field", () => {
    const spec = loadTemplate("audit-logging").lia?.minimisation;
    expect(spec?.fields.map((f) => f.name)).toEqual([
      "action",
      "resource_type",
      "resource_id",
      "actor_id",
      "tenant_id",
      "ip_address",
      "timestamp",
    ]);
    expect(spec?.fields.find((f) => f.name === "ip_address")?.transformation).toBe(
      "ipv4-truncate-24",
    );
    expect(spec?.fields.every((f) => f.retentionDays === 2557)).toBe(true);
    expect(spec?.prohibited?.length).toBe(6);
  });
});

describe("seed fixtures", () => {
  it("are the four seeds re-expressed", () => {
    expect(fixtureFiles.length).toBe(4);
  });
  // What a seed itself leaves open stays a blocker: the register seed claims its contract
  // purpose is necessary without recording any less intrusive means considered.
  const openInSeed: Record<string, string[]> = {
    "fixtures/lawful-basis-register.yaml": [
      "account-management: BASIS_NECESSITY_NO_ALTERNATIVES decisions[0].necessity.alternatives",
    ],
  };
  for (const file of fixtureFiles) {
    it(`${file}: evaluates with no blocker but what the seed leaves open`, () => {
      const f = load(file);
      const assessments = f.kind === "register" ? registerAssessments(f) : [f];
      for (const a of assessments) {
        const e = evaluate(a, { today: TODAY, knownRefs: referenceIds() });
        expect(
          e.findings
            .filter((x) => x.severity === "blocker")
            .map((x) => `${a.id}: ${x.code} ${x.path}`),
        ).toEqual((openInSeed[file] ?? []).filter((b) => b.startsWith(`${a.id}:`)));
        expect(e.findings.filter((x) => x.code === "UNKNOWN_REFERENCE")).toEqual([]);
      }
    });
  }
});

describe("JSON Schema", () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(assessmentJsonSchema());

  for (const [name, generate] of Object.entries(PUBLISHED_SCHEMAS)) {
    it(`schema/${name} is up to date (run npm run schema after changing the model)`, () => {
      const committed = JSON.parse(readFileSync(root(`schema/${name}`), "utf8"));
      expect(committed).toEqual(generate());
    });
  }

  for (const file of [...templateFiles, ...fixtureFiles]) {
    it(`accepts ${file} under an independent validator`, () => {
      const data = parse(readFileSync(root(file), "utf8"));
      const ok = validate(data);
      expect(validate.errors ?? [], file).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  it("rejects what the zod schema rejects: an unknown field and a wrong enum value", () => {
    const data = parse(readFileSync(root(templateFiles[0] as string), "utf8"));
    expect(validate({ ...data, colour: "blue" })).toBe(false);
    expect(validate({ ...data, organisation: { ...data.organisation, jurisdiction: "FR" } })).toBe(
      false,
    );
  });
});

describe("references", () => {
  it("every reference a rule cites exists", () => {
    const known = referenceIds();
    for (const code of RULE_CODES) {
      const meta = RULES[code] as { eu: readonly string[]; uk?: readonly string[] };
      for (const ref of [...meta.eu, ...(meta.uk ?? [])])
        expect(known.has(ref), `${code} cites ${ref}`).toBe(true);
    }
  });
});
