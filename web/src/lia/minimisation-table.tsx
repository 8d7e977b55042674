/**
 * The data-minimisation specification as an editable table: each field with its type,
 * purpose, retention and promised transformation (what `basis verify` checks in real data),
 * and the prohibited fields that may not be added without a new or updated LIA.
 */
import {
  ActionIcon,
  Button,
  NumberInput,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from "@mantine/core";
import type { SpecField } from "../../../src/core/schema/lia.ts";
import { TRANSFORMATION_LABELS } from "../../../src/render/labels.ts";
import { RecordList, TextField } from "../components/fields.tsx";
import { Findings } from "../components/findings.tsx";
import { lia, type StepProps } from "./steps.ts";

const TRANSFORMATIONS = Object.entries(TRANSFORMATION_LABELS).map(([value, label]) => ({
  value,
  label,
}));
const isTransformation = (v: string): v is NonNullable<SpecField["transformation"]> =>
  v in TRANSFORMATION_LABELS;

const minimisation = lia.at("minimisation");
const specFields = minimisation.at("fields");

export function MinimisationTable({ form, readOnly }: StepProps) {
  const fields: Partial<SpecField>[] = form.get(specFields) ?? [];
  const add = () =>
    form.get(minimisation)
      ? form.append(specFields, { name: "" })
      : form.set(minimisation, { fields: [{ name: "" }] });
  const cell = (i: number, key: "name" | "type" | "purpose" | "retention", label: string) => (
    <TextInput
      aria-label={`${label} of field ${i + 1}`}
      readOnly={readOnly}
      size="xs"
      value={form.get(specFields.at(i, key)) ?? ""}
      onChange={(e) => form.set(specFields.at(i, key), e.currentTarget.value)}
    />
  );
  return (
    <Stack mt="md">
      <Findings at={minimisation} exact />
      <ScrollArea type="auto" viewportProps={{ tabIndex: 0 }}>
        <Table withTableBorder miw={880} aria-label="Data-minimisation specification">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Field</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Purpose</Table.Th>
              <Table.Th>Retention</Table.Th>
              <Table.Th>Days</Table.Th>
              <Table.Th>Transformation</Table.Th>
              <Table.Th>
                <VisuallyHidden>Remove</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fields.map((field, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are addressed by position
              <Table.Tr key={i}>
                <Table.Td>{cell(i, "name", "Name")}</Table.Td>
                <Table.Td>{cell(i, "type", "Type")}</Table.Td>
                <Table.Td>{cell(i, "purpose", "Purpose")}</Table.Td>
                <Table.Td>{cell(i, "retention", "Retention")}</Table.Td>
                <Table.Td w={90}>
                  <NumberInput
                    size="xs"
                    aria-label={`Retention in days of field ${i + 1}`}
                    min={1}
                    readOnly={readOnly}
                    value={field.retentionDays ?? ""}
                    onChange={(v) =>
                      form.set(
                        specFields.at(i, "retentionDays"),
                        typeof v === "number" ? v : undefined,
                      )
                    }
                  />
                </Table.Td>
                <Table.Td w={200}>
                  <Select
                    size="xs"
                    aria-label={`Transformation of field ${i + 1}`}
                    data={TRANSFORMATIONS}
                    clearable
                    readOnly={readOnly}
                    value={field.transformation ?? null}
                    onChange={(v) =>
                      form.set(
                        specFields.at(i, "transformation"),
                        v && isTransformation(v) ? v : undefined,
                      )
                    }
                  />
                </Table.Td>
                <Table.Td>
                  {!readOnly && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove field ${field.name || i + 1}`}
                      onClick={() => form.remove(specFields, i)}
                    >
                      ✕
                    </ActionIcon>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {fields.map((_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are addressed by position
        <Findings key={i} at={specFields.at(i)} />
      ))}
      {!readOnly && (
        <Button variant="light" size="xs" w="fit-content" onClick={add}>
          Add a field
        </Button>
      )}
      <Text fw={500} size="sm">
        Prohibited fields
      </Text>
      <RecordList
        form={form}
        readOnly={readOnly}
        at={minimisation.at("prohibited")}
        label="Prohibited fields"
        addLabel="Add a prohibited field"
        empty={{ name: "" }}
        itemLabel={(p, n) => p.name || `Prohibited field ${n + 1}`}
        render={(pp) => (
          <>
            <TextField form={form} readOnly={readOnly} at={pp.at("name")} label="Field" />
            <TextField
              form={form}
              readOnly={readOnly}
              at={pp.at("reason")}
              label="Why it is prohibited"
            />
          </>
        )}
      />
      <TextField
        form={form}
        readOnly={readOnly}
        at={minimisation.at("rule")}
        label="Rule"
        multiline
      />
    </Stack>
  );
}
