/**
 * Inputs for the DPIA's optional parts (the DPO's advice, the views, the consultation, a
 * rating before or after measures), which do not exist until something is written in them.
 * The draft creates the missing parents on the first answer; these inputs also remove a part
 * again when its last answer is cleared: an empty `priorConsultation` would otherwise read as
 * "consulted".
 */
import { Checkbox, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { getIn, setIn } from "../../../src/core/drafting.ts";
import { Findings } from "../components/findings.tsx";
import type { Lens } from "../lens.ts";
import type { DraftForm } from "../use-draft.ts";

const empty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  v === "" ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === "object" && !Array.isArray(v) && Object.values(v as object).every(empty));

/**
 * Write `value` at a place of the DPIA (e.g. `dpia.dpoAdvice.advice`; the draft creates
 * missing parents); when the value is empty, drop the parents left with no answer, down to
 * the DPIA's own parts (`dpia.<part>`), never `dpia` itself.
 */
export function setDeep<V>(form: DraftForm, at: Lens<V>, value: V | undefined): void {
  if (!empty(value)) {
    form.set(at, value);
    return;
  }
  if (form.get(at) === undefined) return; // nothing there to clear
  form.update((doc) => {
    // The parents are whatever lies above the place: emptied ones go, by their keys.
    let next = setIn(doc, at.keys, undefined);
    for (let k = at.keys.length - 1; k >= 2; k--) {
      const parent = at.keys.slice(0, k);
      if (!empty(getIn(next, parent))) break;
      next = setIn(next, parent, undefined);
    }
    return next;
  });
}

interface Props<V> {
  form: DraftForm;
  at: Lens<V>;
  label: string;
  readOnly: boolean;
  findings?: boolean;
}

export function DeepText({
  form,
  at,
  label,
  readOnly,
  multiline,
  type,
  findings = true,
}: Props<string> & { multiline?: boolean; type?: "date" }) {
  const common = {
    label,
    readOnly,
    value: form.get(at) ?? "",
    "data-path": at.where,
    onChange: (e: { currentTarget: { value: string } }) => setDeep(form, at, e.currentTarget.value),
  };
  return (
    <Stack gap={4}>
      {multiline ? (
        <Textarea autosize minRows={2} maxRows={12} {...common} />
      ) : (
        <TextInput type={type ?? "text"} {...common} />
      )}
      {findings && <Findings at={at} exact />}
    </Stack>
  );
}

export function DeepCheck({ form, at, label, readOnly }: Props<boolean>) {
  return (
    <Stack gap={4}>
      <Checkbox
        label={label}
        disabled={readOnly}
        checked={form.get(at) === true}
        onChange={(e) => setDeep(form, at, e.currentTarget.checked)}
        data-path={at.where}
      />
      <Findings at={at} exact />
    </Stack>
  );
}

export function DeepSelect<O extends string>({
  form,
  at,
  label,
  readOnly,
  options,
  findings = true,
}: Props<O> & { options: Readonly<Record<NoInfer<O>, string>> }) {
  const offered = (v: string): v is O => Object.hasOwn(options, v);
  return (
    <Stack gap={4}>
      <Select
        label={label}
        readOnly={readOnly}
        clearable
        data={Object.entries<string>(options).map(([v, l]) => ({ value: v, label: l }))}
        value={form.get(at) ?? null}
        onChange={(v) => setDeep(form, at, v !== null && offered(v) ? v : undefined)}
        comboboxProps={{ withinPortal: true }}
        data-path={at.where}
      />
      {findings && <Findings at={at} exact />}
    </Stack>
  );
}
