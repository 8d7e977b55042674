/**
 * @module check/gate
 * The CI gate over one Basis file: every assessment in it (a register counts per activity) is
 * evaluated and fails the gate when
 *   - a purpose relies on legitimate interests and the assessment is not `approved`,
 *   - any blocker finding is open (fields without purpose or retention among them),
 *   - its review is overdue (a warning in `evaluate`, a failure here).
 * Retired and superseded assessments are reported but not gated. Each finding is located on
 * the line and column of its field path in the YAML, for SARIF and for people. A document
 * fetched from a server has no lines: its findings carry only their field path.
 */
import { evaluate } from "../core/evaluate.ts";
import { describeFinding } from "../core/messages/en.ts";
import { type LocatedError, locatePath, parseYamlText, validateData } from "../core/parse.ts";
import type { Finding } from "../core/rules/types.ts";
import { Assessment, BasisFile, registerAssessments } from "../core/schema/index.ts";
import { GATE_MESSAGES } from "./messages.ts";

export type GateLevel = "error" | "warning" | "note";

export interface GateFinding {
  code: string;
  level: GateLevel;
  /** True when this finding fails the gate. */
  gate: boolean;
  /** Path in the file, e.g. `activities[2].lia.minimisation.fields[0].purpose`. */
  path: string;
  line?: number;
  col?: number;
  title: string;
  message: string;
  fix: string;
  refs: string[];
}

export interface CheckedAssessment {
  id: string;
  title: string;
  status: string;
  /** Why it was not gated (retired or superseded), when it was not. */
  skipped?: string;
  passed: boolean;
  findings: GateFinding[];
}

export interface CheckedFile {
  file: string;
  /** The file could not be read or is not a valid Basis file: it fails the gate. */
  errors: LocatedError[];
  assessments: CheckedAssessment[];
}

export interface GateOptions {
  today: string;
  knownRefs?: ReadonlySet<string>;
}

const LI_BASIS = "legitimate-interests";
const NOT_GATED = new Set(["retired", "superseded"]);

/** Gate a file's text. `file` is only used to name it in the result. */
export function checkFileText(file: string, text: string, options: GateOptions): CheckedFile {
  const parsed = parseYamlText(text);
  if (!parsed.ok) return { file, errors: parsed.errors, assessments: [] };
  const locate = (path: ReadonlyArray<PropertyKey>) => locatePath(parsed.doc, parsed.lines, path);
  const valid = validateData(parsed.data, BasisFile, locate);
  if (!valid.ok) return { file, errors: valid.errors, assessments: [] };
  const value = valid.value;
  const assessments =
    value.kind === "register"
      ? registerAssessments(value).map((a, i) =>
          checkAssessment(a, options, locate, ["activities", i]),
        )
      : [checkAssessment(value, options, locate, [])];
  return { file, errors: [], assessments };
}

/**
 * Gate one assessment document that is already data (a server's export), named `source` (its
 * API URL). It is validated again: the gate trusts no more than it would trust a file.
 */
export function checkAssessmentData(
  source: string,
  data: unknown,
  options: GateOptions,
): CheckedFile {
  const valid = validateData(data, Assessment);
  if (!valid.ok) return { file: source, errors: valid.errors, assessments: [] };
  return {
    file: source,
    errors: [],
    assessments: [checkAssessment(valid.value, options, noLines, [])],
  };
}

type Locate = (path: ReadonlyArray<PropertyKey>) => { line?: number; col?: number };
const noLines: Locate = () => ({});

function checkAssessment(
  a: Assessment,
  options: GateOptions,
  locate: Locate,
  prefix: (string | number)[],
): CheckedAssessment {
  const status = a.status ?? "draft";
  const evaluation = evaluate(a, {
    today: options.today,
    ...(options.knownRefs ? { knownRefs: options.knownRefs } : {}),
  });
  const skipped = NOT_GATED.has(status) ? `${status}: not gated` : undefined;
  const place = (path: string) => {
    const segments = [...prefix, ...pathSegments(path)];
    const at = locate(segments);
    return { path: formatSegments(segments), ...at };
  };
  const findings: GateFinding[] = evaluation.findings.map((f) => fromFinding(f, place, !skipped));
  const relied = a.decisions.filter((d) => d.basis === LI_BASIS).map((d) => d.purpose);
  if (relied.length > 0 && status !== "approved") {
    const words = GATE_MESSAGES.CHECK_LIA_NOT_APPROVED;
    const params = { purposes: relied.join(", "), status };
    findings.unshift({
      code: "CHECK_LIA_NOT_APPROVED",
      level: skipped ? "note" : "error",
      gate: !skipped,
      ...place(a.status ? "status" : "id"),
      title: words.title,
      message: words.message(params),
      fix: words.fix(params),
      refs: [...words.refs],
    });
  }
  return {
    id: a.id,
    title: a.title,
    status,
    ...(skipped ? { skipped } : {}),
    passed: !findings.some((f) => f.gate),
    findings,
  };
}

function fromFinding(
  f: Finding,
  place: (path: string) => { path: string; line?: number; col?: number },
  gated: boolean,
): GateFinding {
  const words = describeFinding(f);
  const escalated = f.code === "REVIEW_OVERDUE";
  const gate = gated && (f.severity === "blocker" || escalated);
  const level: GateLevel = gate ? "error" : f.severity === "info" ? "note" : "warning";
  return {
    code: f.code,
    level,
    gate,
    ...place(f.path),
    title: words.title,
    message: escalated ? `${words.message} ${GATE_MESSAGES.REVIEW_OVERDUE_GATE}` : words.message,
    fix: words.fix,
    refs: [...f.refs],
  };
}

/** `lia.fields[0].purpose` -> ["lia", "fields", 0, "purpose"]. */
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}

function formatSegments(segments: readonly (string | number)[]): string {
  let out = "";
  for (const s of segments) out += typeof s === "number" ? `[${s}]` : out === "" ? s : `.${s}`;
  return out;
}
