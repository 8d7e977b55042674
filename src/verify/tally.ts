/**
 * @module verify/tally
 * Counts per rule and field, with the first N examples of each. Bounded whatever the input:
 * examples are capped per group and the number of distinct fields per rule is capped too
 * (the rest are counted under "(other fields)"), so a file of a billion records with random
 * keys still fits in a few kilobytes.
 */
import type { VerifyRuleCode } from "./rules.ts";

export interface Example {
  /** 1-based line within the task; made absolute when tasks are merged. */
  line: number;
  col?: number;
  /** What was found, with personal data redacted. */
  detail: string;
}

export interface Group {
  code: VerifyRuleCode;
  field: string;
  count: number;
  examples: Example[];
}

export const MAX_FIELDS_PER_RULE = 200;
export const OTHER_FIELDS = "(other fields)";

export class Tally {
  private readonly groups = new Map<string, Group>();
  private readonly fieldsPerRule = new Map<string, number>();

  constructor(readonly maxExamples: number) {}

  /** Count one occurrence; `detail` is only computed while examples are still wanted. */
  hit(
    code: VerifyRuleCode,
    field: string,
    line: number,
    detail: string | (() => string),
    col?: number,
  ): void {
    let group = this.groups.get(`${code}\u0000${field}`);
    if (group === undefined) {
      const distinct = this.fieldsPerRule.get(code) ?? 0;
      if (distinct >= MAX_FIELDS_PER_RULE) {
        this.hit(code, OTHER_FIELDS, line, detail, col);
        return;
      }
      this.fieldsPerRule.set(code, distinct + 1);
      group = { code, field, count: 0, examples: [] };
      this.groups.set(`${code}\u0000${field}`, group);
    }
    group.count++;
    if (group.examples.length < this.maxExamples) {
      const example: Example = { line, detail: typeof detail === "string" ? detail : detail() };
      if (col !== undefined) example.col = col;
      group.examples.push(example);
    }
  }

  get size(): number {
    return this.groups.size;
  }

  list(): Group[] {
    return [...this.groups.values()];
  }
}

/** A group in the final report: examples carry their file and absolute line. */
export interface ReportGroup {
  code: VerifyRuleCode;
  field: string;
  count: number;
  examples: (Example & { file: string })[];
}

/**
 * Merge task results in file order. Each part gives its groups, the file it read and how many
 * lines came before its first line, so every example gets its absolute `file:line`.
 */
export function mergeGroups(
  parts: readonly { file: string; lineOffset: number; groups: readonly Group[] }[],
  maxExamples: number,
): ReportGroup[] {
  const merged = new Map<string, ReportGroup>();
  const fieldsPerRule = new Map<string, number>();
  for (const part of parts) {
    for (const g of part.groups) {
      let key = `${g.code}\u0000${g.field}`;
      let target = merged.get(key);
      if (target === undefined) {
        const distinct = fieldsPerRule.get(g.code) ?? 0;
        const field = distinct >= MAX_FIELDS_PER_RULE ? OTHER_FIELDS : g.field;
        key = `${g.code}\u0000${field}`;
        target = merged.get(key);
        if (target === undefined) {
          fieldsPerRule.set(g.code, distinct + 1);
          target = { code: g.code, field, count: 0, examples: [] };
          merged.set(key, target);
        }
      }
      target.count += g.count;
      for (const ex of g.examples) {
        if (target.examples.length >= maxExamples) break;
        target.examples.push({ ...ex, file: part.file, line: ex.line + part.lineOffset });
      }
    }
  }
  return [...merged.values()];
}
