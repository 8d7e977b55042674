/** Where the draft stands: saved, waiting, saving, not valid yet, in conflict or failed. */
import { Badge, Button, Group, Text } from "@mantine/core";
import type { Draft } from "../use-draft.ts";

const LOOK = {
  saved: { color: "green", text: "Saved" },
  pending: { color: "gray", text: "Unsaved changes" },
  saving: { color: "blue", text: "Saving…" },
  invalid: { color: "orange", text: "Kept locally" },
  conflict: { color: "red", text: "Conflict" },
  error: { color: "red", text: "Not saved" },
} as const;

export function SaveState({ draft }: { draft: Draft }) {
  const look = LOOK[draft.status];
  return (
    <Group gap={6} wrap="wrap" role="status" aria-live="polite">
      <Badge color={look.color} variant="dot" data-save-status={draft.status}>
        {look.text}
      </Badge>
      {draft.message && (
        <Text size="xs" c="dimmed" className="wrap-anywhere">
          {draft.message}
        </Text>
      )}
      {draft.status === "error" && (
        <Button size="compact-xs" variant="light" onClick={draft.saveNow}>
          Retry
        </Button>
      )}
    </Group>
  );
}
