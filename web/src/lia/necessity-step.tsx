/** Step 2, necessity: what is processed, why it is needed, and the less intrusive means weighed. */
import { Stack, Text } from "@mantine/core";
import { REJECTION_REASON_LABELS } from "../../../src/core/messages/value-labels.ts";
import {
  CheckField,
  MultiSelectField,
  RecordList,
  TextField,
  TextList,
  YesNoField,
} from "../components/fields.tsx";
import { PerInterest } from "./per-interest.tsx";
import type { StepProps } from "./steps.ts";

export function NecessityStep({ form, readOnly }: StepProps) {
  const f = { form, readOnly };
  return (
    <PerInterest
      form={form}
      readOnly={readOnly}
      list="necessity"
      startLabel="Start the necessity test"
    >
      {(p) => (
        <>
          <TextField
            {...f}
            path={`${p}.processing`}
            label="What is processed for this interest"
            multiline
          />
          <TextList
            {...f}
            path={`${p}.whyNecessary`}
            label="Why it is necessary"
            addLabel="Add a reason"
          />
          <Text size="sm" fw={500}>
            Alternatives considered
          </Text>
          <RecordList
            {...f}
            path={`${p}.alternatives`}
            label="Alternatives considered"
            addLabel="Add an alternative"
            empty={{ alternative: "" }}
            itemLabel={(a, n) => String(a.alternative || `Alternative ${n + 1}`)}
            render={(ap) => (
              <Stack gap="xs">
                <TextField {...f} path={`${ap}.alternative`} label="Alternative" />
                <TextField {...f} path={`${ap}.assessment`} label="Assessment" multiline />
                <TextField
                  {...f}
                  path={`${ap}.rejectedBecause`}
                  label="Rejected because"
                  multiline
                />
                <MultiSelectField
                  {...f}
                  path={`${ap}.rejectedFor`}
                  label="Kinds of reason"
                  description="Cost, convenience, profit or detail alone do not make processing necessary"
                  options={REJECTION_REASON_LABELS}
                />
                <YesNoField {...f} path={`${ap}.lessIntrusive`} label="Is it less intrusive?" />
                <YesNoField
                  {...f}
                  path={`${ap}.workable`}
                  label="Would it achieve the purpose as well?"
                />
                <CheckField
                  {...f}
                  path={`${ap}.adopted`}
                  label="It is what the processing now does"
                />
                <TextField {...f} path={`${ap}.evidence`} label="Evidence" />
              </Stack>
            )}
          />
          <TextList
            {...f}
            path={`${p}.minimisation`}
            label="Minimisation measures"
            addLabel="Add a measure"
          />
          <CheckField
            {...f}
            path={`${p}.necessary`}
            label="Conclusion: necessary, not merely useful"
          />
        </>
      )}
    </PerInterest>
  );
}
