/**
 * Inputs bound to a path of the draft (`lia.interests.0.title`), so every screen edits the
 * one document through the forms library, and each input shows the live findings that
 * concern its path right underneath it.
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
import type { ReactNode } from "react";
import { getIn } from "../../../src/core/drafting.ts";
import { countryName } from "../../../src/render/labels.ts";
import { findingPath } from "../live.ts";
import type { DraftForm } from "../use-draft.ts";
import { Findings } from "./findings.tsx";

/** The value at a dotted draft path: the core's reading, which every editor screen shares. */
export { getIn };

interface FieldProps {
  form: DraftForm;
  path: string;
  label: string;
  description?: string;
  /** Show the findings about this path under the input (default true). */
  findings?: boolean;
  readOnly?: boolean;
}

export function TextField({
  form,
  path,
  label,
  description,
  multiline,
  findings = true,
  readOnly,
  type,
}: FieldProps & { multiline?: boolean; type?: "date" | "text" }) {
  const props = form.getInputProps(path);
  const value = (props.value as string | undefined) ?? "";
  const common = {
    label,
    description,
    readOnly,
    ...props,
    value,
    "data-path": findingPath(path),
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

export function CheckField({
  form,
  path,
  label,
  description,
  findings = true,
  readOnly,
}: FieldProps) {
  return (
    <Stack gap={4}>
      <Checkbox
        label={label}
        description={description}
        disabled={readOnly}
        {...form.getInputProps(path, { type: "checkbox" })}
        data-path={findingPath(path)}
        checked={getIn(form.values, path) === true}
      />
      {findings && <Findings at={findingPath(path)} exact />}
    </Stack>
  );
}

export function SelectField({
  form,
  path,
  label,
  description,
  options,
  findings = true,
  readOnly,
  clearable = true,
}: FieldProps & { options: Readonly<Record<string, string>>; clearable?: boolean }) {
  const value = getIn(form.values, path);
  return (
    <Stack gap={4}>
      <Select
        label={label}
        description={description}
        readOnly={readOnly}
        clearable={clearable}
        data={Object.entries(options).map(([v, l]) => ({ value: v, label: l }))}
        value={typeof value === "string" ? value : null}
        onChange={(v) => form.setFieldValue(path, v ?? undefined)}
        comboboxProps={{ withinPortal: true }}
        data-path={findingPath(path)}
      />
      {findings && <Findings at={findingPath(path)} exact />}
    </Stack>
  );
}

export function NumberField({
  form,
  path,
  label,
  description,
  min,
  max,
  readOnly,
}: FieldProps & { min?: number; max?: number }) {
  const value = getIn(form.values, path);
  return (
    <Stack gap={4}>
      <NumberInput
        label={label}
        description={description}
        {...(min !== undefined ? { min } : {})}
        {...(max !== undefined ? { max } : {})}
        readOnly={readOnly}
        allowDecimal={false}
        value={typeof value === "number" ? value : ""}
        onChange={(v) => form.setFieldValue(path, typeof v === "number" ? v : undefined)}
      />
      <Findings at={findingPath(path)} exact />
    </Stack>
  );
}

/** A list of short texts (benefits, recipients, safeguards in words). */
export function TextList({
  form,
  path,
  label,
  description,
  addLabel = "Add",
  readOnly,
}: FieldProps & { addLabel?: string }) {
  const items = (getIn(form.values, path) as string[] | undefined) ?? [];
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
      {items.map((_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list items are addressed by position
        <Group key={i} gap={6} wrap="nowrap" align="flex-start">
          <Textarea
            autosize
            minRows={1}
            style={{ flex: 1 }}
            aria-label={`${label} ${i + 1}`}
            readOnly={readOnly}
            {...form.getInputProps(`${path}.${i}`)}
          />
          {!readOnly && (
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove ${label.toLowerCase()} ${i + 1}`}
              onClick={() => form.removeListItem(path, i)}
            >
              ✕
            </ActionIcon>
          )}
        </Group>
      ))}
      {!readOnly && (
        <Button
          variant="light"
          size="xs"
          w="fit-content"
          onClick={() =>
            items.length === 0 ? form.setFieldValue(path, [""]) : form.insertListItem(path, "")
          }
        >
          {addLabel}
        </Button>
      )}
      <Findings at={findingPath(path)} exact />
    </Stack>
  );
}

/** A list of records, each drawn by `render`, with add and remove. */
export function RecordList({
  form,
  path,
  label,
  empty,
  addLabel,
  render,
  itemLabel,
  readOnly,
}: {
  form: DraftForm;
  path: string;
  label: string;
  empty: Record<string, unknown>;
  addLabel: string;
  render: (itemPath: string, index: number) => ReactNode;
  itemLabel: (item: Record<string, unknown>, index: number) => string;
  readOnly?: boolean;
}) {
  const items = (getIn(form.values, path) as Record<string, unknown>[] | undefined) ?? [];
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
                  onClick={() => form.removeListItem(path, i)}
                  aria-label={`Remove ${itemLabel(item, i)}`}
                >
                  Remove
                </Button>
              )}
            </Group>
            {render(`${path}.${i}`, i)}
          </Stack>
        </Paper>
      ))}
      {!readOnly && (
        <Button
          variant="light"
          size="xs"
          w="fit-content"
          onClick={() =>
            items.length === 0
              ? form.setFieldValue(path, [{ ...empty }])
              : form.insertListItem(path, { ...empty })
          }
        >
          {addLabel}
        </Button>
      )}
      <Findings at={findingPath(path)} exact />
    </Stack>
  );
}

/** Several choices from a fixed list (channels, technologies, the factors a safeguard offsets). */
export function MultiSelectField({
  form,
  path,
  label,
  description,
  options,
  findings = true,
  readOnly,
  placeholder,
}: FieldProps & { options: Readonly<Record<string, string>>; placeholder?: string }) {
  const value = getIn(form.values, path);
  return (
    <Stack gap={4}>
      <MultiSelect
        label={label}
        description={description}
        placeholder={placeholder}
        readOnly={readOnly}
        clearable
        searchable
        data={Object.entries(options).map(([v, l]) => ({ value: v, label: l }))}
        value={Array.isArray(value) ? (value as string[]) : []}
        onChange={(v) => form.setFieldValue(path, v.length > 0 ? v : undefined)}
        comboboxProps={{ withinPortal: true }}
        data-path={findingPath(path)}
      />
      {findings && <Findings at={findingPath(path)} exact />}
    </Stack>
  );
}

/** Two-letter country codes, each shown with its name. */
export function CountriesField(props: FieldProps) {
  return <MultiSelectField {...props} options={COUNTRY_LABELS} />;
}

/** A single country, chosen by name. */
export function CountryField({ form, path, label, description, readOnly }: FieldProps) {
  const value = getIn(form.values, path);
  return (
    <Stack gap={4}>
      <Select
        label={label}
        description={description}
        readOnly={readOnly}
        clearable
        searchable
        data={COUNTRY_OPTIONS}
        value={typeof value === "string" ? value : null}
        onChange={(v) => form.setFieldValue(path, v ?? undefined)}
        comboboxProps={{ withinPortal: true }}
        data-path={findingPath(path)}
      />
      <Findings at={findingPath(path)} exact />
    </Stack>
  );
}

/** The countries of Europe and the main destinations of transfers, by name. */
const COUNTRY_CODES = [
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
  "IS",
  "LI",
  "NO",
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
export function YesNoField({
  form,
  path,
  label,
  description,
  findings = true,
  readOnly,
}: FieldProps) {
  const value = getIn(form.values, path);
  return (
    <Stack gap={4}>
      <Radio.Group
        label={label}
        description={description}
        value={value === true ? "yes" : value === false ? "no" : ""}
        onChange={(v) =>
          form.setFieldValue(path, v === "yes" ? true : v === "no" ? false : undefined)
        }
        data-path={findingPath(path)}
      >
        <Group gap="md" mt={4}>
          <Radio value="yes" label="Yes" disabled={readOnly} />
          <Radio value="no" label="No" disabled={readOnly} />
        </Group>
      </Radio.Group>
      {findings && <Findings at={findingPath(path)} exact />}
    </Stack>
  );
}
