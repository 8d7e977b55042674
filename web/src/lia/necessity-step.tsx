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
import { lia, type StepProps } from "./steps.ts";

export function NecessityStep({ form, readOnly }: StepProps) {
  const f = { form, readOnly };
  return (
    <PerInterest
      form={form}
      readOnly={readOnly}
      list={lia.at("necessity")}
      startLabel="Start the necessity test"
    >
      {(p) => (
        <>
          <TextField
            {...f}
            at={p.at("processing")}
            label="What is processed for this interest"
            multiline
          />
          <TextList
            {...f}
            at={p.at("whyNecessary")}
            label="Why it is necessary"
            addLabel="Add a reason"
          />
          <Text size="sm" fw={500}>
            Alternatives considered
          </Text>
          <RecordList
            {...f}
            at={p.at("alternatives")}
            label="Alternatives considered"
            addLabel="Add an alternative"
            empty={{ alternative: "" }}
            itemLabel={(a, n) => a.alternative || `Alternative ${n + 1}`}
            render={(ap) => (
              <Stack gap="xs">
                <TextField {...f} at={ap.at("alternative")} label="Alternative" />
                <TextField {...f} at={ap.at("assessment")} label="Assessment" multiline />
                <TextField
                  {...f}
                  at={ap.at("rejectedBecause")}
                  label="Rejected because"
                  multiline
                />
                <MultiSelectField
                  {...f}
                  at={ap.at("rejectedFor")}
                  label="Kinds of reason"
                  description="Cost, convenience, profit or detail alone do not make processing necessary"
                  options={REJECTION_REASON_LABELS}
                />
                <YesNoField {...f} at={ap.at("lessIntrusive")} label="Is it less intrusive?" />
                <YesNoField
                  {...f}
                  at={ap.at("workable")}
                  label="Would it achieve the purpose as well?"
                />
                <CheckField
                  {...f}
                  at={ap.at("adopted")}
                  label="It is what the processing now does"
                />
                <TextField {...f} at={ap.at("evidence")} label="Evidence" />
              </Stack>
            )}
          />
          <TextList
            {...f}
            at={p.at("minimisation")}
            label="Minimisation measures"
            addLabel="Add a measure"
          />
          <CheckField
            {...f}
            at={p.at("necessary")}
            label="Conclusion: necessary, not merely useful"
          />
        </>
      )}
    </PerInterest>
  );
}
