/**
 * @module core/parse
 * Turns the text of a YAML file into a validated value, or into located errors a person can
 * act on: `line:col` for YAML syntax, the field path (and its line where known) for schema
 * errors. Pure: takes text, returns data; reading the file is the caller's job.
 */

import { FAILSAFE_SCHEMA, load as loadPlain, Type } from "js-yaml";
import { type Document, isNode, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { comparePaths, formatPath } from "./field-path.ts";

export interface LocatedError {
  /** 1-based line, when the error can be placed in the text. */
  line?: number;
  /** 1-based column. */
  col?: number;
  /** Field path such as `lia.interests[0].title`; empty for syntax errors. */
  path: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: LocatedError[] };

/** Files larger than this are refused before parsing: no assessment comes near it. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Parse YAML text into plain data, reporting syntax problems with line and column. */
export function parseYamlText(
  text: string,
):
  | { ok: true; data: unknown; doc: Document; lines: LineCounter }
  | { ok: false; errors: LocatedError[] } {
  if (text.length > MAX_FILE_BYTES) {
    return {
      ok: false,
      errors: [
        {
          path: "",
          message: `file is ${(text.length / 1024 / 1024).toFixed(1)} MB; Basis files are at most ${MAX_FILE_BYTES / 1024 / 1024} MB`,
        },
      ],
    };
  }
  if (text.includes("\u0000")) {
    const at = locateOffset(text, text.indexOf("\u0000"));
    return {
      ok: false,
      errors: [
        { ...at, path: "", message: "file contains binary data (NUL byte); expected YAML text" },
      ],
    };
  }
  if (text.includes("\uFFFD")) {
    const at = locateOffset(text, text.indexOf("\uFFFD"));
    return { ok: false, errors: [{ ...at, path: "", message: "file is not valid UTF-8 text" }] };
  }
  if (text.trim() === "") return { ok: false, errors: [{ path: "", message: "file is empty" }] };
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
  });
  const problems = [...doc.errors];
  if (problems.length > 0) {
    return {
      ok: false,
      errors: problems.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return { line: pos.line, col: pos.col, path: "", message: yamlMessage(e.code, e.message) };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    // `yaml` throws when aliases would expand past the cap (a "billion laughs" file).
    return {
      ok: false,
      errors: [
        { path: "", message: "file repeats aliases too often; write the values out instead" },
      ],
    };
  }
  if (data === null || data === undefined)
    return { ok: false, errors: [{ path: "", message: "file holds no data" }] };
  return { ok: true, data, doc, lines };
}

/**
 * Anchors, aliases and tags, anywhere a node can start: text that may hold them takes the
 * located path only, where `yaml` caps alias expansion and reports unknown tags. Errs on the
 * side of caution: "Q &A" in a sentence matches too, and only costs the slower parse.
 */
const ANCHOR_ALIAS_OR_TAG = /(?:^|[\s[{,:-])[&*!]\S/m;

/**
 * Nulls, booleans and numbers exactly as the YAML 1.2 core schema (and so `yaml`) reads them.
 * js-yaml's own core schema keeps YAML 1.1 habits (`1_000`, `0b101`, no `-.5`), so the
 * failsafe schema (text only) is extended with these instead.
 */
const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT =
  /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

function numberOf(text: string): number {
  if (text.startsWith("0o")) return Number.parseInt(text.slice(2), 8);
  if (text.startsWith("0x")) return Number.parseInt(text.slice(2), 16);
  const lower = text.toLowerCase();
  if (lower.endsWith(".inf")) return text.startsWith("-") ? -Infinity : Infinity;
  if (lower === ".nan") return Number.NaN;
  return Number(text);
}

const NULL = /^(?:~|null|Null|NULL)?$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;

const CORE_1_2 = FAILSAFE_SCHEMA.extend({
  implicit: [
    new Type("tag:yaml.org,2002:null", {
      kind: "scalar",
      resolve: (data: unknown) => data === null || (typeof data === "string" && NULL.test(data)),
      construct: () => null,
    }),
    new Type("tag:yaml.org,2002:bool", {
      kind: "scalar",
      resolve: (data: unknown) => typeof data === "string" && BOOL.test(data),
      construct: (data: string) => data.toLowerCase() === "true",
    }),
    new Type("tag:yaml.org,2002:int", {
      kind: "scalar",
      resolve: (data: unknown) => typeof data === "string" && INT.test(data),
      construct: numberOf,
    }),
    new Type("tag:yaml.org,2002:float", {
      kind: "scalar",
      resolve: (data: unknown) => typeof data === "string" && FLOAT.test(data),
      construct: numberOf,
    }),
  ],
});

/**
 * The data of a YAML text without locations, read by js-yaml on the YAML 1.2 core schema
 * (the schema `yaml` uses: no timestamps, no merge keys, `yes`/`no` stay strings). Seven
 * times quicker than `yaml` in a cold process, which was most of `basis evaluate`.
 * `undefined` when the text is anything but a plain single document js-yaml reads without
 * complaint: the caller then takes the located path, which stays the one judge of errors.
 */
function plainData(text: string): unknown {
  if (ANCHOR_ALIAS_OR_TAG.test(text)) return undefined;
  try {
    return loadPlain(text, { schema: CORE_1_2 });
  } catch {
    return undefined;
  }
}

/**
 * Parse and validate YAML text against a schema. Valid text is read once without locations;
 * text that is not (a syntax error, a field the schema refuses) is read again with them, so
 * every error names its line and column exactly as before.
 */
export function parseYaml<S extends z.ZodType>(text: string, schema: S): ParseResult<z.infer<S>> {
  if (text.length <= MAX_FILE_BYTES && !text.includes("\u0000") && !text.includes("\uFFFD")) {
    const data = plainData(text);
    if (data !== null && data !== undefined) {
      const quick = validateData(data, schema);
      if (quick.ok) return quick;
    }
  }
  const parsed = parseYamlText(text);
  if (!parsed.ok) return parsed;
  return validateData(parsed.data, schema, (path) => locatePath(parsed.doc, parsed.lines, path));
}

export const NUL_MESSAGE = "contains a NUL character (U+0000), which cannot be stored; remove it";

/**
 * The paths of every text value (or mapping key) holding a NUL character. PostgreSQL cannot
 * store U+0000 in text or jsonb, so it is refused at every edge, naming the field.
 */
export function nulPaths(value: unknown, path: PropertyKey[] = [], found: PropertyKey[][] = []) {
  if (typeof value === "string") {
    if (value.includes("\u0000")) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      nulPaths(v, [...path, i], found);
    });
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes("\u0000")) found.push([...path, k]);
      else nulPaths(v, [...path, k], found);
    }
  }
  return found;
}

/** Validate already-parsed data (JSON bodies, files) and name each failing field by path. */
export function validateData<S extends z.ZodType>(
  data: unknown,
  schema: S,
  locate: (path: ReadonlyArray<PropertyKey>) => { line?: number; col?: number } = () => ({}),
): ParseResult<z.infer<S>> {
  const errors: LocatedError[] = nulPaths(data).map((path) => ({
    ...locate(path),
    path: formatPath(path),
    message: NUL_MESSAGE,
  }));
  const result = schema.safeParse(data);
  if (result.success && errors.length === 0) return { ok: true, value: result.data };
  for (const issue of result.success ? [] : result.error.issues) {
    for (const e of flattenIssue(issue, data))
      errors.push({ ...locate(e.path), path: formatPath(e.path), message: e.message });
  }
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || comparePaths(a.path, b.path));
  return { ok: false, errors };
}

interface FlatIssue {
  path: PropertyKey[];
  message: string;
}

/** Unknown keys and union failures arrive as one issue; split them so each names its field. */
function flattenIssue(issue: z.core.$ZodIssue, data: unknown): FlatIssue[] {
  const path = issue.path as PropertyKey[];
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((k) => ({
      path: [...path, k],
      message: "unknown field (check the spelling)",
    }));
  }
  if (issue.code === "invalid_union") {
    const discriminator = (issue as { discriminator?: string }).discriminator;
    if (issue.errors.length === 0 && discriminator) {
      const at = path[path.length - 1] === discriminator ? path : [...path, discriminator];
      return [{ path: at, message: "must be one of: assessment, register" }];
    }
    const best = issue.errors.reduce<z.core.$ZodIssue[] | undefined>(
      (acc, errs) => (acc === undefined || errs.length < acc.length ? errs : acc),
      undefined,
    );
    if (best) return best.flatMap((i) => flattenIssue({ ...i, path: [...path, ...i.path] }, data));
  }
  if (issue.code === "invalid_type") {
    const value = valueAt(data, path);
    if (value === undefined)
      return [{ path, message: `required field is missing (expected ${issue.expected})` }];
    return [{ path, message: `expected ${issue.expected}, found ${describe(value)}` }];
  }
  if (issue.code === "invalid_value") {
    return [{ path, message: `must be one of: ${issue.values.map(String).join(", ")}` }];
  }
  return [{ path, message: issue.message }];
}

function valueAt(data: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function describe(value: unknown): string {
  if (value === null) return "null (an empty value)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string")
    return `text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

/** Find the line and column of a path in a parsed document, walking up to the nearest node. */
export function locatePath(
  doc: Document,
  lines: LineCounter,
  path: ReadonlyArray<PropertyKey>,
): { line?: number; col?: number } {
  for (let n = path.length; n >= 0; n--) {
    const segment = path.slice(0, n) as (string | number)[];
    const node = n === 0 ? doc.contents : doc.getIn(segment, true);
    if (isNode(node) && node.range) {
      // For a missing or unknown key, point at the key itself when it exists.
      const keyNode = n === path.length && n > 0 ? findKeyNode(doc, segment) : undefined;
      const pos = lines.linePos((keyNode ?? node).range?.[0] ?? node.range[0]);
      return { line: pos.line, col: pos.col };
    }
  }
  return {};
}

function findKeyNode(doc: Document, segment: (string | number)[]) {
  const parent = doc.getIn(segment.slice(0, -1), true) as
    | { items?: { key?: unknown }[] }
    | undefined;
  const last = segment[segment.length - 1];
  const pair = parent?.items?.find(
    (p) => isNode(p.key) && (p.key as { value?: unknown }).value === last,
  );
  return pair && isNode(pair.key) ? pair.key : undefined;
}

function locateOffset(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, col: offset - before.lastIndexOf("\n") };
}

function yamlMessage(code: string, message: string): string {
  const first = message.split("\n")[0] ?? message;
  switch (code) {
    case "TAB_AS_INDENT":
      return "tab used for indentation; YAML indents with spaces";
    case "DUPLICATE_KEY":
      return `duplicate key: ${first.replace(/^Map keys must be unique.*$/, "each key may appear once in a mapping")}`;
    case "MISSING_CHAR":
    case "BAD_SCALAR_START":
      return first;
    default:
      return first.replace(/ at line \d+, column \d+:?$/, "");
  }
}
