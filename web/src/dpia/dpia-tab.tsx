/**
 * The DPIA tab of an activity (Art. 35): whether one is needed, then the DPIA itself as a
 * section of the assessment, edited in the same draft as the rest (autosaved, versioned,
 * signed off with it): the systematic description, necessity and proportionality, the risks
 * and their map, the action plan, the DPO's advice, the views of the people concerned, the
 * Art. 36 consultation and the conclusion; and the DPIA document to download.
 */
import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import type { Assessment } from "../../../src/core/schema/index.ts";
import { DPIA_VERDICT_LABELS } from "../../../src/render/labels.ts";
import { getIn } from "../components/fields.tsx";
import { Findings, useLive } from "../components/findings.tsx";
import type { AssessmentView } from "../types.ts";
import type { DraftForm } from "../use-draft.ts";
import { DeepCheck, DeepText } from "./deep-fields.tsx";
import { ActionPlanEditor, RisksEditor } from "./dpia-risks.tsx";
import { startDpia } from "./start-dpia.ts";

interface Props {
  form: DraftForm;
  readOnly: boolean;
  view: AssessmentView;
}

const FORMATS = [
  { format: "pdf", label: "PDF" },
  { format: "docx", label: "Word (.docx)" },
  { format: "html", label: "HTML" },
  { format: "md", label: "Markdown" },
];

function Part({ title, at, children }: { title: string; at?: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {title}
        </Title>
        {at && <Findings at={at} exact />}
        {children}
      </Stack>
    </Card>
  );
}

function Screening() {
  const live = useLive();
  const s = live?.evaluation?.dpia.screening;
  if (!s) return null;
  const color = s.verdict === "required" ? "red" : s.verdict === "likely" ? "orange" : "gray";
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Badge color={color} variant="light" data-testid="dpia-verdict">
          {DPIA_VERDICT_LABELS[s.verdict]}
        </Badge>
        {live?.evaluation?.dpia.residualRisk && (
          <Badge
            color={live.evaluation.dpia.residualRisk === "high" ? "red" : "green"}
            variant="light"
            data-testid="dpia-residual"
          >
            Residual risk: {live.evaluation.dpia.residualRisk}
          </Badge>
        )}
      </Group>
      {s.criteria.length > 0 && (
        <List size="sm">
          {s.criteria.map((c) => (
            <List.Item key={c.id}>{c.title}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

export function DpiaTab({ form, readOnly, view }: Props) {
  const f = { form, readOnly };
  const dpia = getIn(form.values, "dpia");
  const saved = Boolean((view.document as { dpia?: unknown }).dpia);
  if (!dpia)
    return (
      <Stack>
        <Screening />
        <Alert color="blue" title="No DPIA yet">
          A DPIA (Art. 35) is kept here with the activity and its LIA, and goes through the same
          versions and sign-off. Starting one fills the description from the Art. 30 record and
          lists the risks every DPIA rates.
        </Alert>
        <Button
          w="fit-content"
          disabled={readOnly}
          onClick={() =>
            form.setFieldValue("dpia", startDpia(form.getValues() as Partial<Assessment>))
          }
        >
          Start the DPIA
        </Button>
      </Stack>
    );
  const sought = getIn(form.values, "dpia.dataSubjectViews.sought") === true;
  const url = (format: string) =>
    `/api/assessments/${view.id}/document?format=${format}&document=dpia`;
  return (
    <Stack>
      <Screening />
      <Findings at="dpia" exact />
      <Part title="Systematic description" at="dpia.description">
        <DeepText
          {...f}
          path="dpia.description.nature"
          label="Nature: how the data is collected, used, stored and deleted"
          multiline
        />
        <DeepText
          {...f}
          path="dpia.description.scope"
          label="Scope: what data, how much, for how long, how widely"
          multiline
        />
        <DeepText
          {...f}
          path="dpia.description.context"
          label="Context: relationship, expectations, concerns"
          multiline
        />
        <DeepText {...f} path="dpia.description.purposes" label="Purposes" multiline />
        <DeepText
          {...f}
          path="dpia.description.responsibilities"
          label="Responsibilities: controller, processors"
          multiline
        />
        <DeepText {...f} path="dpia.description.standards" label="Standards that apply" multiline />
      </Part>
      <Part title="Necessity and proportionality" at="dpia.necessity">
        <DeepCheck
          {...f}
          path="dpia.necessity.reusesLia"
          label="Necessity and balancing are those of this activity's LIA"
        />
        <DeepText
          {...f}
          path="dpia.necessity.notes"
          label="Adequate, relevant and limited to what is necessary"
          multiline
        />
        <DeepText
          {...f}
          path="dpia.necessity.lawfulBasis"
          label="Lawful basis, in words"
          multiline
        />
        <DeepText {...f} path="dpia.necessity.accuracy" label="Accuracy" multiline />
        <DeepText
          {...f}
          path="dpia.necessity.rights.information"
          label="How people are informed (Arts. 13 and 14)"
          multiline
        />
        <DeepText
          {...f}
          path="dpia.necessity.rights.accessAndPortability"
          label="Access and portability (Arts. 15 and 20)"
          multiline
        />
        <DeepText
          {...f}
          path="dpia.necessity.rights.rectificationAndErasure"
          label="Rectification and erasure (Arts. 16 and 17)"
          multiline
        />
        <DeepText
          {...f}
          path="dpia.necessity.rights.restrictionAndObjection"
          label="Restriction and objection (Arts. 18 and 21)"
          multiline
        />
        <DeepText
          {...f}
          path="dpia.necessity.processors"
          label="Processors and their contracts (Art. 28)"
          multiline
        />
        <DeepText
          {...f}
          path="dpia.necessity.transfers"
          label="Transfers and their safeguards (Chapter V)"
          multiline
        />
      </Part>
      <Part title="Risks to people" at="dpia.risks">
        <RisksEditor {...f} />
      </Part>
      <Part title="Action plan" at="dpia.measures">
        <ActionPlanEditor {...f} />
      </Part>
      <Part title="Advice of the data protection officer" at="dpia.dpoAdvice">
        <DeepText {...f} path="dpia.dpoAdvice.advice" label="Advice" multiline />
        <DeepCheck
          {...f}
          path="dpia.dpoAdvice.favourable"
          label="The DPO advises that the processing may go ahead"
        />
        <Group grow align="flex-start">
          <DeepText {...f} path="dpia.dpoAdvice.by" label="Given by" />
          <DeepText {...f} path="dpia.dpoAdvice.on" label="Given on" type="date" />
        </Group>
        <DeepCheck {...f} path="dpia.dpoAdvice.followed" label="The advice is followed" />
        <DeepText
          {...f}
          path="dpia.dpoAdvice.reasonNotFollowed"
          label="Why it is not followed"
          multiline
        />
      </Part>
      <Part title="Views of the people concerned" at="dpia.dataSubjectViews">
        <DeepCheck
          {...f}
          path="dpia.dataSubjectViews.sought"
          label="Their views, or their representatives', were sought"
        />
        {sought ? (
          <>
            <DeepText {...f} path="dpia.dataSubjectViews.by" label="Whose views" />
            <DeepText
              {...f}
              path="dpia.dataSubjectViews.summary"
              label="What they said"
              multiline
            />
            <DeepCheck
              {...f}
              path="dpia.dataSubjectViews.favourable"
              label="They consider that the processing may go ahead"
            />
          </>
        ) : (
          <DeepText
            {...f}
            path="dpia.dataSubjectViews.reasonNotSought"
            label="Why their views were not sought"
            multiline
          />
        )}
      </Part>
      <Part title="Prior consultation (Art. 36)" at="dpia.priorConsultation">
        <Text size="sm">
          Needed when high risk remains with the measures in place: the supervisory authority is
          consulted before the processing starts.
        </Text>
        <Group grow align="flex-start">
          <DeepText {...f} path="dpia.priorConsultation.date" label="Consulted on" type="date" />
          <DeepText {...f} path="dpia.priorConsultation.outcome" label="Outcome" />
        </Group>
      </Part>
      <Part title="Conclusion" at="dpia.conclusion">
        <DeepText {...f} path="dpia.conclusion.summary" label="Summary" multiline />
        <Group grow align="flex-start">
          <DeepText {...f} path="dpia.conclusion.decidedBy" label="Decided by" />
          <DeepText {...f} path="dpia.conclusion.decidedOn" label="Decided on" type="date" />
        </Group>
      </Part>
      <Part title="The DPIA document">
        {saved ? (
          <>
            <Text size="sm">Made from the last saved version ({view.version}).</Text>
            <List>
              {FORMATS.map((x) => (
                <List.Item key={x.format}>
                  <Anchor href={url(x.format)} download>
                    DPIA as {x.label}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </>
        ) : (
          <Text size="sm">The document can be downloaded once the DPIA is saved.</Text>
        )}
      </Part>
    </Stack>
  );
}
