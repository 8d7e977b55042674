/** The conclusion: the objection route, the summary and conditions, who decided and when. */
import { SimpleGrid, Stack, Text } from "@mantine/core";
import { NumberField, TextField, TextList } from "../components/fields.tsx";
import { Findings } from "../components/findings.tsx";
import type { StepProps } from "./steps.ts";

export function ConclusionStep({ form, readOnly }: StepProps) {
  const f = { form, readOnly };
  return (
    <Stack mt="md">
      <Text fw={500} size="sm">
        Objections (Art. 21)
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextField {...f} path="lia.objection.route" label="How a person objects" multiline />
        <NumberField
          {...f}
          path="lia.objection.responseDays"
          label="Response within (days)"
          min={1}
          max={92}
        />
      </SimpleGrid>
      <TextField
        {...f}
        path="lia.objection.outcomeIfUpheld"
        label="What happens when an objection is upheld"
        multiline
      />
      <Findings at="lia.objection" />
      <Text fw={500} size="sm">
        Conclusion
      </Text>
      <TextField {...f} path="lia.conclusion.summary" label="Summary" multiline />
      <TextList
        {...f}
        path="lia.conclusion.conditions"
        label="Conditions attached"
        addLabel="Add a condition"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextField {...f} path="lia.conclusion.decidedBy" label="Decided by" />
        <TextField {...f} path="lia.conclusion.decidedOn" label="Decided on" type="date" />
      </SimpleGrid>
      <Findings at="lia.conclusion" />
    </Stack>
  );
}
