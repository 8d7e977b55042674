/**
 * @module store/schema
 * The database schema (drizzle). The same tables and migrations serve the embedded PGlite
 * database and a PostgreSQL server; SQL stays within what PostgreSQL 15 accepts.
 */
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  type PgColumn,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import type { Evaluation } from "../core/rules/types.ts";
import type { LawfulBasis } from "../core/schema/common.ts";
import {
  OBJECTION_DECISIONS,
  OUTCOMES,
  ROLES,
  SIGN_OFF_DECISIONS,
  SIGN_OFF_ROLES,
  TRIGGER_KINDS,
  WORKFLOW_STATES,
} from "../core/vocabulary.ts";
import type { AssessmentContent } from "../core/workflow/recorded-status.ts";
import type { Retirement } from "../core/workflow/sign-off.ts";

const created = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** Binary content: PGlite reads it as a Uint8Array, node-postgres as a Buffer (one). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

/** A full-text document (words and positions); only the database writes and reads it. */
const tsvector = customType<{ data: string; driverData: string }>({
  dataType: () => "tsvector",
});

/** Instance-wide settings, e.g. the one-time setup token (hashed). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
});

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull(),
  jurisdiction: text("jurisdiction").notNull(),
  country: text("country"),
  publicAuthority: boolean("public_authority").notNull().default(false),
  createdAt: created(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    passwordHash: text("password_hash").notNull(),
    disabled: boolean("disabled").notNull().default(false),
    createdAt: created(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the session token; the token itself lives only in the cookie. */
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: created(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  role: text("role", { enum: ROLES }).notNull(),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: created(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

/** The columns the register filters on: each sort's index holds them after its own key. */
const filterColumns = (t: Record<FilterColumn, PgColumn>, leading?: FilterColumn): PgColumn[] =>
  FILTER_COLUMNS.filter((c) => c !== leading).map((c) => t[c]);
const FILTER_COLUMNS = [
  "status",
  "outcome",
  "specialCategory",
  "children",
  "nextReview",
  "bases",
] as const;
type FilterColumn = (typeof FILTER_COLUMNS)[number];

/** One row per assessment, with the register columns of its current version for listing. */
export const assessments = pgTable(
  "assessments",
  {
    id: uuid("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    title: text("title").notNull(),
    activityName: text("activity_name").notNull(),
    /** The purposes' descriptions, cut to what a register row shows. */
    purposeSummary: text("purpose_summary").notNull().default(""),
    /** Who owns the review (the document's review.owner). */
    owner: text("owner"),
    /** What free-text search looks in. */
    searchText: text("search_text").notNull().default(""),
    /**
     * `searchText` as words (`simple` configuration), kept by the database on every write and
     * indexed (assessments_search_idx), so a search never breaks text into words per row.
     */
    searchVector: tsvector("search_vector")
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('simple', search_text)`),
    status: text("status", { enum: WORKFLOW_STATES }).notNull(),
    currentVersion: integer("current_version").notNull(),
    /** The version in force once signed off; a later draft does not replace it until approved. */
    approvedVersion: integer("approved_version"),
    /** When, by whom and why it was retired ({ at, by, reason }); null unless retired. */
    retirement: jsonb("retirement").$type<Retirement>(),
    bases: text("bases").array().$type<LawfulBasis[]>().notNull(),
    outcome: text("outcome", { enum: OUTCOMES }).notNull(),
    blockers: integer("blockers").notNull(),
    warnings: integer("warnings").notNull(),
    nextReview: text("next_review"),
    specialCategory: boolean("special_category").notNull(),
    children: boolean("children").notNull(),
    createdAt: created(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // One index per sort (its order, then the slug that breaks ties in the same direction, so
  // that keyset pagination is one row comparison), one per filter, and the search index:
  // every register query is answered from an index (test/register-plans.test.ts). Each sort's
  // index also holds the filter columns after the slug (which is unique, so they do not change
  // the order): a page deep into a filtered sort is then read from the index alone, with no
  // visit to the table for each row it passes over.
  (t) => [
    index("assessments_updated_idx").on(
      t.updatedAt.desc().nullsFirst(),
      t.slug.desc().nullsFirst(),
      ...filterColumns(t),
    ),
    index("assessments_title_idx").on(t.title, t.slug, ...filterColumns(t)),
    index("assessments_outcome_idx").on(t.outcome, t.slug, ...filterColumns(t, "outcome")),
    // Without a next review an activity sorts last: the date no real review reaches.
    index("assessments_next_review_idx").on(
      sql`coalesce(${t.nextReview}, '9999-12-31')`,
      t.slug,
      ...filterColumns(t),
    ),
    index("assessments_status_idx").on(
      t.status,
      t.updatedAt.desc().nullsFirst(),
      t.slug.desc().nullsFirst(),
    ),
    // A GIN index queues new entries in a pending list, which the write that fills it merges
    // into the index. PGlite runs no autovacuum to merge it sooner, so at PostgreSQL's 4 MB
    // one save in about 5,000 stalled every request for 300-530 ms; at 512 kB one in about
    // 1,200 takes 30-55 ms, at the same cost a save on average (migration 0013).
    index("assessments_bases_idx").using("gin", t.bases).with({ gin_pending_list_limit: 512 }),
    index("assessments_special_category_idx").on(
      t.specialCategory,
      t.updatedAt.desc().nullsFirst(),
      t.slug.desc().nullsFirst(),
    ),
    index("assessments_children_idx").on(
      t.children,
      t.updatedAt.desc().nullsFirst(),
      t.slug.desc().nullsFirst(),
    ),
    index("assessments_search_idx")
      .using("gin", t.searchVector)
      .with({ gin_pending_list_limit: 512 }),
  ],
);

/** Every saved version, immutable: the document, its evaluation and its finding codes. */
export const assessmentVersions = pgTable(
  "assessment_versions",
  {
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    /** The content: never the workflow status, which the rows keep. */
    document: jsonb("document").$type<AssessmentContent>().notNull(),
    evaluation: jsonb("evaluation").$type<Evaluation>().notNull(),
    outcome: text("outcome", { enum: OUTCOMES }).notNull(),
    findingCodes: text("finding_codes").array().notNull(),
    status: text("status", { enum: WORKFLOW_STATES }).notNull(),
    reason: text("reason"),
    createdBy: text("created_by").notNull(),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.version] })],
);

/**
 * The working draft of an assessment: what its editors are writing on top of `baseVersion`,
 * saved as they type and shared by everyone who edits it, so that autosave never adds a
 * version. A version is made from it when someone saves one with a note, or submits it.
 * `revision` counts its saves: a save or discard based on an older revision is refused.
 */
export const workingDrafts = pgTable("working_drafts", {
  assessmentId: uuid("assessment_id")
    .primaryKey()
    .references(() => assessments.id, { onDelete: "cascade" }),
  baseVersion: integer("base_version").notNull(),
  revision: integer("revision").notNull(),
  document: jsonb("document").$type<AssessmentContent>().notNull(),
  updatedBy: text("updated_by").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const approvals = pgTable("approvals", {
  id: uuid("id").primaryKey(),
  assessmentId: uuid("assessment_id")
    .notNull()
    .references(() => assessments.id, { onDelete: "cascade" }),
  version: integer("version").notNull(),
  role: text("role", { enum: SIGN_OFF_ROLES }).notNull(),
  userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
  /** Who signed (`user:<id>` or `token:<id>`): one signer signs one role of a version. */
  signer: text("signer"),
  /** The signer's name when they signed, for the record and the signed document. */
  signerName: text("signer_name"),
  decision: text("decision", { enum: SIGN_OFF_DECISIONS }).notNull(),
  comment: text("comment"),
  createdAt: created(),
});

export const comments = pgTable("comments", {
  id: uuid("id").primaryKey(),
  assessmentId: uuid("assessment_id")
    .notNull()
    .references(() => assessments.id, { onDelete: "cascade" }),
  version: integer("version"),
  path: text("path").notNull(),
  body: text("body").notNull(),
  authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
  authorName: text("author_name"),
  resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  resolvedBy: text("resolved_by"),
  createdAt: created(),
});

/** Art. 21 objections against an activity relying on legitimate interests. */
export const objections = pgTable(
  "objections",
  {
    id: uuid("id").primaryKey(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    receivedOn: text("received_on").notNull(),
    responseDue: text("response_due").notNull(),
    summary: text("summary").notNull(),
    decision: text("decision", { enum: OBJECTION_DECISIONS }).notNull(),
    reasoning: text("reasoning"),
    decidedBy: text("decided_by"),
    decidedOn: text("decided_on"),
    createdBy: text("created_by").notNull(),
    createdAt: created(),
  },
  (t) => [index("objections_assessment_idx").on(t.assessmentId, t.receivedOn)],
);

/** Why an approved assessment needs a review before its date: open until a review clears it. */
export const reviewTriggers = pgTable(
  "review_triggers",
  {
    id: uuid("id").primaryKey(),
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: TRIGGER_KINDS }).notNull(),
    reason: text("reason").notNull(),
    raisedBy: text("raised_by").notNull(),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull().defaultNow(),
    clearedAt: timestamp("cleared_at", { withTimezone: true }),
    clearedBy: text("cleared_by"),
  },
  (t) => [index("review_triggers_assessment_idx").on(t.assessmentId)],
);

/**
 * The reminder outbox. The key names what a message is about and for whom (e.g. a review
 * falling due on a date, to one address), so a message is queued once, and claimed and sent
 * once, whatever restarts or how many instances share the database.
 */
export const notifications = pgTable(
  "notifications",
  {
    key: text("key").primaryKey(),
    /** email or webhook. */
    channel: text("channel").notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    createdAt: created(),
    claimedBy: text("claimed_by"),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [index("notifications_unsent_idx").on(t.sentAt, t.createdAt)],
);

/** The signed-off document of each approved version, kept as it was issued. */
export const signedDocuments = pgTable(
  "signed_documents",
  {
    assessmentId: uuid("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    format: text("format", { enum: ["pdf"] }).notNull(),
    /** The file's bytes (base64 text before migration 0006). */
    content: bytea("content").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.version, t.format] })],
);

/** Append-only, hash-chained: each event's hash covers its content and the previous hash. */
export const auditEvents = pgTable("audit_events", {
  seq: bigserial("seq", { mode: "number" }).primaryKey(),
  id: uuid("id").notNull().unique(),
  at: text("at").notNull(),
  actor: text("actor").notNull(),
  action: text("action").notNull(),
  entityType: text("entity_type").notNull(),
  entityId: text("entity_id").notNull(),
  data: jsonb("data").$type<Record<string, unknown>>().notNull(),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
});
