/**
 * @module check/sarif
 * SARIF 2.1.0 for code scanning: one rule per finding code the rules engine (and the gate)
 * can raise, with the catalogue's title and fix as help text and the reference ids it rests
 * on; one result per finding, located on the YAML line and column of its field path.
 * Gate failures are `error`, other warnings `warning`, information `note`.
 */
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import { loadReferences } from "../content/references.ts";
import { describeFinding } from "../core/messages/en.ts";
import { RULE_CODES, RULES } from "../core/rules/registry.ts";
import type { GateLevel } from "./gate.ts";
import { GATE_MESSAGES } from "./messages.ts";
import type { CheckReport } from "./report.ts";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** Stand-in parameters, so a sentence written for one finding reads as a rule's description. */
const PLACEHOLDERS = new Proxy({} as Record<string, string>, {
  get: (_t, key) => (typeof key === "string" ? `<${key}>` : undefined),
});

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: GateLevel };
  properties: { tags: string[]; references: string[] };
}

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: GateLevel;
  message: { text: string };
  locations: ReturnType<typeof location>[];
  properties?: Record<string, unknown>;
}

export function checkSarif(report: CheckReport, toolVersion: string): string {
  const refs = new Map(loadReferences().references.map((r) => [r.id, r]));
  const rules: SarifRule[] = [];
  const index = new Map<string, number>();
  const addRule = (
    id: string,
    rule: Omit<SarifRule, "id" | "name" | "helpUri">,
    refIds: string[],
  ) => {
    const first = refIds.map((r) => refs.get(r)).find((r) => r !== undefined);
    const cited = refIds.map((r) => `${r}${refs.get(r) ? ` (${refs.get(r)?.title})` : ""}`);
    index.set(id, rules.length);
    rules.push({
      id,
      name: pascal(id),
      ...rule,
      help: { text: `${rule.help.text}${cited.length ? ` References: ${cited.join("; ")}.` : ""}` },
      ...(first ? { helpUri: first.url } : {}),
    });
  };
  for (const code of RULE_CODES) {
    const meta = RULES[code];
    const words = describeFinding({ code, params: PLACEHOLDERS });
    const level: GateLevel =
      meta.severity === "blocker" || code === "REVIEW_OVERDUE"
        ? "error"
        : meta.severity === "warning"
          ? "warning"
          : "note";
    addRule(
      code,
      {
        shortDescription: { text: words.title },
        fullDescription: { text: words.message },
        help: { text: words.fix },
        defaultConfiguration: { level },
        properties: { tags: ["gdpr", meta.area], references: [...meta.eu] },
      },
      [...meta.eu],
    );
  }
  for (const code of ["CHECK_LIA_NOT_APPROVED", "CHECK_FILE_INVALID"] as const) {
    const words = GATE_MESSAGES[code];
    addRule(
      code,
      {
        shortDescription: { text: words.title },
        fullDescription: { text: words.message(PLACEHOLDERS) },
        help: { text: words.fix(PLACEHOLDERS) },
        defaultConfiguration: { level: "error" },
        properties: { tags: ["gdpr", "gate"], references: [...words.refs] },
      },
      [...words.refs],
    );
  }
  const results: SarifResult[] = [];
  const result = (ruleId: string, r: Omit<SarifResult, "ruleId" | "ruleIndex">) => {
    const i = index.get(ruleId);
    results.push({ ruleId, ...(i !== undefined ? { ruleIndex: i } : {}), ...r });
  };
  for (const file of report.files) {
    for (const e of file.errors)
      result("CHECK_FILE_INVALID", {
        level: "error",
        message: { text: `${e.path ? `${e.path}: ` : ""}${e.message}` },
        locations: [location(file.file, e.line, e.col)],
      });
    for (const a of file.assessments)
      for (const f of a.findings)
        result(f.code, {
          level: f.level,
          message: { text: `${f.message}${f.fix ? ` Fix: ${f.fix}` : ""}` },
          locations: [location(file.file, f.line, f.col, `${a.id}/${f.path}`)],
          properties: { assessment: a.id, path: f.path, gate: f.gate, references: f.refs },
        });
  }
  return `${JSON.stringify(
    {
      $schema: SARIF_SCHEMA,
      version: "2.1.0",
      runs: [
        {
          tool: { driver: { name: "basis check", version: toolVersion, rules } },
          invocations: [{ executionSuccessful: true }],
          results,
          properties: {
            today: report.today,
            totals: report.totals,
            ...(report.server !== undefined ? { server: report.server } : {}),
          },
        },
      ],
    },
    null,
    2,
  )}\n`;
}

/** A finding without a line (a document from a server) is placed by its field path instead. */
function location(
  file: string,
  line: number | undefined,
  col: number | undefined,
  logical?: string,
) {
  return {
    physicalLocation: {
      artifactLocation: { uri: toUri(file) },
      ...(line ? { region: { startLine: line, ...(col ? { startColumn: col } : {}) } } : {}),
    },
    ...(!line && logical ? { logicalLocations: [{ fullyQualifiedName: logical }] } : {}),
  };
}

function pascal(code: string): string {
  return code
    .toLowerCase()
    .split("_")
    .map((w) => (w[0] ?? "").toUpperCase() + w.slice(1))
    .join("");
}

/**
 * A path as a SARIF URI: relative paths (the usual case: inside the working directory) as URI
 * references with forward slashes, absolute ones as file: URLs, and an assessment fetched from
 * a server (`--server`) by its API URL, as it is.
 */
export function toUri(path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return encodeURI(path.split("\\").join("/")).replace(/[?#]/g, (c) => (c === "?" ? "%3F" : "%23"));
}
