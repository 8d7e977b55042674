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
import { type BasisDecision, LawfulBasis } from "../../../src/core/schema/index.ts";
import { BASIS_LABELS } from "../../../src/render/labels.ts";
import {
  CheckField,
  CountriesField,
  MultiSelectField,
  RecordList,
  SelectField,
  TextField,
  TextList,
  YesNoField,
} from "../components/fields.tsx";
import { Findings } from "../components/findings.tsx";
import { draft, type Lens } from "../lens.ts";
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

type ElectronicMarketing = NonNullable<BasisDecision["electronicMarketing"]>;
type MarketingChannel = ElectronicMarketing["channels"][number];

const decisionsAt = draft.at("decisions");
const organisation = draft.at("organisation");
const activity = draft.at("activity");

export function BasisWizard({ form, readOnly }: { form: DraftForm; readOnly: boolean }) {
  const purposes = form.get(activity.at("purposes")) ?? [];
  const decisions = form.get(decisionsAt) ?? [];
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
      <Findings at={decisionsAt} exact />
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
          onClick={() => form.append(decisionsAt, newDecision(purpose.id))}
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
  const p = decisionsAt.at(index);
  const f = { form, readOnly };
  const decision: Partial<BasisDecision> = form.get(p) ?? {};
  const jurisdiction = form.get(organisation.at("jurisdiction"));
  const bases = LawfulBasis.options.filter(
    (b) => b !== "recognised-legitimate-interest" || jurisdiction === "UK",
  );
  const categories = (form.get(activity.at("dataCategories")) ?? []).filter(
    (c) => !c.purposes || (decision.purpose !== undefined && c.purposes.includes(decision.purpose)),
  );
  const special = categories.some((c) => c.specialCategory);
  const criminal = categories.some((c) => c.criminalOffence);
  const children = (form.get(activity.at("dataSubjects")) ?? []).some((g) => g.children);
  const basis = decision.basis;
  const interestOptions = Object.fromEntries(
    (form.get(draft.at("lia", "interests")) ?? [])
      .filter((i) => i.id)
      .map((i) => [i.id, i.title || i.id]),
  );
  const publicAuthority = form.get(organisation.at("publicAuthority")) === true;
  const steps = ["Basis", "Necessity", "Alternatives", "Extra questions"];
  return (
    <Paper withBorder p="md">
      <Stepper active={step} onStepClick={setStep} size="sm" allowNextStepsSelect>
        <Stepper.Step label={steps[0]} description="Which Art. 6 basis">
          <Stack mt="md">
            <Radio.Group
              label="Lawful basis for this purpose"
              value={basis ?? null}
              onChange={(v) => {
                const picked = LawfulBasis.safeParse(v);
                if (picked.success) form.set(p.at("basis"), picked.data);
              }}
              data-path={p.at("basis").where}
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
            <Findings at={p.at("basis")} exact />
            <PreviousBasis form={form} readOnly={readOnly} p={p} />
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={steps[1]} description="Why it is needed">
          <Stack mt="md">
            <TextField {...f} at={p.at("justification")} label="Why this basis fits" multiline />
            <CheckField
              {...f}
              at={p.at("necessity", "necessary")}
              label="The processing is necessary for this purpose, not merely useful"
            />
            <TextField
              {...f}
              at={p.at("necessity", "explanation")}
              label="Why it is necessary"
              multiline
            />
            <Findings at={p.at("necessity")} />
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={steps[2]} description="Bases rejected">
          <Stack mt="md">
            <Text size="sm">Record each other basis you considered and why it does not fit.</Text>
            <RecordList
              {...f}
              at={p.at("alternatives")}
              label="Alternative bases rejected"
              addLabel="Add an alternative"
              empty={{ basis: "consent", rejectedBecause: "" }}
              itemLabel={(a) => (a.basis ? BASIS_LABELS[a.basis] : "Alternative")}
              render={(ap) => (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <SelectField
                    {...f}
                    at={ap.at("basis")}
                    label="Basis"
                    options={BASIS_LABELS}
                    clearable={false}
                  />
                  <TextField
                    {...f}
                    at={ap.at("rejectedBecause")}
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
                  at={p.at("interests")}
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
                  at={p.at("recognisedInterest")}
                  label="Annex 1 condition"
                  options={RECOGNISED_INTERESTS}
                />
              </Layer>
            )}
            {basis === "consent" && (
              <Layer title="Consent checklist" badge="Art. 4(11), Art. 7">
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <CheckField {...f} at={p.at("consent", "freelyGiven")} label="Freely given" />
                  <CheckField {...f} at={p.at("consent", "specific")} label="Specific" />
                  <CheckField {...f} at={p.at("consent", "informed")} label="Informed" />
                  <CheckField {...f} at={p.at("consent", "unambiguous")} label="Unambiguous" />
                  <CheckField
                    {...f}
                    at={p.at("consent", "withdrawable")}
                    label="As easy to withdraw as to give"
                  />
                  {special && (
                    <CheckField
                      {...f}
                      at={p.at("consent", "explicit")}
                      label="Explicit (an express statement)"
                    />
                  )}
                </SimpleGrid>
                <SelectField
                  {...f}
                  at={p.at("consent", "howGiven")}
                  label="How people give it"
                  options={CONSENT_HOW_GIVEN_LABELS}
                />
                <YesNoField
                  {...f}
                  at={p.at("consent", "separateFromOtherMatters")}
                  label="Asked separately from the terms and other purposes (Art. 7(2))?"
                />
                <YesNoField
                  {...f}
                  at={p.at("consent", "refusalHasDetriment")}
                  label="Does refusing cost the person the service or another detriment (Art. 7(4))?"
                />
                <TextField
                  {...f}
                  at={p.at("consent", "mechanism")}
                  label="How consent is asked, recorded and withdrawn"
                  multiline
                />
              </Layer>
            )}
            {special && (
              <Layer title="Special-category data" badge="Art. 9(2)">
                <SelectField
                  {...f}
                  at={p.at("specialCategory", "condition")}
                  label="Art. 9(2) condition"
                  options={ARTICLE9_LABELS}
                />
                <TextField
                  {...f}
                  at={p.at("specialCategory", "justification")}
                  label="Justification"
                  multiline
                />
                <TextField
                  {...f}
                  at={p.at("specialCategory", "memberStateLaw")}
                  label="Law relied on, for (b), (g), (h), (i), (j)"
                />
                {jurisdiction === "UK" && (
                  <>
                    <SelectField
                      {...f}
                      at={p.at("specialCategory", "schedule1", "condition")}
                      label="DPA 2018 Schedule 1 condition"
                      options={SCHEDULE_1_ART9}
                    />
                    <CheckField
                      {...f}
                      at={p.at("specialCategory", "schedule1", "appropriatePolicyDocument")}
                      label="An appropriate policy document is in place"
                    />
                  </>
                )}
                <Findings at={p.at("specialCategory")} />
              </Layer>
            )}
            {criminal && (
              <Layer title="Criminal-offence data" badge="Art. 10">
                <CheckField
                  {...f}
                  at={p.at("criminalOffence", "officialAuthority")}
                  label="Under the control of official authority"
                />
                <TextField
                  {...f}
                  at={p.at("criminalOffence", "legalAuthorisation")}
                  label="The law that authorises it"
                />
                {jurisdiction === "UK" && (
                  <>
                    <SelectField
                      {...f}
                      at={p.at("criminalOffence", "schedule1", "condition")}
                      label="DPA 2018 Schedule 1 condition"
                      options={SCHEDULE_1_ART10}
                    />
                    <CheckField
                      {...f}
                      at={p.at("criminalOffence", "schedule1", "appropriatePolicyDocument")}
                      label="An appropriate policy document is in place"
                    />
                  </>
                )}
                <TextList
                  {...f}
                  at={p.at("criminalOffence", "safeguards")}
                  label="Safeguards for the rights of the people concerned"
                  addLabel="Add a safeguard"
                />
                <Findings at={p.at("criminalOffence")} />
              </Layer>
            )}
            {children && basis === "consent" && (
              <Layer title="Children's consent" badge="Art. 8">
                <CheckField
                  {...f}
                  at={p.at("children", "informationSocietyService")}
                  label="An information-society service is offered directly to a child"
                />
                <CheckField
                  {...f}
                  at={p.at("children", "parentalConsent")}
                  label="Parental consent is obtained below the national age"
                />
                <TextField
                  {...f}
                  at={p.at("children", "ageVerification")}
                  label="How age is checked"
                />
                <TextField
                  {...f}
                  at={p.at("children", "parentalConsentMechanism")}
                  label="How parental consent is obtained and checked"
                />
                <Findings at={p.at("children")} />
              </Layer>
            )}
            {basis === "legitimate-interests" && publicAuthority && (
              <Layer title="Public authority" badge="Art. 6(1), last subparagraph">
                <YesNoField
                  {...f}
                  at={p.at("outsidePublicTasks")}
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
                  form.set(
                    p.at("terminalAccess"),
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
                    at={p.at("terminalAccess", "technologies")}
                    label="How the device is accessed"
                    options={TERMINAL_TECHNOLOGY_LABELS}
                  />
                  <CheckField
                    {...f}
                    at={p.at("terminalAccess", "strictlyNecessary")}
                    label="Strictly necessary for the service asked for"
                  />
                  <CheckField
                    {...f}
                    at={p.at("terminalAccess", "consent")}
                    label="Consent is asked before access"
                  />
                  <SelectField
                    {...f}
                    at={p.at("terminalAccess", "exemptionKind")}
                    label="Exemption relied on, if any"
                    options={TERMINAL_EXEMPTION_LABELS}
                  />
                  <TextField
                    {...f}
                    at={p.at("terminalAccess", "exemption")}
                    label="The exemption in words (e.g. the regulator's guidance relied on)"
                  />
                  <CheckField
                    {...f}
                    at={p.at("terminalAccess", "clearInformation")}
                    label="Clear information is given about the access"
                  />
                  <CheckField
                    {...f}
                    at={p.at("terminalAccess", "easyToObject")}
                    label="A simple, free way to object is offered"
                  />
                  <Findings at={p.at("terminalAccess")} />
                </>
              )}
              <CheckField
                {...f}
                at={p.at("directMarketing")}
                label="This purpose is direct marketing"
              />
              {decision.directMarketing && (
                <MarketingFields form={form} readOnly={readOnly} p={p} uk={jurisdiction === "UK"} />
              )}
              <Findings at={p.at("electronicMarketing")} />
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
      <Findings at={p} exact />
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

const basisName = (b: LawfulBasis | undefined) =>
  b === undefined ? "no basis yet" : BASIS_LABELS[b];

/** A picked channel is one of the labelled ones. */
const isMarketingChannel = (v: string): v is MarketingChannel => v in MARKETING_CHANNEL_LABELS;

interface LayerProps {
  form: DraftForm;
  readOnly: boolean;
  /** The decision's place in the draft, `decisions[0]`. */
  p: Lens<BasisDecision>;
  uk: boolean;
}

/**
 * Direct marketing: every channel (post and in-feed advertising included, so a postal
 * campaign is not taken for electronic mail), who receives it, and for email and SMS the
 * ePrivacy / PECR route with the soft opt-in conditions.
 */
function MarketingFields({ form, readOnly, p, uk }: LayerProps) {
  const f = { form, readOnly };
  const marketing = p.at("electronicMarketing");
  const m: Partial<ElectronicMarketing> | undefined = form.get(marketing);
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
          form.set(
            marketing,
            v.length === 0
              ? undefined
              : { recipients: "individuals", ...m, channels: v.filter(isMarketingChannel) },
          )
        }
        comboboxProps={{ withinPortal: true }}
        data-path={marketing.at("channels").where}
      />
      {m !== undefined && (
        <>
          <SelectField
            {...f}
            at={p.at("electronicMarketing", "recipients")}
            label="Who receives it"
            options={MARKETING_RECIPIENT_LABELS}
            clearable={false}
          />
          <CountriesField
            {...f}
            at={p.at("electronicMarketing", "countries")}
            label="Where the recipients are (if not only the controller's country)"
          />
          {(electronicMail ||
            phone ||
            channels.includes("phone-automated") ||
            channels.includes("fax")) && (
            <SelectField
              {...f}
              at={p.at("electronicMarketing", "route")}
              label="ePrivacy / PECR route for electronic marketing"
              options={MARKETING_ROUTE_LABELS}
            />
          )}
          {m.route === "soft-opt-in" && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <CheckField
                {...f}
                at={p.at("electronicMarketing", "softOptIn", "existingCustomer")}
                label="Details were obtained in a sale or negotiation"
              />
              <CheckField
                {...f}
                at={p.at("electronicMarketing", "softOptIn", "similarProducts")}
                label="Only the controller's own similar products or services"
              />
              <CheckField
                {...f}
                at={p.at("electronicMarketing", "softOptIn", "optOutAtCollection")}
                label="A free opt-out was offered when the details were collected"
              />
              <CheckField
                {...f}
                at={p.at("electronicMarketing", "softOptIn", "optOutInEveryMessage")}
                label="A free opt-out is offered in every message"
              />
            </SimpleGrid>
          )}
          {m.route === "charity-soft-opt-in" && uk && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <CheckField
                {...f}
                at={p.at("electronicMarketing", "charitySoftOptIn", "supporterOrInterested")}
                label="The person supported or expressed interest in the charity"
              />
              <CheckField
                {...f}
                at={p.at("electronicMarketing", "charitySoftOptIn", "charitablePurposesOnly")}
                label="Only for the charity's charitable purposes"
              />
              <CheckField
                {...f}
                at={p.at("electronicMarketing", "charitySoftOptIn", "optOutAtCollection")}
                label="A free opt-out was offered when the details were collected"
              />
              <CheckField
                {...f}
                at={p.at("electronicMarketing", "charitySoftOptIn", "optOutInEveryMessage")}
                label="A free opt-out is offered in every message"
              />
            </SimpleGrid>
          )}
          {phone && (
            <CheckField
              {...f}
              at={p.at("electronicMarketing", "callScreening")}
              label="Live calls are screened against the national opt-out register"
            />
          )}
        </>
      )}
    </Stack>
  );
}

/**
 * The basis relied on before, when the basis of this purpose was changed (a switch away from
 * consent is a finding of its own): which one, until when, and why it changed. Choosing none
 * removes the record of the change.
 */
function PreviousBasis({ form, readOnly, p }: Omit<LayerProps, "uk">) {
  const f = { form, readOnly };
  const previous = p.at("previousBasis");
  return (
    <Stack gap="xs">
      <Select
        label="Basis relied on before, if the basis was changed"
        description="Leave empty when this purpose has always had the basis above"
        readOnly={readOnly}
        clearable
        data={Object.entries(BASIS_LABELS).map(([value, label]) => ({ value, label }))}
        value={form.get(previous.at("basis")) ?? null}
        onChange={(v) => {
          const picked = LawfulBasis.safeParse(v);
          if (picked.success) form.set(previous.at("basis"), picked.data);
          else form.set(previous, undefined);
        }}
        comboboxProps={{ withinPortal: true }}
        data-path={previous.at("basis").where}
      />
      {form.get(previous) !== undefined && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextField {...f} at={previous.at("until")} label="Relied on until" type="date" />
          <TextField {...f} at={previous.at("reason")} label="Why the basis changed" multiline />
        </SimpleGrid>
      )}
      <Findings at={previous} />
    </Stack>
  );
}

/** Data collected for another purpose: the Art. 6(4) compatibility test (UK: Annex 2). */
function FurtherProcessingFields({ form, readOnly, p, uk }: LayerProps) {
  const f = { form, readOnly };
  const fp = form.get(p.at("furtherProcessing"));
  return (
    <Layer title="Data collected for another purpose" badge="Art. 6(4)">
      <Switch
        label="This purpose uses data first collected for a different purpose"
        checked={fp !== undefined}
        disabled={readOnly}
        onChange={(e) =>
          form.set(
            p.at("furtherProcessing"),
            e.currentTarget.checked ? { originalPurpose: "" } : undefined,
          )
        }
      />
      {fp !== undefined && (
        <>
          <TextField
            {...f}
            at={p.at("furtherProcessing", "originalPurpose")}
            label="What the data was first collected for"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextField
              {...f}
              at={p.at("furtherProcessing", "compatibility", "link")}
              label="Link between the two purposes"
              multiline
            />
            <TextField
              {...f}
              at={p.at("furtherProcessing", "compatibility", "context")}
              label="Context of collection"
              multiline
            />
            <TextField
              {...f}
              at={p.at("furtherProcessing", "compatibility", "natureOfData")}
              label="Nature of the data"
              multiline
            />
            <TextField
              {...f}
              at={p.at("furtherProcessing", "compatibility", "consequences")}
              label="Possible consequences for the people"
              multiline
            />
            <TextField
              {...f}
              at={p.at("furtherProcessing", "compatibility", "safeguards")}
              label="Safeguards"
              multiline
            />
          </SimpleGrid>
          <YesNoField
            {...f}
            at={p.at("furtherProcessing", "compatible")}
            label="Is the new purpose compatible with the original one?"
          />
          {uk && (
            <SelectField
              {...f}
              at={p.at("furtherProcessing", "annex2")}
              label="UK Annex 2 purpose treated as compatible, if any"
              options={ANNEX2_LABELS}
            />
          )}
        </>
      )}
    </Layer>
  );
}
