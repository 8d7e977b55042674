/**
 * The DPIA's risks to people and its action plan, edited in the draft: each risk rated for
 * likelihood and severity before and after its measures (drawn at once on the risk map), and
 * each measure with its status, owner and due date.
 */
import { Group, MultiSelect, SimpleGrid, Stack, Text } from "@mantine/core";
import type { DpiaRisk, RiskRating } from "../../../src/core/schema/dpia.ts";
import {
  DPIA_RISK_KIND_LABELS,
  MEASURE_STATUS_LABELS,
  RISK_LEVEL_LABELS,
} from "../../../src/render/labels.ts";
import { RecordList, SelectField, TextField, TextList } from "../components/fields.tsx";
import { Findings } from "../components/findings.tsx";
import { draft, type Lens } from "../lens.ts";
import type { DraftForm } from "../use-draft.ts";
import { DeepSelect } from "./deep-fields.tsx";
import { type MapRisk, RiskMap } from "./risk-map.tsx";
import { freshId } from "./start-dpia.ts";

interface Props {
  form: DraftForm;
  readOnly: boolean;
}

/** A risk as the draft holds it: rated in part, or not yet. */
type RiskDraft = Partial<Omit<DpiaRisk, "before" | "after">> & {
  before?: Partial<RiskRating> | undefined;
  after?: Partial<RiskRating> | undefined;
};

const risksAt = draft.at("dpia", "risks");
const measuresAt = draft.at("dpia", "measures");

const rated = (r: Partial<RiskRating> | undefined) =>
  r?.likelihood && r.severity ? { likelihood: r.likelihood, severity: r.severity } : undefined;

export function mapRisks(risks: RiskDraft[]): MapRisk[] {
  return risks.map((r, i) => ({
    label: `R${i + 1}`,
    title: r.title || "Untitled risk",
    before: rated(r.before),
    after: rated(r.after),
  }));
}

function Rating({ form, readOnly, at, when }: Props & { at: Lens<RiskRating>; when: string }) {
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
          at={at.at("likelihood")}
          label={`Likelihood ${when.toLowerCase()}`}
          options={RISK_LEVEL_LABELS}
        />
        <DeepSelect
          {...f}
          at={at.at("severity")}
          label={`Severity ${when.toLowerCase()}`}
          options={RISK_LEVEL_LABELS}
        />
      </SimpleGrid>
    </Stack>
  );
}

function MeasuresOf({ form, readOnly, at }: Props & { at: Lens<string[]> }) {
  const measures = form.get(measuresAt) ?? [];
  const value = form.get(at) ?? [];
  return (
    <Stack gap={4}>
      <MultiSelect
        label="Measures that treat it"
        readOnly={readOnly}
        data={measures
          .filter((m) => m.id)
          .map((m) => ({ value: String(m.id), label: m.title || String(m.id) }))}
        value={value}
        onChange={(v) => form.set(at, v.length > 0 ? v : undefined)}
        comboboxProps={{ withinPortal: true }}
        data-path={at.where}
      />
      <Findings at={at} exact />
    </Stack>
  );
}

export function RisksEditor({ form, readOnly }: Props) {
  const f = { form, readOnly };
  const risks: RiskDraft[] = form.get(risksAt) ?? [];
  return (
    <Stack gap="sm">
      <RiskMap risks={mapRisks(risks)} />
      <RecordList
        {...f}
        at={risksAt}
        label="Risks to people"
        addLabel="Add a risk"
        empty={{ id: freshId("risk", risks), kind: "other", title: "" }}
        itemLabel={(r, i) => `R${i + 1} ${r.title || "Untitled risk"}`}
        render={(p) => (
          <Stack gap="xs">
            <Group grow align="flex-start">
              <TextField {...f} at={p.at("title")} label="Risk" />
              <SelectField
                {...f}
                at={p.at("kind")}
                label="Kind"
                options={DPIA_RISK_KIND_LABELS}
                clearable={false}
              />
            </Group>
            <TextList
              {...f}
              at={p.at("impactsOnPeople")}
              label="Impacts on people"
              addLabel="Add an impact"
            />
            <TextList {...f} at={p.at("threats")} label="Threats" addLabel="Add a threat" />
            <TextList {...f} at={p.at("sources")} label="Sources of risk" addLabel="Add a source" />
            <Rating {...f} at={p.at("before")} when="Before the measures" />
            <Rating {...f} at={p.at("after")} when="With the measures" />
            <Findings at={p} exact />
            <MeasuresOf {...f} at={p.at("measures")} />
          </Stack>
        )}
      />
    </Stack>
  );
}

export function ActionPlanEditor({ form, readOnly }: Props) {
  const f = { form, readOnly };
  const measures = form.get(measuresAt) ?? [];
  return (
    <RecordList
      {...f}
      at={measuresAt}
      label="Action plan"
      addLabel="Add a measure"
      empty={{ id: freshId("measure", measures), title: "", status: "planned" }}
      itemLabel={(m, i) => m.title || `Measure ${i + 1}`}
      render={(p) => (
        <Stack gap="xs">
          <TextField {...f} at={p.at("title")} label="Measure" />
          <TextField {...f} at={p.at("description")} label="What it does" multiline />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
            <SelectField
              {...f}
              at={p.at("status")}
              label="Status"
              options={MEASURE_STATUS_LABELS}
              clearable={false}
            />
            <TextField {...f} at={p.at("owner")} label="Owner" />
            <TextField {...f} at={p.at("due")} label="Due date" type="date" />
          </SimpleGrid>
          <Findings at={p} exact />
        </Stack>
      )}
    />
  );
}
