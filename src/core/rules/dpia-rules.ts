/**
 * @module core/rules/dpia-rules
 * Art. 35 and 36: whether a DPIA is needed (screened from the facts the assessment already
 * holds against the WP248 criteria and the national list that applies to the controller),
 * and, where the assessment carries its DPIA, whether that DPIA is complete: the systematic
 * description, necessity and proportionality, the three feared events and the LIA's impacts
 * rated before and after their measures, an action plan with owners and dates, the DPO's
 * advice, the views of the people concerned, and prior consultation when high risk remains.
 */
import { DPIA_CRITERIA, type DpiaFact, matchCondition } from "../law/dpia-criteria.ts";
import { type DpiaRisk, isHighRisk } from "../schema/index.ts";
import { scaleLevel } from "./balance-facts.ts";
import { given, includesChildren, type RuleContext } from "./context.ts";
import type { DpiaScreening } from "./types.ts";

/** The facts the DPIA criteria test, read off the assessment. */
export function dpiaFacts(ctx: RuleContext): Record<DpiaFact, boolean | string[]> {
  const a = ctx.a.activity;
  const ch = a.characteristics ?? {};
  const cats = a.dataCategories;
  const rel = (r: string) => a.dataSubjects.some((g) => g.relationship === r);
  const purposes = a.purposes.flatMap((p) =>
    p.category === undefined ? [] : [p.category as string],
  );
  const monitoring = ch.monitoring ?? [];
  const employeesMonitored =
    monitoring.includes("employees") || purposes.includes("employee-monitoring");
  const external =
    a.collection?.fromOthers === true ||
    cats.some((c) => c.source === "third-party" || c.source === "publicly-available");
  return {
    profiling: ch.profiling === true,
    scoring: purposes.includes("credit-assessment") || purposes.includes("profiling"),
    automatedDecision: (a.automatedDecisions ?? []).some(
      (d) => d.solelyAutomated && d.legalOrSimilarEffect,
    ),
    systematicMonitoring:
      monitoring.length > 0 ||
      purposes.includes("video-surveillance") ||
      purposes.includes("employee-monitoring"),
    monitorsEmployees: employeesMonitored,
    monitorsEmployeesContinuously:
      employeesMonitored &&
      (ch.monitoringGranularity === "continuous" || ch.monitoringGranularity === "fine-grained"),
    monitorsPublicSpaces:
      monitoring.includes("public-spaces") || purposes.includes("video-surveillance"),
    specialCategory: cats.some((c) => c.specialCategory !== undefined),
    healthData: cats.some((c) => c.specialCategory === "health"),
    geneticData: cats.some((c) => c.specialCategory === "genetic"),
    biometricData: cats.some((c) => c.specialCategory === "biometric-identification"),
    criminalData: cats.some((c) => c.criminalOffence === true),
    highlyPersonal: cats.some((c) =>
      (c.nature ?? []).some((n) => n === "location" || n === "financial" || n === "communications"),
    ),
    largeScale:
      scaleLevel(a.scale, a.subjectCount) > 0 || (a.dpiaIndicators ?? []).includes("large-scale"),
    combinesSources:
      ch.combinesSources === true || (a.dpiaIndicators ?? []).includes("matching-combining"),
    externalSources: external,
    vulnerable: a.dataSubjects.some((g) => g.vulnerable === true),
    children: a.dataSubjects.some(includesChildren),
    employees: rel("employee") || rel("job-applicant"),
    patients: rel("patient"),
    newTechnology:
      ch.newTechnology === true || (a.dpiaIndicators ?? []).includes("innovative-technology"),
    preventsServiceOrRight:
      ch.preventsServiceOrRight === true ||
      (a.dpiaIndicators ?? []).includes("prevents-rights-or-service"),
    locationData: cats.some((c) => c.nature?.includes("location")),
    tracking:
      ch.tracksAcrossSites === true ||
      ch.tracksAcrossDevices === true ||
      ch.behaviouralAdvertising === true ||
      monitoring.includes("location") ||
      monitoring.includes("online-behaviour"),
    invisible: external && a.collection?.informedOfIndirect !== true,
    physicalHarm: ch.breachEndangersSafety === true,
    purposes,
  };
}

/**
 * Screen the assessment: which criteria apply and why, and whether a DPIA is required, likely
 * or not needed. Criteria declared in `activity.dpiaIndicators` count as WP248 criteria too.
 */
export function screenDpia(ctx: RuleContext): DpiaScreening {
  const facts = dpiaFacts(ctx);
  const national =
    ctx.jurisdiction === "UK" ? "ico" : ctx.a.organisation.country === "FR" ? "cnil" : undefined;
  const criteria: DpiaScreening["criteria"] = [];
  for (const c of DPIA_CRITERIA) {
    if (c.list !== "wp248" && c.list !== "art-35-3" && c.list !== national) continue;
    const hit = matchCondition(c.when, facts);
    if (hit)
      criteria.push({
        id: c.id,
        list: c.list,
        title: c.title,
        facts: [...new Set(hit)],
        refs: [...c.refs],
      });
  }
  // A criterion declared by hand but not shown by the facts still counts as declared.
  const declared = new Map<string, string>([
    ["evaluation-scoring", "wp248-1-evaluation-scoring"],
    ["automated-decision-legal-effect", "wp248-2-automated-decision"],
    ["systematic-monitoring", "wp248-3-systematic-monitoring"],
    ["sensitive-data", "wp248-4-sensitive-data"],
    ["large-scale", "wp248-5-large-scale"],
    ["matching-combining", "wp248-6-matching-combining"],
    ["vulnerable-subjects", "wp248-7-vulnerable"],
    ["innovative-technology", "wp248-8-innovative"],
    ["prevents-rights-or-service", "wp248-9-prevents-right"],
  ]);
  for (const d of ctx.a.activity.dpiaIndicators ?? []) {
    const id = declared.get(d);
    const def = DPIA_CRITERIA.find((c) => c.id === id);
    if (def && !criteria.some((c) => c.id === def.id))
      criteria.push({
        id: def.id,
        list: def.list,
        title: def.title,
        facts: [],
        refs: [...def.refs],
      });
  }
  const wp248 = criteria.filter((c) => c.list === "wp248").length;
  const verdict = criteria.some((c) => c.list === "art-35-3" || c.list === national)
    ? "required"
    : wp248 >= 2
      ? "likely"
      : "not-needed";
  return { verdict, criteria, ...(national ? { nationalList: national } : {}) };
}

/** The residual risk of the DPIA the assessment holds or cites: high, or low. */
export function residualRisk(ctx: RuleContext): "high" | "low" | undefined {
  const section = ctx.a.dpia;
  const rated = section?.risks.filter((r) => r.after !== undefined) ?? [];
  if (rated.length > 0) return rated.some((r) => isHighRisk(r.after)) ? "high" : "low";
  const cited = ctx.a.activity.dpia;
  if (cited?.status === "completed" && cited.residualRisk)
    return cited.residualRisk === "high" ? "high" : "low";
  return undefined;
}

const CORE_RISKS = ["illegitimate-access", "unwanted-modification", "disappearance"] as const;

export function checkDpia(ctx: RuleContext): DpiaScreening {
  const screening = screenDpia(ctx);
  const section = ctx.a.dpia;
  const cited = ctx.a.activity.dpia;
  const completed = cited?.status === "completed" || given(section?.conclusion?.decidedOn);
  const params = {
    indicators: screening.criteria.map((c) => c.title.toLowerCase()).join("; "),
    count: screening.criteria.length,
  };
  if (!completed && !section && screening.verdict !== "not-needed") {
    ctx.emit(
      screening.verdict === "required" ? "DPIA_REQUIRED" : "DPIA_LIKELY",
      "activity.dpiaIndicators",
      params,
    );
    // Art. 35(1): the DPIA comes before the processing.
    const started = ctx.a.activity.startsOn;
    if (started && started <= ctx.today)
      ctx.emit("DPIA_MISSING_AFTER_START", "activity.dpia", { ...params, startsOn: started });
  }
  if (section) checkSection(ctx);
  // Art. 36: high risk left after the measures means consulting the authority first.
  const consulted = section?.priorConsultation ?? cited?.priorConsultation;
  if (residualRisk(ctx) === "high" && consulted === undefined)
    ctx.emit(
      "DPIA_PRIOR_CONSULTATION",
      section ? "dpia.priorConsultation" : "activity.dpia.residualRisk",
      params,
    );
  return screening;
}

function checkSection(ctx: RuleContext): void {
  const d = ctx.a.dpia;
  if (!d) return;
  const desc = d.description;
  const missing = (["nature", "scope", "context"] as const).filter((k) => !given(desc?.[k]));
  if (missing.length > 0)
    ctx.emit("DPIA_DESCRIPTION_MISSING", "dpia.description", { missing: missing.join(", ") });
  const necessityFromLia =
    d.necessity?.reusesLia === true && (ctx.a.lia?.necessity?.length ?? 0) > 0;
  if (!necessityFromLia && !given(d.necessity?.notes))
    ctx.emit("DPIA_NECESSITY_MISSING", "dpia.necessity");
  const kinds = new Set(d.risks.map((r) => r.kind));
  const absent = CORE_RISKS.filter((k) => !kinds.has(k));
  if (absent.length > 0)
    ctx.emit("DPIA_CORE_RISK_MISSING", "dpia.risks", { kinds: absent.join(", ") });
  const measureIds = new Set(d.measures.map((m) => m.id));
  d.risks.forEach((r: DpiaRisk, i) => {
    if (!r.before || !r.after) ctx.emit("DPIA_RISK_UNRATED", `dpia.risks[${i}]`, { risk: r.title });
    for (const m of r.measures ?? [])
      if (!measureIds.has(m))
        ctx.emit("DPIA_MEASURE_UNKNOWN", `dpia.risks[${i}].measures`, {
          risk: r.title,
          measure: m,
        });
  });
  // The LIA's significant impacts are risks to people too.
  const carried = new Set(
    d.risks.filter((r) => r.kind === "lia-impact").map((r) => r.title.trim().toLowerCase()),
  );
  for (const b of ctx.a.lia?.balancing ?? [])
    for (const x of b.impacts ?? [])
      if (
        (x.severity === "significant" || x.severity === "severe") &&
        !carried.has(x.kind.trim().toLowerCase())
      ) {
        carried.add(x.kind.trim().toLowerCase());
        ctx.emit("DPIA_LIA_IMPACT_NOT_CARRIED", "dpia.risks", { impact: x.kind });
      }
  d.measures.forEach((m, i) => {
    if (m.status === "done") return;
    if (!given(m.owner) || m.due === undefined)
      ctx.emit("DPIA_ACTION_PLAN_INCOMPLETE", `dpia.measures[${i}]`, { measure: m.title });
    else if (m.due < ctx.today)
      ctx.emit("DPIA_MEASURE_OVERDUE", `dpia.measures[${i}].due`, {
        measure: m.title,
        due: m.due,
        owner: m.owner,
      });
  });
  if (!d.dpoAdvice) {
    if (given(ctx.a.organisation.dpoContact)) ctx.emit("DPIA_DPO_ADVICE_MISSING", "dpia.dpoAdvice");
  } else if (d.dpoAdvice.followed === false && !given(d.dpoAdvice.reasonNotFollowed))
    ctx.emit("DPIA_DPO_ADVICE_NOT_FOLLOWED", "dpia.dpoAdvice.reasonNotFollowed");
  const views = d.dataSubjectViews;
  if (
    !views ||
    (views.sought && !given(views.summary)) ||
    (!views.sought && !given(views.reasonNotSought))
  )
    ctx.emit("DPIA_VIEWS_NOT_ADDRESSED", "dpia.dataSubjectViews", {
      sought: views?.sought ? "yes" : "no",
    });
  if (!given(d.conclusion?.decidedBy) || !d.conclusion?.decidedOn)
    ctx.emit("DPIA_CONCLUSION_MISSING", "dpia.conclusion");
}
