/**
 * Inputs for the DPIA's optional parts (the DPO's advice, the views, the consultation, a
 * rating before or after measures), which do not exist until something is written in them.
 * The draft creates the missing parents on the first answer; these inputs also remove a part
 * again when its last answer is cleared: an empty `priorConsultation` would otherwise read as
 * "consulted".
 */
import { Checkbox, Select, Stack, Textarea, TextInput } from "@mantine/core";
import { getIn } from "../components/fields.tsx";
import { Findings } from "../components/findings.tsx";
import { findingPath } from "../live.ts";
import type { DraftForm } from "../use-draft.ts";

const empty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  v === "" ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === "object" && !Array.isArray(v) && Object.values(v as object).every(empty));

/**
 * Set `path` (e.g. `dpia.dpoAdvice.advice`) in the draft (the draft creates missing parents);
 * when the value is empty, drop the parents left with no answer, down to the DPIA's own parts
 * (`dpia.<part>`), never `dpia` itself.
 */
export function setDeep(form: DraftForm, path: string, value: unknown): void {
  if (!empty(value)) {
    form.setFieldValue(path, value);
    return;
  }
  if (getIn(form.getValues(), path) === undefined) return; // nothing there to clear
  form.setFieldValue(path, undefined);
  const parts = path.split(".");
  for (let k = parts.length - 1; k >= 2; k--) {
    const at = parts.slice(0, k).join(".");
    if (!empty(getIn(form.getValues(), at))) break;
    form.setFieldValue(at, undefined);
  }
}

interface Props {
  form: DraftForm;
  path: string;
  label: string;
  readOnly: boolean;
  findings?: boolean;
}

export function DeepText({
  form,
  path,
  label,
  readOnly,
  multiline,
  type,
  findings = true,
}: Props & { multiline?: boolean; type?: "date" }) {
  const value = getIn(form.values, path);
  const common = {
    label,
    readOnly,
    value: typeof value === "string" ? value : "",
    "data-path": findingPath(path),
    onChange: (e: { currentTarget: { value: string } }) =>
      setDeep(form, path, e.currentTarget.value),
  };
  return (
    <Stack gap={4}>
      {multiline ? (
        <Textarea autosize minRows={2} maxRows={12} {...common} />
      ) : (
        <TextInput type={type ?? "text"} {...common} />
      )}
      {findings && <Findings at={findingPath(path)} exact />}
    </Stack>
  );
}

export function DeepCheck({ form, path, label, readOnly }: Props) {
  return (
    <Stack gap={4}>
      <Checkbox
        label={label}
        disabled={readOnly}
        checked={getIn(form.values, path) === true}
        onChange={(e) => setDeep(form, path, e.currentTarget.checked)}
        data-path={findingPath(path)}
      />
      <Findings at={findingPath(path)} exact />
    </Stack>
  );
}

export function DeepSelect({
  form,
  path,
  label,
  readOnly,
  options,
  findings = true,
}: Props & { options: Record<string, string> }) {
  const value = getIn(form.values, path);
  return (
    <Stack gap={4}>
      <Select
        label={label}
        readOnly={readOnly}
        clearable
        data={Object.entries(options).map(([v, l]) => ({ value: v, label: l }))}
        value={typeof value === "string" ? value : null}
        onChange={(v) => setDeep(form, path, v ?? undefined)}
        comboboxProps={{ withinPortal: true }}
        data-path={findingPath(path)}
      />
      {findings && <Findings at={findingPath(path)} exact />}
    </Stack>
  );
}
