/**
 * @module render/screening-document
 * The screening record: a scored screening questionnaire as answered, as a document of its own
 * or as a section of the LIA it is attached to. Every question on the walk with the answer
 * given, its points and what it did (carry on, jump, stop, go and check), the free-text
 * answers, the questions skipped, who screened and when, the total and the result. A result
 * of "likely" while a blocker is open is never left to stand alone: the record says the
 * blocker comes first.
 */
import { type QuestionnaireRun, runQuestionnaire } from "../core/questionnaire/run.ts";
import type { Question, Questionnaire } from "../core/questionnaire/schema.ts";
import type { Finding } from "../core/rules/types.ts";
import type { Assessment } from "../core/schema/index.ts";
import type { DocumentContext } from "./document-context.ts";
import { NOT_RECORDED } from "./document-context.ts";
import { formatDate } from "./labels.ts";
import type { Block, Doc } from "./model.ts";
import { heading, keyValue, list, note, paragraph, table } from "./model.ts";

/** Who screened, when, and for which activity. */
export interface ScreeningMeta {
  assessor?: string | undefined;
  /** YYYY-MM-DD. */
  date?: string | undefined;
  activity?: string | undefined;
  organisation?: string | undefined;
}

const RESULT_WORDS: Record<QuestionnaireRun["result"], string> = {
  likely: "Likely: legitimate interests is likely to be available",
  unlikely: "Unlikely: legitimate interests is unlikely to be available",
  stopped: "Stopped before the end",
  pending: "Pending: something must be checked first",
  incomplete: "Incomplete: not every question on the way has been answered",
};

function points(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function answerText(question: Question, answer: string | string[]): string {
  if (question.type === "text") return Array.isArray(answer) ? answer.join("; ") : answer;
  const values = Array.isArray(answer) ? answer : [answer];
  return values.map((v) => question.options?.find((o) => o.value === v)?.label ?? v).join("; ");
}

function pointsOf(question: Question, answer: string | string[]): number {
  const values = Array.isArray(answer) ? answer : [answer];
  return (question.options ?? [])
    .filter((o) => values.includes(o.value))
    .reduce((sum, o) => sum + o.points, 0);
}

/** What the answer did: carried on, jumped, stopped, parked. */
function effectOf(q: Questionnaire, question: Question, run: QuestionnaireRun): string {
  if (run.stoppedAt?.question === question.id) return `Stopped: ${run.stoppedAt.reason}`;
  if (run.pendingAt?.question === question.id) return `Go and check: ${run.pendingAt.reason}`;
  const answer = run.answers[question.id];
  const values = answer === undefined ? [] : Array.isArray(answer) ? answer : [answer];
  const chosen = (question.options ?? []).filter((o) => values.includes(o.value));
  const jump = chosen.find((o) => o.action === "jump");
  if (jump?.to !== undefined) {
    const target = q.questions.findIndex((x) => x.id === jump.to);
    return `Jumped to question ${target + 1}`;
  }
  const noted = chosen.find((o) => o.reason !== undefined && o.action === "continue");
  return noted?.reason ?? "Carried on";
}

function asFinding(code: string, severity: Finding["severity"], question: string): Finding {
  return { code, severity, effect: "none", path: `answers.${question}`, refs: [], params: {} };
}

/** The blocks of a screening record: summary, the walk, skipped questions, findings. */
export function screeningBlocks(
  q: Questionnaire,
  run: QuestionnaireRun,
  meta: ScreeningMeta,
  describe: DocumentContext["describe"],
  level: 1 | 2 | 3 = 1,
): Block[] {
  const sub = (level + 1) as 2 | 3 | 4;
  const numberOf = (id: string) => q.questions.findIndex((x) => x.id === id) + 1;
  const blockers = run.findings.filter((f) => f.severity === "blocker");
  const blocks: Block[] = [
    keyValue([
      ["Questionnaire", `${q.title} (version ${q.version})`],
      ...(meta.activity ? [["Processing activity", meta.activity] as [string, string]] : []),
      ["Screened by", meta.assessor ?? NOT_RECORDED],
      ["Date", meta.date === undefined ? NOT_RECORDED : formatDate(meta.date)],
      ["Total", `${run.total} point${Math.abs(run.total) === 1 ? "" : "s"}`],
      ["Result", RESULT_WORDS[run.result]],
      ...(run.message ? [["What the result means", run.message] as [string, string]] : []),
    ]),
  ];
  if (run.result === "likely" && blockers.length > 0) {
    blocks.push(
      note(
        "blocker",
        `The score says "likely", but a blocker is open: ${blockers
          .map((f) => describe(asFinding(f.code, f.severity, f.question)).message)
          .join(" ")} Legitimate interests cannot be relied on until it is resolved.`,
      ),
    );
  }
  if (run.stoppedAt)
    blocks.push(
      note(
        "warning",
        `Question ${numberOf(run.stoppedAt.question)} ended the screening: ${run.stoppedAt.reason}`,
      ),
    );
  if (run.pendingAt)
    blocks.push(
      note(
        "warning",
        `Question ${numberOf(run.pendingAt.question)} needs checking: ${run.pendingAt.reason}`,
      ),
    );
  blocks.push(
    heading(sub, "Answers"),
    table(
      ["No.", "Question", "Answer", "Points", "What it did"],
      run.path.map((id) => {
        const question = q.questions.find((x) => x.id === id) as Question;
        const answer = run.answers[id] ?? "";
        return [
          String(numberOf(id)),
          question.text,
          answerText(question, answer),
          question.type === "text" ? "" : points(pointsOf(question, answer)),
          effectOf(q, question, run),
        ];
      }),
    ),
  );
  const onPath = new Set(run.path);
  const last = Math.max(-1, ...run.path.map((id) => numberOf(id) - 1));
  const skipped = q.questions.filter((x, i) => !onPath.has(x.id) && i < last);
  if (skipped.length > 0) {
    blocks.push(
      heading(sub, "Questions skipped"),
      paragraph("Not asked, because an earlier answer jumped past them; they count 0 points."),
      list(skipped.map((x) => `${numberOf(x.id)}. ${x.text}`)),
    );
  }
  if (run.nextQuestion !== undefined) {
    const next = q.questions.find((x) => x.id === run.nextQuestion);
    if (next)
      blocks.push(note("warning", `Answer question ${numberOf(next.id)} next: ${next.text}`));
  }
  if (run.findings.length > 0) {
    blocks.push(
      heading(sub, "Findings"),
      table(
        ["Severity", "Question", "Finding", "How to resolve"],
        run.findings.map((f) => {
          const words = describe(asFinding(f.code, f.severity, f.question));
          return [
            f.severity === "blocker"
              ? "Blocker"
              : f.severity === "warning"
                ? "Warning"
                : "Information",
            String(numberOf(f.question)),
            words.message,
            words.fix,
          ];
        }),
      ),
    );
  }
  return blocks;
}

/** The screening record as a document of its own. */
export function buildScreeningDocument(
  q: Questionnaire,
  run: QuestionnaireRun,
  meta: ScreeningMeta,
  ctx: Pick<DocumentContext, "describe" | "today">,
): Doc {
  return {
    title: "Screening record",
    subtitle: meta.activity ?? q.title,
    meta: [
      ...(meta.organisation ? [["Organisation", meta.organisation] as [string, string]] : []),
      ["Document date", formatDate(ctx.today)],
    ],
    blocks: [
      paragraph(
        q.description ??
          "A scored screening questionnaire, answered: it shows early whether legitimate interests is a realistic basis.",
      ),
      ...screeningBlocks(q, run, meta, ctx.describe),
    ],
    running: {
      organisation: meta.organisation ?? "",
      title: "Screening record",
      version: `${q.id} v${q.version}`,
      status: RESULT_WORDS[run.result].split(":")[0] ?? "",
    },
  };
}

/** The run of an assessment's attached screening, or why there is none to show. */
export function screeningOf(
  a: Assessment,
  questionnaire: ((id: string) => Questionnaire | undefined) | undefined,
): { q: Questionnaire; run: QuestionnaireRun } | string | undefined {
  const s = a.screening;
  if (!s) return undefined;
  const q = questionnaire?.(s.questionnaire);
  if (!q)
    return `The screening questionnaire "${s.questionnaire}" is not available to this document.`;
  const outcome = runQuestionnaire(q, s.answers);
  if (!outcome.ok)
    return `The recorded answers do not fit the questionnaire: ${outcome.errors.map((e) => e.message).join("; ")}.`;
  return { q, run: outcome.run };
}
