/**
 * Shapes of what the API returns, as the web app reads them. The assessment document itself
 * is the core zod type, so the editor and the server agree on every field.
 */

import type { Trace } from "../../src/core/rules/types.ts";
import type { Assessment } from "../../src/core/schema/index.ts";
import type { Outcome, Role } from "../../src/core/vocabulary.ts";

export type { Role } from "../../src/core/vocabulary.ts";

export interface Principal {
  kind: "user" | "token";
  id: string;
  name: string;
  role: Role;
}

export interface PresentedFinding {
  code: string;
  severity: "blocker" | "warning" | "info";
  path: string;
  title?: string;
  message: string;
  fix: string;
  refs: string[];
}

export interface AssessmentView {
  id: string;
  slug: string;
  title: string;
  status: string;
  version: number;
  outcome: Outcome;
  updatedAt: string;
  document: Assessment;
  evaluation: { outcome: Outcome; findings: PresentedFinding[]; trace: Trace };
}

export interface RegisterRow {
  assessmentId: string;
  slug: string;
  name: string;
  bases: string[];
  outcome: Outcome;
  status: string;
  nextReview: string | null;
  specialCategory: boolean;
  children: boolean;
  blockers: number;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TemplateInfo {
  id: string;
  title: string;
  description: string;
  purposes: string[];
  interests: number;
  jurisdiction: string;
}

export interface VersionInfo {
  version: number;
  status: string;
  outcome: string;
  findingCodes: string[];
  reason: string | null;
  createdBy: string;
  createdAt: string;
}

export interface Change {
  path: string;
  op: "added" | "removed" | "changed";
  from?: unknown;
  to?: unknown;
}

export type { Reference as ReferenceInfo } from "../../src/core/references.ts";

export interface SignOffDecision {
  role: string;
  decision: "approve" | "reject";
  comment: string | null;
  signer: string;
  signerName: string | null;
  at: string;
}

export interface SignOffVersion {
  version: number;
  status: string;
  reason: string | null;
  decisions: SignOffDecision[];
  approvedRoles: string[];
  pendingRoles: string[];
  signedDocument: unknown;
}

export interface SignOffRecord {
  assessmentId: string;
  slug: string;
  status: string;
  currentVersion: number;
  approvedVersion: number | null;
  inForce: number | null;
  requiredRoles: string[];
  openComments: number;
  retired: { at: string; by: string; reason: string } | null;
  versions: SignOffVersion[];
}

export interface CommentInfo {
  id: string;
  version: number | null;
  path: string;
  body: string;
  author: string | null;
  resolved: boolean;
  resolvedAt: string | null;
  resolvedBy: string | null;
  createdAt: string;
}

export interface ObjectionInfo {
  id: string;
  assessmentId: string;
  slug: string;
  title: string;
  receivedOn: string;
  responseDue: string;
  summary: string;
  decision: "pending" | "upheld" | "rejected";
  reasoning: string | null;
  decidedBy: string | null;
  decidedOn: string | null;
  createdBy: string;
  createdAt: string;
  overdue: boolean;
}

export interface ReviewItem {
  id: string;
  slug: string;
  title: string;
  status: string;
  nextReview: string | null;
  inForce: number | null;
  days?: number;
  triggers?: { id: string; kind: string; reason: string; raisedBy: string; raisedAt: string }[];
}

export interface ReviewsOverview {
  today: string;
  days: number;
  overdue: ReviewItem[];
  dueSoon: ReviewItem[];
  reviewNeeded: ReviewItem[];
}
