/**
 * @module core/rules/balance-facts
 * Reads, off one assessment, the facts that weigh in the balance of one interest, each as a
 * level of a factor in `core/law/balancing-factors` with the path where it is recorded. Only
 * facts count here: what data, which people, how the processing works, what people were
 * told, the impacts as rated, the retention. The officer's own conclusions (`overridden`,
 * `interestWeight`) are never read; the officer's ratings are read only where they admit
 * something against the interest (an impact rated high, processing people would not expect).
 */
import { IMPACT_LEVEL, SCALE_THRESHOLDS } from "../law/balancing-factors.ts";
import { RETENTION_NORMS, readRetention, retentionExcessLevel } from "../law/retention.ts";
import {
  type BalancingTest,
  type DataCategory,
  type FactorId,
  type Interest,
  isHighRisk,
} from "../schema/index.ts";
import { categoriesFor, includesChildren, type RuleContext } from "./context.ts";

/** One fact, at a level of its factor (1 = the factor's first weight). */
export interface FactReading {
  factor: FactorId;
  level: number;
  path: string;
  params: Record<string, string | number>;
}

/** Purposes that name this category of purpose as legitimate interests the law recognises. */
const NAMED_INTERESTS = new Set([
  "security",
  "fraud-prevention",
  "incident-response",
  "legal-claims",
  "legal-compliance",
  // Protecting persons and property (C-708/18 TK; EDPB Guidelines 3/2019)
  "video-surveillance",
]);
/** Purposes the law or the courts say may be legitimate, to be balanced case by case. */
const MAY_BE_INTERESTS = new Set([
  "direct-marketing",
  "intra-group-administration",
  // Creditors' protection (C-26/22 SCHUFA) and recovering what is owed (C-13/16 by analogy)
  "credit-assessment",
  "debt-collection",
]);
const MARKETING = new Set([
  "direct-marketing",
  "personalised-advertising",
  "profiling",
  "data-sale",
]);

/**
 * The facts weighed for one interest. `b` is its balancing entry (absent: only the facts of
 * the activity weigh) and `bPath` where that entry lives.
 */
export function balanceFacts(
  ctx: RuleContext,
  interest: Interest,
  interestPath: string,
  b: BalancingTest | undefined,
  bPath: string,
): FactReading[] {
  const a = ctx.a;
  const act = a.activity;
  const facts: FactReading[] = [];
  const add = (
    factor: FactorId,
    level: number,
    path: string,
    params: Record<string, string | number> = {},
  ) => {
    if (level > 0) facts.push({ factor, level, path, params });
  };

  const purposes = ctx.purposesOf(interest.id);
  const scoped = purposes.length > 0 ? purposes : act.purposes.map((p) => p.id);
  const cats = uniqueBy(
    scoped.flatMap((p) => categoriesFor(a, p)),
    (c) => c.name,
  );
  const catPath = (c: DataCategory) => `activity.dataCategories[${act.dataCategories.indexOf(c)}]`;
  const groups = uniqueBy(
    scoped.flatMap((p) => ctx.groupsFor(p)),
    (g) => g.name,
  );
  const groupPath = (name: string) =>
    `activity.dataSubjects[${act.dataSubjects.findIndex((g) => g.name === name)}]`;
  const purposeCategories = new Set(scoped.map((p) => ctx.categoryOf(p)).filter(Boolean));
  const ch = act.characteristics ?? {};
  const chPath = "activity.characteristics";

  // Nature of the data
  const special = cats.filter((c) => c.specialCategory !== undefined);
  if (special[0]) add("special-category-data", 1, catPath(special[0]), { data: names(special) });
  const criminal = cats.filter((c) => c.criminalOffence === true);
  if (criminal[0]) add("criminal-offence-data", 1, catPath(criminal[0]), { data: names(criminal) });
  for (const [nature, factor] of [
    ["financial", "financial-data"],
    ["credit", "financial-data"],
    // Only precise location weighs; a country or region does not (coarse-location).
    ["location", "location-data"],
    ["communications", "communications-data"],
    ["national-id", "national-id"],
  ] as const) {
    const hit = cats.filter((c) => c.nature?.includes(nature));
    if (hit[0] && !facts.some((f) => f.factor === factor))
      add(factor, 1, `${catPath(hit[0])}.nature`, { data: names(hit) });
  }
  if (ch.infersSensitive === true) add("inferred-characteristics", 2, `${chPath}.infersSensitive`);
  else if (ch.profiling !== true) {
    // An inferred score or segment is what profiling produces: counted once, as profiling.
    const inferred = cats.filter(
      (c) => c.nature?.includes("inferred-characteristics") || c.source === "inferred",
    );
    if (inferred[0])
      add("inferred-characteristics", 1, catPath(inferred[0]), { data: names(inferred) });
  }

  // The people
  const children = groups.filter(includesChildren);
  if (children[0]) {
    const youngest = Math.min(...children.map((g) => g.youngestAge ?? 0));
    const known = children.every((g) => g.youngestAge !== undefined);
    // Young children (under 13, the lowest age of digital consent) weigh more; where ages are
    // not known, children weigh as children.
    add("children", known && youngest < 13 ? 2 : 1, groupPath(children[0].name), {
      group: children.map((g) => g.name).join(", "),
      ...(known ? { youngest } : {}),
    });
  }
  const vulnerable = groups.filter((g) => g.vulnerable === true);
  if (vulnerable[0])
    add("vulnerable-people", 1, `${groupPath(vulnerable[0].name)}.vulnerable`, {
      group: vulnerable.map((g) => g.name).join(", "),
    });
  const staff = groups.filter(
    (g) => g.relationship === "employee" || g.relationship === "job-applicant",
  );
  if (staff[0])
    add("power-imbalance", 1, `${groupPath(staff[0].name)}.relationship`, { reason: "employer" });
  else if (a.organisation.dominantPosition === true)
    add("power-imbalance", 1, "organisation.dominantPosition", { reason: "dominant" });
  else if (a.organisation.publicAuthority === true)
    add("power-imbalance", 1, "organisation.publicAuthority", { reason: "public-authority" });

  // Reasonable expectations
  const strangers = groups.filter((g) => g.relationship === "none");
  if (strangers[0] && strangers.length === groups.length)
    add("no-relationship", 1, `${groupPath(strangers[0].name)}.relationship`);
  const indirectCats = cats.filter(
    (c) => c.source === "third-party" || c.source === "publicly-available",
  );
  if (act.collection?.fromOthers === true)
    add("indirect-collection", 1, "activity.collection.fromOthers");
  else if (indirectCats[0])
    add("indirect-collection", 1, `${catPath(indirectCats[0])}.source`, {
      data: names(indirectCats),
    });
  const e = b?.reasonableExpectations;
  const ePath = `${bPath}.reasonableExpectations`;
  if (e?.toldAtCollection === false) add("not-told-at-collection", 1, `${ePath}.toldAtCollection`);
  if (e?.noticeContradicts === true) add("notice-contradicts", 1, `${ePath}.noticeContradicts`);
  if (e?.expected === "no") add("unexpected", 2, `${ePath}.expected`);
  else if (e?.expected === "partly") add("unexpected", 1, `${ePath}.expected`);
  if (e?.likelyToObject === true) add("likely-to-object", 1, `${ePath}.likelyToObject`);
  if (e?.happyToExplain === false) add("not-happy-to-explain", 1, `${ePath}.happyToExplain`);
  a.decisions.forEach((d, i) => {
    const fp = d.furtherProcessing;
    if (!fp || !scoped.includes(d.purpose) || facts.some((f) => f.factor === "further-processing"))
      return;
    const treatedCompatible =
      fp.compatible === true || (ctx.ukReformInForce && fp.annex2 !== undefined);
    if (!treatedCompatible)
      add("further-processing", 1, `decisions[${i}].furtherProcessing`, {
        original: fp.originalPurpose,
      });
  });

  // Impact: the worst recorded, never less than the officer's own rating of it
  let impactLevel = 0;
  let impactPath = `${bPath}.impacts`;
  let impactKind = "";
  (b?.impacts ?? []).forEach((x, k) => {
    const rated = x.severity && x.likelihood ? IMPACT_LEVEL[x.severity][x.likelihood] : 0;
    // Being held to account for one's own unlawful act (a claim, a dismissal for proven
    // misconduct) is not a harm the balance protects against (C-13/16; C-597/19).
    const level = x.fromOwnUnlawfulConduct === true ? Math.min(rated, 1) : rated;
    if (level > impactLevel) {
      impactLevel = level;
      impactPath = `${bPath}.impacts[${k}]`;
      impactKind = x.kind;
    }
  });
  const rated = b?.impactLevel === "high" ? 3 : b?.impactLevel === "moderate" ? 2 : 0;
  if (rated > impactLevel) {
    impactLevel = rated;
    impactPath = `${bPath}.impactLevel`;
    impactKind = "";
  }
  add("impact", impactLevel, impactPath, impactKind ? { impact: impactKind } : {});

  // Intrusiveness
  const scale = scaleLevel(act.scale, act.subjectCount);
  add("scale", scale, act.subjectCount !== undefined ? "activity.subjectCount" : "activity.scale", {
    ...(act.subjectCount !== undefined ? { count: act.subjectCount } : {}),
  });
  if (ch.profiling === true) add("profiling", 1, `${chPath}.profiling`);
  if (ch.combinesSources === true) add("combining-sources", 1, `${chPath}.combinesSources`);
  if (ch.tracksAcrossSites === true) add("cross-site-tracking", 1, `${chPath}.tracksAcrossSites`);
  if (ch.tracksAcrossDevices === true)
    add("cross-device-tracking", 1, `${chPath}.tracksAcrossDevices`);
  if (ch.behaviouralAdvertising === true)
    add("behavioural-advertising", 1, `${chPath}.behaviouralAdvertising`);
  const monitoring = ch.monitoring ?? [];
  if (monitoring.includes("employees") || purposeCategories.has("employee-monitoring")) {
    const g = ch.monitoringGranularity;
    const level = g === "continuous" || g === "fine-grained" ? 3 : g === undefined ? 2 : 1;
    add("employee-monitoring", level, `${chPath}.monitoring`, g ? { granularity: g } : {});
  }
  if (monitoring.includes("public-spaces") || purposeCategories.has("video-surveillance"))
    add("public-space-monitoring", 1, `${chPath}.monitoring`);
  if (ch.covert === true) add("covert-monitoring", 1, `${chPath}.covert`);
  if (ch.newTechnology === true) add("new-technology", 1, `${chPath}.newTechnology`);
  if (ch.sellsData === true || purposeCategories.has("data-sale"))
    add("sale-of-data", 1, ch.sellsData ? `${chPath}.sellsData` : "activity.purposes");
  else if (ch.sharesWithThirdParties === true || purposeCategories.has("disclosure-to-third-party"))
    add(
      "sharing-with-third-parties",
      1,
      ch.sharesWithThirdParties ? `${chPath}.sharesWithThirdParties` : "activity.purposes",
    );
  const adm = (act.automatedDecisions ?? []).findIndex(
    (d) => d.solelyAutomated && d.legalOrSimilarEffect,
  );
  if (adm >= 0) add("automated-decisions", 1, `activity.automatedDecisions[${adm}]`);

  // Storage limitation
  const retention = retentionFact(ctx, scoped, cats);
  if (retention) add("retention", retention.level, retention.path, retention.params);

  // A DPIA that leaves high risk after its measures weighs against the interest.
  const highAfter = (a.dpia?.risks ?? []).findIndex((r) => isHighRisk(r.after));
  if (highAfter >= 0) add("dpia-high-risk", 1, `dpia.risks[${highAfter}].after`);
  else if (act.dpia?.status === "completed" && act.dpia.residualRisk === "high")
    add("dpia-high-risk", 1, "activity.dpia.residualRisk");

  // Decisive: profiling children for marketing or behavioural advertising
  const marketing = [...purposeCategories].some((c) => c !== undefined && MARKETING.has(c));
  const childrenExcluded = b?.children?.measures.includes("children-excluded") === true;
  if (
    children[0] &&
    !childrenExcluded &&
    (ch.profiling === true || ch.behaviouralAdvertising === true) &&
    (marketing || ch.behaviouralAdvertising === true)
  ) {
    add("children-profiled-for-marketing", 1, groupPath(children[0].name), {
      group: children.map((g) => g.name).join(", "),
    });
  }

  // The interest's side
  add("interest-exists", 1, interestPath);
  const cats2 = [...purposeCategories];
  // Monitoring staff only on a concrete incident, to establish a suspected unlawful act, serves
  // the recognised interests in preventing crime and bringing claims (C-13/16; ECtHR López
  // Ribalda v Spain, 2019); general monitoring of work does not.
  const incidentLed =
    purposeCategories.has("employee-monitoring") && ch.monitoringGranularity === "on-incident";
  if (cats2.some((c) => c !== undefined && NAMED_INTERESTS.has(c)) || incidentLed)
    add("recognised-interest", 2, "activity.purposes", { kind: "named" });
  else if (cats2.some((c) => c !== undefined && MAY_BE_INTERESTS.has(c)))
    add("recognised-interest", 1, "activity.purposes", { kind: "may-be" });
  if (interest.servesDataSubjects === true)
    add("benefits-people", 1, `${interestPath}.servesDataSubjects`);
  if (interest.kind?.includes("public")) add("public-interest", 1, `${interestPath}.kind`);
  const cost = interest.consequenceIfNot?.severity;
  if (cost === "severe" || cost === "significant")
    add("cost-of-not-pursuing", cost === "severe" ? 2 : 1, `${interestPath}.consequenceIfNot`);
  return facts;
}

function names(cats: DataCategory[]): string {
  return cats.map((c) => c.name).join(", ");
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** 0 below large, 1 large, 2 very large; a recorded count beats a stated scale. */
export function scaleLevel(scale: string | undefined, count: number | undefined): number {
  if (count !== undefined) {
    if (count >= SCALE_THRESHOLDS.veryLarge) return 2;
    if (count >= SCALE_THRESHOLDS.large) return 1;
    return 0;
  }
  if (scale === "very-large") return 2;
  if (scale === "large") return 1;
  return 0;
}

/** The longest retention the activity states, in days, or "no end" when it sets none. */
export function activityRetention(
  ctx: RuleContext,
): { days: number; path: string } | { noEnd: true; path: string } | undefined {
  const act = ctx.a.activity;
  if (act.retentionDays !== undefined)
    return { days: act.retentionDays, path: "activity.retentionDays" };
  const fields = ctx.a.lia?.minimisation?.fields ?? [];
  let fieldDays = 0;
  let fieldPath = "";
  fields.forEach((f, i) => {
    const d = f.retentionDays ?? (f.retention ? periodOf(f.retention) : undefined);
    if (d !== undefined && d > fieldDays) {
      fieldDays = d;
      fieldPath = `lia.minimisation.fields[${i}].retention`;
    }
  });
  // The activity's stated retention is its overall one; fields count only when it states none.
  if (act.retention) {
    const r = readRetention(act.retention);
    if (r.kind === "period") return { days: r.days, path: "activity.retention" };
    if (r.kind === "no-end") return { noEnd: true, path: "activity.retention" };
  }
  return fieldDays > 0 ? { days: fieldDays, path: fieldPath } : undefined;
}

function periodOf(text: string): number | undefined {
  const r = readRetention(text);
  return r.kind === "period" ? r.days : undefined;
}

function retentionFact(
  ctx: RuleContext,
  purposes: string[],
  cats: DataCategory[],
): { level: number; path: string; params: Record<string, string | number> } | undefined {
  const r = activityRetention(ctx);
  if (!r) return undefined;
  if ("noEnd" in r) return { level: 3, path: r.path, params: {} };
  // The yardstick: the longest norm among the purposes, or what the data's own source keeps.
  let norm: { days: number; ref: string } | undefined;
  for (const p of purposes) {
    const c = ctx.categoryOf(p);
    const n = c ? RETENTION_NORMS[c] : undefined;
    if (n && (!norm || n.days > norm.days)) norm = n;
  }
  const sourceDays = cats
    .map((c) => c.sourceRetentionDays)
    .filter((d): d is number => d !== undefined);
  if (sourceDays.length > 0) {
    const days = Math.max(...sourceDays);
    if (!norm || days < norm.days) norm = { days, ref: "cjeu-c-26-22-schufa" };
  }
  if (!norm) return undefined;
  // A retention the law requires does not weigh; one kept for limitation periods weighs at most
  // as a retention beyond twice the norm.
  const reason = ctx.a.activity.retentionReason?.kind;
  if (reason === "legal-obligation") return undefined;
  const excess = retentionExcessLevel(r.days, norm.days);
  const level = reason === "limitation-period" ? Math.min(excess, 1) : excess;
  return level > 0
    ? { level, path: r.path, params: { days: r.days, norm: norm.days, normRef: norm.ref } }
    : undefined;
}
