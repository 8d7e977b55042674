/**
 * Art. 21 objections against this activity: when each was received, when the answer is due
 * (one month by default, or the configured days), the decision and its reasoning. Overdue
 * answers are flagged; an upheld objection marks the approved LIA "review needed".
 */
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../api.ts";
import { useAction } from "../components/use-action.ts";
import { useCan } from "../session.tsx";
import { todayIso } from "../today.ts";
import type { AssessmentView, ObjectionInfo, ObjectionList } from "../types.ts";

export function ObjectionsTab({ view }: { view: AssessmentView }) {
  const queryClient = useQueryClient();
  const canEdit = useCan("editor");
  const canDecide = useCan("approver");
  const list = useQuery({
    queryKey: ["objections", view.id],
    queryFn: () => api.get<ObjectionList>(`/api/assessments/${view.id}/objections`),
  });
  const [receivedOn, setReceivedOn] = useState(todayIso());
  const [summary, setSummary] = useState("");
  const { error, run } = useAction();
  const reliesOnLi = view.document.decisions.some((d) => d.basis === "legitimate-interests");
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ["objections", view.id] });
    await queryClient.invalidateQueries({ queryKey: ["reviews"] });
  };
  const act = async (fn: () => Promise<unknown>) => {
    if (await run(fn)) await refresh();
  };
  if (!reliesOnLi)
    return (
      <Text c="dimmed">
        No purpose of this activity relies on legitimate interests, so Art. 21(1) objections do not
        apply.
      </Text>
    );
  const items = list.data?.objections ?? [];
  return (
    <Stack>
      {error && (
        <Alert color="red" role="alert" title="Not done">
          {error}
        </Alert>
      )}
      {items.length === 0 && <Text c="dimmed">No objection recorded.</Text>}
      {items.map((o) => (
        <ObjectionCard
          key={o.id}
          o={o}
          canDecide={canDecide}
          onDecide={(body) => act(() => api.post(`/api/objections/${o.id}/decision`, body))}
        />
      ))}
      {canEdit && (
        <Paper withBorder p="sm" component="section" aria-labelledby="new-objection">
          <Title order={3} size="h5" id="new-objection" mb="xs">
            Record an objection
          </Title>
          <Stack gap="xs">
            <TextInput
              type="date"
              label="Received on"
              value={receivedOn}
              onChange={(e) => setReceivedOn(e.currentTarget.value)}
            />
            <Textarea
              label="What the person objects to"
              autosize
              minRows={2}
              value={summary}
              onChange={(e) => setSummary(e.currentTarget.value)}
            />
            <Button
              w="fit-content"
              disabled={!summary.trim() || !receivedOn}
              onClick={() =>
                void act(async () => {
                  await api.post(`/api/assessments/${view.id}/objections`, {
                    receivedOn,
                    summary: summary.trim(),
                  });
                  setSummary("");
                })
              }
            >
              Record objection
            </Button>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function ObjectionCard({
  o,
  canDecide,
  onDecide,
}: {
  o: ObjectionInfo;
  canDecide: boolean;
  onDecide: (body: { decision: "upheld" | "rejected"; reasoning: string }) => Promise<void>;
}) {
  const [decision, setDecision] = useState<"upheld" | "rejected">("rejected");
  const [reasoning, setReasoning] = useState("");
  const color =
    o.decision === "upheld"
      ? "orange"
      : o.decision === "rejected"
        ? "gray"
        : o.overdue
          ? "red"
          : "blue";
  return (
    <Paper withBorder p="sm" data-objection={o.decision}>
      <Stack gap={6}>
        <Group gap="xs">
          <Badge color={color} variant="light">
            {o.decision === "pending"
              ? o.overdue
                ? "Answer overdue"
                : "Awaiting answer"
              : o.decision}
          </Badge>
          <Text size="sm">
            Received {o.receivedOn} · answer due {o.responseDue}
          </Text>
        </Group>
        <Text size="sm" className="wrap-anywhere">
          {o.summary}
        </Text>
        {o.reasoning && (
          <Text size="sm" c="dimmed" className="wrap-anywhere">
            {o.decidedBy}, {o.decidedOn}: {o.reasoning}
          </Text>
        )}
        {canDecide && o.decision === "pending" && (
          <Stack gap="xs">
            <SegmentedControl
              aria-label="Decision"
              value={decision}
              onChange={(v) => setDecision(v as "upheld" | "rejected")}
              data={[
                { value: "rejected", label: "Reject: compelling legitimate grounds" },
                { value: "upheld", label: "Uphold: stop this processing for them" },
              ]}
            />
            <Textarea
              label="Reasoning"
              autosize
              minRows={2}
              value={reasoning}
              onChange={(e) => setReasoning(e.currentTarget.value)}
            />
            <Button
              w="fit-content"
              disabled={!reasoning.trim()}
              onClick={() => void onDecide({ decision, reasoning: reasoning.trim() })}
            >
              Record decision
            </Button>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
