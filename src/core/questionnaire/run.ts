/**
 * @module core/questionnaire/run
 * Runs a screening questionnaire over a set of answers: walks the questions from the first,
 * letting each chosen option continue, stop, jump ahead or park the run as pending, and adds
 * up the points of the answers on the path. Pure and deterministic: the same questionnaire and
 * answers always give the same run, in the browser, the server and the CLI alike.
 */
import type { Question, Questionnaire, QuestionOption, Threshold } from "./schema.ts";

/** One answer: an option value (single), a list of option values (multi), or free text. */
export type Answer = string | string[];
export type Answers = Readonly<Record<string, Answer>>;

export type ScreeningResult = "likely" | "unlikely" | "stopped" | "pending" | "incomplete";

export interface ScreeningFinding {
  code: string;
  severity: "blocker" | "warning" | "info";
  /** The question whose answer raised it. */
  question: string;
}

export interface RunHalt {
  question: string;
  reason: string;
}

export interface QuestionnaireRun {
  questionnaire: string;
  version: number;
  /** Questions whose answers were used, in the order the walk visited them. */
  path: string[];
  /** The answers on the path, normalised (text trimmed, multi choices in option order). */
  answers: Record<string, Answer>;
  /** Sum of the points on the path; skipped questions count 0. */
  total: number;
  result: ScreeningResult;
  /** When `stopped`: the question whose answer ended the screening, and why. */
  stoppedAt?: RunHalt;
  /** When `pending`: the question to go and check, and what to check. */
  pendingAt?: RunHalt;
  /** When `incomplete`: the question to answer next. */
  nextQuestion?: string;
  findings: ScreeningFinding[];
  /** Questions that were answered but are not on the path (skipped, or after the end). */
  ignored: string[];
  /** When `likely` or `unlikely`: the matching threshold's message. */
  message?: string;
}

export interface AnswerError {
  /** Where the bad answer is, e.g. `answers.Q8` or `answers.Q13[1]`. */
  path: string;
  message: string;
}

export type RunOutcome = { ok: true; run: QuestionnaireRun } | { ok: false; errors: AnswerError[] };

export type CheckedAnswer =
  | { ok: true; value: Answer }
  | { ok: false; message: string /** Position in a multi answer's list. */; item?: number };

const ACTION_STRENGTH = { continue: 0, jump: 1, pending: 2, stop: 3 } as const;

/**
 * Checks one answer against its question: a single answer must be one of the option values,
 * a multi answer a non-empty list of them (one value alone is accepted as a list of one), a
 * text answer non-empty text. Returns the normalised answer.
 */
export function checkAnswer(question: Question, answer: Answer): CheckedAnswer {
  if (question.type === "text") {
    if (Array.isArray(answer)) return { ok: false, message: "expected text, found a list" };
    const text = answer.trim();
    return text === "" ? { ok: false, message: "must not be empty" } : { ok: true, value: text };
  }
  const options = question.options ?? [];
  const oneOf = `one of: ${options.map((o) => o.value).join(", ")}`;
  if (question.type === "single") {
    if (Array.isArray(answer))
      return { ok: false, message: `choose one answer, not a list; ${oneOf}` };
    return options.some((o) => o.value === answer)
      ? { ok: true, value: answer }
      : { ok: false, message: `must be ${oneOf}` };
  }
  const chosen = Array.isArray(answer) ? answer : [answer];
  if (chosen.length === 0) return { ok: false, message: `choose at least ${oneOf}` };
  for (const [item, value] of chosen.entries()) {
    if (!options.some((o) => o.value === value)) {
      return Array.isArray(answer)
        ? { ok: false, message: `must be ${oneOf}`, item }
        : { ok: false, message: `must be ${oneOf}` };
    }
  }
  return { ok: true, value: options.filter((o) => chosen.includes(o.value)).map((o) => o.value) };
}

/** The question with this id, if the questionnaire has one. */
export function findQuestion(q: Questionnaire, id: string): Question | undefined {
  return q.questions.find((question) => question.id === id);
}

/**
 * Runs the questionnaire over the answers. Every answer given is checked, even one the walk
 * will skip, so that a mistyped value never passes silently; any bad answer (or an answer to
 * a question the questionnaire does not have) gives `{ ok: false, errors }` instead of a run.
 *
 * Results: `stopped` and `pending` when an answer says so, `incomplete` when the walk reaches
 * a question with no answer (named in `nextQuestion`), otherwise `likely` or `unlikely` from
 * the threshold the total falls in.
 */
export function runQuestionnaire(q: Questionnaire, answers: Answers): RunOutcome {
  const checked = checkAll(q, answers);
  if (!checked.ok) return checked;
  const given = checked.answers;

  const position = new Map(q.questions.map((question, i) => [question.id, i]));
  const path: string[] = [];
  const used: Record<string, Answer> = {};
  const findings: ScreeningFinding[] = [];
  let total = 0;
  let halt:
    | Pick<QuestionnaireRun, "result" | "stoppedAt" | "pendingAt" | "nextQuestion">
    | undefined;

  let i = 0;
  while (i < q.questions.length) {
    const question = q.questions[i] as Question;
    const answer = given.get(question.id);
    if (answer === undefined) {
      halt = { result: "incomplete", nextQuestion: question.id };
      break;
    }
    path.push(question.id);
    used[question.id] = answer;
    const chosen = chosenOptions(question, answer);
    for (const option of chosen) {
      total += option.points;
      if (option.finding) findings.push({ ...option.finding, question: question.id });
    }
    const decisive = strongest(chosen, position);
    if (decisive === undefined || decisive.action === "continue") {
      i += 1;
    } else if (decisive.action === "jump") {
      i = position.get(decisive.to ?? "") ?? i + 1;
    } else {
      const at = { question: question.id, reason: decisive.reason ?? "" };
      halt =
        decisive.action === "stop"
          ? { result: "stopped", stoppedAt: at }
          : { result: "pending", pendingAt: at };
      break;
    }
  }

  const onPath = new Set(path);
  const ignored = q.questions
    .map((question) => question.id)
    .filter((id) => given.has(id) && !onPath.has(id));
  const run: QuestionnaireRun = {
    questionnaire: q.id,
    version: q.version,
    path,
    answers: used,
    total,
    result: "incomplete",
    findings,
    ignored,
  };
  if (halt !== undefined) return { ok: true, run: { ...run, ...halt } };

  const threshold = thresholdFor(q.outcome.thresholds, total);
  if (threshold === undefined) {
    return {
      ok: false,
      errors: [{ path: "outcome.thresholds", message: `no threshold covers a total of ${total}` }],
    };
  }
  return { ok: true, run: { ...run, result: threshold.result, message: threshold.message } };
}

function checkAll(
  q: Questionnaire,
  answers: Answers,
): { ok: true; answers: Map<string, Answer> } | { ok: false; errors: AnswerError[] } {
  const given = new Map<string, Answer>();
  const errors: AnswerError[] = [];
  for (const [id, answer] of Object.entries(answers)) {
    const question = findQuestion(q, id);
    if (question === undefined) {
      const ids = q.questions.map((x) => x.id);
      errors.push({
        path: `answers.${id}`,
        message: `no such question in ${q.id} (its questions are ${ids.join(", ")})`,
      });
      continue;
    }
    const result = checkAnswer(question, answer);
    if (result.ok) given.set(id, result.value);
    else
      errors.push({
        path: `answers.${id}${result.item === undefined ? "" : `[${result.item}]`}`,
        message: result.message,
      });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers: given };
}

function chosenOptions(question: Question, answer: Answer): QuestionOption[] {
  if (question.type === "text") return [];
  const values = Array.isArray(answer) ? answer : [answer];
  return (question.options ?? []).filter((o) => values.includes(o.value));
}

/** The option whose action wins: stop > pending > jump > continue; of two jumps, the nearer. */
function strongest(
  options: readonly QuestionOption[],
  position: ReadonlyMap<string, number>,
): QuestionOption | undefined {
  let best: QuestionOption | undefined;
  for (const option of options) {
    if (best === undefined || ACTION_STRENGTH[option.action] > ACTION_STRENGTH[best.action]) {
      best = option;
    } else if (
      option.action === "jump" &&
      best.action === "jump" &&
      (position.get(option.to ?? "") ?? 0) < (position.get(best.to ?? "") ?? 0)
    ) {
      best = option;
    }
  }
  return best;
}

function thresholdFor(thresholds: readonly Threshold[], total: number): Threshold | undefined {
  return thresholds.find(
    (t) => (t.min === undefined || total >= t.min) && (t.max === undefined || total <= t.max),
  );
}
