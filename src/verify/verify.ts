/**
 * @module verify/verify
 * `verifyInputs`: the whole scan. Detects each input's format, reads schemas in this thread,
 * cuts large plain record files into byte ranges, runs the ranges on the worker pool and
 * merges the results in file order into one report: counts per rule and field, the first
 * examples of each located as `file:line`, and the totals a CI exit code is decided from.
 */
import { readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { gunzipSync } from "node:zlib";
import { type Detected, detectInput, type InputFormat } from "./detect.ts";
import { runTasks } from "./pool.ts";
import { VERIFY_RULES, type VerifyRuleCode } from "./rules.ts";
import type { TaskSpec } from "./scan-task.ts";
import { checkDeclaredFields } from "./schemas/check-schema.ts";
import { jsonSchemaFields, type SchemaRead } from "./schemas/json-schema.ts";
import { sqlDdlFields } from "./schemas/sql-ddl.ts";
import { CompiledSpec, type VerifyPlan } from "./spec.ts";
import { mergeGroups, type ReportGroup, Tally } from "./tally.ts";

export interface VerifyRequest {
  plan: VerifyPlan;
  /** Paths to read, and how to name them in the report (relative to the working directory). */
  inputs: readonly { path: string; display: string }[];
  /** Worker threads; 0 runs in this thread. Default: one per core when the input is large. */
  workers?: number;
  /** Size of the byte ranges a large file is cut into. */
  chunkBytes?: number;
  inputFormat?: InputFormat;
  onProgress?: (doneBytes: number, totalBytes: number) => void;
}

export interface InputSummary {
  file: string;
  format: InputFormat;
  gzip: boolean;
  bytes: number;
  /** Lines read (records files) or fields declared (schemas). */
  lines: number;
  records: number;
  untimed: number;
}

export interface VerifyReport {
  today: string;
  inputs: InputSummary[];
  /** Violations first (in rule order), then input problems. */
  groups: ReportGroup[];
  totals: { records: number; bytes: number; violations: number; problems: number };
  notes: string[];
}

/** An input that cannot be scanned at all: the command ends with a usage/input error. */
export class VerifyInputError extends Error {}

const SCHEMA_MAX_BYTES = 64 * 1024 * 1024;
/**
 * Small enough that the threads finish together (the last range runs alone while the other
 * threads idle), large enough that starting a range costs nothing next to reading it.
 */
export const DEFAULT_CHUNK_BYTES = 16 * 1024 * 1024;
/** Below this much input, starting threads costs more than it saves. */
const THREADS_FROM_BYTES = 32 * 1024 * 1024;
/** A gzip file is judged by the text it holds: logs and JSON compress about this well. */
const GZIP_EXPANSION = 5;

export async function verifyInputs(req: VerifyRequest): Promise<VerifyReport> {
  const plan = req.plan;
  const spec = new CompiledSpec(plan);
  const detected = req.inputs.map((input) => {
    const d = detectInput(input.path, req.inputFormat);
    if ("error" in d) throw new VerifyInputError(`${input.display}: ${d.error}`);
    return { ...input, ...d, size: statSync(input.path).size };
  });
  const chunk = Math.max(1024, req.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  const tasks: (TaskSpec & { input: number })[] = [];
  const schemaParts: { file: string; lineOffset: number; groups: ReturnType<Tally["list"]> }[][] =
    detected.map(() => []);
  const summaries: InputSummary[] = detected.map((d) => ({
    file: d.display,
    format: d.format,
    gzip: d.gzip,
    bytes: d.size,
    lines: 0,
    records: 0,
    untimed: 0,
  }));
  let totalBytes = 0;
  let work = 0;
  let done = 0;
  detected.forEach((d, input) => {
    if (d.format === "json-schema" || d.format === "sql") {
      const tally = new Tally(plan.examples);
      const read = readSchema(d);
      if (!read.ok)
        throw new VerifyInputError(
          `${d.display}${read.line ? `:${read.line}` : ""}: ${read.message}`,
        );
      checkDeclaredFields(spec, read.fields, tally);
      (schemaParts[input] as unknown[]).push({
        file: d.display,
        lineOffset: 0,
        groups: tally.list(),
      });
      (summaries[input] as InputSummary).lines = read.fields.length;
      return;
    }
    totalBytes += d.size;
    work += d.gzip ? d.size * GZIP_EXPANSION : d.size;
    const whole = d.gzip || d.format === "csv" || d.size <= chunk;
    const ranges = whole ? 1 : Math.ceil(d.size / chunk);
    for (let k = 0; k < ranges; k++) {
      tasks.push({
        id: tasks.length,
        input,
        path: d.path,
        format: d.format,
        gzip: d.gzip,
        start: whole ? 0 : k * chunk,
        end: whole ? Number.MAX_SAFE_INTEGER : Math.min(d.size, (k + 1) * chunk),
        delimiter: d.delimiter,
      });
    }
  });
  // One task (a single gzip or CSV file, or a small file) gains nothing from a thread.
  const workers =
    req.workers ?? (work >= THREADS_FROM_BYTES && tasks.length > 1 ? defaultWorkers() : 0);
  const onProgress = req.onProgress;
  const results = await runTasks(
    plan,
    tasks.map(({ input: _input, ...t }) => t),
    {
      workers,
      ...(onProgress
        ? {
            onProgress: (bytes: number) => {
              done += bytes;
              onProgress(Math.min(done, totalBytes), totalBytes);
            },
          }
        : {}),
    },
  );
  const parts: { file: string; lineOffset: number; groups: ReturnType<Tally["list"]> }[] = [];
  const linesSoFar = detected.map(() => 0);
  let resultIndex = 0;
  for (let input = 0; input < detected.length; input++) {
    parts.push(...(schemaParts[input] as typeof parts));
    for (const t of tasks) {
      if (t.input !== input) continue;
      const r = results[resultIndex++];
      if (r === undefined || r.id !== t.id) throw new Error("scan results out of order");
      const summary = summaries[input] as InputSummary;
      parts.push({ file: summary.file, lineOffset: linesSoFar[input] as number, groups: r.groups });
      linesSoFar[input] = (linesSoFar[input] as number) + r.lines;
      summary.lines += r.lines;
      summary.records += r.records;
      summary.untimed += r.untimed;
    }
  }
  const groups = sortGroups(mergeGroups(parts, plan.examples));
  let violations = 0;
  let problems = 0;
  for (const g of groups) {
    if (VERIFY_RULES[g.code].kind === "violation") violations += g.count;
    else problems += g.count;
  }
  return {
    today: plan.today,
    inputs: summaries,
    groups,
    totals: {
      records: summaries.reduce((n, s) => n + s.records, 0),
      bytes: summaries.reduce((n, s) => n + s.bytes, 0),
      violations,
      problems,
    },
    notes: notesFor(spec, summaries),
  };
}

function readSchema(
  d: { path: string; display: string; format: InputFormat } & Detected,
): SchemaRead {
  if (statSync(d.path).size > SCHEMA_MAX_BYTES)
    return {
      ok: false,
      message: `a schema file over ${SCHEMA_MAX_BYTES / 1024 / 1024} MiB is not read`,
    };
  let bytes = readFileSync(d.path);
  if (d.gzip) bytes = gunzipSync(bytes, { maxOutputLength: SCHEMA_MAX_BYTES });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: "not valid UTF-8 text" };
  }
  return d.format === "sql" ? sqlDdlFields(text) : jsonSchemaFields(text);
}

function defaultWorkers(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

const ORDER = Object.keys(VERIFY_RULES) as VerifyRuleCode[];

function sortGroups(groups: ReportGroup[]): ReportGroup[] {
  return groups.sort(
    (a, b) => ORDER.indexOf(a.code) - ORDER.indexOf(b.code) || a.field.localeCompare(b.field),
  );
}

function notesFor(spec: CompiledSpec, inputs: readonly InputSummary[]): string[] {
  const notes: string[] = [];
  const withRetention = spec.fields.filter((f) => f.retentionDays !== undefined);
  const recordInputs = inputs.filter((i) => i.format !== "json-schema" && i.format !== "sql");
  if (recordInputs.length > 0 && withRetention.length === 0)
    notes.push("No field has retentionDays, so the age of records was not checked.");
  const untimed = inputs.reduce((n, i) => n + i.untimed, 0);
  if (untimed > 0)
    notes.push(
      `${untimed} record${untimed === 1 ? "" : "s"} had no readable timestamp, so ${untimed === 1 ? "its" : "their"} age was not checked (use --time-field to name the field).`,
    );
  return notes;
}
