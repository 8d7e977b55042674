/**
 * Inputs bound to a typed place of the draft (`draft.at("lia", "interests", 0, "title")`,
 * see `lens.ts`), so every screen edits the one document, an input can only be bound to a
 * place holding the kind of value it writes (a checkbox to a yes/no answer, a select to one
 * of the values its options name), and each input shows the live findings about its place
 * right underneath it.
 */
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { memo, type ReactNode } from "react";
import { EEA_NON_EU_STATES, EU_MEMBER_STATES } from "../../../src/core/law/countries.ts";
import { countryName } from "../../../src/render/labels.ts";
import type { Lens } from "../lens.ts";
import type { DraftForm } from "../use-draft.ts";
import { Findings } from "./findings.tsx";

interface FieldProps<V> {
  form: DraftForm;
  /** The place of the draft the input reads and writes. */
  at: Lens<V>;
  label: string;
  description?: string;
  /** Show the findings about this place under the input (default true). */
  findings?: boolean;
  readOnly?: boolean;
}

/** The values a choice offers, each with its label: values the place may hold, or some of them. */
type Options<O extends string> = Readonly<Partial<Record<NoInfer<O>, string>>>;

const choices = (options: Readonly<Partial<Record<string, string>>>) =>
  Object.entries(options).flatMap(([value, label]) => (label ? [{ value, label }] : []));

/** True for a value the options offer, so a picked value is one the place may hold. */
const offered =
  <O extends string>(options: Options<O>) =>
  (v: string): v is O =>
    Object.hasOwn(options, v);

function TextFieldInput({
  form,
  at,
  label,
  description,
  multiline,
  findings = true,
  readOnly,
  type,
}: FieldProps<string> & { multiline?: boolean; type?: "date" | "text" }) {
  const common = {
    label,
    description,
    readOnly,
    value: form.get(at) ?? "",
    onChange: (e: { currentTarget: { value: string } }) => form.set(at, e.currentTarget.value),
    "data-path": at.where,
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

function CheckFieldInput({
  form,
  at,
  label,
  description,
  findings = true,
  readOnly,
}: FieldProps<boolean>) {
  return (
    <Stack gap={4}>
      <Checkbox
        label={label}
        description={description}
        disabled={readOnly}
        checked={form.get(at) === true}
        onChange={(e) => form.set(at, e.currentTarget.checked)}
        data-path={at.where}
      />
      {findings && <Findings at={at} exact />}
    </Stack>
  );
}

function SelectFieldInput<O extends string>({
  form,
  at,
  label,
  description,
  options,
  findings = true,
  readOnly,
  clearable = true,
}: FieldProps<O> & { options: Options<O>; clearable?: boolean }) {
  return (
    <Stack gap={4}>
      <Select
        label={label}
        description={description}
        readOnly={readOnly}
        clearable={clearable}
        data={choices(options)}
        value={form.get(at) ?? null}
        onChange={(v) => form.set(at, v !== null && offered<O>(options)(v) ? v : undefined)}
        comboboxProps={{ withinPortal: true }}
        data-path={at.where}
      />
      {findings && <Findings at={at} exact />}
    </Stack>
  );
}

function NumberFieldInput({
  form,
  at,
  label,
  description,
  min,
  max,
  readOnly,
}: FieldProps<number> & { min?: number; max?: number }) {
  return (
    <Stack gap={4}>
      <NumberInput
        label={label}
        description={description}
        {...(min !== undefined ? { min } : {})}
        {...(max !== undefined ? { max } : {})}
        readOnly={readOnly}
        allowDecimal={false}
        value={form.get(at) ?? ""}
        onChange={(v) => form.set(at, typeof v === "number" ? v : undefined)}
      />
      <Findings at={at} exact />
    </Stack>
  );
}

/** A list of short texts (benefits, recipients, safeguards in words). */
function TextListInput({
  form,
  at,
  label,
  description,
  addLabel = "Add",
  readOnly,
}: FieldProps<string[]> & { addLabel?: string }) {
  const items = form.get(at) ?? [];
  return (
    <Stack gap={6} role="group" aria-label={label}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {description && (
        <Text size="xs" c="dimmed">
          {description}
        </Text>
      )}
      {items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list items are addressed by position
        <Group key={i} gap={6} wrap="nowrap" align="flex-start">
          <Textarea
            autosize
            minRows={1}
            style={{ flex: 1 }}
            aria-label={`${label} ${i + 1}`}
            readOnly={readOnly}
            value={item ?? ""}
            onChange={(e) => form.set(at.at(i), e.currentTarget.value)}
          />
          {!readOnly && (
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove ${label.toLowerCase()} ${i + 1}`}
              onClick={() => form.remove(at, i)}
            >
              ✕
            </ActionIcon>
          )}
        </Group>
      ))}
      {!readOnly && (
        <Button variant="light" size="xs" w="fit-content" onClick={() => form.append(at, "")}>
          {addLabel}
        </Button>
      )}
      <Findings at={at} exact />
    </Stack>
  );
}

/**
 * A list of records, each drawn by `render` from the place of its item, with add and remove.
 * A new item starts as `empty`: only the answers it starts with, the rest still to be given
 * (the findings say which are missing), as the draft holds any unfinished answer.
 */
export function RecordList<T extends object>({
  form,
  at,
  label,
  empty,
  addLabel,
  render,
  itemLabel,
  readOnly,
}: {
  form: DraftForm;
  at: Lens<T[]>;
  label: string;
  empty: Partial<NoInfer<T>>;
  addLabel: string;
  render: (item: Lens<T>, index: number) => ReactNode;
  itemLabel: (item: Partial<T>, index: number) => string;
  readOnly?: boolean;
}) {
  const items: Partial<T>[] = form.get(at) ?? [];
  return (
    <Stack gap="sm" role="group" aria-label={label}>
      {items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list items are addressed by position
        <Paper key={i} withBorder p="sm">
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600} size="sm" className="wrap-anywhere">
                {itemLabel(item, i)}
              </Text>
              {!readOnly && (
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-xs"
                  onClick={() => form.remove(at, i)}
                  aria-label={`Remove ${itemLabel(item, i)}`}
                >
                  Remove
                </Button>
              )}
            </Group>
            {render(at.at(i), i)}
          </Stack>
        </Paper>
      ))}
      {!readOnly && (
        <Button
          variant="light"
          size="xs"
          w="fit-content"
          // An unfinished item, as the draft holds it until its answers are given.
          onClick={() => form.append(at, { ...empty } as T)}
        >
          {addLabel}
        </Button>
      )}
      <Findings at={at} exact />
    </Stack>
  );
}

/** Several choices from a fixed list (channels, technologies, the factors a safeguard offsets). */
function MultiSelectFieldInput<O extends string>({
  form,
  at,
  label,
  description,
  options,
  findings = true,
  readOnly,
  placeholder,
}: FieldProps<O[]> & { options: Options<O>; placeholder?: string }) {
  return (
    <Stack gap={4}>
      <MultiSelect
        label={label}
        description={description}
        placeholder={placeholder}
        readOnly={readOnly}
        clearable
        searchable
        data={choices(options)}
        value={form.get(at) ?? []}
        onChange={(v) => {
          const picked = v.filter(offered<O>(options));
          form.set(at, picked.length > 0 ? picked : undefined);
        }}
        comboboxProps={{ withinPortal: true }}
        data-path={at.where}
      />
      {findings && <Findings at={at} exact />}
    </Stack>
  );
}

/** Two-letter country codes, each shown with its name. */
function CountriesFieldInput(props: FieldProps<string[]>) {
  return <MultiSelectFieldInput {...props} options={COUNTRY_LABELS} />;
}

/** A single country, chosen by name. */
function CountryFieldInput({ form, at, label, description, readOnly }: FieldProps<string>) {
  return (
    <Stack gap={4}>
      <Select
        label={label}
        description={description}
        readOnly={readOnly}
        clearable
        searchable
        data={COUNTRY_OPTIONS}
        value={form.get(at) ?? null}
        onChange={(v) => form.set(at, v ?? undefined)}
        comboboxProps={{ withinPortal: true }}
        data-path={at.where}
      />
      <Findings at={at} exact />
    </Stack>
  );
}

/** The countries of Europe and the main destinations of transfers, by name. */
const COUNTRY_CODES = [
  ...EU_MEMBER_STATES,
  ...EEA_NON_EU_STATES,
  "GB",
  "CH",
  "US",
  "CA",
  "AU",
  "NZ",
  "JP",
  "KR",
  "IN",
  "BR",
  "IL",
  "AR",
  "UY",
  "SG",
  "ZA",
];
const COUNTRY_OPTIONS = COUNTRY_CODES.map((code) => ({
  value: code,
  label: countryName(code),
})).sort((a, b) => a.label.localeCompare(b.label));
const COUNTRY_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  COUNTRY_OPTIONS.map((o) => [o.value, o.label]),
);

/**
 * A yes / no question whose "no" is an answer too (a checkbox cannot tell "no" from "not
 * answered"): Yes, No, or not answered yet.
 */
function YesNoFieldInput({
  form,
  at,
  label,
  description,
  findings = true,
  readOnly,
}: FieldProps<boolean>) {
  const value = form.get(at);
  return (
    <Stack gap={4}>
      <Radio.Group
        label={label}
        description={description}
        value={value === true ? "yes" : value === false ? "no" : ""}
        onChange={(v) => form.set(at, v === "yes" ? true : v === "no" ? false : undefined)}
        data-path={at.where}
      >
        <Group gap="md" mt={4}>
          <Radio value="yes" label="Yes" disabled={readOnly} />
          <Radio value="no" label="No" disabled={readOnly} />
        </Group>
      </Radio.Group>
      {findings && <Findings at={at} exact />}
    </Stack>
  );
}

/**
 * Whether a field would draw the same as before: the same place, the same value there, and the
 * same other props (a choice's options compared entry by entry, as a screen may build them
 * anew on every draw). An edit then redraws the field it changed and those whose findings
 * changed (`Findings` reads the live evaluation itself), not every input of the screen: on a
 * full Art. 30 record that is thousands of elements a keystroke. Writes go through the
 * draft's `update`, which stays the same for the life of the editor, so a field kept from an
 * earlier draw writes to the draft as it is now.
 */
function sameField<P extends { form: DraftForm; at: { where: string } }>(
  before: P,
  after: P,
): boolean {
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  const keys = Object.keys(b);
  if (keys.length !== Object.keys(a).length) return false;
  for (const k of keys) {
    if (k === "form" || k === "at") continue;
    if (k === "options" ? !sameEntries(a[k], b[k]) : !Object.is(a[k], b[k])) return false;
  }
  return (
    before.at.where === after.at.where &&
    before.form.update === after.form.update &&
    Object.is(
      before.form.get(before.at as unknown as Lens<unknown>),
      after.form.get(after.at as unknown as Lens<unknown>),
    )
  );
}

function sameEntries(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(y);
  return (
    keys.length === Object.keys(x).length &&
    keys.every((k) => Object.hasOwn(x, k) && Object.is(x[k], y[k]))
  );
}

export const TextField = memo(TextFieldInput, sameField) as typeof TextFieldInput;
export const CheckField = memo(CheckFieldInput, sameField) as typeof CheckFieldInput;
export const SelectField = memo(SelectFieldInput, sameField) as typeof SelectFieldInput;
export const NumberField = memo(NumberFieldInput, sameField) as typeof NumberFieldInput;
export const TextList = memo(TextListInput, sameField) as typeof TextListInput;
export const MultiSelectField = memo(
  MultiSelectFieldInput,
  sameField,
) as typeof MultiSelectFieldInput;
export const CountriesField = memo(CountriesFieldInput, sameField) as typeof CountriesFieldInput;
export const CountryField = memo(CountryFieldInput, sameField) as typeof CountryFieldInput;
export const YesNoField = memo(YesNoFieldInput, sameField) as typeof YesNoFieldInput;
