/**
 * Step 3, balancing: the nature of the data, reasonable expectations, impacts, safeguards
 * marked baseline (the law already requires them) or additional (only these can tip the
 * balance), the objection route, and the judgement.
 */
import { MultiSelect, SegmentedControl, SimpleGrid, Stack, Text } from "@mantine/core";
import { FACTOR_LABELS } from "../../../src/core/messages/en.ts";
import { CHILD_MEASURE_LABELS } from "../../../src/core/messages/value-labels.ts";
import {
  EXPECTED_LABELS,
  LEVEL_LABELS,
  LIKELIHOOD_LABELS,
  SENSITIVITY_LABELS,
  SEVERITY_LABELS,
} from "../../../src/render/labels.ts";
import {
  CheckField,
  getIn,
  MultiSelectField,
  RecordList,
  SelectField,
  TextField,
  YesNoField,
} from "../components/fields.tsx";
import { Findings } from "../components/findings.tsx";
import { PerInterest } from "./per-interest.tsx";
import type { StepProps } from "./steps.ts";

const WEIGHT = { low: "Low", moderate: "Moderate", high: "High" };

/** The facts on the people's side, which an additional safeguard can name as offset. */
const AGAINST_FACTORS = Object.fromEntries(
  Object.entries(FACTOR_LABELS).filter(
    ([id]) =>
      ![
        "interest-exists",
        "recognised-interest",
        "benefits-people",
        "public-interest",
        "cost-of-not-pursuing",
      ].includes(id),
  ),
);

export function BalancingStep({ form, readOnly }: StepProps) {
  const f = { form, readOnly };
  const children = (
    (getIn(form.values, "activity.dataSubjects") as { children?: boolean }[] | undefined) ?? []
  ).some((g) => g.children);
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
            <YesNoField
              {...f}
              path={`${p}.reasonableExpectations.toldAtCollection`}
              label="Were people told of this use when their data was collected?"
            />
            <YesNoField
              {...f}
              path={`${p}.reasonableExpectations.noticeContradicts`}
              label="Does anything people were told rule this use out?"
            />
            <YesNoField
              {...f}
              path={`${p}.reasonableExpectations.likelyToObject`}
              label="Are people likely to object?"
            />
            <YesNoField
              {...f}
              path={`${p}.reasonableExpectations.happyToExplain`}
              label="Would you be comfortable explaining it to them?"
            />
            <TextField
              {...f}
              path={`${p}.reasonableExpectations.evidence`}
              label="Evidence about expectations (research, complaints)"
              multiline
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
                <CheckField
                  {...f}
                  path={`${ip}.fromOwnUnlawfulConduct`}
                  label="The legal consequence of the person's own unlawful act"
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
                {getIn(form.values, `${sp}.kind`) !== "baseline" && (
                  <MultiSelectField
                    {...f}
                    path={`${sp}.offsets`}
                    label="Facts of the balance it reduces"
                    options={AGAINST_FACTORS}
                  />
                )}
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
            <TextField {...f} path={`${p}.optOut.reason`} label="If no opt-out: why not" />
          </SimpleGrid>
          <Findings at={`lia.balancing[${i}].optOut`} />
          {children && (
            <>
              <Text fw={500} size="sm">
                Children
              </Text>
              <MultiSelect
                label="Measures that protect children"
                readOnly={readOnly}
                clearable
                data={Object.entries(CHILD_MEASURE_LABELS).map(([value, label]) => ({
                  value,
                  label,
                }))}
                value={
                  ((getIn(form.values, `${p}.children`) as { measures?: string[] } | undefined)
                    ?.measures ?? []) as string[]
                }
                onChange={(v) =>
                  form.setFieldValue(
                    `${p}.children`,
                    v.length === 0
                      ? undefined
                      : {
                          ...((getIn(form.values, `${p}.children`) as object | undefined) ?? {}),
                          measures: v,
                        },
                  )
                }
                comboboxProps={{ withinPortal: true }}
              />
              <TextField
                {...f}
                path={`${p}.childrenConsidered`}
                label="How the balance protects children"
                multiline
              />
              <Findings at={`lia.balancing[${i}].children`} />
            </>
          )}
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
            <YesNoField
              {...f}
              path={`${p}.overridden`}
              label="Do the people's interests or rights override it?"
            />
          </SimpleGrid>
          <TextField {...f} path={`${p}.reasoning`} label="Reasoning" multiline />
          <Text fw={500} size="sm">
            Concluding against the weighing
          </Text>
          <Text size="sm">
            If your conclusion differs from the weighing the facts give (shown beside the outcome),
            write why; the override stays visible in every document.
          </Text>
          <TextField
            {...f}
            path={`${p}.override.justification`}
            label="Why the conclusion differs from the weighing"
            multiline
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextField {...f} path={`${p}.override.by`} label="Override written by" />
            <TextField {...f} path={`${p}.override.on`} label="On" type="date" />
          </SimpleGrid>
          <Findings at={`lia.balancing[${i}].override`} />
        </>
      )}
    </PerInterest>
  );
}
