/** Step 1, the purpose test: each interest, who benefits, and whether it is lawful, specific and real. */
import { SimpleGrid, Stack, Text } from "@mantine/core";
import { newInterest } from "../../../src/core/drafting.ts";
import { CONSEQUENCE_SEVERITY_LABELS } from "../../../src/core/messages/value-labels.ts";
import { INTEREST_KIND_LABELS } from "../../../src/render/labels.ts";
import {
  CheckField,
  MultiSelectField,
  RecordList,
  SelectField,
  TextField,
  TextList,
} from "../components/fields.tsx";
import { useReferences } from "../components/findings.tsx";
import type { ReferenceInfo } from "../types.ts";
import { lia, type StepProps } from "./steps.ts";

/** Authorities that can recognise an interest (no articles or proposals), and any already named. */
function recognisers(
  references: Map<string, ReferenceInfo>,
  named: readonly string[] = [],
): Record<string, string> {
  const options: Record<string, string> = {};
  for (const [id, r] of references)
    if (r.kind === "recital" || r.kind === "case" || r.kind === "guidance") options[id] = r.title;
  for (const id of named) options[id] ??= references.get(id)?.title ?? "Not in the reference list";
  return options;
}

export function PurposeStep({ form, readOnly }: StepProps) {
  const f = { form, readOnly };
  const references = useReferences();
  return (
    <Stack mt="md">
      <Text size="sm">
        Name each interest precisely. It must be lawful, clearly articulated, and real and present —
        not speculative.
      </Text>
      <RecordList
        {...f}
        at={lia.at("interests")}
        label="Interests"
        addLabel="Add an interest"
        empty={newInterest("")}
        itemLabel={(i, n) => `Interest ${n + 1}${i.title ? `: ${i.title}` : ""}`}
        render={(p) => (
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextField {...f} at={p.at("id")} label="Id (lower-case, dashes)" />
              <TextField {...f} at={p.at("title")} label="Interest" />
            </SimpleGrid>
            <TextField {...f} at={p.at("description")} label="Description" multiline />
            <TextList {...f} at={p.at("benefits")} label="Benefits" addLabel="Add a benefit" />
            <TextList
              {...f}
              at={p.at("beneficiaries")}
              label="Who benefits"
              addLabel="Add a beneficiary"
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <CheckField
                {...f}
                at={p.at("checks", "lawful")}
                label="Lawful under EU or national law"
              />
              <CheckField
                {...f}
                at={p.at("checks", "specific")}
                label="Clearly and precisely articulated"
              />
              <CheckField
                {...f}
                at={p.at("checks", "realAndPresent")}
                label="Real and present, not speculative"
              />
              <CheckField
                {...f}
                at={p.at("statedInPrivacyNotice")}
                label="Stated in the privacy notice (Art. 13(1)(d))"
              />
              <CheckField
                {...f}
                at={p.at("servesDataSubjects")}
                label="Improves a service the people use, or is in their interest"
              />
            </SimpleGrid>
            <MultiSelectField
              {...f}
              at={p.at("kind")}
              label="Whose interest"
              options={INTEREST_KIND_LABELS}
            />
            <MultiSelectField
              {...f}
              at={p.at("recognisedBy")}
              label="Recognised as a legitimate interest by"
              description="Recitals, judgments or guidance that name this kind of interest"
              placeholder="Pick from the legal references"
              options={recognisers(references, form.get(p.at("recognisedBy")))}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <SelectField
                {...f}
                at={p.at("consequenceIfNot", "severity")}
                label="Consequence of not pursuing it"
                options={CONSEQUENCE_SEVERITY_LABELS}
              />
              <TextField
                {...f}
                at={p.at("consequenceIfNot", "description")}
                label="What would happen"
              />
            </SimpleGrid>
          </Stack>
        )}
      />
    </Stack>
  );
}
