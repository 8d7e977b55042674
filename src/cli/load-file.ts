/**
 * @module cli/load-file
 * Reads a Basis file from disk and returns the parsed file or located errors. The size is
 * checked before reading and the bytes are decoded strictly, so a 50 MB log or a binary
 * file is refused with one clear line rather than parsed.
 */
import { readFileSync, statSync } from "node:fs";
import { referenceIds } from "../content/references.ts";
import { evaluate } from "../core/evaluate.ts";
import { type LocatedError, MAX_FILE_BYTES, parseYaml } from "../core/parse.ts";
import type { Evaluation } from "../core/rules/types.ts";
import {
  type Assessment,
  type BasisFile,
  BasisFile as BasisFileSchema,
  registerAssessments,
} from "../core/schema/index.ts";

export type LoadResult<T> = { ok: true; value: T } | { ok: false; errors: LocatedError[] };

/** Read a text file for parsing, refusing oversized, unreadable or non-UTF-8 files. */
export function readTextFile(
  file: string,
): { ok: true; text: string } | { ok: false; errors: LocatedError[] } {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return fail("is a directory, not a file");
    size = st.size;
  } catch (e) {
    return fail((e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : "cannot be read");
  }
  if (size > MAX_FILE_BYTES) {
    return fail(
      `file is ${(size / 1024 / 1024).toFixed(1)} MB; Basis files are at most ${MAX_FILE_BYTES / 1024 / 1024} MB`,
    );
  }
  const bytes = readFileSync(file);
  if (bytes.includes(0)) return fail("file contains binary data (NUL byte); expected YAML text");
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return fail("file is not valid UTF-8 text");
  }
}

export function loadBasisFile(file: string): LoadResult<BasisFile> {
  const read = readTextFile(file);
  if (!read.ok) return read;
  return parseYaml(read.text, BasisFileSchema);
}

/** The assessments a file holds: itself, or every activity of a register. */
export function assessmentsOf(file: BasisFile): Assessment[] {
  return file.kind === "register" ? registerAssessments(file) : [file];
}

/**
 * Loads a file and evaluates each assessment it holds as of `today`, citing against the
 * shipped references. A file that does not load has its errors written to `err` and gives
 * `undefined`: the command then exits with a failure.
 */
export function evaluateFile(
  file: string,
  today: string,
  err: (line: string) => void,
):
  | { file: BasisFile; evaluated: { assessment: Assessment; evaluation: Evaluation }[] }
  | undefined {
  const loaded = loadBasisFile(file);
  if (!loaded.ok) {
    for (const line of formatErrors(file, loaded.errors)) err(line);
    return undefined;
  }
  const knownRefs = referenceIds();
  return {
    file: loaded.value,
    evaluated: assessmentsOf(loaded.value).map((assessment) => ({
      assessment,
      evaluation: evaluate(assessment, { today, knownRefs }),
    })),
  };
}

/** `file:line:col: message` for syntax errors, `file: path: message` for schema errors. */
export function formatErrors(file: string, errors: readonly LocatedError[]): string[] {
  return errors.map((e) => {
    if (e.path === "")
      return e.line ? `${file}:${e.line}:${e.col ?? 1}: ${e.message}` : `${file}: ${e.message}`;
    return `${file}: ${e.path}: ${e.message}${e.line ? ` (line ${e.line})` : ""}`;
  });
}

function fail(message: string): { ok: false; errors: LocatedError[] } {
  return { ok: false, errors: [{ path: "", message }] };
}
