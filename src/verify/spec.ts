/**
 * @module verify/spec
 * The minimisation specification compiled for scanning: input field names resolved (with
 * `--map` renames, case-insensitively) to a specification field, a prohibited field or an
 * unknown one, and each specification field turned into the tests its promised
 * transformation calls for. Plain data in, so it can be rebuilt inside every worker thread.
 */
import type { MinimisationSpec, Transformation } from "../core/schema/index.ts";
import { DAY_MS, dayStartMs } from "./time.ts";
import { promisesEmail } from "./values.ts";

/** What a worker needs to rebuild the compiled specification: JSON-safe. */
export interface VerifyPlan {
  fields: {
    name: string;
    type?: string | undefined;
    transformation?: Transformation | undefined;
    retentionDays?: number | undefined;
  }[];
  prohibited: string[];
  /** YYYY-MM-DD: records are judged against retention as of the start of this day (UTC). */
  today: string;
  /** Examples kept per rule and field. */
  examples: number;
  /** Longest line read; longer lines are skipped and reported. */
  maxLine: number;
  /** Input field name -> specification field name. */
  map: Record<string, string>;
  /** The field holding each record's time, when the heuristics should not decide. */
  timeField?: string | undefined;
}

export function planOf(
  spec: MinimisationSpec,
  settings: Omit<VerifyPlan, "fields" | "prohibited">,
): VerifyPlan {
  return {
    ...settings,
    fields: spec.fields.map((f) => ({
      name: f.name,
      type: f.type,
      transformation: f.transformation,
      retentionDays: f.retentionDays,
    })),
    prohibited: (spec.prohibited ?? []).map((p) => p.name),
  };
}

export interface FieldRule {
  name: string;
  index: number;
  ip: boolean;
  ua: boolean;
  refHost: boolean;
  urlPath: boolean;
  allowsEmail: boolean;
  retentionDays: number | undefined;
  /** Records older than this instant have outlived the field's retention. */
  cutoffMs: number;
  isTime: boolean;
}

export type Resolution =
  | { kind: "field"; name: string; field: FieldRule; isTime: boolean }
  | { kind: "prohibited"; name: string; isTime: boolean }
  | { kind: "unknown"; name: string; hasChildren: boolean; isTime: boolean };

/** Names that mark a record's time when the specification does not say which field it is. */
const TIME_NAMES = new Set([
  "timestamp",
  "time",
  "ts",
  "datetime",
  "date",
  "created_at",
  "createdat",
  "occurred_at",
  "event_time",
  "time_local",
  "@timestamp",
  "logged_at",
]);
const HASHED: ReadonlySet<Transformation> = new Set([
  "daily-salted-hash",
  "keyed-hash",
  "pseudonymous-id",
]);

const MAX_MEMO = 10_000;

export class CompiledSpec {
  readonly fields: FieldRule[];
  readonly timeDescribed: boolean;
  private readonly byName = new Map<string, FieldRule>();
  private readonly prohibited = new Set<string>();
  private readonly parents = new Set<string>();
  private readonly rename = new Map<string, string>();
  private readonly memo = new Map<string, Resolution>();

  constructor(readonly plan: VerifyPlan) {
    const todayStart = dayStartMs(plan.today);
    const timeField = plan.timeField?.toLowerCase();
    for (const [from, to] of Object.entries(plan.map))
      this.rename.set(from.toLowerCase(), to.toLowerCase());
    this.fields = plan.fields.map((f, index) => {
      const t = f.transformation;
      const lower = f.name.toLowerCase();
      const isTime =
        timeField !== undefined
          ? lower === timeField
          : TIME_NAMES.has(lower) || /ISO 8601|date-?time|timestamp/i.test(f.type ?? "");
      const rule: FieldRule = {
        name: f.name,
        index,
        ip: t === "ipv4-truncate-24" || t === "ipv6-truncate-48" || t === "ip-truncate",
        ua: t === "user-agent-browser-major" || t === "user-agent-reduced",
        refHost: t === "referrer-host-only",
        urlPath: t === "url-path-only",
        allowsEmail: promisesEmail(f.name, f.type) && !(t !== undefined && HASHED.has(t)),
        retentionDays: f.retentionDays,
        cutoffMs:
          f.retentionDays === undefined
            ? Number.NEGATIVE_INFINITY
            : todayStart - f.retentionDays * DAY_MS,
        isTime,
      };
      if (!this.byName.has(lower)) this.byName.set(lower, rule);
      return rule;
    });
    for (const p of plan.prohibited) this.prohibited.add(p.toLowerCase());
    for (const name of [...this.byName.keys(), ...this.prohibited]) {
      const parts = name.split(".");
      for (let n = 1; n < parts.length; n++) this.parents.add(parts.slice(0, n).join("."));
    }
    this.timeDescribed = this.fields.some((f) => f.isTime) || timeField !== undefined;
  }

  /** Resolve an input field name (a JSON key path, a CSV column, a log part). */
  resolve(inputName: string): Resolution {
    const hit = this.memo.get(inputName);
    if (hit) return hit;
    const r = this.resolveUncached(inputName);
    if (this.memo.size < MAX_MEMO) this.memo.set(inputName, r);
    return r;
  }

  /** Whether `--map` renames this input name. */
  renames(inputName: string): boolean {
    return this.rename.has(inputName.toLowerCase());
  }

  /** Resolve the first candidate the specification knows, else the first candidate itself. */
  resolveAny(candidates: readonly string[]): Resolution {
    for (const c of candidates) {
      const r = this.resolve(c);
      if (r.kind !== "unknown") return r;
    }
    return this.resolve(candidates[0] as string);
  }

  private resolveUncached(inputName: string): Resolution {
    const lower = inputName.toLowerCase();
    const target = this.rename.get(lower) ?? lower;
    const last = target.slice(target.lastIndexOf(".") + 1);
    const timeField = this.plan.timeField?.toLowerCase();
    const isTimeName = timeField !== undefined ? target === timeField : TIME_NAMES.has(target);
    if (this.prohibited.has(target) || this.prohibited.has(last))
      return { kind: "prohibited", name: inputName, isTime: false };
    const field = this.byName.get(target);
    if (field) return { kind: "field", name: field.name, field, isTime: field.isTime };
    return {
      kind: "unknown",
      name: inputName,
      hasChildren: this.parents.has(target),
      isTime: isTimeName,
    };
  }
}
