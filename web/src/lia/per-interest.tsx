/**
 * Necessity and balancing are answered once per interest: this draws one block per interest,
 * with a button to start the test where it has no entry yet and its findings underneath.
 */
import { Button, Paper, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Findings } from "../components/findings.tsx";
import type { Lens } from "../lens.ts";
import { interestsOf, type StepProps } from "./steps.ts";

export function PerInterest<E extends { interest: string }>({
  form,
  readOnly,
  list,
  startLabel,
  children,
}: StepProps & {
  /** The LIA's list of entries, one per interest (`lia.necessity`, `lia.balancing`). */
  list: Lens<E[]>;
  startLabel: string;
  /** The test's inputs, given the place of the interest's entry (`lia.balancing[0]`). */
  children: (entry: Lens<E>, index: number) => ReactNode;
}) {
  const entries: { interest: string }[] = form.get(list) ?? [];
  return (
    <Stack mt="md">
      <Findings at={list} exact />
      {interestsOf(form).map((interest) => {
        const i = entries.findIndex((e) => e.interest === interest.id);
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
                  // A test starts with only the interest it is for; its answers follow.
                  onClick={() => form.append(list, { interest: interest.id } as E)}
                >
                  {startLabel}
                </Button>
              ) : (
                <>
                  {children(list.at(i), i)}
                  <Findings at={list.at(i)} exact />
                </>
              )}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
