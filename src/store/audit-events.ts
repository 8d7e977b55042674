/**
 * @module store/audit-events
 * Every audited action, once: the kind of thing it is about and the schema of what it
 * records. `AuditInput` is the union the compiler derives from this table, so an event
 * cannot be appended with another action's payload, a new action cannot be appended before
 * it has a line here, and the cache (store/cache) must say what each one makes stale.
 * Payloads are checked against their schema when appended, and readers of the trail parse
 * them with the same schema.
 */
import { z } from "zod";

const Version = z.number().int().positive();
const Slug = z.string().min(1);
const Uuid = z.string().min(1);
const Role = z.string().min(1);
const nothing = z.strictObject({});
/** The register view an export was taken of: its search, filters and sort, as given. */
const RegisterViewData = z.record(z.string(), z.union([z.string(), z.boolean()]));

/** The kinds of thing an event is about (`entity_type`). */
export type EntityType =
  | "assessment"
  | "register"
  | "comment"
  | "objection"
  | "settings"
  | "user"
  | "api_token"
  | "database";

interface EventSpec {
  entity: EntityType;
  data: z.ZodType<Record<string, unknown>>;
}

export const AUDIT_EVENTS = {
  "assessment.create": {
    entity: "assessment",
    data: z.strictObject({ slug: Slug, version: Version, outcome: z.string(), reason: z.string() }),
  },
  "assessment.update": {
    entity: "assessment",
    data: z.strictObject({
      slug: Slug,
      version: Version,
      outcome: z.string(),
      reason: z.string(),
      /** The state of the version the edit was based on. */
      from: z.string(),
      approvedVersion: Version.optional(),
      fieldsAdded: z.array(z.string()).optional(),
    }),
  },
  "assessment.delete": {
    entity: "assessment",
    data: z.strictObject({ slug: Slug, version: Version }),
  },
  "assessment.draft.saved": {
    entity: "assessment",
    data: z.strictObject({ slug: Slug, baseVersion: Version, revision: Version }),
  },
  "assessment.draft.discarded": {
    entity: "assessment",
    data: z.strictObject({ slug: Slug, baseVersion: Version, revision: Version }),
  },
  "assessment.submitted": {
    entity: "assessment",
    data: z.strictObject({ slug: Slug, version: Version }),
  },
  "assessment.decision": {
    entity: "assessment",
    data: z.strictObject({
      slug: Slug,
      version: Version,
      role: Role,
      decision: z.enum(["approve", "reject"]),
      comment: z.string().nullable(),
    }),
  },
  "assessment.rejected": {
    entity: "assessment",
    data: z.strictObject({
      slug: Slug,
      version: Version,
      role: Role,
      /** What to change, as the approver wrote it (absent in events before it was recorded). */
      comment: z.string().optional(),
    }),
  },
  "assessment.superseded": {
    entity: "assessment",
    data: z.strictObject({ slug: Slug, version: Version, by: Version }),
  },
  "assessment.approved": {
    entity: "assessment",
    data: z.strictObject({
      slug: Slug,
      version: Version,
      roles: z.array(Role),
      superseded: Version.nullable(),
      document: z.strictObject({ format: z.string(), sha256: z.string() }),
    }),
  },
  "assessment.retired": {
    entity: "assessment",
    data: z.strictObject({
      slug: Slug,
      version: Version,
      approvedVersion: Version.nullable(),
      reason: z.string(),
      by: z.string(),
    }),
  },
  "assessment.export": {
    entity: "assessment",
    // `format` names another tool's format when exported to it (e.g. cnil-pia).
    data: z.strictObject({ version: Version, format: z.string().optional() }),
  },
  "assessment.document": {
    entity: "assessment",
    data: z.strictObject({
      version: Version,
      format: z.string(),
      document: z.string(),
      sha256: z.string().optional(),
    }),
  },
  "register.export": {
    entity: "register",
    data: z.strictObject({
      count: z.number().int().min(0),
      format: z.string(),
      view: RegisterViewData.optional(),
    }),
  },
  "register.document": {
    entity: "register",
    data: z.strictObject({
      count: z.number().int().min(0),
      format: z.string(),
      document: z.string(),
      view: RegisterViewData.optional(),
    }),
  },
  "review.triggered": {
    entity: "assessment",
    data: z.strictObject({ triggerId: Uuid, kind: z.string(), reason: z.string() }),
  },
  "review.recorded": {
    entity: "assessment",
    data: z.strictObject({ version: Version, summary: z.string(), cleared: z.array(Uuid) }),
  },
  "comment.created": {
    entity: "comment",
    data: z.strictObject({ assessmentId: Uuid, version: Version, path: z.string() }),
  },
  "comment.resolved": {
    entity: "comment",
    data: z.strictObject({ assessmentId: Uuid, path: z.string() }),
  },
  "comment.reopened": {
    entity: "comment",
    data: z.strictObject({ assessmentId: Uuid, path: z.string() }),
  },
  "objection.recorded": {
    entity: "objection",
    data: z.strictObject({ assessmentId: Uuid, receivedOn: z.string(), responseDue: z.string() }),
  },
  "objection.decided": {
    entity: "objection",
    data: z.strictObject({ assessmentId: Uuid, decision: z.enum(["upheld", "rejected"]) }),
  },
  "settings.sign-off": {
    entity: "settings",
    data: z.strictObject({
      roles: z.array(Role),
      previous: z.array(Role),
      // Absent from events written before segregation of duties was a setting.
      segregateDuties: z.boolean().optional(),
      previousSegregateDuties: z.boolean().optional(),
    }),
  },
  "settings.objections": {
    entity: "settings",
    data: z.strictObject({ responseDays: z.number().int().nullable() }),
  },
  "session.login": { entity: "user", data: nothing },
  "session.logout": { entity: "user", data: nothing },
  "user.create": {
    entity: "user",
    data: z.strictObject({ email: z.string(), role: Role }),
  },
  "user.update": {
    entity: "user",
    data: z.strictObject({ role: Role.optional(), disabled: z.boolean().optional() }),
  },
  "token.create": {
    entity: "api_token",
    data: z.strictObject({ name: z.string(), role: Role }),
  },
  "token.revoke": {
    entity: "api_token",
    data: z.strictObject({ reason: z.enum(["owner disabled"]).optional() }),
  },
  // A backup only reads; a restore replaces everything and is made with no server running.
  "backup.create": { entity: "database", data: nothing },
  "backup.restore": {
    entity: "database",
    data: z.strictObject({
      createdAt: z.string(),
      backend: z.string(),
      basisVersion: z.string(),
    }),
  },
} as const satisfies Record<string, EventSpec>;

export type AuditAction = keyof typeof AUDIT_EVENTS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_EVENTS) as AuditAction[];

/** What an event of `A` records. */
export type AuditData<A extends AuditAction> = z.input<(typeof AUDIT_EVENTS)[A]["data"]>;

/** An event to append: its action decides what it is about and what `data` must hold. */
export type AuditInput = {
  [A in AuditAction]: {
    actor: string;
    action: A;
    entityId: string;
  } & (Record<string, never> extends AuditData<A>
    ? { data?: AuditData<A> }
    : { data: AuditData<A> });
}[AuditAction];

/** Whether a stored action is one this version knows (a newer instance may write others). */
export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_EVENTS, action);
}

/** A stored event's payload, parsed with its action's schema; undefined if it does not fit. */
export function auditData<A extends AuditAction>(
  action: A,
  data: unknown,
): AuditData<A> | undefined {
  const parsed = AUDIT_EVENTS[action].data.safeParse(data);
  return parsed.success ? (parsed.data as AuditData<A>) : undefined;
}
