/**
 * The Art. 30 record: the controller, the activity's description and purposes, data
 * categories (flagging Art. 9 and Art. 10 data), data subjects (children, vulnerable
 * people), recipients, transfers with their Chapter V mechanism, retention and security.
 */
import { Divider, SimpleGrid, Stack, Title } from "@mantine/core";
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
import { JURISDICTION_LABELS, SPECIAL_CATEGORY_LABELS } from "../../../src/render/labels.ts";
import {
  CheckField,
  CountriesField,
  CountryField,
  getIn,
  MultiSelectField,
  NumberField,
  RecordList,
  SelectField,
  TextField,
  TextList,
  YesNoField,
} from "../components/fields.tsx";
import { Findings } from "../components/findings.tsx";
import type { DraftForm } from "../use-draft.ts";

export function ActivityRecord({ form, readOnly }: { form: DraftForm; readOnly: boolean }) {
  const f = { form, readOnly };
  const purposeOptions = Object.fromEntries(
    ((getIn(form.values, "activity.purposes") as { id?: string; description?: string }[]) ?? [])
      .filter((p) => p.id)
      .map((p) => [p.id as string, p.description || (p.id as string)]),
  );
  const groups = (getIn(form.values, "activity.dataSubjects") as { relationship?: string }[]) ?? [];
  const staff = groups.some(
    (g) => g.relationship === "employee" || g.relationship === "job-applicant",
  );
  const outside = getIn(form.values, "organisation.establishedIn") === "outside";
  return (
    <Stack gap="lg">
      <section aria-labelledby="h-assessment">
        <Title order={3} size="h4" id="h-assessment" mb="xs">
          Assessment
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextField {...f} path="title" label="Title" />
          <TextField {...f} path="assessedOn" label="Assessment date" type="date" />
          <TextField {...f} path="author" label="Author" />
          <NumberField
            {...f}
            path="review.cadenceMonths"
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
          <TextField {...f} path="organisation.name" label="Controller's legal name" />
          <SelectField
            {...f}
            path="organisation.jurisdiction"
            label="Which GDPR applies"
            options={JURISDICTION_LABELS}
            clearable={false}
          />
          <CountryField {...f} path="organisation.country" label="Country of main establishment" />
          <SelectField
            {...f}
            path="organisation.establishedIn"
            label="Where the controller is established"
            options={ESTABLISHED_IN_LABELS}
          />
          {outside && (
            <>
              <CheckField
                {...f}
                path="organisation.targetsOrMonitors"
                label="Offers goods or services to, or monitors, people in the EU/UK (Art. 3(2))"
              />
              <TextField {...f} path="organisation.representative" label="Art. 27 representative" />
            </>
          )}
          <TextField {...f} path="organisation.dpoContact" label="DPO contact" />
          <TextField {...f} path="organisation.address" label="Address" multiline />
          <CheckField
            {...f}
            path="organisation.publicAuthority"
            label="A public authority or body"
          />
          <CheckField
            {...f}
            path="organisation.notForProfit"
            label="A foundation, association or other not-for-profit body"
          />
          <CheckField {...f} path="organisation.charity" label="A charity" />
          <CheckField
            {...f}
            path="organisation.dominantPosition"
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
          <TextField {...f} path="activity.name" label="Name" />
          <TextField {...f} path="activity.description" label="Description" multiline />
          <RecordList
            {...f}
            path="activity.purposes"
            label="Purposes"
            addLabel="Add a purpose"
            empty={{ id: "", description: "" }}
            itemLabel={(p, i) => `Purpose ${i + 1}${p.id ? `: ${p.id}` : ""}`}
            render={(p) => (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField {...f} path={`${p}.id`} label="Id (lower-case, dashes)" />
                <TextField {...f} path={`${p}.description`} label="Description" multiline />
                <SelectField
                  {...f}
                  path={`${p}.category`}
                  label="Kind of purpose"
                  options={PURPOSE_CATEGORY_LABELS}
                />
              </SimpleGrid>
            )}
          />
          <RecordList
            {...f}
            path="activity.dataCategories"
            label="Categories of personal data"
            addLabel="Add a category"
            empty={{ name: "" }}
            itemLabel={(c, i) => String(c.name || `Category ${i + 1}`)}
            render={(p) => (
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextField {...f} path={`${p}.name`} label="Category" />
                <SelectField
                  {...f}
                  path={`${p}.specialCategory`}
                  label="Special category (Art. 9)"
                  options={SPECIAL_CATEGORY_LABELS}
                />
                <CheckField
                  {...f}
                  path={`${p}.criminalOffence`}
                  label="Criminal-offence data (Art. 10)"
                />
                <MultiSelectField
                  {...f}
                  path={`${p}.nature`}
                  label="What the data is"
                  options={DATA_NATURE_LABELS}
                />
                <SelectField
                  {...f}
                  path={`${p}.source`}
                  label="Where it comes from"
                  options={DATA_SOURCE_LABELS}
                />
                <MultiSelectField
                  {...f}
                  path={`${p}.purposes`}
                  label="Purposes that use it (none picked: every purpose)"
                  options={purposeOptions}
                />
              </SimpleGrid>
            )}
          />
          <RecordList
            {...f}
            path="activity.dataSubjects"
            label="Data subjects"
            addLabel="Add a group"
            empty={{ name: "" }}
            itemLabel={(g, i) => String(g.name || `Group ${i + 1}`)}
            render={(p) => (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField {...f} path={`${p}.name`} label="Group" />
                <NumberField
                  {...f}
                  path={`${p}.youngestAge`}
                  label="Youngest age, if children"
                  min={0}
                  max={17}
                />
                <CheckField {...f} path={`${p}.children`} label="Includes children" />
                <CheckField
                  {...f}
                  path={`${p}.vulnerable`}
                  label="Vulnerable people or a power imbalance"
                />
                <SelectField
                  {...f}
                  path={`${p}.relationship`}
                  label="Relationship with the controller"
                  options={RELATIONSHIP_LABELS}
                />
                <MultiSelectField
                  {...f}
                  path={`${p}.purposes`}
                  label="Purposes that concern them (none picked: every purpose)"
                  options={purposeOptions}
                />
                <CountriesField
                  {...f}
                  path={`${p}.countries`}
                  label="Countries where the service reaches them"
                />
              </SimpleGrid>
            )}
          />
          <TextList
            {...f}
            path="activity.recipients"
            label="Recipients"
            addLabel="Add a recipient"
          />
          <RecordList
            {...f}
            path="activity.transfers"
            label="International transfers"
            addLabel="Add a transfer"
            empty={{ destination: "" }}
            itemLabel={(t, i) => String(t.destination || `Transfer ${i + 1}`)}
            render={(p) => (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField {...f} path={`${p}.destination`} label="Destination" />
                <TextField {...f} path={`${p}.recipient`} label="Recipient" />
                <SelectField
                  {...f}
                  path={`${p}.mechanism`}
                  label="Chapter V safeguard"
                  options={TRANSFER_MECHANISM_LABELS}
                />
                <TextField {...f} path={`${p}.details`} label="Details" />
              </SimpleGrid>
            )}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextField
              {...f}
              path="activity.retention"
              label="Retention"
              description="A period (e.g. 13 months) or a rule with a maximum"
            />
            <NumberField
              {...f}
              path="activity.retentionDays"
              label="Longest retention in days, if the text does not say"
              min={1}
            />
            <SelectField
              {...f}
              path="activity.retentionReason.kind"
              label="Why it is kept that long"
              options={RETENTION_REASON_LABELS}
            />
            <TextField
              {...f}
              path="activity.retentionReason.reference"
              label="The law or limitation period relied on"
            />
            <TextField {...f} path="activity.startsOn" label="Processing starts on" type="date" />
            <TextField {...f} path="activity.volume" label="Volume" />
            <NumberField
              {...f}
              path="activity.subjectCount"
              label="About how many people it concerns"
              min={0}
            />
            <SelectField
              {...f}
              path="activity.scale"
              label="Scale, when no count is known"
              options={SCALE_LABELS}
            />
          </SimpleGrid>
          <Title order={4} size="h5">
            How the data is collected
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <CheckField
              {...f}
              path="activity.collection.fromDataSubject"
              label="From the people themselves (Art. 13)"
            />
            <CheckField
              {...f}
              path="activity.collection.fromOthers"
              label="From others (Art. 14)"
            />
            <CheckField
              {...f}
              path="activity.collection.informedOfIndirect"
              label="People are told about data obtained from others"
            />
          </SimpleGrid>
          <Title order={4} size="h5">
            How the processing works
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <CheckField {...f} path="activity.characteristics.profiling" label="Profiles people" />
            <CheckField
              {...f}
              path="activity.characteristics.combinesSources"
              label="Combines data from several sources"
            />
            <CheckField
              {...f}
              path="activity.characteristics.tracksAcrossSites"
              label="Follows people across other sites or apps"
            />
            <CheckField
              {...f}
              path="activity.characteristics.tracksAcrossDevices"
              label="Follows people across devices"
            />
            <CheckField
              {...f}
              path="activity.characteristics.behaviouralAdvertising"
              label="Targets advertising on behaviour"
            />
            <CheckField
              {...f}
              path="activity.characteristics.covert"
              label="People are not told when they are monitored"
            />
            <CheckField
              {...f}
              path="activity.characteristics.newTechnology"
              label="New or innovative technology"
            />
            <CheckField
              {...f}
              path="activity.characteristics.infersSensitive"
              label="Infers health, beliefs or other sensitive traits"
            />
            <CheckField
              {...f}
              path="activity.characteristics.sharesWithThirdParties"
              label="Discloses the data to others for their own purposes"
            />
            <CheckField {...f} path="activity.characteristics.sellsData" label="Sells the data" />
            <CheckField
              {...f}
              path="activity.characteristics.preventsServiceOrRight"
              label="Can stop someone using a service or exercising a right"
            />
            <CheckField
              {...f}
              path="activity.characteristics.breachEndangersSafety"
              label="A breach could endanger someone's health or safety"
            />
            <MultiSelectField
              {...f}
              path="activity.characteristics.monitoring"
              label="What is systematically monitored"
              options={MONITORING_LABELS}
            />
            <SelectField
              {...f}
              path="activity.characteristics.monitoringGranularity"
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
                  path="activity.employment.worksCouncil"
                  label="Staff representatives (works council)"
                  options={WORKS_COUNCIL_LABELS}
                />
                <TextField
                  {...f}
                  path="activity.employment.nationalLaw"
                  label="National employment-data law relied on"
                />
              </SimpleGrid>
            </>
          )}
          <RecordList
            {...f}
            path="activity.jointControllers"
            label="Joint controllers"
            addLabel="Add a joint controller"
            empty={{ name: "" }}
            itemLabel={(j, i) => String(j.name || `Joint controller ${i + 1}`)}
            render={(p) => (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField {...f} path={`${p}.name`} label="Name" />
                <CheckField
                  {...f}
                  path={`${p}.arrangement`}
                  label="An Art. 26 arrangement sets out each one's duties"
                />
                <TextField
                  {...f}
                  path={`${p}.interest`}
                  label="Their own legitimate interest, if relied on"
                />
              </SimpleGrid>
            )}
          />
          <RecordList
            {...f}
            path="activity.automatedDecisions"
            label="Automated decisions"
            addLabel="Add an automated decision"
            empty={{ description: "", solelyAutomated: false, legalOrSimilarEffect: false }}
            itemLabel={(d, i) => String(d.description || `Automated decision ${i + 1}`)}
            render={(p) => (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextField {...f} path={`${p}.description`} label="What is decided" multiline />
                <YesNoField {...f} path={`${p}.solelyAutomated`} label="Solely automated?" />
                <YesNoField
                  {...f}
                  path={`${p}.legalOrSimilarEffect`}
                  label="Legal or similarly significant effect?"
                />
                <SelectField
                  {...f}
                  path={`${p}.exception`}
                  label="Art. 22(2) exception relied on"
                  options={ADM_EXCEPTION_LABELS}
                />
                <TextList
                  {...f}
                  path={`${p}.safeguards`}
                  label="Safeguards (human review, contesting, explanation)"
                  addLabel="Add a safeguard"
                />
              </SimpleGrid>
            )}
          />
          <Title order={4} size="h5">
            DPIA (Art. 35)
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <MultiSelectField
              {...f}
              path="activity.dpiaIndicators"
              label="Criteria that apply (WP248)"
              options={DPIA_INDICATOR_LABELS}
            />
            <SelectField
              {...f}
              path="activity.dpia.status"
              label="DPIA status"
              options={DPIA_STATUS_LABELS}
            />
            <TextField {...f} path="activity.dpia.reference" label="DPIA reference" />
            <TextField {...f} path="activity.dpia.completedOn" label="Completed on" type="date" />
            <SelectField
              {...f}
              path="activity.dpia.residualRisk"
              label="Risk remaining after its measures"
              options={RESIDUAL_RISK_LABELS}
            />
          </SimpleGrid>
          <TextList
            {...f}
            path="activity.securityMeasures"
            label="Security measures"
            addLabel="Add a measure"
          />
          <TextList {...f} path="activity.systems" label="Systems" addLabel="Add a system" />
          <Findings at="activity.dpia" />
        </Stack>
      </section>
    </Stack>
  );
}
