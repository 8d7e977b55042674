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
import type { StepProps } from "./steps.ts";

export function PurposeStep({ form, readOnly }: StepProps) {
  const f = { form, readOnly };
  return (
    <Stack mt="md">
      <Text size="sm">
        Name each interest precisely. It must be lawful, clearly articulated, and real and present —
        not speculative.
      </Text>
      <RecordList
        {...f}
        path="lia.interests"
        label="Interests"
        addLabel="Add an interest"
        empty={newInterest("")}
        itemLabel={(i, n) => `Interest ${n + 1}${i.title ? `: ${String(i.title)}` : ""}`}
        render={(p) => (
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextField {...f} path={`${p}.id`} label="Id (lower-case, dashes)" />
              <TextField {...f} path={`${p}.title`} label="Interest" />
            </SimpleGrid>
            <TextField {...f} path={`${p}.description`} label="Description" multiline />
            <TextList {...f} path={`${p}.benefits`} label="Benefits" addLabel="Add a benefit" />
            <TextList
              {...f}
              path={`${p}.beneficiaries`}
              label="Who benefits"
              addLabel="Add a beneficiary"
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <CheckField
                {...f}
                path={`${p}.checks.lawful`}
                label="Lawful under EU or national law"
              />
              <CheckField
                {...f}
                path={`${p}.checks.specific`}
                label="Clearly and precisely articulated"
              />
              <CheckField
                {...f}
                path={`${p}.checks.realAndPresent`}
                label="Real and present, not speculative"
              />
              <CheckField
                {...f}
                path={`${p}.statedInPrivacyNotice`}
                label="Stated in the privacy notice (Art. 13(1)(d))"
              />
              <CheckField
                {...f}
                path={`${p}.servesDataSubjects`}
                label="Improves a service the people use, or is in their interest"
              />
            </SimpleGrid>
            <MultiSelectField
              {...f}
              path={`${p}.kind`}
              label="Whose interest"
              options={INTEREST_KIND_LABELS}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <SelectField
                {...f}
                path={`${p}.consequenceIfNot.severity`}
                label="Consequence of not pursuing it"
                options={CONSEQUENCE_SEVERITY_LABELS}
              />
              <TextField
                {...f}
                path={`${p}.consequenceIfNot.description`}
                label="What would happen"
              />
            </SimpleGrid>
          </Stack>
        )}
      />
    </Stack>
  );
}
