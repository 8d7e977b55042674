/** What every LIA step shares: its props and the per-interest entries of necessity and balancing. */
import { getIn } from "../components/fields.tsx";
import type { DraftForm } from "../use-draft.ts";

export interface StepProps {
  form: DraftForm;
  readOnly: boolean;
}

export interface InterestRef {
  id: string;
  title?: string;
}

export function interestsOf(form: DraftForm): InterestRef[] {
  return (getIn(form.values, "lia.interests") as InterestRef[] | undefined) ?? [];
}

/** The index of the per-interest entry in `lia.<list>`, or -1. */
export function entryFor(
  form: DraftForm,
  list: "necessity" | "balancing",
  interest: string,
): number {
  const items = (getIn(form.values, `lia.${list}`) as { interest: string }[] | undefined) ?? [];
  return items.findIndex((e) => e.interest === interest);
}

export function addEntry(form: DraftForm, list: "necessity" | "balancing", interest: string): void {
  const items = getIn(form.values, `lia.${list}`) as unknown[] | undefined;
  if (!items) form.setFieldValue(`lia.${list}`, [{ interest }]);
  else form.insertListItem(`lia.${list}`, { interest });
}
