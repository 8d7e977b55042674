/**
 * Step 3, balancing: the nature of the data, reasonable expectations, impacts, safeguards
 * marked baseline (the law already requires them) or additional (only these can tip the
 * balance), the objection route, and the judgement.
 */
import { SegmentedControl, SimpleGrid, Stack, Text } from "@mantine/core";
import {
  EXPECTED_LABELS,
  LEVEL_LABELS,
  LIKELIHOOD_LABELS,
  SENSITIVITY_LABELS,
  SEVERITY_LABELS,
} from "../../../src/render/labels.ts";
import { CheckField, getIn, RecordList, SelectField, TextField } from "../components/fields.tsx";
import { Findings } from "../components/findings.tsx";
import { PerInterest } from "./per-interest.tsx";
import type { StepProps } from "./steps.ts";

const WEIGHT = { low: "Low", moderate: "Moderate", high: "High" };

export function BalancingStep({ form, readOnly }: StepProps) {
  const f = { form, readOnly };
  return (
    <PerInterest
      form={form}
      readOnly={readOnly}
      list="balancing"
      startLabel="Start the balancing test"
    >
      {(p, i) => (
        <>
          <Text fw={500} size="sm">
            Nature of the data
          </Text>
          <RecordList
            {...f}
            path={`${p}.natureOfData`}
            label="Nature of the data"
            addLabel="Add a data element"
            empty={{ element: "" }}
            itemLabel={(d, n) => String(d.element || `Element ${n + 1}`)}
            render={(dp) => (
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextField {...f} path={`${dp}.element`} label="Element" />
                <TextField {...f} path={`${dp}.assessment`} label="Assessment" />
                <SelectField
                  {...f}
                  path={`${dp}.sensitivity`}
                  label="Sensitivity"
                  options={SENSITIVITY_LABELS}
                />
              </SimpleGrid>
            )}
          />
          <Text fw={500} size="sm">
            Reasonable expectations
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextField
              {...f}
              path={`${p}.reasonableExpectations.relationship`}
              label="Relationship"
              multiline
            />
            <TextField
              {...f}
              path={`${p}.reasonableExpectations.whatTheyWereTold`}
              label="What they were told"
              multiline
            />
            <TextField
              {...f}
              path={`${p}.reasonableExpectations.context`}
              label="Context"
              multiline
            />
            <SelectField
              {...f}
              path={`${p}.reasonableExpectations.expected`}
              label="Would they expect it?"
              options={EXPECTED_LABELS}
            />
          </SimpleGrid>
          <Findings at={`lia.balancing[${i}].reasonableExpectations`} />
          <Text fw={500} size="sm">
            Impacts
          </Text>
          <RecordList
            {...f}
            path={`${p}.impacts`}
            label="Impacts"
            addLabel="Add an impact"
            empty={{ kind: "" }}
            itemLabel={(d, n) => String(d.kind || `Impact ${n + 1}`)}
            render={(ip) => (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField {...f} path={`${ip}.kind`} label="Kind (e.g. re-identification)" />
                <TextField {...f} path={`${ip}.description`} label="Description" />
                <SelectField
                  {...f}
                  path={`${ip}.likelihood`}
                  label="Likelihood"
                  options={LIKELIHOOD_LABELS}
                />
                <SelectField
                  {...f}
                  path={`${ip}.severity`}
                  label="Severity"
                  options={SEVERITY_LABELS}
                />
              </SimpleGrid>
            )}
          />
          <Text fw={500} size="sm">
            Safeguards
          </Text>
          <RecordList
            {...f}
            path={`${p}.safeguards`}
            label="Safeguards"
            addLabel="Add a safeguard"
            empty={{ measure: "", kind: "additional" }}
            itemLabel={(s, n) =>
              `${s.kind === "baseline" ? "Baseline" : "Additional"}: ${String(s.measure || `safeguard ${n + 1}`)}`
            }
            render={(sp) => (
              <Stack gap="xs">
                <TextField {...f} path={`${sp}.measure`} label="Measure" />
                <TextField {...f} path={`${sp}.implementation`} label="How it is implemented" />
                <SegmentedControl
                  aria-label="Kind of safeguard"
                  disabled={readOnly}
                  value={String(getIn(form.values, `${sp}.kind`) ?? "additional")}
                  onChange={(v) => form.setFieldValue(`${sp}.kind`, v)}
                  data={[
                    { value: "baseline", label: "Baseline (the law requires it)" },
                    { value: "additional", label: "Additional (goes beyond)" },
                  ]}
                />
              </Stack>
            )}
          />
          <Text fw={500} size="sm">
            Objection route (Art. 21)
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <CheckField
              {...f}
              path={`${p}.optOut.available`}
              label="People can object or opt out"
            />
            <TextField {...f} path={`${p}.optOut.route`} label="How" />
          </SimpleGrid>
          <Findings at={`lia.balancing[${i}].optOut`} />
          <TextField
            {...f}
            path={`${p}.childrenConsidered`}
            label="How the balance protects children, if in scope"
            multiline
          />
          <Text fw={500} size="sm">
            Judgement
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <SelectField
              {...f}
              path={`${p}.interestWeight`}
              label="Weight of the interest"
              options={WEIGHT}
            />
            <SelectField
              {...f}
              path={`${p}.impactLevel`}
              label="Impact after safeguards"
              options={LEVEL_LABELS}
            />
            <CheckField
              {...f}
              path={`${p}.overridden`}
              label="The people's interests or rights override it"
            />
          </SimpleGrid>
          <TextField {...f} path={`${p}.reasoning`} label="Reasoning" multiline />
        </>
      )}
    </PerInterest>
  );
}
