/** Step 2, necessity: what is processed, why it is needed, and the less intrusive means weighed. */
import { Button, Paper, Stack, Text, Title } from "@mantine/core";
import { CheckField, RecordList, TextField, TextList } from "../components/fields.tsx";
import { Findings } from "../components/findings.tsx";
import { addEntry, entryFor, interestsOf, type StepProps } from "./steps.ts";

export function NecessityStep({ form, readOnly }: StepProps) {
  const f = { form, readOnly };
  return (
    <Stack mt="md">
      <Findings at="lia.necessity" exact />
      {interestsOf(form).map((interest) => {
        const i = entryFor(form, "necessity", interest.id);
        const p = `lia.necessity.${i}`;
        return (
          <Paper key={interest.id} withBorder p="sm">
            <Stack gap="sm">
              <Title order={4} size="h5" className="wrap-anywhere">
                {interest.title || interest.id}
              </Title>
              {i < 0 ? (
                <Button
                  w="fit-content"
                  variant="light"
                  disabled={readOnly}
                  onClick={() => addEntry(form, "necessity", interest.id)}
                >
                  Start the necessity test
                </Button>
              ) : (
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
                  <Findings at={`lia.necessity[${i}]`} exact />
                </>
              )}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
