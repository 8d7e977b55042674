/**
 * @module core/api/workflow
 * What the API answers about the team workflow: the sign-off record, comments, reviews and
 * review triggers, objections, and reminder runs. The store returns the same shapes.
 */
import { z } from "zod";
import {
  OBJECTION_DECISIONS,
  SIGN_OFF_DECISIONS,
  SIGN_OFF_ROLES,
  TRIGGER_KINDS,
  WorkflowStateSchema,
} from "../vocabulary.ts";

const Timestamp = z.string().describe("ISO 8601 date and time");
const Day = z.string().describe("YYYY-MM-DD");
const SignOffRoleSchema = z.enum(SIGN_OFF_ROLES);

export const RequiredRoles = z.strictObject({
  requiredRoles: z.array(SignOffRoleSchema),
  /** Whether the person who created a version is kept from approving it. */
  segregateDuties: z.boolean(),
});

export const SignOffDecisionRecord = z.strictObject({
  role: SignOffRoleSchema,
  decision: z.enum(SIGN_OFF_DECISIONS),
  comment: z.string().nullable(),
  signer: z.string(),
  signerName: z.string().nullable(),
  at: Timestamp,
});
export type SignOffDecisionRecord = z.infer<typeof SignOffDecisionRecord>;

export const SignOffVersion = z.strictObject({
  version: z.number().int(),
  status: WorkflowStateSchema,
  reason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: Timestamp,
  decisions: z.array(SignOffDecisionRecord),
  /** Formats of the kept signed-off document, empty unless approved once. */
  signed: z.array(z.string()),
  approvedRoles: z.array(SignOffRoleSchema),
  pendingRoles: z.array(SignOffRoleSchema),
  /** Where the kept signed-off PDF downloads from, if there is one. */
  signedDocument: z.string().nullable(),
});
export type SignOffVersion = z.infer<typeof SignOffVersion>;

/** Status, required roles and every version's decisions and kept documents. */
export const SignOffRecord = z.strictObject({
  assessmentId: z.uuid(),
  slug: z.string(),
  status: WorkflowStateSchema,
  currentVersion: z.number().int(),
  /** The version approved last (kept after retirement). */
  approvedVersion: z.number().int().nullable(),
  /** The version in force: none once retired. */
  inForce: z.number().int().nullable(),
  requiredRoles: z.array(SignOffRoleSchema),
  /** The author of a version may not approve it (`versions[].createdBy` is the author). */
  segregateDuties: z.boolean(),
  openComments: z.number().int(),
  retired: z.strictObject({ at: Timestamp, by: z.string(), reason: z.string() }).nullable(),
  versions: z.array(SignOffVersion),
});
export type SignOffRecord = z.infer<typeof SignOffRecord>;

export const Comment = z.strictObject({
  id: z.uuid(),
  assessmentId: z.uuid(),
  /** The version current when the comment was made. */
  version: z.number().int().nullable(),
  path: z.string(),
  body: z.string(),
  author: z.string().nullable(),
  resolved: z.boolean(),
  resolvedAt: Timestamp.nullable(),
  resolvedBy: z.string().nullable(),
  createdAt: Timestamp,
});
export type Comment = z.infer<typeof Comment>;
export const CommentList = z.strictObject({ comments: z.array(Comment), open: z.number().int() });

export const ReviewTrigger = z.strictObject({
  id: z.uuid(),
  assessmentId: z.uuid(),
  kind: z.enum(TRIGGER_KINDS),
  reason: z.string(),
  raisedBy: z.string(),
  raisedAt: Timestamp,
});
export type ReviewTrigger = z.infer<typeof ReviewTrigger>;
export const RaisedTrigger = z.strictObject({ trigger: ReviewTrigger });

export const ReviewItem = z.strictObject({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  status: WorkflowStateSchema,
  nextReview: Day.nullable(),
  /** Approved, or with an approved version still in force under a newer draft. */
  inForce: z.boolean(),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

export const ReviewOverview = z.strictObject({
  today: Day,
  days: z.number().int(),
  /** `days` is negative: how many days late. Oldest first. */
  overdue: z.array(ReviewItem.extend({ days: z.number().int() })),
  /** `days` left until the review date. Soonest first. */
  dueSoon: z.array(ReviewItem.extend({ days: z.number().int() })),
  /** Assessments in force with open triggers, and why. */
  reviewNeeded: z.array(ReviewItem.extend({ triggers: z.array(ReviewTrigger) })),
});
export type ReviewOverview = z.infer<typeof ReviewOverview>;

export const RecordedReview = z.strictObject({
  id: z.uuid(),
  slug: z.string(),
  version: z.number().int(),
  nextReview: Day.nullable(),
  cleared: z.array(ReviewTrigger),
});
export type RecordedReview = z.infer<typeof RecordedReview>;

export const ReminderRun = z.strictObject({
  configured: z.boolean(),
  queued: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  errors: z.array(z.string()),
});

export const Objection = z.strictObject({
  id: z.uuid(),
  assessmentId: z.uuid(),
  slug: z.string(),
  title: z.string(),
  receivedOn: Day,
  responseDue: Day,
  summary: z.string(),
  decision: z.enum(OBJECTION_DECISIONS),
  reasoning: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedOn: Day.nullable(),
  createdBy: z.string(),
  createdAt: Timestamp,
  /** Pending after its response date. */
  overdue: z.boolean(),
});
export type Objection = z.infer<typeof Objection>;
export const ObjectionList = z.strictObject({ objections: z.array(Objection) });

export const ObjectionSettings = z.strictObject({
  /** Days to respond; null: one calendar month (Art. 12(3)). */
  responseDays: z.number().int().nullable(),
  /** What applies when no number of days is set. */
  default: z.string(),
});
