/**
 * Why an approved assessment needs a review before its date — a field added to the
 * minimisation specification, a template or reference it cites changed, an upheld objection,
 * a manual trigger — with the actions to raise one or record the review.
 */
import { Alert, Button, Group, List, Stack, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../api.ts";
import { useCan } from "../session.tsx";
import type { AssessmentView, ReviewsOverview } from "../types.ts";
import { useReopen } from "./reopen.tsx";
import { useAction } from "./use-action.ts";

export function useReviews(days = 90) {
  return useQuery({
    queryKey: ["reviews", days],
    queryFn: () => api.get<ReviewsOverview>(`/api/reviews?days=${days}`),
  });
}

export function ReviewNeeded({ view }: { view: AssessmentView }) {
  const reviews = useReviews();
  const item = reviews.data?.reviewNeeded.find((r) => r.id === view.id);
  if (!item?.triggers?.length) return null;
  return (
    <Alert color="orange" title="Review needed" data-testid="review-needed">
      <List size="sm">
        {item.triggers.map((t) => (
          <List.Item key={t.id}>
            {t.reason} ({t.kind}, {t.raisedAt.slice(0, 10)})
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

export function ReviewActions({ view }: { view: AssessmentView }) {
  const queryClient = useQueryClient();
  const reopen = useReopen();
  const canEdit = useCan("editor");
  const [text, setText] = useState("");
  const { error, run } = useAction();
  if (!canEdit || view.status !== "approved") return null;
  const act = async (path: string, body: unknown) => {
    const ok = await run(() => api.post(`/api/assessments/${view.id}/${path}`, body));
    if (!ok) return;
    setText("");
    await queryClient.invalidateQueries({ queryKey: ["reviews"] });
    if (path === "reviews") await reopen();
  };
  return (
    <Stack gap="xs">
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label="Review note or reason"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 240 }}
        />
        <Button
          variant="light"
          disabled={!text.trim()}
          onClick={() => void act("review-triggers", { reason: text.trim() })}
        >
          Ask for a review
        </Button>
        <Button
          variant="default"
          disabled={!text.trim()}
          onClick={() => void act("reviews", { summary: text.trim() })}
        >
          Record a review
        </Button>
      </Group>
    </Stack>
  );
}
