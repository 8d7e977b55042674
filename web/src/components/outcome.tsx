/** The computed outcome, never typed in, in words and colour. */
import { Badge } from "@mantine/core";
import type { Outcome } from "../../../src/core/vocabulary.ts";
import { OUTCOME_LABELS } from "../../../src/render/labels.ts";

export const OUTCOME_COLOR: Record<Outcome, string> = {
  appropriate: "green",
  "appropriate-with-conditions": "teal",
  "not-appropriate": "red",
  incomplete: "orange",
};

export function OutcomeBadge({
  outcome,
  size = "md",
}: {
  outcome: Outcome;
  size?: "sm" | "md" | "lg";
}) {
  return (
    <Badge color={OUTCOME_COLOR[outcome]} size={size} variant="light" data-outcome={outcome}>
      {OUTCOME_LABELS[outcome] ?? outcome}
    </Badge>
  );
}
