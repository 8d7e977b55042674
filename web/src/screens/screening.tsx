/**
 * The screening questionnaire, one question at a time, run by the core runner in the
 * browser: the path taken so far (jumps and stops shown), the running score, and the result
 * against the questionnaire's thresholds.
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Center,
  Checkbox,
  Grid,
  Group,
  Loader,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import {
  type Answer,
  findQuestion,
  type QuestionnaireRun,
  runQuestionnaire,
} from "../../../src/core/questionnaire/run.ts";
import type { Question, Questionnaire } from "../../../src/core/questionnaire/schema.ts";
import { api } from "../api.ts";
import type { QuestionnaireAnswer, QuestionnaireList } from "../types.ts";

const STORE_KEY = (id: string) => `basis:screening:${id}`;

export default function ScreeningScreen() {
  const list = useQuery({
    queryKey: ["questionnaires"],
    queryFn: () => api.get<QuestionnaireList>("/api/questionnaires"),
  });
  const [id, setId] = useState<string | null>(null);
  const chosen = id ?? list.data?.items[0]?.id ?? null;
  const q = useQuery({
    queryKey: ["questionnaire", chosen],
    queryFn: () => api.get<QuestionnaireAnswer>(`/api/questionnaires/${chosen}`),
    enabled: chosen !== null,
  });
  return (
    <Stack>
      <Title order={2}>Screening</Title>
      <Select
        label="Questionnaire"
        w={{ base: "100%", sm: 420 }}
        data={(list.data?.items ?? []).map((i) => ({ value: i.id, label: i.title }))}
        value={chosen}
        onChange={setId}
        allowDeselect={false}
      />
      {q.data ? (
        <Runner key={q.data.questionnaire.id} questionnaire={q.data.questionnaire} />
      ) : (
        <Center p="xl">
          <Loader aria-label="Loading the questionnaire" />
        </Center>
      )}
    </Stack>
  );
}

function Runner({ questionnaire }: { questionnaire: Questionnaire }) {
  const [answers, setAnswers] = useState<Record<string, Answer>>(() => {
    try {
      return JSON.parse(localStorage.getItem(STORE_KEY(questionnaire.id)) ?? "{}");
    } catch {
      return {};
    }
  });
  useEffect(
    () => localStorage.setItem(STORE_KEY(questionnaire.id), JSON.stringify(answers)),
    [answers, questionnaire.id],
  );
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

function ResultCard({ run }: { run: QuestionnaireRun }) {
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
