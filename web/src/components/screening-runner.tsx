/**
 * The screening runner, shared by the Screening screen (answers kept in this browser) and an
 * activity's Screening tab (answers kept with the activity): the core runner in the browser,
 * one question at a time.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  Radio,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { type Dispatch, type ReactNode, type SetStateAction, useState } from "react";
import {
  type Answer,
  findQuestion,
  type QuestionnaireRun,
  runQuestionnaire,
} from "../../../src/core/questionnaire/run.ts";
import type { Question, Questionnaire } from "../../../src/core/questionnaire/schema.ts";

export type Answers = Record<string, Answer>;

/**
 * Runs a screening questionnaire over answers its owner holds: the question on the path, the
 * running score and the path taken (jumps and stops shown), and the result once the walk ends.
 * `done` adds what the owner offers once there is a result (keeping it with an activity).
 */
export function Runner({
  questionnaire,
  answers,
  setAnswers,
  done: doneActions,
}: {
  questionnaire: Questionnaire;
  answers: Answers;
  setAnswers: Dispatch<SetStateAction<Answers>>;
  done?: (run: QuestionnaireRun) => ReactNode;
}) {
  const outcome = runQuestionnaire(questionnaire, answers);
  if (!outcome.ok)
    return (
      <Alert color="red" title="These answers do not fit the questionnaire">
        {outcome.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}
        <Button mt="sm" variant="light" onClick={() => setAnswers({})}>
          Start again
        </Button>
      </Alert>
    );
  const run = outcome.run;
  const current = run.nextQuestion
    ? findQuestion(questionnaire, run.nextQuestion)
    : run.pendingAt
      ? findQuestion(questionnaire, run.pendingAt.question)
      : undefined;
  const answer = (qid: string, value: Answer) => {
    // Answers past this question may no longer be on the path: the runner reports them as ignored.
    setAnswers((a) => ({ ...a, [qid]: value }));
  };
  const back = () => {
    const last = run.path.at(-1);
    if (!last) return;
    setAnswers((a) => {
      const { [last]: _drop, ...rest } = a;
      return rest;
    });
  };
  const done = run.result === "likely" || run.result === "unlikely" || run.result === "stopped";
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack>
          {current && (
            <QuestionCard
              key={current.id}
              question={current}
              initial={answers[current.id]}
              onAnswer={answer}
            />
          )}
          {run.pendingAt && (
            <Alert color="yellow" title={`Go and check (${run.pendingAt.question})`}>
              {run.pendingAt.reason} Then answer the question again.
            </Alert>
          )}
          {done && <ResultCard run={run} />}
          {done && doneActions?.(run)}
          <Group>
            <Button variant="default" onClick={back} disabled={run.path.length === 0}>
              Back
            </Button>
            <Button variant="subtle" color="red" onClick={() => setAnswers({})}>
              Start again
            </Button>
          </Group>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Card withBorder component="aside" aria-label="Score and path">
          <Group justify="space-between">
            <Text fw={600}>Running score</Text>
            <Text fw={700} size="xl" data-testid="screening-total">
              {run.total}
            </Text>
          </Group>
          <Table mt="sm" fz="sm" aria-label="Questions answered">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Question</Table.Th>
                <Table.Th>Answer</Table.Th>
                <Table.Th>Points</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {run.path.map((qid, i) => {
                const question = findQuestion(questionnaire, qid);
                const value = run.answers[qid];
                const chosen = (question?.options ?? []).filter((o) =>
                  Array.isArray(value) ? value.includes(o.value) : o.value === value,
                );
                const points = chosen.reduce((s, o) => s + (o.points ?? 0), 0);
                const next = run.path[i + 1];
                const jump = chosen.find((o) => o.action === "jump");
                return (
                  <Table.Tr key={qid}>
                    <Table.Td>
                      {qid}
                      {jump && next && (
                        <Badge ml={4} size="xs" variant="outline">
                          jump → {jump.to}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td className="wrap-anywhere">
                      {chosen.length ? chosen.map((o) => o.label).join(", ") : String(value ?? "")}
                    </Table.Td>
                    <Table.Td>{question?.type === "text" ? "" : points}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {run.ignored.length > 0 && (
            <Text size="xs" c="dimmed" mt="xs">
              Skipped by a jump or after the end (count 0): {run.ignored.join(", ")}
            </Text>
          )}
        </Card>
      </Grid.Col>
    </Grid>
  );
}

function QuestionCard({
  question,
  initial,
  onAnswer,
}: {
  question: Question;
  initial: Answer | undefined;
  onAnswer: (id: string, value: Answer) => void;
}) {
  const [value, setValue] = useState<Answer>(initial ?? (question.type === "multi" ? [] : ""));
  const empty = Array.isArray(value) ? value.length === 0 : value.trim() === "";
  const points = (p: number) => (p === 0 ? "" : ` (${p > 0 ? "+" : "−"}${Math.abs(p)})`);
  return (
    <Card withBorder component="section" aria-labelledby={`q-${question.id}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!empty) onAnswer(question.id, value);
        }}
      >
        <Stack>
          {question.section && (
            <Text size="xs" tt="uppercase" c="dimmed">
              {question.section}
            </Text>
          )}
          <Title order={3} size="h4" id={`q-${question.id}`}>
            {question.id}. {question.text}
          </Title>
          {question.help && (
            <Text size="sm" c="dimmed">
              {question.help}
            </Text>
          )}
          {question.type === "single" && (
            <Radio.Group
              value={typeof value === "string" ? value : ""}
              onChange={setValue}
              aria-labelledby={`q-${question.id}`}
            >
              <Stack gap="xs">
                {(question.options ?? []).map((o) => (
                  <Radio
                    key={o.value}
                    value={o.value}
                    label={`${o.label}${points(o.points ?? 0)}`}
                  />
                ))}
              </Stack>
            </Radio.Group>
          )}
          {question.type === "multi" && (
            <Checkbox.Group
              value={Array.isArray(value) ? value : []}
              onChange={setValue}
              label="All that apply"
            >
              <Stack gap="xs" mt={4}>
                {(question.options ?? []).map((o) => (
                  <Checkbox
                    key={o.value}
                    value={o.value}
                    label={`${o.label}${points(o.points ?? 0)}`}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          {question.type === "text" && (
            <Textarea
              autosize
              minRows={2}
              aria-labelledby={`q-${question.id}`}
              value={typeof value === "string" ? value : ""}
              onChange={(e) => setValue(e.currentTarget.value)}
            />
          )}
          <Button type="submit" disabled={empty} w="fit-content">
            Next
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

/** The result of a finished walk, as the runner and a kept screening show it. */
export function ResultCard({ run }: { run: QuestionnaireRun }) {
  if (run.result === "stopped")
    return (
      <Alert
        color="orange"
        title={`The screening stopped at ${run.stoppedAt?.question}`}
        data-testid="screening-result"
      >
        {run.stoppedAt?.reason}
      </Alert>
    );
  return (
    <Alert
      color={run.result === "likely" ? "green" : "red"}
      title={`Result: legitimate interests ${run.result === "likely" ? "likely" : "unlikely"} (total ${run.total})`}
      data-testid="screening-result"
    >
      {run.message}
      {run.findings.length > 0 && (
        <Text mt="xs">Findings: {run.findings.map((f) => f.code).join(", ")}</Text>
      )}
    </Alert>
  );
}
