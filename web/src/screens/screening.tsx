/**
 * The screening questionnaire on its own, for a quick look before there is an activity: the
 * answers stay in this browser. To keep a screening with an activity, run it from the
 * activity's Screening tab.
 */
import { Center, Loader, Select, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Questionnaire } from "../../../src/core/questionnaire/schema.ts";
import { api } from "../api.ts";
import { type Answers, Runner } from "../components/screening-runner.tsx";
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
      <Text size="sm" c="dimmed">
        These answers stay in this browser. To keep a screening with an activity, open the activity
        and run it from its Screening tab.
      </Text>
      <Select
        label="Questionnaire"
        w={{ base: "100%", sm: 420 }}
        data={(list.data?.items ?? []).map((i) => ({ value: i.id, label: i.title }))}
        value={chosen}
        onChange={setId}
        allowDeselect={false}
      />
      {q.data ? (
        <LocalRunner key={q.data.questionnaire.id} questionnaire={q.data.questionnaire} />
      ) : (
        <Center p="xl">
          <Loader role="status" aria-label="Loading the questionnaire" />
        </Center>
      )}
    </Stack>
  );
}

function LocalRunner({ questionnaire }: { questionnaire: Questionnaire }) {
  const [answers, setAnswers] = useState<Answers>(() => {
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
  return <Runner questionnaire={questionnaire} answers={answers} setAnswers={setAnswers} />;
}
