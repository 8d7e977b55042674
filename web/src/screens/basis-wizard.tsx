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
  MultiSelect,
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
import { SCHEDULE_1 } from "../../../src/core/law/uk-schedule1.ts";
import {
  ANNEX2_LABELS,
  ARTICLE9_LABELS,
  CONSENT_HOW_GIVEN_LABELS,
  MARKETING_CHANNEL_LABELS,
  MARKETING_RECIPIENT_LABELS,
  MARKETING_ROUTE_LABELS,
  TERMINAL_EXEMPTION_LABELS,
  TERMINAL_TECHNOLOGY_LABELS,
} from "../../../src/core/messages/value-labels.ts";
import { LawfulBasis } from "../../../src/core/schema/index.ts";
import { BASIS_LABELS } from "../../../src/render/labels.ts";
import {
  CheckField,
  CountriesField,
  getIn,
  MultiSelectField,
  RecordList,
  SelectField,
  TextField,
  TextList,
  YesNoField,
} from "../components/fields.tsx";
import { Findings } from "../components/findings.tsx";
import { findingPath } from "../live.ts";
import type { DraftForm } from "../use-draft.ts";
import { BASIS_HELP, RECOGNISED_INTERESTS } from "./basis-explanations.ts";

/** DPA 2018 Schedule 1 conditions by paragraph, for Art. 9 (Parts 1–2) and Art. 10 (Parts 1–3). */
const schedule1Options = (parts: readonly number[]) =>
  Object.fromEntries(
    SCHEDULE_1.filter((c) => parts.includes(c.part)).map((c) => [
      c.id,
      `Para. ${c.paragraph}: ${c.title}`,
    ]),
  );
const SCHEDULE_1_ART9 = schedule1Options([1, 2]);
const SCHEDULE_1_ART10 = schedule1Options([1, 2, 3]);

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
          label: `${p.description || p.id} — ${basisName(decisions.find((d) => d.purpose === p.id)?.basis)}`,
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
          Decide the basis for this purpose
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
  const interestOptions = Object.fromEntries(
    ((getIn(form.values, "lia.interests") as { id?: string; title?: string }[] | undefined) ?? [])
      .filter((i) => i.id)
      .map((i) => [i.id as string, i.title || (i.id as string)]),
  );
  const publicAuthority = getIn(form.values, "organisation.publicAuthority") === true;
  const steps = ["Basis", "Necessity", "Alternatives", "Extra questions"];
  return (
    <Paper withBorder p="md">
      <Stepper active={step} onStepClick={setStep} size="sm" allowNextStepsSelect>
        <Stepper.Step label={steps[0]} description="Which Art. 6 basis">
          <Stack mt="md">
            <Radio.Group
              label="Lawful basis for this purpose"
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
                  This purpose relies on interests recorded in the LIA tab; pick the ones it relies
                  on.
                </Text>
                <MultiSelectField
                  {...f}
                  path={`${p}.interests`}
                  label="LIA interests relied on"
                  options={interestOptions}
                  placeholder={
                    Object.keys(interestOptions).length === 0
                      ? "Add an interest in the LIA tab first"
                      : "Pick interests"
                  }
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
                <SelectField
                  {...f}
                  path={`${p}.consent.howGiven`}
                  label="How people give it"
                  options={CONSENT_HOW_GIVEN_LABELS}
                />
                <YesNoField
                  {...f}
                  path={`${p}.consent.separateFromOtherMatters`}
                  label="Asked separately from the terms and other purposes (Art. 7(2))?"
                />
                <YesNoField
                  {...f}
                  path={`${p}.consent.refusalHasDetriment`}
                  label="Does refusing cost the person the service or another detriment (Art. 7(4))?"
                />
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
                  options={ARTICLE9_LABELS}
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
                    <SelectField
                      {...f}
                      path={`${p}.specialCategory.schedule1.condition`}
                      label="DPA 2018 Schedule 1 condition"
                      options={SCHEDULE_1_ART9}
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
                {jurisdiction === "UK" && (
                  <>
                    <SelectField
                      {...f}
                      path={`${p}.criminalOffence.schedule1.condition`}
                      label="DPA 2018 Schedule 1 condition"
                      options={SCHEDULE_1_ART10}
                    />
                    <CheckField
                      {...f}
                      path={`${p}.criminalOffence.schedule1.appropriatePolicyDocument`}
                      label="An appropriate policy document is in place"
                    />
                  </>
                )}
                <TextList
                  {...f}
                  path={`${p}.criminalOffence.safeguards`}
                  label="Safeguards for the rights of the people concerned"
                  addLabel="Add a safeguard"
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
                <TextField
                  {...f}
                  path={`${p}.children.parentalConsentMechanism`}
                  label="How parental consent is obtained and checked"
                />
                <Findings at={`decisions[${index}].children`} />
              </Layer>
            )}
            {basis === "legitimate-interests" && publicAuthority && (
              <Layer title="Public authority" badge="Art. 6(1), last subparagraph">
                <YesNoField
                  {...f}
                  path={`${p}.outsidePublicTasks`}
                  label="Is this processing outside the performance of the authority's tasks?"
                />
              </Layer>
            )}
            <FurtherProcessingFields
              form={form}
              readOnly={readOnly}
              p={p}
              uk={jurisdiction === "UK"}
            />
            <Layer title="Device access and direct marketing" badge="ePrivacy Art. 5(3), 13 / PECR">
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
                  <MultiSelectField
                    {...f}
                    path={`${p}.terminalAccess.technologies`}
                    label="How the device is accessed"
                    options={TERMINAL_TECHNOLOGY_LABELS}
                  />
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
                  <SelectField
                    {...f}
                    path={`${p}.terminalAccess.exemptionKind`}
                    label="Exemption relied on, if any"
                    options={TERMINAL_EXEMPTION_LABELS}
                  />
                  <TextField
                    {...f}
                    path={`${p}.terminalAccess.exemption`}
                    label="The exemption in words (e.g. the regulator's guidance relied on)"
                  />
                  <CheckField
                    {...f}
                    path={`${p}.terminalAccess.clearInformation`}
                    label="Clear information is given about the access"
                  />
                  <CheckField
                    {...f}
                    path={`${p}.terminalAccess.easyToObject`}
                    label="A simple, free way to object is offered"
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
                <MarketingFields form={form} readOnly={readOnly} p={p} uk={jurisdiction === "UK"} />
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

const basisName = (b: string | undefined) =>
  b === undefined ? "no basis yet" : (BASIS_LABELS[b as keyof typeof BASIS_LABELS] ?? b);

interface LayerProps {
  form: DraftForm;
  readOnly: boolean;
  /** The form path of the decision, `decisions.0`. */
  p: string;
  uk: boolean;
}

/**
 * Direct marketing: every channel (post and in-feed advertising included, so a postal
 * campaign is not taken for electronic mail), who receives it, and for email and SMS the
 * ePrivacy / PECR route with the soft opt-in conditions.
 */
function MarketingFields({ form, readOnly, p, uk }: LayerProps) {
  const f = { form, readOnly };
  const m = getIn(form.values, `${p}.electronicMarketing`) as
    | { channels?: string[]; route?: string }
    | undefined;
  const channels = m?.channels ?? [];
  const electronicMail = channels.some((c) => c === "email" || c === "sms");
  const phone = channels.includes("phone");
  return (
    <Stack gap="xs" pl="md">
      <MultiSelect
        label="Marketing channels"
        description="Every way the marketing reaches people"
        readOnly={readOnly}
        clearable
        data={Object.entries(MARKETING_CHANNEL_LABELS).map(([value, label]) => ({ value, label }))}
        value={channels}
        onChange={(v) =>
          form.setFieldValue(
            `${p}.electronicMarketing`,
            v.length === 0 ? undefined : { recipients: "individuals", ...(m ?? {}), channels: v },
          )
        }
        comboboxProps={{ withinPortal: true }}
        data-path={findingPath(`${p}.electronicMarketing.channels`)}
      />
      {m !== undefined && (
        <>
          <SelectField
            {...f}
            path={`${p}.electronicMarketing.recipients`}
            label="Who receives it"
            options={MARKETING_RECIPIENT_LABELS}
            clearable={false}
          />
          <CountriesField
            {...f}
            path={`${p}.electronicMarketing.countries`}
            label="Where the recipients are (if not only the controller's country)"
          />
          {(electronicMail ||
            phone ||
            channels.includes("phone-automated") ||
            channels.includes("fax")) && (
            <SelectField
              {...f}
              path={`${p}.electronicMarketing.route`}
              label="ePrivacy / PECR route for electronic marketing"
              options={MARKETING_ROUTE_LABELS}
            />
          )}
          {m.route === "soft-opt-in" && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <CheckField
                {...f}
                path={`${p}.electronicMarketing.softOptIn.existingCustomer`}
                label="Details were obtained in a sale or negotiation"
              />
              <CheckField
                {...f}
                path={`${p}.electronicMarketing.softOptIn.similarProducts`}
                label="Only the controller's own similar products or services"
              />
              <CheckField
                {...f}
                path={`${p}.electronicMarketing.softOptIn.optOutAtCollection`}
                label="A free opt-out was offered when the details were collected"
              />
              <CheckField
                {...f}
                path={`${p}.electronicMarketing.softOptIn.optOutInEveryMessage`}
                label="A free opt-out is offered in every message"
              />
            </SimpleGrid>
          )}
          {m.route === "charity-soft-opt-in" && uk && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <CheckField
                {...f}
                path={`${p}.electronicMarketing.charitySoftOptIn.supporterOrInterested`}
                label="The person supported or expressed interest in the charity"
              />
              <CheckField
                {...f}
                path={`${p}.electronicMarketing.charitySoftOptIn.charitablePurposesOnly`}
                label="Only for the charity's charitable purposes"
              />
              <CheckField
                {...f}
                path={`${p}.electronicMarketing.charitySoftOptIn.optOutAtCollection`}
                label="A free opt-out was offered when the details were collected"
              />
              <CheckField
                {...f}
                path={`${p}.electronicMarketing.charitySoftOptIn.optOutInEveryMessage`}
                label="A free opt-out is offered in every message"
              />
            </SimpleGrid>
          )}
          {phone && (
            <CheckField
              {...f}
              path={`${p}.electronicMarketing.callScreening`}
              label="Live calls are screened against the national opt-out register"
            />
          )}
        </>
      )}
    </Stack>
  );
}

/** Data collected for another purpose: the Art. 6(4) compatibility test (UK: Annex 2). */
function FurtherProcessingFields({ form, readOnly, p, uk }: LayerProps) {
  const f = { form, readOnly };
  const fp = getIn(form.values, `${p}.furtherProcessing`);
  return (
    <Layer title="Data collected for another purpose" badge="Art. 6(4)">
      <Switch
        label="This purpose uses data first collected for a different purpose"
        checked={fp !== undefined}
        disabled={readOnly}
        onChange={(e) =>
          form.setFieldValue(
            `${p}.furtherProcessing`,
            e.currentTarget.checked ? { originalPurpose: "" } : undefined,
          )
        }
      />
      {fp !== undefined && (
        <>
          <TextField
            {...f}
            path={`${p}.furtherProcessing.originalPurpose`}
            label="What the data was first collected for"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextField
              {...f}
              path={`${p}.furtherProcessing.compatibility.link`}
              label="Link between the two purposes"
              multiline
            />
            <TextField
              {...f}
              path={`${p}.furtherProcessing.compatibility.context`}
              label="Context of collection"
              multiline
            />
            <TextField
              {...f}
              path={`${p}.furtherProcessing.compatibility.natureOfData`}
              label="Nature of the data"
              multiline
            />
            <TextField
              {...f}
              path={`${p}.furtherProcessing.compatibility.consequences`}
              label="Possible consequences for the people"
              multiline
            />
            <TextField
              {...f}
              path={`${p}.furtherProcessing.compatibility.safeguards`}
              label="Safeguards"
              multiline
            />
          </SimpleGrid>
          <YesNoField
            {...f}
            path={`${p}.furtherProcessing.compatible`}
            label="Is the new purpose compatible with the original one?"
          />
          {uk && (
            <SelectField
              {...f}
              path={`${p}.furtherProcessing.annex2`}
              label="UK Annex 2 purpose treated as compatible, if any"
              options={ANNEX2_LABELS}
            />
          )}
        </>
      )}
    </Layer>
  );
}
