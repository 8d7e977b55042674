/**
 * @module render/dpia-document
 * Builds the Data Protection Impact Assessment (Art. 35) of one assessment as a format-neutral
 * document in the house layout of the LIA. Page one is the cover block and a summary (the
 * screening, the residual risk, the Art. 36 prior-consultation finding, the DPO's advice, the
 * views of the people concerned, the open action plan); then the screening, the systematic
 * description, necessity and proportionality (with the LIA's necessity and balancing tests
 * when the DPIA reuses them), the risks before and after measures with the risk map, the
 * action plan, the advice, the views, the consultation, the conclusion and the sign-off; and
 * two appendices: the findings on the DPIA and every reference cited. Pure, like the LIA's.
 */
import type { Assessment, DpiaSection } from "../core/schema/index.ts";
import { isHighRisk } from "../core/schema/index.ts";
import {
  dateOr,
  type LiaDocumentContext,
  NOT_RECORDED,
  nextReviewText,
} from "./document-context.ts";
import { actionPlanBlocks, actionPlanOrder, riskBlocks, riskLabel } from "./dpia-risks.ts";
import { findingWords } from "./finding-words.ts";
import {
  BASIS_LABELS,
  DPIA_FACT_LABELS,
  DPIA_LIST_LABELS,
  DPIA_VERDICT_LABELS,
  FINDING_SEVERITY_LABELS,
  formatDate,
  jurisdictionText,
  labelOf,
  yesNo,
} from "./labels.ts";
import { type Builder, cite, type Section } from "./lia-builder.ts";
import { referencesSection, signOffSection } from "./lia-closing.ts";
import { citeInText, liaBuilder, numbered } from "./lia-document.ts";
import { balancingSection, necessitySection } from "./lia-tests.ts";
import type { Block, Doc } from "./model.ts";
import { heading, keyValue, note, paragraph, richParagraph, table } from "./model.ts";

export const DPIA_TITLE = "Data Protection Impact Assessment";

type Dpia = DpiaSection;

/** `[label, value]` rows, leaving out values not given. */
function rowsOf(pairs: [string, string | undefined][]): [string, string][] {
  return pairs.filter((p): p is [string, string] => p[1] !== undefined && p[1].trim() !== "");
}

/** What the residual risk is, in a sentence, and which risks stay high. */
function residualText(b: Builder, d: Dpia): string {
  const residual = b.ctx.evaluation.dpia.residualRisk;
  if (residual === undefined) return "Not known yet: no risk is rated with its measures in place.";
  if (residual === "low") return "Low: no risk stays high with the measures in place.";
  const high = d.risks.flatMap((r, i) =>
    isHighRisk(r.after) ? [`${riskLabel(i)} ${r.title}`] : [],
  );
  return `High: ${high.join("; ")} ${high.length === 1 ? "stays" : "stay"} high with the measures in place.`;
}

/** The Art. 36 finding: required and not done, done, not required, or not yet decidable. */
function consultationText(b: Builder, d: Dpia): { text: string; open: boolean } {
  const residual = b.ctx.evaluation.dpia.residualRisk;
  const done = d.priorConsultation;
  if (done !== undefined) {
    const when = done.date ? ` on ${formatDate(done.date)}` : "";
    return {
      text: `The supervisory authority was consulted${when}${done.outcome ? `: ${done.outcome}` : "."}`,
      open: false,
    };
  }
  if (residual === "high")
    return {
      text: "Required: high risk remains after the measures, so the supervisory authority must be consulted before the processing starts (Art. 36(1)). No consultation is recorded.",
      open: true,
    };
  if (residual === "low")
    return { text: "Not required: no high risk remains after the measures.", open: false };
  return {
    text: "Cannot be decided until the risks are rated with their measures in place.",
    open: false,
  };
}

function adviceText(d: Dpia): string {
  const a = d.dpoAdvice;
  if (!a) return NOT_RECORDED;
  const kind =
    a.favourable === true ? "Favourable" : a.favourable === false ? "Unfavourable" : "Given";
  const who = [a.by, a.on === undefined ? undefined : formatDate(a.on)].filter(
    (x): x is string => x !== undefined,
  );
  const followed =
    a.followed === false
      ? ` Not followed: ${a.reasonNotFollowed ?? "no reason recorded"}.`
      : a.followed === true
        ? " Followed."
        : "";
  return `${kind}${who.length > 0 ? ` (${who.join(", ")})` : ""}.${followed}`;
}

function viewsText(d: Dpia): string {
  const v = d.dataSubjectViews;
  if (!v) return NOT_RECORDED;
  if (!v.sought) return `Not sought: ${v.reasonNotSought ?? "no reason recorded"}`;
  const from = v.by ? ` from ${v.by}` : "";
  return `Sought${from}: ${v.summary ?? "no summary recorded"}`;
}

function actionPlanSummary(d: Dpia, today: string): string {
  const open = actionPlanOrder(d.measures).filter((m) => m.status !== "done");
  if (d.measures.length === 0) return "No measure recorded.";
  if (open.length === 0) return `All ${d.measures.length} measures are in place.`;
  const late = open.filter((m) => m.due !== undefined && m.due < today).length;
  const next = open[0];
  const nextText =
    next?.due !== undefined
      ? `; next due ${formatDate(next.due)}: ${next.title}${next.owner ? ` (${next.owner})` : ""}`
      : "";
  return `${open.length} of ${d.measures.length} measures open${late > 0 ? `, ${late} overdue` : ""}${nextText}.`;
}

function summaryBlocks(b: Builder, d: Dpia): Block[] {
  const screening = b.ctx.evaluation.dpia.screening;
  const consultation = consultationText(b, d);
  const blocks: Block[] = [
    heading(2, "Summary"),
    richParagraph({ text: "Residual risk: ", bold: true }, { text: residualText(b, d) }),
  ];
  if (consultation.open) blocks.push(note("blocker", consultation.text));
  blocks.push(
    keyValue([
      ["Screening", `${DPIA_VERDICT_LABELS[screening.verdict]}.`],
      ["Prior consultation (Art. 36)", consultation.text],
      ["DPO's advice", adviceText(d)],
      ["Views of the people concerned", viewsText(d)],
      ["Action plan", actionPlanSummary(d, b.ctx.today)],
      [
        "Concluded",
        d.conclusion?.decidedOn
          ? `${formatDate(d.conclusion.decidedOn)}${d.conclusion.decidedBy ? ` by ${d.conclusion.decidedBy}` : ""}`
          : "Not yet.",
      ],
      ["Next review", nextReviewText(b.a, b.ctx.evaluation, b.ctx.today)],
    ]),
  );
  return blocks;
}

function screeningSection(b: Builder): Section {
  return {
    title: "Why a DPIA",
    blocks: () => {
      const s = b.ctx.evaluation.dpia.screening;
      cite(b, "wp29-wp248-dpia");
      const national = s.nationalList
        ? ` The national list applied is the ${DPIA_LIST_LABELS[s.nationalList]}.`
        : "";
      const blocks: Block[] = [
        paragraph(`Screening on the facts recorded: ${DPIA_VERDICT_LABELS[s.verdict]}.${national}`),
      ];
      if (s.criteria.length === 0) {
        blocks.push(
          paragraph(
            "No screening criterion applies; this DPIA is kept to document the risks to people all the same.",
          ),
        );
        return blocks;
      }
      blocks.push(
        table(
          ["Criterion", "List", "Why it applies", "References"],
          s.criteria.map((c) => [
            c.title,
            DPIA_LIST_LABELS[c.list],
            c.facts.length > 0
              ? c.facts.map((f) => labelOf(DPIA_FACT_LABELS, f)).join("; ")
              : "Declared by the assessor",
            c.refs.map((id) => cite(b, id)).join("; "),
          ]),
        ),
      );
      return blocks;
    },
  };
}

function descriptionSection(b: Builder, d: Dpia): Section {
  return {
    title: "Systematic description of the processing",
    blocks: () => {
      cite(b, "gdpr-art-35");
      const x = d.description ?? {};
      const act = b.a.activity;
      return [
        keyValue([
          ["Nature", x.nature ?? NOT_RECORDED],
          ["Scope", x.scope ?? NOT_RECORDED],
          ["Context", x.context ?? NOT_RECORDED],
          [
            "Purposes",
            x.purposes ??
              (act.purposes.map((p) => p.description.trim()).join("\n") || NOT_RECORDED),
          ],
          ...rowsOf([
            ["Responsibilities", x.responsibilities],
            ["Standards that apply", x.standards],
          ]),
        ]),
        heading(4, "From the record of processing (Art. 30)"),
        keyValue([
          ["Data", act.dataCategories.map((c) => c.name).join("\n") || NOT_RECORDED],
          ["People concerned", act.dataSubjects.map((s) => s.name).join("\n") || NOT_RECORDED],
          ["Recipients", (act.recipients ?? []).join("\n") || NOT_RECORDED],
          ["Retention", act.retention?.trim() || NOT_RECORDED],
        ]),
      ];
    },
  };
}

/** Level-3 headings of an LIA section become level 4 inside a DPIA subsection. */
function nested(blocks: Block[]): Block[] {
  return blocks.map((x) => (x.kind === "heading" && x.level < 4 ? { ...x, level: 4 } : x));
}

function necessitySectionOf(b: Builder, d: Dpia): Section {
  return {
    title: "Necessity and proportionality",
    blocks: (n) => {
      const x = d.necessity ?? {};
      const bases = b.a.decisions.flatMap((dec) => {
        if (dec.basis === undefined) return [];
        const p = b.a.activity.purposes.find((q) => q.id === dec.purpose);
        return [`${p?.description.trim() ?? dec.purpose}: ${BASIS_LABELS[dec.basis]}`];
      });
      const r = x.rights ?? {};
      const blocks: Block[] = [
        keyValue([
          ["Lawful basis", x.lawfulBasis ?? (bases.join("\n") || NOT_RECORDED)],
          ...rowsOf([
            ["Adequate, relevant and limited", x.notes],
            ["Accuracy", x.accuracy],
            ["Processors", x.processors],
            ["Transfers", x.transfers],
          ]),
        ]),
        heading(4, "Rights of the people concerned"),
        keyValue([
          ["Information (Arts. 13 and 14)", r.information ?? NOT_RECORDED],
          ...rowsOf([["Consent", r.consent]]),
          ["Access and portability (Arts. 15 and 20)", r.accessAndPortability ?? NOT_RECORDED],
          [
            "Rectification and erasure (Arts. 16 and 17)",
            r.rectificationAndErasure ?? NOT_RECORDED,
          ],
          [
            "Restriction and objection (Arts. 18 and 21)",
            r.restrictionAndObjection ?? NOT_RECORDED,
          ],
        ]),
      ];
      const fromLia = x.reusesLia === true && b.a.lia !== undefined;
      if (fromLia) {
        blocks.push(
          paragraph(
            "The necessity and the balancing of the processing are those of the Legitimate Interests Assessment of this activity, reproduced here.",
          ),
          heading(3, `${n}.1 Necessity test (from the LIA)`),
          ...nested(necessitySection(b).blocks(`${n}.1`)),
          heading(3, `${n}.2 Balancing test (from the LIA)`),
          ...nested(balancingSection(b).blocks(`${n}.2`)),
        );
      } else if (x.reusesLia === true)
        blocks.push(
          note("warning", "The DPIA says it reuses the LIA's necessity, but no LIA is recorded."),
        );
      return blocks;
    },
  };
}

function risksSection(b: Builder, d: Dpia): Section {
  return {
    title: "Risks to the people concerned",
    blocks: (n) => {
      cite(b, "cnil-pia-method");
      return riskBlocks(d, n);
    },
  };
}

function adviceSection(d: Dpia): Section {
  return {
    title: "Advice of the data protection officer",
    blocks: () => {
      const a = d.dpoAdvice;
      if (!a)
        return [paragraph("No advice of the data protection officer is recorded (Art. 35(2)).")];
      return [
        keyValue([
          ["Advice", a.advice],
          ["Favourable", yesNo(a.favourable, "Not stated")],
          ["By", a.by ?? NOT_RECORDED],
          ["On", dateOr(a.on)],
          ["Followed", yesNo(a.followed, "Not stated")],
          ...rowsOf([["Why not followed", a.reasonNotFollowed]]),
        ]),
      ];
    },
  };
}

function viewsSection(d: Dpia): Section {
  return {
    title: "Views of the people concerned",
    blocks: () => {
      const v = d.dataSubjectViews;
      if (!v)
        return [
          paragraph(
            "Whether the views of the people concerned were sought, and if not why, is not recorded (Art. 35(9)).",
          ),
        ];
      return [
        keyValue(
          v.sought
            ? [
                ["Sought", "Yes"],
                ["From", v.by ?? NOT_RECORDED],
                ["Favourable", yesNo(v.favourable, "Not stated")],
                ["What they said", v.summary ?? NOT_RECORDED],
              ]
            : [
                ["Sought", "No"],
                ["Why not", v.reasonNotSought ?? NOT_RECORDED],
              ],
        ),
      ];
    },
  };
}

function consultationSection(b: Builder, d: Dpia): Section {
  return {
    title: "Prior consultation of the supervisory authority",
    blocks: () => {
      cite(b, "gdpr-art-36");
      const c = consultationText(b, d);
      return [c.open ? note("blocker", c.text) : paragraph(c.text)];
    },
  };
}

function conclusionSection(d: Dpia): Section {
  return {
    title: "Conclusion",
    blocks: () => {
      const c = d.conclusion;
      return [
        ...(c?.summary ? [paragraph(c.summary)] : []),
        keyValue([
          ["Decided by", c?.decidedBy ?? NOT_RECORDED],
          ["On", dateOr(c?.decidedOn)],
        ]),
      ];
    },
  };
}

const SEVERITY_ORDER = { blocker: 0, warning: 1, info: 2 } as const;

function findingsSection(b: Builder): Section {
  return {
    title: "Findings on the DPIA",
    blocks: () => {
      const found = b.ctx.evaluation.findings
        .filter((f) => f.code.startsWith("DPIA_"))
        .sort((x, y) => SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity]);
      if (found.length === 0)
        return [paragraph("The rules engine raised no finding on this DPIA.")];
      return [
        table(
          ["Severity", "Finding", "How to resolve", "References"],
          found.map((f) => {
            const w = findingWords(f, b.a, b.ctx.describe);
            return [
              FINDING_SEVERITY_LABELS[f.severity],
              w.message,
              w.fix,
              f.refs.map((id) => cite(b, id)).join("; "),
            ];
          }),
        ),
      ];
    },
  };
}

/** Build the DPIA document of an assessment that holds a `dpia` section. */
export function buildDpiaDocument(assessment: Assessment, ctx: LiaDocumentContext): Doc {
  const d = assessment.dpia;
  if (d === undefined) throw new Error("buildDpiaDocument needs an assessment with a DPIA");
  const b = liaBuilder(assessment, ctx);
  const body: Section[] = [
    screeningSection(b),
    descriptionSection(b, d),
    necessitySectionOf(b, d),
    risksSection(b, d),
    { title: "Action plan", blocks: () => actionPlanBlocks(d, ctx.today) },
    adviceSection(d),
    viewsSection(d),
    consultationSection(b, d),
    conclusionSection(d),
    signOffSection(b),
  ];
  const blocks: Block[] = [
    ...b.standing.caveats.map((c) => note("info", c)),
    ...summaryBlocks(b, d),
    ...numbered(body),
  ];
  const findings = findingsSection(b);
  blocks.push(heading(2, `Appendix A. ${findings.title}`), ...findings.blocks("A"));
  const cited = citeInText(b, blocks);
  const references = referencesSection(b);
  cited.push(heading(2, `Appendix B. ${references.title}`), ...references.blocks("B"));
  const organisation = ctx.branding?.name ?? assessment.organisation.name ?? NOT_RECORDED;
  return {
    title: DPIA_TITLE,
    subtitle: assessment.activity.name,
    meta: coverBlock(b, d),
    blocks: cited,
    running: {
      organisation,
      title: DPIA_TITLE,
      version: b.standing.version.replace(/ \(.*\)$/, ""),
      status: b.standing.status.replace(/ on .*$/, ""),
    },
  };
}

function coverBlock(b: Builder, d: Dpia): [string, string][] {
  const { a, ctx, standing } = b;
  const residual = ctx.evaluation.dpia.residualRisk;
  return [
    ["Organisation", a.organisation.name ?? NOT_RECORDED],
    ["Processing activity", a.activity.name],
    ["Assessed under", jurisdictionText(a.organisation)],
    ["Version", standing.version],
    ["Status", standing.status],
    ...(standing.fromRecord ? [["Status since", standing.date] as [string, string]] : []),
    ["Concluded on", dateOr(d.conclusion?.decidedOn)],
    ["Author", a.author ?? NOT_RECORDED],
    ["Contact", a.organisation.dpoContact ?? NOT_RECORDED],
    ["Residual risk", residual === undefined ? "Not rated" : residual === "high" ? "High" : "Low"],
    ["Document date", formatDate(ctx.today)],
  ];
}
