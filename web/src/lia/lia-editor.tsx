/**
 * The LIA as EDPB 1/2024's three cumulative steps — purpose (the interests), necessity and
 * balancing, one block per interest — then the data-minimisation specification and the
 * conclusion. Each answer shows its findings as the user types.
 */
import { Alert, Button, Group, Stack, Stepper, Text } from "@mantine/core";
import { useState } from "react";
import { newLia } from "../../../src/core/drafting.ts";
import { Findings, type Place, under, useLive } from "../components/findings.tsx";
import { BalancingStep } from "./balancing-step.tsx";
import { ConclusionStep } from "./conclusion-step.tsx";
import { MinimisationTable } from "./minimisation-table.tsx";
import { NecessityStep } from "./necessity-step.tsx";
import { PurposeStep } from "./purpose-step.tsx";
import { lia, type StepProps } from "./steps.ts";

const STEPS = [
  { label: "Purpose", description: "The interests", at: lia.at("interests") },
  { label: "Necessity", description: "Less intrusive means?", at: lia.at("necessity") },
  { label: "Balancing", description: "Rights and expectations", at: lia.at("balancing") },
  { label: "Minimisation", description: "Fields and retention", at: lia.at("minimisation") },
  { label: "Conclusion", description: "Outcome and sign-off", at: lia.at("conclusion") },
];

export function LiaEditor({ form, readOnly }: StepProps) {
  const [step, setStep] = useState(0);
  const live = useLive();
  if (!form.get(lia))
    return (
      <Stack>
        <Alert color="blue" title="No LIA yet">
          An LIA is needed whenever a purpose relies on legitimate interests (Art. 6(1)(f)).
        </Alert>
        <Button w="fit-content" disabled={readOnly} onClick={() => form.set(lia, newLia())}>
          Start the LIA
        </Button>
      </Stack>
    );
  const props = { form, readOnly };
  // A step the user has passed shows a tick only when nothing is open in it; else its count.
  const open = (at: Place) =>
    (live?.findings.filter((f) => f.severity !== "info" && under(f.path, at.where)).length ?? 0) +
    (live?.issues.filter((i) => under(i.path, at.where)).length ?? 0);
  const mark = (i: number) => {
    const step = STEPS[i];
    const n = step ? open(step.at) : 0;
    return n > 0 ? { completedIcon: String(n), color: "orange" } : {};
  };
  return (
    <Stack>
      <Findings at={lia} exact />
      <Stepper active={step} onStepClick={setStep} size="sm" allowNextStepsSelect>
        <Stepper.Step label={STEPS[0]?.label} description={STEPS[0]?.description} {...mark(0)}>
          <PurposeStep {...props} />
        </Stepper.Step>
        <Stepper.Step label={STEPS[1]?.label} description={STEPS[1]?.description} {...mark(1)}>
          <NecessityStep {...props} />
        </Stepper.Step>
        <Stepper.Step label={STEPS[2]?.label} description={STEPS[2]?.description} {...mark(2)}>
          <BalancingStep {...props} />
        </Stepper.Step>
        <Stepper.Step label={STEPS[3]?.label} description={STEPS[3]?.description} {...mark(3)}>
          <MinimisationTable {...props} />
        </Stepper.Step>
        <Stepper.Step label={STEPS[4]?.label} description={STEPS[4]?.description} {...mark(4)}>
          <ConclusionStep {...props} />
        </Stepper.Step>
      </Stepper>
      <Group justify="space-between">
        <Button variant="default" disabled={step === 0} onClick={() => setStep((s) => s - 1)}>
          Back
        </Button>
        <Text size="sm" c="dimmed">
          Step {step + 1} of {STEPS.length}
        </Text>
        <Button disabled={step === STEPS.length - 1} onClick={() => setStep((s) => s + 1)}>
          Next
        </Button>
      </Group>
    </Stack>
  );
}
