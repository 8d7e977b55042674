/**
 * An activity's screening: run the screening questionnaire from the activity and keep the
 * answers with it. Keeping writes `screening` (questionnaire, answers, who answered, when) into
 * the working draft like any other edit, so autosave, versions, history and sign-off treat it
 * the same way, and the LIA and the screening record show it once a version holds it. The
 * result is never stored: it is the core runner's, over the kept answers, wherever it is read.
 */
import {
  Alert,
  Anchor,
  Button,
  Card,
  Center,
  Group,
  Loader,
  Select,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { documentFileName } from "../../../src/core/file-names.ts";
import { runQuestionnaire } from "../../../src/core/questionnaire/run.ts";
import type { Questionnaire } from "../../../src/core/questionnaire/schema.ts";
import type { Assessment } from "../../../src/core/schema/index.ts";
import { formatDate } from "../../../src/render/labels.ts";
import { api } from "../api.ts";
import { type Answers, ResultCard, Runner } from "../components/screening-runner.tsx";
import { same } from "../draft-state.ts";
import { useSession } from "../session.tsx";
import { todayIso } from "../today.ts";
import type { AssessmentView, QuestionnaireAnswer, QuestionnaireList } from "../types.ts";
import type { DraftForm } from "../use-draft.ts";

type Kept = NonNullable<Assessment["screening"]>;

/** This browser's answers to a screening being run from an activity, until they are kept. */
const RUN_KEY = (activity: string, questionnaire: string) =>
  `basis:screening:${activity}:${questionnaire}`;

function useQuestionnaire(id: string | null) {
  return useQuery({
    queryKey: ["questionnaire", id],
    queryFn: () => api.get<QuestionnaireAnswer>(`/api/questionnaires/${id}`),
    enabled: id !== null,
  });
}

export function ScreeningTab({
  form,
  readOnly,
  view,
}: {
  form: DraftForm;
  readOnly: boolean;
  view: AssessmentView;
}) {
  const kept = form.values.screening;
  const [running, setRunning] = useState(false);
  if (running && !readOnly)
    return (
      <RunFromActivity
        activity={view.id}
        first={kept?.questionnaire ?? null}
        onCancel={() => setRunning(false)}
        onKeep={(screening) => {
          form.update((d) => ({ ...d, screening }));
          setRunning(false);
        }}
      />
    );
  const inVersion = view.document.screening;
  return (
    <Stack>
      {kept ? (
        <KeptScreening kept={kept} />
      ) : (
        <Text>
          No screening is kept with this activity yet. The screening questionnaire asks whether
          legitimate interests is likely to be available; its answers and result are kept with the
          activity and appear in its LIA.
        </Text>
      )}
      {kept && !same(kept, inVersion) && (
        <Text size="sm" c="dimmed">
          This screening is in the working draft: save a version (or submit) to put it in the
          documents.
        </Text>
      )}
      {inVersion && same(kept, inVersion) && (
        <Anchor
          href={`/api/assessments/${view.id}/document?format=pdf&document=screening`}
          download={documentFileName(view.slug, "screening", view.version, "pdf")}
        >
          Screening record of version {view.version} as PDF
        </Anchor>
      )}
      {!readOnly && (
        <Button w="fit-content" onClick={() => setRunning(true)}>
          {kept ? "Run the screening again" : "Run the screening"}
        </Button>
      )}
    </Stack>
  );
}

/** The kept answers run again by the core, with who answered and when. */
function KeptScreening({ kept }: { kept: Kept }) {
  const q = useQuestionnaire(kept.questionnaire);
  if (q.isLoading)
    return (
      <Center p="md">
        <Loader role="status" aria-label="Loading the questionnaire" />
      </Center>
    );
  if (!q.data)
    return (
      <Alert color="red" title="The kept screening's questionnaire cannot be found">
        {`It was answered on the questionnaire "${kept.questionnaire}", which this server does not hold.`}
      </Alert>
    );
  const outcome = runQuestionnaire(q.data.questionnaire, kept.answers);
  return (
    <Card
      withBorder
      component="section"
      aria-label="Screening kept with this activity"
      data-testid="kept-screening"
    >
      <Stack gap="xs">
        <Title order={3} size="h4">
          {q.data.questionnaire.title}
        </Title>
        <Text size="sm">
          Answered by {kept.assessor ?? "someone not recorded"}
          {kept.date ? ` on ${formatDate(kept.date)}` : ""}.
        </Text>
        {outcome.ok ? (
          outcome.run.result === "likely" ||
          outcome.run.result === "unlikely" ||
          outcome.run.result === "stopped" ? (
            <ResultCard run={outcome.run} />
          ) : (
            <Alert color="yellow" title="This screening was not finished">
              Run it again to reach a result.
            </Alert>
          )
        ) : (
          <Alert color="red" title="These answers no longer fit the questionnaire">
            Run the screening again.
          </Alert>
        )}
      </Stack>
    </Card>
  );
}

function RunFromActivity({
  activity,
  first,
  onCancel,
  onKeep,
}: {
  activity: string;
  first: string | null;
  onCancel(): void;
  onKeep(screening: Kept): void;
}) {
  const { principal } = useSession();
  const list = useQuery({
    queryKey: ["questionnaires"],
    queryFn: () => api.get<QuestionnaireList>("/api/questionnaires"),
  });
  const [id, setId] = useState<string | null>(first);
  const chosen = id ?? list.data?.items[0]?.id ?? null;
  const q = useQuestionnaire(chosen);
  const items = list.data?.items ?? [];
  return (
    <Stack>
      {items.length > 1 && (
        <Select
          label="Questionnaire"
          w={{ base: "100%", sm: 420 }}
          data={items.map((i) => ({ value: i.id, label: i.title }))}
          value={chosen}
          onChange={setId}
          allowDeselect={false}
        />
      )}
      {q.data ? (
        <FreshRun
          key={q.data.questionnaire.id}
          storeKey={RUN_KEY(activity, q.data.questionnaire.id)}
          questionnaire={q.data.questionnaire}
          onKeep={(answers) =>
            onKeep({
              questionnaire: q.data.questionnaire.id,
              answers,
              ...(principal ? { assessor: principal.name } : {}),
              date: todayIso(),
            })
          }
        />
      ) : (
        <Center p="xl">
          <Loader role="status" aria-label="Loading the questionnaire" />
        </Center>
      )}
      <Button
        variant="default"
        w="fit-content"
        onClick={() => {
          if (chosen) localStorage.removeItem(RUN_KEY(activity, chosen));
          onCancel();
        }}
      >
        Cancel, keep what was there
      </Button>
    </Stack>
  );
}

/**
 * A new walk from the first question; its answers are kept with the activity only when the user
 * says so. Until then this browser keeps them, so leaving the tab or reloading loses nothing.
 */
function FreshRun({
  storeKey,
  questionnaire,
  onKeep,
}: {
  storeKey: string;
  questionnaire: Questionnaire;
  onKeep(answers: Answers): void;
}) {
  const [answers, setAnswers] = useState<Answers>(() => {
    try {
      return JSON.parse(localStorage.getItem(storeKey) ?? "{}");
    } catch {
      return {};
    }
  });
  useEffect(() => localStorage.setItem(storeKey, JSON.stringify(answers)), [answers, storeKey]);
  return (
    <Runner
      questionnaire={questionnaire}
      answers={answers}
      setAnswers={setAnswers}
      done={(run) => (
        <Group>
          <Button
            color="green"
            onClick={() => {
              localStorage.removeItem(storeKey);
              onKeep(run.answers);
            }}
          >
            Keep this result with the activity
          </Button>
        </Group>
      )}
    />
  );
}
