/**
 * The DPIA tab of an activity (Art. 35): whether one is needed, then the DPIA itself as a
 * section of the assessment, edited in the same draft as the rest (autosaved, versioned,
 * signed off with it): the systematic description, necessity and proportionality, the risks
 * and their map, the action plan, the DPO's advice, the views of the people concerned, the
 * Art. 36 consultation and the conclusion; and the DPIA document to download.
 */
import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { DPIA_VERDICT_LABELS } from "../../../src/render/labels.ts";
import { Findings, type Place, useLive } from "../components/findings.tsx";
import { draft } from "../lens.ts";
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

const dpiaAt = draft.at("dpia");

const FORMATS = [
  { format: "pdf", label: "PDF" },
  { format: "docx", label: "Word (.docx)" },
  { format: "html", label: "HTML" },
  { format: "md", label: "Markdown" },
];

function Part({ title, at, children }: { title: string; at?: Place; children: ReactNode }) {
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
  const dpia = form.get(dpiaAt);
  const saved = Boolean(view.document.dpia);
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
          onClick={() => form.set(dpiaAt, startDpia(form.getValues()))}
        >
          Start the DPIA
        </Button>
      </Stack>
    );
  const sought = form.get(dpiaAt.at("dataSubjectViews", "sought")) === true;
  const url = (format: string) =>
    `/api/assessments/${view.id}/document?format=${format}&document=dpia`;
  return (
    <Stack>
      <Screening />
      <Findings at={dpiaAt} exact />
      <Part title="Systematic description" at={dpiaAt.at("description")}>
        <DeepText
          {...f}
          at={dpiaAt.at("description", "nature")}
          label="Nature: how the data is collected, used, stored and deleted"
          multiline
        />
        <DeepText
          {...f}
          at={dpiaAt.at("description", "scope")}
          label="Scope: what data, how much, for how long, how widely"
          multiline
        />
        <DeepText
          {...f}
          at={dpiaAt.at("description", "context")}
          label="Context: relationship, expectations, concerns"
          multiline
        />
        <DeepText {...f} at={dpiaAt.at("description", "purposes")} label="Purposes" multiline />
        <DeepText
          {...f}
          at={dpiaAt.at("description", "responsibilities")}
          label="Responsibilities: controller, processors"
          multiline
        />
        <DeepText
          {...f}
          at={dpiaAt.at("description", "standards")}
          label="Standards that apply"
          multiline
        />
      </Part>
      <Part title="Necessity and proportionality" at={dpiaAt.at("necessity")}>
        <DeepCheck
          {...f}
          at={dpiaAt.at("necessity", "reusesLia")}
          label="Necessity and balancing are those of this activity's LIA"
        />
        <DeepText
          {...f}
          at={dpiaAt.at("necessity", "notes")}
          label="Adequate, relevant and limited to what is necessary"
          multiline
        />
        <DeepText
          {...f}
          at={dpiaAt.at("necessity", "lawfulBasis")}
          label="Lawful basis, in words"
          multiline
        />
        <DeepText {...f} at={dpiaAt.at("necessity", "accuracy")} label="Accuracy" multiline />
        <DeepText
          {...f}
          at={dpiaAt.at("necessity", "rights", "information")}
          label="How people are informed (Arts. 13 and 14)"
          multiline
        />
        <DeepText
          {...f}
          at={dpiaAt.at("necessity", "rights", "accessAndPortability")}
          label="Access and portability (Arts. 15 and 20)"
          multiline
        />
        <DeepText
          {...f}
          at={dpiaAt.at("necessity", "rights", "rectificationAndErasure")}
          label="Rectification and erasure (Arts. 16 and 17)"
          multiline
        />
        <DeepText
          {...f}
          at={dpiaAt.at("necessity", "rights", "restrictionAndObjection")}
          label="Restriction and objection (Arts. 18 and 21)"
          multiline
        />
        <DeepText
          {...f}
          at={dpiaAt.at("necessity", "processors")}
          label="Processors and their contracts (Art. 28)"
          multiline
        />
        <DeepText
          {...f}
          at={dpiaAt.at("necessity", "transfers")}
          label="Transfers and their safeguards (Chapter V)"
          multiline
        />
      </Part>
      <Part title="Risks to people" at={dpiaAt.at("risks")}>
        <RisksEditor {...f} />
      </Part>
      <Part title="Action plan" at={dpiaAt.at("measures")}>
        <ActionPlanEditor {...f} />
      </Part>
      <Part title="Advice of the data protection officer" at={dpiaAt.at("dpoAdvice")}>
        <DeepText {...f} at={dpiaAt.at("dpoAdvice", "advice")} label="Advice" multiline />
        <DeepCheck
          {...f}
          at={dpiaAt.at("dpoAdvice", "favourable")}
          label="The DPO advises that the processing may go ahead"
        />
        <Group grow align="flex-start">
          <DeepText {...f} at={dpiaAt.at("dpoAdvice", "by")} label="Given by" />
          <DeepText {...f} at={dpiaAt.at("dpoAdvice", "on")} label="Given on" type="date" />
        </Group>
        <DeepCheck {...f} at={dpiaAt.at("dpoAdvice", "followed")} label="The advice is followed" />
        <DeepText
          {...f}
          at={dpiaAt.at("dpoAdvice", "reasonNotFollowed")}
          label="Why it is not followed"
          multiline
        />
      </Part>
      <Part title="Views of the people concerned" at={dpiaAt.at("dataSubjectViews")}>
        <DeepCheck
          {...f}
          at={dpiaAt.at("dataSubjectViews", "sought")}
          label="Their views, or their representatives', were sought"
        />
        {sought ? (
          <>
            <DeepText {...f} at={dpiaAt.at("dataSubjectViews", "by")} label="Whose views" />
            <DeepText
              {...f}
              at={dpiaAt.at("dataSubjectViews", "summary")}
              label="What they said"
              multiline
            />
            <DeepCheck
              {...f}
              at={dpiaAt.at("dataSubjectViews", "favourable")}
              label="They consider that the processing may go ahead"
            />
          </>
        ) : (
          <DeepText
            {...f}
            at={dpiaAt.at("dataSubjectViews", "reasonNotSought")}
            label="Why their views were not sought"
            multiline
          />
        )}
      </Part>
      <Part title="Prior consultation (Art. 36)" at={dpiaAt.at("priorConsultation")}>
        <Text size="sm">
          Needed when high risk remains with the measures in place: the supervisory authority is
          consulted before the processing starts.
        </Text>
        <Group grow align="flex-start">
          <DeepText
            {...f}
            at={dpiaAt.at("priorConsultation", "date")}
            label="Consulted on"
            type="date"
          />
          <DeepText {...f} at={dpiaAt.at("priorConsultation", "outcome")} label="Outcome" />
        </Group>
      </Part>
      <Part title="Conclusion" at={dpiaAt.at("conclusion")}>
        <DeepText {...f} at={dpiaAt.at("conclusion", "summary")} label="Summary" multiline />
        <Group grow align="flex-start">
          <DeepText {...f} at={dpiaAt.at("conclusion", "decidedBy")} label="Decided by" />
          <DeepText
            {...f}
            at={dpiaAt.at("conclusion", "decidedOn")}
            label="Decided on"
            type="date"
          />
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
