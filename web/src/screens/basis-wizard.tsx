/**
 * One basis decision per purpose, as a wizard: choose the basis (each explained), say why it
 * is necessary, record the alternatives rejected, then answer only the extra questions that
 * apply — Art. 9 when special-category data is used, Art. 10 for criminal-offence data,
 * Art. 8 when children may consent, the consent checklist, and the ePrivacy/PECR layer.
 */
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Switch,
  Text,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { newDecision } from "../../../src/core/drafting.ts";
import { LawfulBasis } from "../../../src/core/schema/index.ts";
import { BASIS_LABELS } from "../../../src/render/labels.ts";
import {
  CheckField,
  getIn,
  RecordList,
  SelectField,
  TextField,
  TextList,
} from "../components/fields.tsx";
import { Findings } from "../components/findings.tsx";
import type { DraftForm } from "../use-draft.ts";
import { ARTICLE_9_CONDITIONS, BASIS_HELP, RECOGNISED_INTERESTS } from "./basis-explanations.ts";

interface Purpose {
  id: string;
  description: string;
}
interface Decision {
  purpose: string;
  basis?: string;
  terminalAccess?: unknown;
  electronicMarketing?: unknown;
  directMarketing?: boolean;
}
interface Category {
  name?: string;
  specialCategory?: string;
  criminalOffence?: boolean;
  purposes?: string[];
}

export function BasisWizard({ form, readOnly }: { form: DraftForm; readOnly: boolean }) {
  const purposes = (getIn(form.values, "activity.purposes") as Purpose[] | undefined) ?? [];
  const decisions = (getIn(form.values, "decisions") as Decision[] | undefined) ?? [];
  const [selected, setSelected] = useState(purposes[0]?.id ?? "");
  const purpose = purposes.find((p) => p.id === selected) ?? purposes[0];
  if (!purpose)
    return (
      <Alert color="orange">
        Add a purpose on the Activity tab first; each purpose gets its own basis.
      </Alert>
    );
  const index = decisions.findIndex((d) => d.purpose === purpose.id);
  return (
    <Stack>
      <Findings at="decisions" exact />
      <Select
        label="Purpose"
        data={purposes.map((p) => ({
          value: p.id,
          label: `${p.id} — ${decisions.find((d) => d.purpose === p.id)?.basis ?? "no basis yet"}`,
        }))}
        value={purpose.id}
        onChange={(v) => v && setSelected(v)}
        allowDeselect={false}
      />
      <Text size="sm" className="wrap-anywhere">
        {purpose.description}
      </Text>
      {index < 0 ? (
        <Button
          w="fit-content"
          disabled={readOnly}
          onClick={() => form.insertListItem("decisions", newDecision(purpose.id))}
        >
          Decide the basis for {purpose.id}
        </Button>
      ) : (
        <DecisionSteps key={purpose.id} form={form} index={index} readOnly={readOnly} />
      )}
    </Stack>
  );
}

function DecisionSteps({
  form,
  index,
  readOnly,
}: {
  form: DraftForm;
  index: number;
  readOnly: boolean;
}) {
  const [step, setStep] = useState(0);
  const p = `decisions.${index}`;
  const f = { form, readOnly };
  const decision = getIn(form.values, p) as Decision;
  const jurisdiction = getIn(form.values, "organisation.jurisdiction");
  const bases = LawfulBasis.options.filter(
    (b) => b !== "recognised-legitimate-interest" || jurisdiction === "UK",
  );
  const categories = (
    (getIn(form.values, "activity.dataCategories") as Category[] | undefined) ?? []
  ).filter((c) => !c.purposes || c.purposes.includes(decision.purpose));
  const special = categories.some((c) => c.specialCategory);
  const criminal = categories.some((c) => c.criminalOffence);
  const children = (
    (getIn(form.values, "activity.dataSubjects") as { children?: boolean }[] | undefined) ?? []
  ).some((g) => g.children);
  const basis = decision.basis;
  const steps = ["Basis", "Necessity", "Alternatives", "Extra questions"];
  return (
    <Paper withBorder p="md">
      <Stepper active={step} onStepClick={setStep} size="sm" allowNextStepsSelect>
        <Stepper.Step label={steps[0]} description="Which Art. 6 basis">
          <Stack mt="md">
            <Radio.Group
              label={`Lawful basis for ${decision.purpose}`}
              value={basis ?? null}
              onChange={(v) => form.setFieldValue(`${p}.basis`, v)}
              data-path={`decisions[${index}].basis`}
            >
              <Stack gap="xs" mt="xs">
                {bases.map((b) => (
                  <Radio
                    key={b}
                    value={b}
                    disabled={readOnly}
                    label={BASIS_LABELS[b]}
                    description={`${BASIS_HELP[b].when} ${BASIS_HELP[b].watch}`}
                  />
                ))}
              </Stack>
            </Radio.Group>
            <Findings at={`decisions[${index}].basis`} exact />
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={steps[1]} description="Why it is needed">
          <Stack mt="md">
            <TextField {...f} path={`${p}.justification`} label="Why this basis fits" multiline />
            <CheckField
              {...f}
              path={`${p}.necessity.necessary`}
              label="The processing is necessary for this purpose, not merely useful"
            />
            <TextField
              {...f}
              path={`${p}.necessity.explanation`}
              label="Why it is necessary"
              multiline
            />
            <Findings at={`decisions[${index}].necessity`} />
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={steps[2]} description="Bases rejected">
          <Stack mt="md">
            <Text size="sm">Record each other basis you considered and why it does not fit.</Text>
            <RecordList
              {...f}
              path={`${p}.alternatives`}
              label="Alternative bases rejected"
              addLabel="Add an alternative"
              empty={{ basis: "consent", rejectedBecause: "" }}
              itemLabel={(a) => BASIS_LABELS[a.basis as keyof typeof BASIS_LABELS] ?? "Alternative"}
              render={(ap) => (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <SelectField
                    {...f}
                    path={`${ap}.basis`}
                    label="Basis"
                    options={BASIS_LABELS}
                    clearable={false}
                  />
                  <TextField
                    {...f}
                    path={`${ap}.rejectedBecause`}
                    label="Rejected because"
                    multiline
                  />
                </SimpleGrid>
              )}
            />
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={steps[3]} description="Only what applies">
          <Stack mt="md" gap="lg">
            {basis === "legitimate-interests" && (
              <Layer title="Legitimate interests" badge="Art. 6(1)(f)">
                <Text size="sm">
                  This purpose relies on the interests recorded in the LIA tab. List the ids of the
                  interests it relies on.
                </Text>
                <TextList
                  {...f}
                  path={`${p}.interests`}
                  label="LIA interests relied on"
                  addLabel="Add an interest id"
                />
              </Layer>
            )}
            {basis === "recognised-legitimate-interest" && (
              <Layer title="Recognised legitimate interest" badge="UK Annex 1">
                <SelectField
                  {...f}
                  path={`${p}.recognisedInterest`}
                  label="Annex 1 condition"
                  options={RECOGNISED_INTERESTS}
                />
              </Layer>
            )}
            {basis === "consent" && (
              <Layer title="Consent checklist" badge="Art. 4(11), Art. 7">
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <CheckField {...f} path={`${p}.consent.freelyGiven`} label="Freely given" />
                  <CheckField {...f} path={`${p}.consent.specific`} label="Specific" />
                  <CheckField {...f} path={`${p}.consent.informed`} label="Informed" />
                  <CheckField {...f} path={`${p}.consent.unambiguous`} label="Unambiguous" />
                  <CheckField
                    {...f}
                    path={`${p}.consent.withdrawable`}
                    label="As easy to withdraw as to give"
                  />
                  {special && (
                    <CheckField
                      {...f}
                      path={`${p}.consent.explicit`}
                      label="Explicit (an express statement)"
                    />
                  )}
                </SimpleGrid>
                <TextField
                  {...f}
                  path={`${p}.consent.mechanism`}
                  label="How consent is asked, recorded and withdrawn"
                  multiline
                />
              </Layer>
            )}
            {special && (
              <Layer title="Special-category data" badge="Art. 9(2)">
                <SelectField
                  {...f}
                  path={`${p}.specialCategory.condition`}
                  label="Art. 9(2) condition"
                  options={ARTICLE_9_CONDITIONS}
                />
                <TextField
                  {...f}
                  path={`${p}.specialCategory.justification`}
                  label="Justification"
                  multiline
                />
                <TextField
                  {...f}
                  path={`${p}.specialCategory.memberStateLaw`}
                  label="Law relied on, for (b), (g), (h), (i), (j)"
                />
                {jurisdiction === "UK" && (
                  <>
                    <TextField
                      {...f}
                      path={`${p}.specialCategory.schedule1.condition`}
                      label="DPA 2018 Schedule 1 condition id"
                    />
                    <CheckField
                      {...f}
                      path={`${p}.specialCategory.schedule1.appropriatePolicyDocument`}
                      label="An appropriate policy document is in place"
                    />
                  </>
                )}
                <Findings at={`decisions[${index}].specialCategory`} />
              </Layer>
            )}
            {criminal && (
              <Layer title="Criminal-offence data" badge="Art. 10">
                <CheckField
                  {...f}
                  path={`${p}.criminalOffence.officialAuthority`}
                  label="Under the control of official authority"
                />
                <TextField
                  {...f}
                  path={`${p}.criminalOffence.legalAuthorisation`}
                  label="The law that authorises it"
                />
                <Findings at={`decisions[${index}].criminalOffence`} />
              </Layer>
            )}
            {children && basis === "consent" && (
              <Layer title="Children's consent" badge="Art. 8">
                <CheckField
                  {...f}
                  path={`${p}.children.informationSocietyService`}
                  label="An information-society service is offered directly to a child"
                />
                <CheckField
                  {...f}
                  path={`${p}.children.parentalConsent`}
                  label="Parental consent is obtained below the national age"
                />
                <TextField
                  {...f}
                  path={`${p}.children.ageVerification`}
                  label="How age is checked"
                />
                <Findings at={`decisions[${index}].children`} />
              </Layer>
            )}
            <Layer title="Device access and electronic marketing" badge="ePrivacy Art. 5(3) / PECR">
              <Switch
                label="This purpose stores or reads information on the user's device (cookies, local storage, fingerprinting…)"
                checked={decision.terminalAccess !== undefined}
                disabled={readOnly}
                onChange={(e) =>
                  form.setFieldValue(
                    `${p}.terminalAccess`,
                    e.currentTarget.checked
                      ? { technologies: ["cookies"], strictlyNecessary: false }
                      : undefined,
                  )
                }
              />
              {decision.terminalAccess !== undefined && (
                <>
                  <CheckField
                    {...f}
                    path={`${p}.terminalAccess.strictlyNecessary`}
                    label="Strictly necessary for the service asked for"
                  />
                  <CheckField
                    {...f}
                    path={`${p}.terminalAccess.consent`}
                    label="Consent is asked before access"
                  />
                  <TextField
                    {...f}
                    path={`${p}.terminalAccess.exemption`}
                    label="Exemption relied on, if any"
                  />
                  <Findings at={`decisions[${index}].terminalAccess`} />
                </>
              )}
              <CheckField
                {...f}
                path={`${p}.directMarketing`}
                label="This purpose is direct marketing"
              />
              {decision.directMarketing && (
                <Switch
                  label="Marketing is sent by email or SMS"
                  checked={decision.electronicMarketing !== undefined}
                  disabled={readOnly}
                  onChange={(e) =>
                    form.setFieldValue(
                      `${p}.electronicMarketing`,
                      e.currentTarget.checked
                        ? { channels: ["email"], recipients: "individuals" }
                        : undefined,
                    )
                  }
                />
              )}
              <Findings at={`decisions[${index}].electronicMarketing`} />
            </Layer>
          </Stack>
        </Stepper.Step>
      </Stepper>
      <Group justify="space-between" mt="md">
        <Button variant="default" disabled={step === 0} onClick={() => setStep((s) => s - 1)}>
          Back
        </Button>
        <Button disabled={step === steps.length - 1} onClick={() => setStep((s) => s + 1)}>
          Next
        </Button>
      </Group>
      <Findings at={`decisions[${index}]`} exact />
    </Paper>
  );
}

function Layer({
  title,
  badge,
  children,
}: {
  title: string;
  badge: string;
  children: React.ReactNode;
}) {
  return (
    <Stack gap="xs" component="section">
      <Group gap="xs">
        <Title order={4} size="h5">
          {title}
        </Title>
        <Badge variant="outline" size="sm">
          {badge}
        </Badge>
      </Group>
      {children}
    </Stack>
  );
}
