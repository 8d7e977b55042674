/** The conclusion: the objection route, the summary and conditions, who decided and when. */
import { SimpleGrid, Stack, Text } from "@mantine/core";
import { NumberField, TextField, TextList } from "../components/fields.tsx";
import { Findings } from "../components/findings.tsx";
import { lia, type StepProps } from "./steps.ts";

export function ConclusionStep({ form, readOnly }: StepProps) {
  const f = { form, readOnly };
  return (
    <Stack mt="md">
      <Text fw={500} size="sm">
        Objections (Art. 21)
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextField
          {...f}
          at={lia.at("objection", "route")}
          label="How a person objects"
          multiline
        />
        <NumberField
          {...f}
          at={lia.at("objection", "responseDays")}
          label="Response within (days)"
          min={1}
          max={92}
        />
      </SimpleGrid>
      <TextField
        {...f}
        at={lia.at("objection", "outcomeIfUpheld")}
        label="What happens when an objection is upheld"
        multiline
      />
      <Findings at={lia.at("objection")} />
      <Text fw={500} size="sm">
        Conclusion
      </Text>
      <TextField {...f} at={lia.at("conclusion", "summary")} label="Summary" multiline />
      <TextList
        {...f}
        at={lia.at("conclusion", "conditions")}
        label="Conditions attached"
        addLabel="Add a condition"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextField {...f} at={lia.at("conclusion", "decidedBy")} label="Decided by" />
        <TextField {...f} at={lia.at("conclusion", "decidedOn")} label="Decided on" type="date" />
      </SimpleGrid>
      <Findings at={lia.at("conclusion")} />
    </Stack>
  );
}
