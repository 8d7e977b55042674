/**
 * @module core/vocabulary
 * The words every part of Basis shares, defined once: account roles, the workflow states of
 * an assessment version, the computed outcomes, the default review cadence, and the small
 * sets of decisions and trigger kinds the workflow records. The store types its columns
 * with them, the server validates and documents with them, render and the web app label
 * them; each label table is a `Record` over one of these, so a new word cannot go unlabelled.
 */
import { z } from "zod";

/** Account roles, lowest first; each includes the ones before it. */
export const ROLES = ["viewer", "editor", "approver", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

/** Whether an account with `role` has at least the `least` role. */
export function hasRole(role: Role, least: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(least);
}

/**
 * The states of an assessment version, in the order a version usually passes through them:
 * `draft → in_review → approved → superseded | retired`.
 */
export const WORKFLOW_STATES = ["draft", "in_review", "approved", "superseded", "retired"] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];
export const WorkflowStateSchema = z.enum(WORKFLOW_STATES);

/** What the rules engine concludes for an assessment: computed, never typed in. */
export const OUTCOMES = [
  "appropriate",
  "appropriate-with-conditions",
  "not-appropriate",
  "incomplete",
] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OutcomeSchema = z.enum(OUTCOMES);

/** Months between reviews when an assessment states no cadence (`review.cadenceMonths`). */
export const DEFAULT_REVIEW_MONTHS = 12;

/** The roles a sign-off is given as (an assessment's `signOff.required` and records). */
export const SIGN_OFF_ROLES = [
  "privacy-officer",
  "dpo",
  "legal-counsel",
  "product-owner",
  "security-lead",
  "other",
] as const;
export type SignOffRole = (typeof SIGN_OFF_ROLES)[number];

/** An approver's decision on a version in review. */
export const SIGN_OFF_DECISIONS = ["approve", "reject"] as const;
export type SignOffDecision = (typeof SIGN_OFF_DECISIONS)[number];

/** Where an Art. 21 objection stands. */
export const OBJECTION_DECISIONS = ["pending", "upheld", "rejected"] as const;
export type ObjectionDecision = (typeof OBJECTION_DECISIONS)[number];

/** Why an assessment in force needs a review before its date. */
export const TRIGGER_KINDS = [
  "field-added",
  "content-updated",
  "objection-upheld",
  "manual",
] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** How the register can be sorted. */
export const REGISTER_SORTS = ["updated", "title", "next-review", "outcome"] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];
