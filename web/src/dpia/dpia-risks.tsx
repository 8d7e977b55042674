/**
 * The DPIA's risks to people and its action plan, edited in the draft: each risk rated for
 * likelihood and severity before and after its measures (drawn at once on the risk map), and
 * each measure with its status, owner and due date.
 */
import { Group, MultiSelect, SimpleGrid, Stack, Text } from "@mantine/core";
import {
  DPIA_RISK_KIND_LABELS,
  MEASURE_STATUS_LABELS,
  RISK_LEVEL_LABELS,
} from "../../../src/render/labels.ts";
import { getIn, RecordList, SelectField, TextField, TextList } from "../components/fields.tsx";
import { Findings } from "../components/findings.tsx";
import { findingPath } from "../live.ts";
import type { DraftForm } from "../use-draft.ts";
import { DeepSelect } from "./deep-fields.tsx";
import { type MapRisk, RiskMap } from "./risk-map.tsx";
import { freshId } from "./start-dpia.ts";

interface Props {
  form: DraftForm;
  readOnly: boolean;
}

interface RiskDraft {
  id?: string;
  title?: string;
  before?: MapRisk["before"];
  after?: MapRisk["after"];
  measures?: string[];
}
interface MeasureDraft {
  id?: string;
  title?: string;
}

const rated = (r: Partial<NonNullable<MapRisk["before"]>> | undefined) =>
  r?.likelihood && r.severity ? { likelihood: r.likelihood, severity: r.severity } : undefined;

export function mapRisks(risks: RiskDraft[]): MapRisk[] {
  return risks.map((r, i) => ({
    label: `R${i + 1}`,
    title: r.title || "Untitled risk",
    before: rated(r.before),
    after: rated(r.after),
  }));
}

function Rating({ form, readOnly, path, when }: Props & { path: string; when: string }) {
  const f = { form, readOnly, findings: false };
  // A rating does not exist until its first level is picked: DeepSelect creates it.
  return (
    <Stack gap={4} role="group" aria-label={when}>
      <Text size="sm" fw={500}>
        {when}
      </Text>
      <SimpleGrid cols={2} spacing="xs">
        <DeepSelect
          {...f}
          path={`${path}.likelihood`}
          label={`Likelihood ${when.toLowerCase()}`}
          options={RISK_LEVEL_LABELS}
        />
        <DeepSelect
          {...f}
          path={`${path}.severity`}
          label={`Severity ${when.toLowerCase()}`}
          options={RISK_LEVEL_LABELS}
        />
      </SimpleGrid>
    </Stack>
  );
}

function MeasuresOf({ form, readOnly, path }: Props & { path: string }) {
  const measures = (getIn(form.values, "dpia.measures") as MeasureDraft[] | undefined) ?? [];
  const value = (getIn(form.values, path) as string[] | undefined) ?? [];
  return (
    <Stack gap={4}>
      <MultiSelect
        label="Measures that treat it"
        readOnly={readOnly}
        data={measures
          .filter((m) => m.id)
          .map((m) => ({ value: String(m.id), label: m.title || String(m.id) }))}
        value={value}
        onChange={(v) => form.setFieldValue(path, v.length > 0 ? v : undefined)}
        comboboxProps={{ withinPortal: true }}
        data-path={findingPath(path)}
      />
      <Findings at={findingPath(path)} exact />
    </Stack>
  );
}

export function RisksEditor({ form, readOnly }: Props) {
  const f = { form, readOnly };
  const risks = (getIn(form.values, "dpia.risks") as RiskDraft[] | undefined) ?? [];
  return (
    <Stack gap="sm">
      <RiskMap risks={mapRisks(risks)} />
      <RecordList
        {...f}
        path="dpia.risks"
        label="Risks to people"
        addLabel="Add a risk"
        empty={{ id: freshId("risk", risks), kind: "other", title: "" }}
        itemLabel={(r, i) => `R${i + 1} ${String(r.title || "Untitled risk")}`}
        render={(p) => (
          <Stack gap="xs">
            <Group grow align="flex-start">
              <TextField {...f} path={`${p}.title`} label="Risk" />
              <SelectField
                {...f}
                path={`${p}.kind`}
                label="Kind"
                options={DPIA_RISK_KIND_LABELS}
                clearable={false}
              />
            </Group>
            <TextList
              {...f}
              path={`${p}.impactsOnPeople`}
              label="Impacts on people"
              addLabel="Add an impact"
            />
            <TextList {...f} path={`${p}.threats`} label="Threats" addLabel="Add a threat" />
            <TextList
              {...f}
              path={`${p}.sources`}
              label="Sources of risk"
              addLabel="Add a source"
            />
            <Rating {...f} path={`${p}.before`} when="Before the measures" />
            <Rating {...f} path={`${p}.after`} when="With the measures" />
            <Findings at={findingPath(p)} exact />
            <MeasuresOf {...f} path={`${p}.measures`} />
          </Stack>
        )}
      />
    </Stack>
  );
}

export function ActionPlanEditor({ form, readOnly }: Props) {
  const f = { form, readOnly };
  const measures = (getIn(form.values, "dpia.measures") as MeasureDraft[] | undefined) ?? [];
  return (
    <RecordList
      {...f}
      path="dpia.measures"
      label="Action plan"
      addLabel="Add a measure"
      empty={{ id: freshId("measure", measures), title: "", status: "planned" }}
      itemLabel={(m, i) => String(m.title || `Measure ${i + 1}`)}
      render={(p) => (
        <Stack gap="xs">
          <TextField {...f} path={`${p}.title`} label="Measure" />
          <TextField {...f} path={`${p}.description`} label="What it does" multiline />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
            <SelectField
              {...f}
              path={`${p}.status`}
              label="Status"
              options={MEASURE_STATUS_LABELS}
              clearable={false}
            />
            <TextField {...f} path={`${p}.owner`} label="Owner" />
            <TextField {...f} path={`${p}.due`} label="Due date" type="date" />
          </SimpleGrid>
          <Findings at={findingPath(p)} exact />
        </Stack>
      )}
    />
  );
}
