/**
 * Necessity and balancing are answered once per interest: this draws one block per interest,
 * with a button to start the test where it has no entry yet and its findings underneath.
 */
import { Button, Paper, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Findings } from "../components/findings.tsx";
import { addEntry, entryFor, interestsOf, type StepProps } from "./steps.ts";

export function PerInterest({
  form,
  readOnly,
  list,
  startLabel,
  children,
}: StepProps & {
  list: "necessity" | "balancing";
  startLabel: string;
  /** The test's inputs, given the form path of the interest's entry (`lia.balancing.0`). */
  children: (path: string, index: number) => ReactNode;
}) {
  return (
    <Stack mt="md">
      <Findings at={`lia.${list}`} exact />
      {interestsOf(form).map((interest) => {
        const i = entryFor(form, list, interest.id);
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
                  onClick={() => addEntry(form, list, interest.id)}
                >
                  {startLabel}
                </Button>
              ) : (
                <>
                  {children(`lia.${list}.${i}`, i)}
                  <Findings at={`lia.${list}[${i}]`} exact />
                </>
              )}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
