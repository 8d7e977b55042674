/**
 * @module core/law/article9
 * What each Art. 9(2) condition needs before it can lift the ban on special-category data,
 * as data. The rules engine checks a recorded condition against the facts the assessment
 * holds (who the people are, where the data comes from, what the purpose is, who the
 * controller is) letter by letter, instead of accepting any letter that is ticked.
 *
 * Sources: the text of Art. 9(2); C-252/21 Meta v Bundeskartellamt (paras. 72–84: data is
 * "manifestly made public" only by the person's own deliberate act, and inferences drawn by
 * the controller are not); EDPB Guidelines 05/2020 on consent (an employer or public
 * authority can rarely rely on consent); the facial-recognition decisions against Clearview AI
 * (biometric templates computed from scraped photographs are not data the people made public).
 */
import type { Article9Condition, PurposeCategory, Relationship } from "../schema/common.ts";

export interface Article9Requirements {
  /** Purposes the condition can serve; absent means any purpose. */
  purposes?: readonly PurposeCategory[];
  /** The people must include one of these relationships. */
  relationships?: readonly Relationship[];
  /** The controller must be a not-for-profit body. */
  notForProfit?: true;
  /** Every special-category item must be data the person deliberately made public. */
  madePublicBySubject?: true;
  /** Explicit consent; unavailable where the controller holds power over the people. */
  explicitConsent?: true;
  refs: readonly string[];
}

/** Purposes for which, apart from explicit consent or data the person made public, no condition fits. */
export const CONSENT_ONLY_PURPOSES: readonly PurposeCategory[] = Object.freeze([
  "direct-marketing",
  "personalised-advertising",
  "analytics",
  "product-improvement",
  "profiling",
  "data-sale",
  "disclosure-to-third-party",
]);

export const ARTICLE_9_REQUIREMENTS: Readonly<Record<Article9Condition, Article9Requirements>> =
  Object.freeze({
    a: { explicitConsent: true, refs: ["gdpr-art-9-2", "edpb-guidelines-05-2020"] },
    b: {
      purposes: [
        "employee-administration",
        "employee-monitoring",
        "recruitment",
        "legal-compliance",
      ],
      relationships: ["employee", "job-applicant"],
      refs: ["gdpr-art-9-2", "gdpr-art-88"],
    },
    c: { purposes: ["health-care", "public-interest"], refs: ["gdpr-art-9-2"] },
    d: {
      notForProfit: true,
      relationships: ["member", "supporter"],
      refs: ["gdpr-art-9-2"],
    },
    e: { madePublicBySubject: true, refs: ["gdpr-art-9-2", "cjeu-c-252-21-meta"] },
    f: { purposes: ["legal-claims"], refs: ["gdpr-art-9-2"] },
    g: {
      purposes: [
        "public-interest",
        "legal-compliance",
        "fraud-prevention",
        "security",
        "employee-administration",
      ],
      refs: ["gdpr-art-9-2"],
    },
    h: { purposes: ["health-care", "employee-administration"], refs: ["gdpr-art-9-2"] },
    i: { purposes: ["public-interest", "health-care"], refs: ["gdpr-art-9-2"] },
    j: { purposes: ["research", "public-interest"], refs: ["gdpr-art-9-2"] },
  });

/** Relationships in which the controller holds power over the people (recital 43). */
export const IMBALANCED_RELATIONSHIPS: readonly Relationship[] = Object.freeze([
  "employee",
  "job-applicant",
]);
