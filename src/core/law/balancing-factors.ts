/**
 * @module core/law/balancing-factors
 * The balancing test of Art. 6(1)(f) as data: each fact that weighs, on which side, how much
 * at each level, how far additional safeguards can offset it, and the authorities it rests
 * on. The engine (`core/rules/balance.ts`) only reads facts off an assessment, looks their
 * weights up here and adds them; it holds no weights of its own.
 *
 * Scale: 1 is a fact that counts but would not decide a case alone; 3 is a fact courts and
 * regulators treat as weighing heavily (special-category data, children, combining data for
 * advertising at scale); 4 is near-decisive on its own. A decisive factor settles the balance
 * whatever else is recorded (recitals 38 and 71: profiling children for marketing).
 *
 * Safeguards: only measures beyond what the law already requires can tip the balance (EDPB
 * Guidelines 1/2024). Each additional safeguard that names a factor in `offsets` takes
 * {@link OFFSET_PER_SAFEGUARD} off it, up to the factor's `maxOffset`. Some facts no safeguard
 * can cure (a notice that promised the opposite, covert monitoring, a sale of the data): their
 * `maxOffset` is 0.
 */
import type { FactorId } from "../schema/common.ts";

/**
 * Facts that express the same concern. Within a group the heaviest fact counts in full and
 * each further one at {@link CORROBORATING_SHARE}: a credit bureau's data is by nature
 * obtained from others, unknown to the people and unexpected, and that is one concern
 * corroborated, not three.
 */
export type FactorGroup =
  | "data"
  | "people"
  | "expectations"
  | "impact"
  | "intrusiveness"
  | "retention"
  | "dpia"
  | "decisive"
  | "interest";

export interface FactorDefinition {
  id: FactorId;
  /** `against`: weighs on the people's side; `for`: weighs for the interest. */
  side: "against" | "for";
  group: FactorGroup;
  /** Weight at each level of the fact, level 1 first. */
  weights: readonly number[];
  /** The most that additional safeguards can take off this factor. */
  maxOffset: number;
  /** Settles the balance on its own. */
  decisive?: true;
  refs: readonly string[];
}

const GROUP_OF: Readonly<Record<FactorId, FactorGroup>> = {
  "special-category-data": "data",
  "criminal-offence-data": "data",
  "financial-data": "data",
  "location-data": "data",
  "communications-data": "data",
  "national-id": "data",
  "inferred-characteristics": "data",
  children: "people",
  "vulnerable-people": "people",
  "power-imbalance": "people",
  "no-relationship": "expectations",
  "indirect-collection": "expectations",
  "not-told-at-collection": "expectations",
  "notice-contradicts": "expectations",
  unexpected: "expectations",
  "likely-to-object": "expectations",
  "not-happy-to-explain": "expectations",
  "further-processing": "expectations",
  impact: "impact",
  scale: "intrusiveness",
  profiling: "intrusiveness",
  "combining-sources": "intrusiveness",
  "cross-site-tracking": "intrusiveness",
  "cross-device-tracking": "intrusiveness",
  "behavioural-advertising": "intrusiveness",
  "employee-monitoring": "intrusiveness",
  "public-space-monitoring": "intrusiveness",
  "covert-monitoring": "intrusiveness",
  "new-technology": "intrusiveness",
  "sharing-with-third-parties": "intrusiveness",
  "sale-of-data": "intrusiveness",
  "automated-decisions": "intrusiveness",
  retention: "retention",
  "dpia-high-risk": "dpia",
  "children-profiled-for-marketing": "decisive",
  "interest-exists": "interest",
  "recognised-interest": "interest",
  "benefits-people": "interest",
  "public-interest": "interest",
  "cost-of-not-pursuing": "interest",
};

const against = (
  id: FactorId,
  weights: readonly number[],
  maxOffset: number,
  refs: readonly string[],
): FactorDefinition => ({ id, side: "against", group: GROUP_OF[id], weights, maxOffset, refs });

const forInterest = (
  id: FactorId,
  weights: readonly number[],
  refs: readonly string[],
): FactorDefinition => ({ id, side: "for", group: GROUP_OF[id], weights, maxOffset: 0, refs });

const EDPB = "edpb-guidelines-1-2024";

/** Every factor, in the order a document lists them: the data, the people, the processing. */
export const BALANCING_FACTORS: readonly FactorDefinition[] = Object.freeze([
  // Nature of the data
  against("special-category-data", [3], 1, ["gdpr-art-9-1", EDPB, "cjeu-c-252-21-meta"]),
  against("criminal-offence-data", [3], 1, ["gdpr-art-10", EDPB]),
  against("financial-data", [1], 1, [EDPB, "wp29-opinion-06-2014"]),
  against("location-data", [2], 1, [EDPB, "wp29-opinion-06-2014"]),
  against("communications-data", [2], 1, [EDPB, "eprivacy-art-5-3"]),
  against("national-id", [1], 1, ["gdpr-art-87", EDPB]),
  // level 1: characteristics inferred; level 2: sensitive traits inferred
  against("inferred-characteristics", [1, 3], 1, ["cjeu-c-252-21-meta", EDPB]),
  // The people
  // level 1: children, the youngest 13 or older; level 2: younger or age unknown
  against("children", [3, 4], 2, ["gdpr-art-6-1-f", "gdpr-recital-38", EDPB]),
  against("vulnerable-people", [2], 1, [EDPB, "wp29-wp248-dpia"]),
  against("power-imbalance", [2], 0, [EDPB, "cjeu-c-252-21-meta", "gdpr-art-88"]),
  // Reasonable expectations (recital 47)
  against("no-relationship", [1], 0, ["gdpr-recital-47", EDPB]),
  against("indirect-collection", [1], 1, ["gdpr-art-14-2-b", EDPB]),
  against("not-told-at-collection", [1], 0, ["gdpr-recital-47", "cjeu-c-394-23-mousse"]),
  against("notice-contradicts", [3], 0, ["gdpr-recital-47", "gdpr-art-5-1-b", EDPB]),
  // level 1: partly expected; level 2: not expected
  against("unexpected", [1, 3], 0, ["gdpr-recital-47", "cjeu-c-252-21-meta", EDPB]),
  against("likely-to-object", [1], 0, ["ico-legitimate-interests"]),
  against("not-happy-to-explain", [2], 0, ["ico-legitimate-interests"]),
  against("further-processing", [2], 0, ["gdpr-art-6-4", "cjeu-c-621-22-knltb"]),
  // Impact: level = severity × likelihood, 1 (minor) to 4 (severe and probable)
  against("impact", [1, 2, 3, 4], 2, [EDPB, "wp29-opinion-06-2014"]),
  // Intrusiveness
  // level 1: large; level 2: very large
  against("scale", [1, 2], 0, ["wp29-wp248-dpia", "cjeu-c-252-21-meta"]),
  against("profiling", [2], 1, ["gdpr-art-4-4", "gdpr-recital-71", EDPB]),
  against("combining-sources", [2], 1, ["cjeu-c-252-21-meta", "wp29-wp248-dpia"]),
  against("cross-site-tracking", [3], 1, ["cjeu-c-252-21-meta", "edpb-guidelines-2-2023"]),
  against("cross-device-tracking", [2], 1, ["edpb-guidelines-2-2023", EDPB]),
  against("behavioural-advertising", [2], 1, ["cjeu-c-252-21-meta", "cjeu-c-446-21-schrems"]),
  // level 1: on incident or periodic; level 2: unspecified; level 3: continuous or fine-grained
  against("employee-monitoring", [1, 2, 4], 1, ["gdpr-art-88", "cjeu-c-65-23-k-gmbh", EDPB]),
  against("public-space-monitoring", [2], 1, ["cjeu-c-708-18-tk", "edpb-guidelines-3-2019"]),
  against("covert-monitoring", [3], 0, ["gdpr-art-13-1-d", "edpb-guidelines-3-2019"]),
  against("new-technology", [1], 0, ["wp29-wp248-dpia", "ico-legitimate-interests"]),
  against("sharing-with-third-parties", [2], 1, ["cjeu-c-621-22-knltb", EDPB]),
  against("sale-of-data", [3], 0, ["cjeu-c-621-22-knltb", EDPB]),
  against("automated-decisions", [2], 1, ["gdpr-art-22", "gdpr-recital-71"]),
  // Storage limitation: level 1 beyond twice the norm; level 2 beyond five times; level 3 no limit
  against("retention", [1, 2, 3], 0, [
    "gdpr-art-5-1-e",
    "cjeu-c-446-21-schrems",
    "cjeu-c-26-22-schufa",
  ]),
  against("dpia-high-risk", [3], 0, ["gdpr-art-35", "gdpr-art-36"]),
  // Decisive
  {
    id: "children-profiled-for-marketing",
    side: "against",
    group: "decisive",
    weights: [5],
    maxOffset: 0,
    decisive: true,
    refs: ["gdpr-recital-38", "gdpr-recital-71", EDPB],
  },
  // The interest's side
  forInterest("interest-exists", [1], ["gdpr-art-6-1-f", "cjeu-c-621-22-knltb"]),
  // level 1: a purpose the law says may be a legitimate interest (direct marketing,
  // intra-group administration); level 2: one it names as such (fraud prevention, network and
  // information security, legal claims)
  forInterest(
    "recognised-interest",
    [1, 2],
    [
      "gdpr-recital-47",
      "gdpr-recital-48",
      "gdpr-recital-49",
      "cjeu-c-13-16-rigas-satiksme",
      "echr-lopez-ribalda-2019",
    ],
  ),
  forInterest("benefits-people", [1], ["wp29-opinion-06-2014", EDPB]),
  forInterest("public-interest", [1], ["wp29-opinion-06-2014", EDPB]),
  // level 1: significant; level 2: severe
  forInterest("cost-of-not-pursuing", [1, 2], ["ico-legitimate-interests"]),
]);

export const FACTOR_BY_ID: ReadonlyMap<FactorId, FactorDefinition> = new Map(
  BALANCING_FACTORS.map((f) => [f.id, f]),
);

/** What each further fact of a group adds, as a share of its weight. */
export const CORROBORATING_SHARE = 0.5;

/** What one additional safeguard that names a factor takes off it. */
export const OFFSET_PER_SAFEGUARD = 1;

/** What one child-protection measure takes off the `children` factor. */
export const OFFSET_PER_CHILD_MEASURE = 0.5;

/**
 * Where the verdict falls, on the margin `against − for` (both after offsets):
 * at or above `against` the people's side clearly outweighs the interest; below
 * `favours` the interest clearly prevails; in between the balance is fine.
 */
export const VERDICT_MARGINS = Object.freeze({ against: 2, favours: 0 });

/**
 * Impact level (1–4, 0 for none) from severity × likelihood, as the EDPB and WP29 weigh
 * impacts: a severe harm that is only remote still counts; a minimal one counts only when
 * probable.
 */
export const IMPACT_LEVEL: Readonly<
  Record<"minimal" | "significant" | "severe", Record<"remote" | "possible" | "probable", number>>
> = Object.freeze({
  minimal: { remote: 0, possible: 0, probable: 1 },
  significant: { remote: 1, possible: 2, probable: 3 },
  severe: { remote: 2, possible: 3, probable: 4 },
});

/**
 * How many people make a processing large or very large, when only a count is recorded.
 * WP248 gives no figure; these follow the orders of magnitude in regulators' lists (a
 * national population share, or a multinational service).
 */
export const SCALE_THRESHOLDS = Object.freeze({ large: 100_000, veryLarge: 5_000_000 });
