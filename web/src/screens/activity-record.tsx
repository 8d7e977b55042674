/**
 * The Art. 30 record: the controller, the activity's description and purposes, data
 * categories (flagging Art. 9 and Art. 10 data), data subjects (children, vulnerable
 * people), recipients, transfers with their Chapter V mechanism, retention and security.
 */
import { Anchor, Button, Divider, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { Link, useParams } from "wouter";
import {
  ADM_EXCEPTION_LABELS,
  DATA_NATURE_LABELS,
  DATA_SOURCE_LABELS,
  DPIA_INDICATOR_LABELS,
  DPIA_STATUS_LABELS,
  ESTABLISHED_IN_LABELS,
  MONITORING_GRANULARITY_LABELS,
  MONITORING_LABELS,
  PURPOSE_CATEGORY_LABELS,
  RELATIONSHIP_LABELS,
  RESIDUAL_RISK_LABELS,
  RETENTION_REASON_LABELS,
  SCALE_LABELS,
  TRANSFER_MECHANISM_LABELS,
  WORKS_COUNCIL_LABELS,
} from "../../../src/core/messages/value-labels.ts";
import type { DataSource } from "../../../src/core/schema/common.ts";
import { JURISDICTION_LABELS, SPECIAL_CATEGORY_LABELS } from "../../../src/render/labels.ts";
import {
  CheckField,
  CountriesField,
  CountryField,
  MultiSelectField,
  NumberField,
  RecordList,
  SelectField,
  TextField,
  TextList,
  YesNoField,
} from "../components/fields.tsx";
import { Findings, under, useLive } from "../components/findings.tsx";
import { draft } from "../lens.ts";
import type { DraftForm } from "../use-draft.ts";

const activity = draft.at("activity");
const organisation = draft.at("organisation");

export function ActivityRecord({ form, readOnly }: { form: DraftForm; readOnly: boolean }) {
  const f = { form, readOnly };
  const purposeOptions = Object.fromEntries(
    (form.get(activity.at("purposes")) ?? [])
      .filter((p) => p.id)
      .map((p) => [p.id, p.description || p.id]),
  );
  const groups = form.get(activity.at("dataSubjects")) ?? [];
  const staff = groups.some(
    (g) => g.relationship === "employee" || g.relationship === "job-applicant",
  );
  const outside = form.get(organisation.at("establishedIn")) === "outside";
  return (
    <Stack gap="lg">
      <section aria-labelledby="h-assessment">
        <Title order={3} size="h4" id="h-assessment" mb="xs">
          Assessment
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextField {...f} at={draft.at("title")} label="Title" />
          <TextField {...f} at={draft.at("assessedOn")} label="Assessment date" type="date" />
          <TextField {...f} at={draft.at("author")} label="Author" />
          <NumberField
            {...f}
            at={draft.at("review", "cadenceMonths")}
            label="Review every (months)"
            min={1}
            max={60}
          />
        </SimpleGrid>
      </section>
      <section aria-labelledby="h-controller">
        <Title order={3} size="h4" id="h-controller" mb="xs">
          Controller
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextField {...f} at={organisation.at("name")} label="Controller's legal name" />
          <SelectField
            {...f}
            at={organisation.at("jurisdiction")}
            label="Which GDPR applies"
            options={JURISDICTION_LABELS}
            clearable={false}
          />
          <CountryField
            {...f}
            at={organisation.at("country")}
            label="Country of main establishment"
          />
          <SelectField
            {...f}
            at={organisation.at("establishedIn")}
            label="Where the controller is established"
            options={ESTABLISHED_IN_LABELS}
          />
          {outside && (
            <>
              <CheckField
                {...f}
                at={organisation.at("targetsOrMonitors")}
                label="Offers goods or services to, or monitors, people in the EU/UK (Art. 3(2))"
              />
              <TextField
                {...f}
                at={organisation.at("representative")}
                label="Art. 27 representative"
              />
            </>
          )}
          <TextField {...f} at={organisation.at("dpoContact")} label="DPO contact" />
          <TextField {...f} at={organisation.at("address")} label="Address" multiline />
          <CheckField
            {...f}
            at={organisation.at("publicAuthority")}
            label="A public authority or body"
          />
          <CheckField
            {...f}
            at={organisation.at("notForProfit")}
            label="A foundation, association or other not-for-profit body"
          />
          <CheckField {...f} at={organisation.at("charity")} label="A charity" />
          <CheckField
            {...f}
            at={organisation.at("dominantPosition")}
            label="Holds a dominant position over the people concerned"
          />
        </SimpleGrid>
      </section>
      <Divider />
      <section aria-labelledby="h-activity">
        <Title order={3} size="h4" id="h-activity" mb="xs">
          Processing activity
        </Title>
        <Stack>
          <TextField {...f} at={activity.at("name")} label="Name" />
          <TextField {...f} at={activity.at("description")} label="Description" multiline />
          <RecordList
            {...f}
            at={activity.at("purposes")}
            label="Purposes"
            addLabel="Add a purpose"
            empty={{ id: "", description: "" }}
            itemLabel={(p, i) => `Purpose ${i + 1}${p.id ? `: ${p.id}` : ""}`}
            render={(p) => (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField {...f} at={p.at("id")} label="Id (lower-case, dashes)" />
                <TextField {...f} at={p.at("description")} label="Description" multiline />
                <SelectField
                  {...f}
                  at={p.at("category")}
                  label="Kind of purpose"
                  options={PURPOSE_CATEGORY_LABELS}
                />
              </SimpleGrid>
            )}
          />
          <RecordList
            {...f}
            at={activity.at("dataCategories")}
            label="Categories of personal data"
            addLabel="Add a category"
            empty={{ name: "" }}
            itemLabel={(c, i) => c.name || `Category ${i + 1}`}
            render={(p) => (
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextField {...f} at={p.at("name")} label="Category" />
                <SelectField
                  {...f}
                  at={p.at("specialCategory")}
                  label="Special category (Art. 9)"
                  options={SPECIAL_CATEGORY_LABELS}
                />
                <CheckField
                  {...f}
                  at={p.at("criminalOffence")}
                  label="Criminal-offence data (Art. 10)"
                />
                <MultiSelectField
                  {...f}
                  at={p.at("nature")}
                  label="What the data is"
                  options={DATA_NATURE_LABELS}
                />
                <SelectField
                  {...f}
                  at={p.at("source")}
                  label="Where it comes from"
                  options={DATA_SOURCE_LABELS}
                />
                {(fromElsewhere(form.get(p.at("source"))) ||
                  form.get(p.at("sourceRetentionDays")) !== undefined) && (
                  <NumberField
                    {...f}
                    at={p.at("sourceRetentionDays")}
                    label="How long its source keeps it, in days"
                    description="E.g. how long a public register shows an entry"
                    min={1}
                  />
                )}
                <MultiSelectField
                  {...f}
                  at={p.at("purposes")}
                  label="Purposes that use it (none picked: every purpose)"
                  options={purposeOptions}
                />
              </SimpleGrid>
            )}
          />
          <RecordList
            {...f}
            at={activity.at("dataSubjects")}
            label="Data subjects"
            addLabel="Add a group"
            empty={{ name: "" }}
            itemLabel={(g, i) => g.name || `Group ${i + 1}`}
            render={(p) => (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField {...f} at={p.at("name")} label="Group" />
                <NumberField
                  {...f}
                  at={p.at("youngestAge")}
                  label="Youngest age, if children"
                  min={0}
                  max={17}
                />
                <CheckField {...f} at={p.at("children")} label="Includes children" />
                <CheckField
                  {...f}
                  at={p.at("vulnerable")}
                  label="Vulnerable people or a power imbalance"
                />
                <SelectField
                  {...f}
                  at={p.at("relationship")}
                  label="Relationship with the controller"
                  options={RELATIONSHIP_LABELS}
                />
                <MultiSelectField
                  {...f}
                  at={p.at("purposes")}
                  label="Purposes that concern them (none picked: every purpose)"
                  options={purposeOptions}
                />
                <CountriesField
                  {...f}
                  at={p.at("countries")}
                  label="Countries where the service reaches them"
                />
              </SimpleGrid>
            )}
          />
          <TextList
            {...f}
            at={activity.at("recipients")}
            label="Recipients"
            addLabel="Add a recipient"
          />
          <RecordList
            {...f}
            at={activity.at("transfers")}
            label="International transfers"
            addLabel="Add a transfer"
            empty={{ destination: "" }}
            itemLabel={(t, i) => t.destination || `Transfer ${i + 1}`}
            render={(p) => (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField {...f} at={p.at("destination")} label="Destination" />
                <TextField {...f} at={p.at("recipient")} label="Recipient" />
                <SelectField
                  {...f}
                  at={p.at("mechanism")}
                  label="Chapter V safeguard"
                  options={TRANSFER_MECHANISM_LABELS}
                />
                <TextField {...f} at={p.at("details")} label="Details" />
              </SimpleGrid>
            )}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextField
              {...f}
              at={activity.at("retention")}
              label="Retention"
              description="A period (e.g. 13 months) or a rule with a maximum"
            />
            <NumberField
              {...f}
              at={activity.at("retentionDays")}
              label="Longest retention in days, if the text does not say"
              min={1}
            />
            <SelectField
              {...f}
              at={activity.at("retentionReason", "kind")}
              label="Why it is kept that long"
              options={RETENTION_REASON_LABELS}
            />
            <TextField
              {...f}
              at={activity.at("retentionReason", "reference")}
              label="The law or limitation period relied on"
            />
            <TextField
              {...f}
              at={activity.at("startsOn")}
              label="Processing starts on"
              type="date"
            />
            <TextField {...f} at={activity.at("volume")} label="Volume" />
            <NumberField
              {...f}
              at={activity.at("subjectCount")}
              label="About how many people it concerns"
              min={0}
            />
            <SelectField
              {...f}
              at={activity.at("scale")}
              label="Scale, when no count is known"
              options={SCALE_LABELS}
            />
          </SimpleGrid>
          <MoreFacts label="How the data is collected and processed, staff, joint controllers, automated decisions, DPIA">
            <Title order={4} size="h5">
              How the data is collected
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <CheckField
                {...f}
                at={activity.at("collection", "fromDataSubject")}
                label="From the people themselves (Art. 13)"
              />
              <CheckField
                {...f}
                at={activity.at("collection", "fromOthers")}
                label="From others (Art. 14)"
              />
              <CheckField
                {...f}
                at={activity.at("collection", "informedOfIndirect")}
                label="People are told about data obtained from others"
              />
            </SimpleGrid>
            <Title order={4} size="h5">
              How the processing works
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <CheckField
                {...f}
                at={activity.at("characteristics", "profiling")}
                label="Profiles people"
              />
              <CheckField
                {...f}
                at={activity.at("characteristics", "combinesSources")}
                label="Combines data from several sources"
              />
              <CheckField
                {...f}
                at={activity.at("characteristics", "tracksAcrossSites")}
                label="Follows people across other sites or apps"
              />
              <CheckField
                {...f}
                at={activity.at("characteristics", "tracksAcrossDevices")}
                label="Follows people across devices"
              />
              <CheckField
                {...f}
                at={activity.at("characteristics", "behaviouralAdvertising")}
                label="Targets advertising on behaviour"
              />
              <CheckField
                {...f}
                at={activity.at("characteristics", "covert")}
                label="People are not told when they are monitored"
              />
              <CheckField
                {...f}
                at={activity.at("characteristics", "newTechnology")}
                label="New or innovative technology"
              />
              <CheckField
                {...f}
                at={activity.at("characteristics", "infersSensitive")}
                label="Infers health, beliefs or other sensitive traits"
              />
              <CheckField
                {...f}
                at={activity.at("characteristics", "sharesWithThirdParties")}
                label="Discloses the data to others for their own purposes"
              />
              <CheckField
                {...f}
                at={activity.at("characteristics", "sellsData")}
                label="Sells the data"
              />
              <CheckField
                {...f}
                at={activity.at("characteristics", "preventsServiceOrRight")}
                label="Can stop someone using a service or exercising a right"
              />
              <CheckField
                {...f}
                at={activity.at("characteristics", "breachEndangersSafety")}
                label="A breach could endanger someone's health or safety"
              />
              <MultiSelectField
                {...f}
                at={activity.at("characteristics", "monitoring")}
                label="What is systematically monitored"
                options={MONITORING_LABELS}
              />
              <SelectField
                {...f}
                at={activity.at("characteristics", "monitoringGranularity")}
                label="How closely"
                options={MONITORING_GRANULARITY_LABELS}
              />
            </SimpleGrid>
            {staff && (
              <>
                <Title order={4} size="h5">
                  Staff data (Art. 88)
                </Title>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <SelectField
                    {...f}
                    at={activity.at("employment", "worksCouncil")}
                    label="Staff representatives (works council)"
                    options={WORKS_COUNCIL_LABELS}
                  />
                  <TextField
                    {...f}
                    at={activity.at("employment", "nationalLaw")}
                    label="National employment-data law relied on"
                  />
                </SimpleGrid>
              </>
            )}
            <RecordList
              {...f}
              at={activity.at("jointControllers")}
              label="Joint controllers"
              addLabel="Add a joint controller"
              empty={{ name: "" }}
              itemLabel={(j, i) => j.name || `Joint controller ${i + 1}`}
              render={(p) => (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextField {...f} at={p.at("name")} label="Name" />
                  <CheckField
                    {...f}
                    at={p.at("arrangement")}
                    label="An Art. 26 arrangement sets out each one's duties"
                  />
                  <TextField
                    {...f}
                    at={p.at("interest")}
                    label="Their own legitimate interest, if relied on"
                  />
                </SimpleGrid>
              )}
            />
            <RecordList
              {...f}
              at={activity.at("automatedDecisions")}
              label="Automated decisions"
              addLabel="Add an automated decision"
              empty={{ description: "", solelyAutomated: false, legalOrSimilarEffect: false }}
              itemLabel={(d, i) => d.description || `Automated decision ${i + 1}`}
              render={(p) => (
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextField {...f} at={p.at("description")} label="What is decided" multiline />
                  <YesNoField {...f} at={p.at("solelyAutomated")} label="Solely automated?" />
                  <YesNoField
                    {...f}
                    at={p.at("legalOrSimilarEffect")}
                    label="Legal or similarly significant effect?"
                  />
                  <SelectField
                    {...f}
                    at={p.at("exception")}
                    label="Art. 22(2) exception relied on"
                    options={ADM_EXCEPTION_LABELS}
                  />
                  <TextList
                    {...f}
                    at={p.at("safeguards")}
                    label="Safeguards (human review, contesting, explanation)"
                    addLabel="Add a safeguard"
                  />
                </SimpleGrid>
              )}
            />
            <Title order={4} size="h5">
              DPIA (Art. 35)
            </Title>
            <DpiaTabLink />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <MultiSelectField
                {...f}
                at={activity.at("dpiaIndicators")}
                label="Criteria that apply (WP248)"
                options={DPIA_INDICATOR_LABELS}
              />
              <SelectField
                {...f}
                at={activity.at("dpia", "status")}
                label="DPIA status"
                options={DPIA_STATUS_LABELS}
              />
              <TextField {...f} at={activity.at("dpia", "reference")} label="DPIA reference" />
              <TextField
                {...f}
                at={activity.at("dpia", "completedOn")}
                label="Completed on"
                type="date"
              />
              <SelectField
                {...f}
                at={activity.at("dpia", "residualRisk")}
                label="Risk remaining after its measures"
                options={RESIDUAL_RISK_LABELS}
              />
            </SimpleGrid>
          </MoreFacts>
          <TextList
            {...f}
            at={activity.at("securityMeasures")}
            label="Security measures"
            addLabel="Add a measure"
          />
          <TextList {...f} at={activity.at("systems")} label="Systems" addLabel="Add a system" />
          <TextField
            {...f}
            at={activity.at("classification")}
            label="Data classification"
            description="The organisation's own level for this data, e.g. restricted or confidential"
          />
          <DpiaTabLink />
          <Findings at={activity.at("dpia")} />
        </Stack>
      </section>
    </Stack>
  );
}

/**
 * The DPIA itself (its description, risks, action plan, the DPO's advice) is written on the
 * DPIA tab; the record keeps only its status, and links there.
 */
function DpiaTabLink() {
  const { slug } = useParams<{ slug: string }>();
  return (
    <Text size="sm">
      The DPIA itself (its description, risks, action plan and the DPO's advice) is written on{" "}
      <Anchor component={Link} href={`/activities/${slug}/dpia`}>
        the DPIA tab
      </Anchor>
      .
    </Text>
  );
}

/** Data a third party or the public holds, whose own retention is a yardstick for ours. */
const fromElsewhere = (source: DataSource | undefined) =>
  source === "third-party" ||
  source === "publicly-available" ||
  source === "made-public-by-subject";

const MORE_FACTS = [
  activity.at("collection"),
  activity.at("characteristics"),
  activity.at("employment"),
  activity.at("jointControllers"),
  activity.at("automatedDecisions"),
  activity.at("dpia"),
];

/**
 * The facts fewer activities need, drawn only when asked for (the editor stays quick to open);
 * open at once when any finding concerns them.
 */
function MoreFacts({ label, children }: { label: string; children: ReactNode }) {
  const live = useLive();
  const concerned = (live?.findings ?? []).some(
    (x) => x.severity !== "info" && MORE_FACTS.some((at) => under(x.path, at.where)),
  );
  const [open, setOpen] = useState(false);
  return open || concerned ? (
    <Stack>{children}</Stack>
  ) : (
    <Button
      variant="light"
      w="fit-content"
      maw="100%"
      onClick={() => setOpen(true)}
      // The label is a sentence: it wraps on a phone instead of widening the page.
      styles={{
        root: { height: "auto" },
        inner: { justifyContent: "flex-start" },
        label: { whiteSpace: "normal", textAlign: "left" },
      }}
      py={6}
    >
      Show more facts: {label}
    </Button>
  );
}
