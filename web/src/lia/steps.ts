/** What every LIA step shares: its props, the LIA's place in the draft, and its interests. */
import { draft } from "../lens.ts";
import type { DraftForm } from "../use-draft.ts";

export interface StepProps {
  form: DraftForm;
  readOnly: boolean;
}

/** The LIA in the draft. */
export const lia = draft.at("lia");

export function interestsOf(form: DraftForm): { id: string; title: string }[] {
  return form.get(lia.at("interests")) ?? [];
}
