/**
 * The Art. 30 record: the controller, the activity's description and purposes, data
 * categories (flagging Art. 9 and Art. 10 data), data subjects (children, vulnerable
 * people), recipients, transfers with their Chapter V mechanism, retention and security.
 */
import { Divider, SimpleGrid, Stack, Title } from "@mantine/core";
import { JURISDICTION_LABELS, SPECIAL_CATEGORY_LABELS } from "../../../src/render/labels.ts";
import {
  CheckField,
  NumberField,
  RecordList,
  SelectField,
  TextField,
  TextList,
} from "../components/fields.tsx";
import { Findings } from "../components/findings.tsx";
import type { DraftForm } from "../use-draft.ts";

const TRANSFER_MECHANISMS = {
  adequacy: "Adequacy decision (Art. 45)",
  "standard-contractual-clauses": "Standard contractual clauses (Art. 46(2)(c))",
  "binding-corporate-rules": "Binding corporate rules (Art. 47)",
  "other-article-46": "Other Art. 46 safeguard",
  "article-49-derogation": "Art. 49 derogation",
  none: "Nothing in place yet",
};

export function ActivityRecord({ form, readOnly }: { form: DraftForm; readOnly: boolean }) {
  const f = { form, readOnly };
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
          <TextField
            {...f}
            path="organisation.country"
            label="Country of main establishment (ISO code)"
          />
          <TextField {...f} path="organisation.dpoContact" label="DPO contact" />
          <TextField {...f} path="organisation.address" label="Address" multiline />
          <CheckField
            {...f}
            path="organisation.publicAuthority"
            label="A public authority or body"
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
                  options={TRANSFER_MECHANISMS}
                />
                <TextField {...f} path={`${p}.details`} label="Details" />
              </SimpleGrid>
            )}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextField {...f} path="activity.retention" label="Retention" />
            <TextField {...f} path="activity.startsOn" label="Processing starts on" type="date" />
            <TextField {...f} path="activity.volume" label="Volume" />
          </SimpleGrid>
          <TextList
            {...f}
            path="activity.securityMeasures"
            label="Security measures"
            addLabel="Add a measure"
          />
          <TextList {...f} path="activity.systems" label="Systems" addLabel="Add a system" />
          <Findings at="activity.dpia" />
          <Findings at="activity.automatedDecisions" />
        </Stack>
      </section>
    </Stack>
  );
}
