/**
 * Step 3, balancing: the nature of the data, reasonable expectations, impacts, safeguards
 * marked baseline (the law already requires them) or additional (only these can tip the
 * balance), the objection route, and the judgement.
 */
import { MultiSelect, SegmentedControl, SimpleGrid, Stack, Text } from "@mantine/core";
import { FACTOR_LABELS } from "../../../src/core/messages/en.ts";
import { CHILD_MEASURE_LABELS } from "../../../src/core/messages/value-labels.ts";
import type { ChildMeasure } from "../../../src/core/schema/common.ts";
import {
  EXPECTED_LABELS,
  LEVEL_LABELS,
  LIKELIHOOD_LABELS,
  SENSITIVITY_LABELS,
  SEVERITY_LABELS,
} from "../../../src/render/labels.ts";
import {
  CheckField,
  MultiSelectField,
  RecordList,
  SelectField,
  TextField,
  YesNoField,
} from "../components/fields.tsx";
import { Findings } from "../components/findings.tsx";
import { draft } from "../lens.ts";
import { PerInterest } from "./per-interest.tsx";
import { lia, type StepProps } from "./steps.ts";

/** A picked measure is one of the labelled ones. */
const isChildMeasure = (v: string): v is ChildMeasure => v in CHILD_MEASURE_LABELS;

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
  const children = (form.get(draft.at("activity", "dataSubjects")) ?? []).some((g) => g.children);
  return (
    <PerInterest
      form={form}
      readOnly={readOnly}
      list={lia.at("balancing")}
      startLabel="Start the balancing test"
    >
      {(p) => (
        <>
          <Text fw={500} size="sm">
            Nature of the data
          </Text>
          <RecordList
            {...f}
            at={p.at("natureOfData")}
            label="Nature of the data"
            addLabel="Add a data element"
            empty={{ element: "" }}
            itemLabel={(d, n) => d.element || `Element ${n + 1}`}
            render={(dp) => (
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextField {...f} at={dp.at("element")} label="Element" />
                <TextField {...f} at={dp.at("assessment")} label="Assessment" />
                <SelectField
                  {...f}
                  at={dp.at("sensitivity")}
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
              at={p.at("reasonableExpectations", "relationship")}
              label="Relationship"
              multiline
            />
            <TextField
              {...f}
              at={p.at("reasonableExpectations", "whatTheyWereTold")}
              label="What they were told"
              multiline
            />
            <TextField
              {...f}
              at={p.at("reasonableExpectations", "context")}
              label="Context"
              multiline
            />
            <SelectField
              {...f}
              at={p.at("reasonableExpectations", "expected")}
              label="Would they expect it?"
              options={EXPECTED_LABELS}
            />
            <YesNoField
              {...f}
              at={p.at("reasonableExpectations", "toldAtCollection")}
              label="Were people told of this use when their data was collected?"
            />
            <YesNoField
              {...f}
              at={p.at("reasonableExpectations", "noticeContradicts")}
              label="Does anything people were told rule this use out?"
            />
            <YesNoField
              {...f}
              at={p.at("reasonableExpectations", "likelyToObject")}
              label="Are people likely to object?"
            />
            <YesNoField
              {...f}
              at={p.at("reasonableExpectations", "happyToExplain")}
              label="Would you be comfortable explaining it to them?"
            />
            <TextField
              {...f}
              at={p.at("reasonableExpectations", "evidence")}
              label="Evidence about expectations (research, complaints)"
              multiline
            />
          </SimpleGrid>
          <Findings at={p.at("reasonableExpectations")} />
          <Text fw={500} size="sm">
            Impacts
          </Text>
          <RecordList
            {...f}
            at={p.at("impacts")}
            label="Impacts"
            addLabel="Add an impact"
            empty={{ kind: "" }}
            itemLabel={(d, n) => d.kind || `Impact ${n + 1}`}
            render={(ip) => (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField {...f} at={ip.at("kind")} label="Kind (e.g. re-identification)" />
                <TextField {...f} at={ip.at("description")} label="Description" />
                <SelectField
                  {...f}
                  at={ip.at("likelihood")}
                  label="Likelihood"
                  options={LIKELIHOOD_LABELS}
                />
                <SelectField
                  {...f}
                  at={ip.at("severity")}
                  label="Severity"
                  options={SEVERITY_LABELS}
                />
                <CheckField
                  {...f}
                  at={ip.at("fromOwnUnlawfulConduct")}
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
            at={p.at("safeguards")}
            label="Safeguards"
            addLabel="Add a safeguard"
            empty={{ measure: "", kind: "additional" }}
            itemLabel={(s, n) =>
              `${s.kind === "baseline" ? "Baseline" : "Additional"}: ${s.measure || `safeguard ${n + 1}`}`
            }
            render={(sp) => (
              <Stack gap="xs">
                <TextField {...f} at={sp.at("measure")} label="Measure" />
                <TextField {...f} at={sp.at("implementation")} label="How it is implemented" />
                <SegmentedControl
                  aria-label="Kind of safeguard"
                  disabled={readOnly}
                  value={form.get(sp.at("kind")) ?? "additional"}
                  onChange={(v) =>
                    form.set(sp.at("kind"), v === "baseline" ? "baseline" : "additional")
                  }
                  data={[
                    { value: "baseline", label: "Baseline (the law requires it)" },
                    { value: "additional", label: "Additional (goes beyond)" },
                  ]}
                />
                {form.get(sp.at("kind")) !== "baseline" && (
                  <MultiSelectField
                    {...f}
                    at={sp.at("offsets")}
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
              at={p.at("optOut", "available")}
              label="People can object or opt out"
            />
            <TextField {...f} at={p.at("optOut", "route")} label="How" />
            <TextField {...f} at={p.at("optOut", "reason")} label="If no opt-out: why not" />
          </SimpleGrid>
          <Findings at={p.at("optOut")} />
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
                value={form.get(p.at("children", "measures")) ?? []}
                onChange={(v) =>
                  form.set(
                    p.at("children"),
                    v.length === 0
                      ? undefined
                      : { ...form.get(p.at("children")), measures: v.filter(isChildMeasure) },
                  )
                }
                comboboxProps={{ withinPortal: true }}
              />
              <TextField
                {...f}
                at={p.at("childrenConsidered")}
                label="How the balance protects children"
                multiline
              />
              <Findings at={p.at("children")} />
            </>
          )}
          <Text fw={500} size="sm">
            Judgement
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <SelectField
              {...f}
              at={p.at("interestWeight")}
              label="Weight of the interest"
              options={WEIGHT}
            />
            <SelectField
              {...f}
              at={p.at("impactLevel")}
              label="Impact after safeguards"
              options={LEVEL_LABELS}
            />
            <YesNoField
              {...f}
              at={p.at("overridden")}
              label="Do the people's interests or rights override it?"
            />
          </SimpleGrid>
          <TextField {...f} at={p.at("reasoning")} label="Reasoning" multiline />
          <Text fw={500} size="sm">
            Concluding against the weighing
          </Text>
          <Text size="sm">
            If your conclusion differs from the weighing the facts give (shown beside the outcome),
            write why; the override stays visible in every document.
          </Text>
          <TextField
            {...f}
            at={p.at("override", "justification")}
            label="Why the conclusion differs from the weighing"
            multiline
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextField {...f} at={p.at("override", "by")} label="Override written by" />
            <TextField {...f} at={p.at("override", "on")} label="On" type="date" />
          </SimpleGrid>
          <Findings at={p.at("override")} />
        </>
      )}
    </PerInterest>
  );
}
