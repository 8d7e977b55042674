/**
 * @module core/api/system
 * What the API answers about the instance itself: health, the audit trail, the built-in
 * content, and the dashboard.
 */
import { z } from "zod";
import { Questionnaire } from "../questionnaire/schema.ts";
import { Reference } from "../references.ts";
import { Assessment } from "../schema/assessment.ts";
import { LawfulBasis } from "../schema/common.ts";
import { OutcomeSchema } from "../vocabulary.ts";

const Day = z.string().describe("YYYY-MM-DD");

export const Health = z.strictObject({
  status: z.literal("ok"),
  database: z.enum(["pglite", "postgres"]),
  /** Whether the first admin exists, so the sign-in page stops pointing at the setup link. */
  setupDone: z.boolean(),
});

export const AuditEventView = z.strictObject({
  seq: z.number().int(),
  id: z.uuid(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  data: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export const AuditEventList = z.strictObject({ events: z.array(AuditEventView) });

export const AuditVerification = z.strictObject({
  ok: z.boolean(),
  checked: z.number().int(),
  /** The newest event, to anchor. */
  head: z.strictObject({ seq: z.number().int(), id: z.string(), hash: z.string(), at: z.string() }),
  /** The first problem found, and where. */
  broken: z
    .object({
      seq: z.number().int(),
      id: z.string(),
      reason: z.enum([
        "content-changed",
        "link-broken",
        "head-missing",
        "no-head",
        "events-missing",
        "anchor-missing",
        "anchor-invalid",
      ]),
    })
    .optional(),
  /** Rows whose creating event is missing, per kind. */
  unrecorded: z
    .strictObject({ versions: z.number().int(), users: z.number().int(), tokens: z.number().int() })
    .optional(),
  /** How many anchors were checked. */
  anchors: z.number().int().optional(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

export const TemplateInfo = z.strictObject({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  purposes: z.array(z.string()),
  interests: z.number().int(),
  jurisdiction: z.string(),
});
export type TemplateInfo = z.infer<typeof TemplateInfo>;
export const TemplateList = z.strictObject({ items: z.array(TemplateInfo) });
export const TemplateDocument = z.strictObject({ document: Assessment });

export const QuestionnaireList = z.strictObject({
  items: z.array(
    z.strictObject({ id: z.string(), title: z.string(), questions: z.number().int() }),
  ),
});
export const QuestionnaireAnswer = z.strictObject({ questionnaire: Questionnaire });

export const ReferenceList = z.strictObject({
  version: z.number().int(),
  references: z.array(Reference),
});

/** An assessment as a dashboard list shows it. */
export const DashboardItem = z.strictObject({
  slug: z.string(),
  name: z.string(),
  outcome: OutcomeSchema,
  blockers: z.number().int(),
  nextReview: Day.nullable(),
  updatedAt: z.string(),
});
export type DashboardItem = z.infer<typeof DashboardItem>;

export const Dashboard = z.strictObject({
  today: Day,
  days: z.number().int(),
  total: z.number().int(),
  byBasis: z.array(z.strictObject({ basis: LawfulBasis, count: z.number().int() })),
  byOutcome: z.array(z.strictObject({ outcome: OutcomeSchema, count: z.number().int() })),
  blocked: z.strictObject({ total: z.number().int(), items: z.array(DashboardItem) }),
  reviews: z.strictObject({
    total: z.number().int(),
    overdue: z.number().int(),
    items: z.array(DashboardItem),
  }),
  recent: z.array(DashboardItem),
});
export type Dashboard = z.infer<typeof Dashboard>;
