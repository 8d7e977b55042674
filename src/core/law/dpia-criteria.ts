/**
 * @module core/law/dpia-criteria
 * When a DPIA is needed (Art. 35), as data: the nine criteria of the WP29/EDPB guidelines
 * (WP248 rev.01), the CNIL's list of processing for which a DPIA is required (délibération
 * n° 2018-327 of 11 October 2018, 14 types) and the ICO's list of processing likely to
 * result in high risk (10 types). Each criterion is a condition over the screening facts the
 * engine reads off an assessment (`core/rules/dpia-screening.ts`), written in a small
 * declarative language so the lists stay data and can be reviewed against their sources.
 *
 * How the lists decide: any entry of the national list that applies to the controller (CNIL
 * for a French establishment, ICO under the UK profile) or an Art. 35(3) case makes a DPIA
 * required; otherwise two or more WP248 criteria make one likely to be required (WP248:
 * "in most cases"); one criterion alone leaves it to judgement.
 */

/** The screening facts a condition can test (see `dpiaFacts`). */
export type DpiaFact =
  | "profiling"
  | "scoring"
  | "automatedDecision"
  | "systematicMonitoring"
  | "monitorsEmployees"
  | "monitorsEmployeesContinuously"
  | "monitorsPublicSpaces"
  | "specialCategory"
  | "healthData"
  | "geneticData"
  | "biometricData"
  | "criminalData"
  | "highlyPersonal"
  | "largeScale"
  | "combinesSources"
  | "externalSources"
  | "vulnerable"
  | "children"
  | "employees"
  | "patients"
  | "newTechnology"
  | "preventsServiceOrRight"
  | "locationData"
  | "tracking"
  | "invisible"
  | "physicalHarm"
  | "purposes";

export type DpiaCondition =
  | { fact: DpiaFact; in?: readonly string[] }
  | { all: readonly DpiaCondition[] }
  | { any: readonly DpiaCondition[] }
  | { not: DpiaCondition };

export interface DpiaCriterion {
  id: string;
  list: "wp248" | "cnil" | "ico" | "art-35-3";
  title: string;
  when: DpiaCondition;
  refs: readonly string[];
}

const f = (fact: DpiaFact, values?: readonly string[]): DpiaCondition =>
  values ? { fact, in: values } : { fact };
const any = (...c: DpiaCondition[]): DpiaCondition => ({ any: c });
const all = (...c: DpiaCondition[]): DpiaCondition => ({ all: c });
const not = (c: DpiaCondition): DpiaCondition => ({ not: c });

const WP248 = ["wp29-wp248-dpia", "gdpr-art-35"];
const CNIL = ["cnil-dpia-list-2018", "gdpr-art-35"];
const ICO = ["ico-dpia-high-risk", "gdpr-art-35"];

export const DPIA_CRITERIA: readonly DpiaCriterion[] = Object.freeze([
  // Art. 35(3): always required
  {
    id: "art35-3-a",
    list: "art-35-3",
    title: "Systematic and extensive evaluation with legal or similar effects",
    when: f("automatedDecision"),
    refs: ["gdpr-art-35"],
  },
  {
    id: "art35-3-b",
    list: "art-35-3",
    title: "Special-category or criminal-offence data on a large scale",
    when: all(any(f("specialCategory"), f("criminalData")), f("largeScale")),
    refs: ["gdpr-art-35"],
  },
  {
    id: "art35-3-c",
    list: "art-35-3",
    title: "Systematic monitoring of a publicly accessible area on a large scale",
    when: all(f("monitorsPublicSpaces"), f("largeScale")),
    refs: ["gdpr-art-35"],
  },
  // WP248 rev.01: the nine criteria
  {
    id: "wp248-1-evaluation-scoring",
    list: "wp248",
    title: "Evaluation or scoring",
    when: any(f("profiling"), f("scoring")),
    refs: WP248,
  },
  {
    id: "wp248-2-automated-decision",
    list: "wp248",
    title: "Automated decision with legal or similar effect",
    when: f("automatedDecision"),
    refs: WP248,
  },
  {
    id: "wp248-3-systematic-monitoring",
    list: "wp248",
    title: "Systematic monitoring",
    when: f("systematicMonitoring"),
    refs: WP248,
  },
  {
    id: "wp248-4-sensitive-data",
    list: "wp248",
    title: "Sensitive or highly personal data",
    when: any(f("specialCategory"), f("criminalData"), f("highlyPersonal")),
    refs: WP248,
  },
  {
    id: "wp248-5-large-scale",
    list: "wp248",
    title: "Data processed on a large scale",
    when: f("largeScale"),
    refs: WP248,
  },
  {
    id: "wp248-6-matching-combining",
    list: "wp248",
    title: "Matching or combining data sets",
    when: f("combinesSources"),
    refs: WP248,
  },
  {
    id: "wp248-7-vulnerable",
    list: "wp248",
    title: "Data concerning vulnerable people",
    when: any(f("vulnerable"), f("children"), f("employees"), f("patients")),
    refs: WP248,
  },
  {
    id: "wp248-8-innovative",
    list: "wp248",
    title: "Innovative use or new technology",
    when: f("newTechnology"),
    refs: WP248,
  },
  {
    id: "wp248-9-prevents-right",
    list: "wp248",
    title: "Prevents people exercising a right or using a service or contract",
    when: f("preventsServiceOrRight"),
    refs: WP248,
  },
  // CNIL list (France), délibération n° 2018-327
  {
    id: "cnil-1-health-care",
    list: "cnil",
    title: "Health data processed by health or social-care establishments for patient care",
    when: all(f("healthData"), f("purposes", ["health-care"])),
    refs: CNIL,
  },
  {
    id: "cnil-2-genetic-vulnerable",
    list: "cnil",
    title: "Genetic data of vulnerable people",
    when: all(f("geneticData"), any(f("vulnerable"), f("children"), f("patients"))),
    refs: CNIL,
  },
  {
    id: "cnil-3-hr-profiling",
    list: "cnil",
    title: "Profiling of people for human-resources management",
    when: all(
      f("profiling"),
      any(f("employees"), f("purposes", ["employee-administration", "recruitment"])),
    ),
    refs: CNIL,
  },
  {
    id: "cnil-4-employee-monitoring",
    list: "cnil",
    title: "Constant monitoring of employees' activity",
    when: f("monitorsEmployeesContinuously"),
    refs: CNIL,
  },
  {
    id: "cnil-5-6-whistleblowing",
    list: "cnil",
    title: "Handling of whistleblowing and alerts (social, health or professional)",
    when: f("purposes", ["whistleblowing"]),
    refs: CNIL,
  },
  {
    id: "cnil-7-health-warehouse",
    list: "cnil",
    title: "Health data gathered into a data warehouse or register",
    when: all(f("healthData"), f("purposes", ["research"])),
    refs: CNIL,
  },
  {
    id: "cnil-8-profiling-exclusion",
    list: "cnil",
    title: "Profiling that can lead to exclusion from, suspension or termination of a contract",
    when: all(f("profiling"), f("preventsServiceOrRight")),
    refs: CNIL,
  },
  {
    id: "cnil-9-shared-breach-files",
    list: "cnil",
    title: "Shared files of contractual breaches that can lead to exclusion or suspension",
    when: all(
      f("preventsServiceOrRight"),
      f("combinesSources"),
      f("purposes", ["fraud-prevention", "debt-collection", "credit-assessment"]),
    ),
    refs: CNIL,
  },
  {
    id: "cnil-10-profiling-external",
    list: "cnil",
    title: "Profiling using data from external sources",
    when: all(f("profiling"), f("externalSources")),
    refs: CNIL,
  },
  {
    id: "cnil-11-biometric-vulnerable",
    list: "cnil",
    title: "Biometric recognition of people including vulnerable people",
    when: all(
      f("biometricData"),
      any(f("vulnerable"), f("children"), f("patients"), f("employees")),
    ),
    refs: CNIL,
  },
  {
    id: "cnil-12-social-housing",
    list: "cnil",
    title: "Applications for and management of social housing",
    when: f("purposes", ["social-housing"]),
    refs: CNIL,
  },
  {
    id: "cnil-13-social-care",
    list: "cnil",
    title: "Social or medico-social support of people",
    when: f("purposes", ["social-care"]),
    refs: CNIL,
  },
  {
    id: "cnil-14-location-large-scale",
    list: "cnil",
    title: "Location data on a large scale",
    when: all(f("locationData"), f("largeScale")),
    refs: CNIL,
  },
  // ICO list (UK): processing likely to result in high risk
  {
    id: "ico-1-innovative",
    list: "ico",
    title: "Innovative technology",
    when: all(
      f("newTechnology"),
      any(
        f("profiling"),
        f("systematicMonitoring"),
        f("specialCategory"),
        f("largeScale"),
        f("combinesSources"),
        f("vulnerable"),
        f("children"),
      ),
    ),
    refs: ICO,
  },
  {
    id: "ico-2-denial-of-service",
    list: "ico",
    title: "Decisions about access to a product, service or opportunity",
    when: all(
      f("preventsServiceOrRight"),
      any(f("automatedDecision"), f("profiling"), f("specialCategory")),
    ),
    refs: ICO,
  },
  {
    id: "ico-3-large-scale-profiling",
    list: "ico",
    title: "Large-scale profiling",
    when: all(f("profiling"), f("largeScale")),
    refs: ICO,
  },
  {
    id: "ico-4-biometric",
    list: "ico",
    title: "Biometric data",
    when: all(
      f("biometricData"),
      any(
        f("profiling"),
        f("systematicMonitoring"),
        f("largeScale"),
        f("combinesSources"),
        f("vulnerable"),
        f("children"),
        f("employees"),
        f("newTechnology"),
      ),
    ),
    refs: ICO,
  },
  {
    id: "ico-5-genetic",
    list: "ico",
    title: "Genetic data, other than by a health professional caring for the person",
    when: all(f("geneticData"), not(f("purposes", ["health-care"]))),
    refs: ICO,
  },
  {
    id: "ico-6-data-matching",
    list: "ico",
    title: "Data matching",
    when: all(f("combinesSources"), f("externalSources")),
    refs: ICO,
  },
  {
    id: "ico-7-invisible",
    list: "ico",
    title: "Invisible processing",
    when: all(
      f("invisible"),
      any(f("profiling"), f("largeScale"), f("combinesSources"), f("specialCategory")),
    ),
    refs: ICO,
  },
  {
    id: "ico-8-tracking",
    list: "ico",
    title: "Tracking of location or behaviour",
    when: all(
      f("tracking"),
      any(f("profiling"), f("largeScale"), f("children"), f("vulnerable"), f("employees")),
    ),
    refs: ICO,
  },
  {
    id: "ico-9-children-vulnerable",
    list: "ico",
    title: "Targeting children or other vulnerable people",
    when: all(
      any(f("children"), f("vulnerable")),
      any(
        f("profiling"),
        f("purposes", ["direct-marketing", "personalised-advertising"]),
        f("tracking"),
      ),
    ),
    refs: ICO,
  },
  {
    id: "ico-10-physical-harm",
    list: "ico",
    title: "Risk of physical harm",
    when: f("physicalHarm"),
    refs: ICO,
  },
]);

/** Evaluate a condition against the screening facts; returns the facts that made it true. */
export function matchCondition(
  c: DpiaCondition,
  facts: Readonly<Record<DpiaFact, boolean | readonly string[]>>,
): DpiaFact[] | undefined {
  if ("all" in c) {
    const hits: DpiaFact[] = [];
    for (const x of c.all) {
      const m = matchCondition(x, facts);
      if (!m) return undefined;
      hits.push(...m);
    }
    return hits;
  }
  if ("not" in c) return matchCondition(c.not, facts) ? undefined : [];
  if ("any" in c) {
    for (const x of c.any) {
      const m = matchCondition(x, facts);
      if (m) return m;
    }
    return undefined;
  }
  const v = facts[c.fact];
  if (c.in) return Array.isArray(v) && v.some((x) => c.in?.includes(x)) ? [c.fact] : undefined;
  return v === true || (Array.isArray(v) && v.length > 0) ? [c.fact] : undefined;
}
