/**
 * Comments on any part of the assessment, by path (a section, an interest, a question), with
 * resolve and reopen. Open comments block approval, so they are listed first.
 */
import { Button, Group, Paper, Select, Stack, Text, Textarea, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Question } from "../../../src/core/questionnaire/schema.ts";
import { api } from "../api.ts";
import { useAction } from "../components/use-action.ts";
import { useCan } from "../session.tsx";
import type { AssessmentView, CommentList, QuestionnaireAnswer } from "../types.ts";

/** The parts of an assessment a comment can be about, named as a reviewer sees them. */
function sections(
  view: AssessmentView,
  questions: readonly Question[],
): { value: string; label: string }[] {
  const d = view.document;
  const text = (id: string) => questions.find((q) => q.id === id)?.text ?? "";
  const clip = (t: string) => (t.length > 60 ? `${t.slice(0, 60)}…` : t);
  return [
    { value: "assessment", label: "The whole assessment" },
    { value: "activity", label: "Activity (Art. 30)" },
    ...d.decisions.map((x, i) => ({ value: `decisions[${i}]`, label: `Basis for ${x.purpose}` })),
    ...(d.lia?.interests ?? []).map((x, i) => ({
      value: `lia.interests[${i}]`,
      label: `Interest: ${x.title}`,
    })),
    ...(d.lia?.necessity ?? []).map((x, i) => ({
      value: `lia.necessity[${i}]`,
      label: `Necessity: ${x.interest}`,
    })),
    ...(d.lia?.balancing ?? []).map((x, i) => ({
      value: `lia.balancing[${i}]`,
      label: `Balancing: ${x.interest}`,
    })),
    ...(d.lia?.minimisation
      ? [{ value: "lia.minimisation", label: "Data-minimisation specification" }]
      : []),
    ...(d.lia ? [{ value: "lia.conclusion", label: "Conclusion" }] : []),
    // The screening's answered questions, by the question's id in the questionnaire.
    ...Object.keys(d.screening?.answers ?? {}).map((id) => ({
      value: `screening.answers.${id}`,
      label: `Screening ${id}${text(id) ? `: ${clip(text(id))}` : ""}`,
    })),
  ];
}

export function CommentsPanel({ view }: { view: AssessmentView }) {
  const queryClient = useQueryClient();
  const canComment = useCan("editor");
  const list = useQuery({
    queryKey: ["comments", view.id],
    queryFn: () => api.get<CommentList>(`/api/assessments/${view.id}/comments`),
  });
  const screening = view.document.screening?.questionnaire;
  const questionnaire = useQuery({
    queryKey: ["questionnaire", screening],
    queryFn: () => api.get<QuestionnaireAnswer>(`/api/questionnaires/${screening}`),
    enabled: screening !== undefined,
  });
  const [path, setPath] = useState("assessment");
  const [body, setBody] = useState("");
  const { error, run } = useAction();
  const options = sections(view, questionnaire.data?.questionnaire.questions ?? []);
  const label = (p: string) =>
    options.find((o) => o.value === p)?.label ?? (p || "The whole assessment");
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ["comments", view.id] });
    await queryClient.invalidateQueries({ queryKey: ["sign-off", view.id] });
  };
  const act = async (fn: () => Promise<unknown>) => {
    if (await run(fn)) await refresh();
  };
  const comments = [...(list.data?.comments ?? [])].sort(
    (a, b) => Number(a.resolved) - Number(b.resolved),
  );
  return (
    <Stack component="section" aria-labelledby="comments-title">
      <Title order={3} size="h4" id="comments-title">
        Comments ({list.data?.open ?? 0} open)
      </Title>
      {error && (
        <Text c="red.9" size="sm" role="alert">
          {error}
        </Text>
      )}
      {comments.map((c) => (
        <Paper key={c.id} withBorder p="sm" data-comment={c.resolved ? "resolved" : "open"}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2}>
              <Text size="xs" c="dimmed">
                {label(c.path)} · {c.author ?? "unknown"} · {c.createdAt.slice(0, 10)}
                {c.resolved ? ` · resolved by ${c.resolvedBy ?? "?"}` : ""}
              </Text>
              <Text
                size="sm"
                className="wrap-anywhere"
                {...(c.resolved ? { td: "line-through" } : {})}
              >
                {c.body}
              </Text>
            </Stack>
            {canComment && (
              <Button
                size="compact-xs"
                variant="light"
                onClick={() =>
                  void act(() =>
                    api.post(`/api/comments/${c.id}/${c.resolved ? "reopen" : "resolve"}`),
                  )
                }
              >
                {c.resolved ? "Reopen" : "Resolve"}
              </Button>
            )}
          </Group>
        </Paper>
      ))}
      {canComment && (
        <Stack gap="xs">
          <Select
            label="About"
            data={options}
            value={path}
            onChange={(v) => setPath(v ?? "assessment")}
            allowDeselect={false}
          />
          <Textarea
            label="Comment"
            autosize
            minRows={2}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
          <Button
            w="fit-content"
            variant="light"
            disabled={!body.trim()}
            onClick={() =>
              void act(async () => {
                await api.post(`/api/assessments/${view.id}/comments`, { path, body: body.trim() });
                setBody("");
              })
            }
          >
            Add comment
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
