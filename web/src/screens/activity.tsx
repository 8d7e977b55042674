/**
 * One processing activity: its Art. 30 record, a basis decision per purpose, the LIA, the
 * DPIA, the screening kept with it, the findings with the trace, versions and documents. The draft autosaves; the outcome and what
 * would change it stay in view beside whatever step the user is on.
 */
import {
  Alert,
  Badge,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { memo, useCallback, useState } from "react";
import { Link, useLocation, useParams } from "wouter";
import { STATUS_LABELS } from "../../../src/render/labels.ts";
import { api } from "../api.ts";
import { ConflictDialog } from "../components/conflict-dialog.tsx";
import { LiveProvider } from "../components/findings.tsx";
import { OutcomePanel } from "../components/outcome-panel.tsx";
import { ReopenContext } from "../components/reopen.tsx";
import { ReviewNeeded } from "../components/review-needed.tsx";
import { SaveState } from "../components/save-state.tsx";
import { DpiaTab } from "../dpia/dpia-tab.tsx";
import { LiaEditor } from "../lia/lia-editor.tsx";
import { useLiveEvaluation } from "../live.ts";
import { useCan } from "../session.tsx";
import { todayIso } from "../today.ts";
import type { AssessmentView, WorkingDraftAnswer, WorkingDraftView } from "../types.ts";
import { type Draft, useDraft } from "../use-draft.ts";
import { ActivityRecord } from "./activity-record.tsx";
import { BasisWizard } from "./basis-wizard.tsx";
import { DocumentsTab } from "./documents-tab.tsx";
import { FindingsTab } from "./findings-tab.tsx";
import { ObjectionsTab } from "./objections-tab.tsx";
import { ScreeningTab } from "./screening-tab.tsx";
import { SignOffTab } from "./sign-off-tab.tsx";
import { VersionsTab } from "./versions-tab.tsx";

// The editing tabs are drawn from the draft's answers (a form a state of them, see
// use-draft.ts), so a save's progress or a change of the outcome beside them does not draw
// their thousands of elements again; the findings under their fields follow the live
// evaluation themselves.
const RecordTab = memo(ActivityRecord);
const BasisTab = memo(BasisWizard);
const LiaTab = memo(LiaEditor);
const DpiaEditor = memo(DpiaTab);
const ScreeningEditor = memo(ScreeningTab);

const TABS = [
  { id: "record", label: "Activity (Art. 30)" },
  { id: "basis", label: "Lawful basis" },
  { id: "lia", label: "LIA" },
  { id: "dpia", label: "DPIA" },
  { id: "screening", label: "Screening" },
  { id: "findings", label: "Findings" },
  { id: "sign-off", label: "Sign-off" },
  { id: "objections", label: "Objections" },
  { id: "versions", label: "Versions" },
  { id: "documents", label: "Documents" },
] as const;

export default function ActivityScreen() {
  const { slug = "" } = useParams<{ slug: string }>();
  const { data, error, isLoading, refetch } = useQuery({
    queryKey: ["assessment", slug],
    queryFn: () => api.get<AssessmentView>(`/api/assessments/${slug}`),
  });
  const canEdit = useCan("editor");
  // The working draft is what editors write; readers see the saved version only.
  const draft = useQuery({
    queryKey: ["draft", data?.id],
    queryFn: () => api.get<WorkingDraftAnswer>(`/api/assessments/${data?.id}/draft`),
    enabled: canEdit && data !== undefined,
    gcTime: 0,
    // Read when the editor opens (or reopens), never under the user's fingers.
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const [epoch, setEpoch] = useState(0);
  const refetchDraft = draft.refetch;
  const reopen = useCallback(async () => {
    await Promise.all([refetch(), canEdit ? refetchDraft() : null]);
    setEpoch((e) => e + 1);
  }, [refetch, refetchDraft, canEdit]);
  if (isLoading || (canEdit && data && draft.isLoading))
    return (
      <Center p="xl">
        <Loader role="status" aria-label="Loading the assessment" />
      </Center>
    );
  if (error || !data)
    return (
      <Alert color="red" title="Could not open this activity">
        {error instanceof Error ? error.message : "not found"}{" "}
        <Link href="/register">Back to the register</Link>
      </Alert>
    );
  return (
    <ReopenContext.Provider value={reopen}>
      <Editor key={`${data.id}:${epoch}`} view={data} serverDraft={draft.data?.draft ?? null} />
    </ReopenContext.Provider>
  );
}

/** An approved version is immutable: a change starts the next version, for a stated reason. */
function NewVersionBanner({
  version,
  onStart,
}: {
  version: number;
  onStart: (reason: string) => void;
}) {
  const [reason, setReason] = useState("");
  return (
    <Alert color="green" variant="light" title={`Version ${version} is approved and cannot change`}>
      <Stack gap="xs">
        <Text size="sm">
          To change it, start version {version + 1} as a draft. Version {version} stays in force
          until the new one is approved.
        </Text>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label="Reason for the new version"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            style={{ flex: 1, minWidth: 240 }}
          />
          <Button disabled={!reason.trim()} onClick={() => onStart(reason.trim())}>
            Start version {version + 1}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** Making a version of the draft on purpose, with a note that the history shows. */
function SaveVersion({ draft }: { draft: Draft }) {
  const [note, setNote] = useState(draft.reason ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Stack gap={4} maw={420} component="section" aria-label="Save a version">
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <TextInput
          label="Note for this version"
          placeholder="What changed and why"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <Button
          disabled={!note.trim() || busy || draft.status === "conflict"}
          loading={busy}
          onClick={() => {
            setBusy(true);
            setError(null);
            draft
              .saveVersion(note.trim())
              .then((v) => {
                setNote("");
                notifications.show({ title: `Version ${v.version} saved`, message: note.trim() });
              })
              .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
              .finally(() => setBusy(false));
          }}
        >
          Save version
        </Button>
      </Group>
      {error && (
        <Text size="xs" c="red.9" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

function Editor({
  view,
  serverDraft,
}: {
  view: AssessmentView;
  serverDraft: WorkingDraftView | null;
}) {
  const params = useParams<{ tab?: string }>();
  const [, navigate] = useLocation();
  const tab = TABS.some((t) => t.id === params.tab) ? (params.tab as string) : "record";
  const draft = useDraft(view, serverDraft);
  const live = useLiveEvaluation(draft.form.values, todayIso());
  const canEdit = useCan("editor");
  const readOnly = !canEdit || draft.locked;
  const counts = (sev: string) => live.findings.filter((f) => f.severity === sev).length;

  return (
    <LiveProvider value={live}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            <Text size="sm">
              <Link href="/register">Register</Link> / {view.slug}
            </Text>
            <Title order={2} className="wrap-anywhere">
              {draft.form.values.title || view.title}
            </Title>
            <Group gap="xs">
              <Badge variant="outline">{STATUS_LABELS[view.status]}</Badge>
              <Text size="sm" c="dimmed">
                version {draft.baseVersion}
              </Text>
              <SaveState draft={draft} />
            </Group>
          </Stack>
          {canEdit && !draft.locked && <SaveVersion draft={draft} />}
        </Group>
        <ReviewNeeded view={view} />
        {draft.restored && draft.status !== "conflict" && (
          <Alert color="blue" variant="light" title="Your unsaved changes were restored">
            This browser kept the answers you had not saved yet; they are being saved now.
          </Alert>
        )}
        {canEdit && draft.locked && (
          <NewVersionBanner version={draft.baseVersion} onStart={draft.startNewVersion} />
        )}
        {!canEdit && (
          <Alert color="gray" variant="light">
            You have read access: changes you type here are not saved.
          </Alert>
        )}
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Tabs
              value={tab}
              onChange={(t) => navigate(`/activities/${view.slug}/${t ?? "record"}`)}
              keepMounted={false}
            >
              <Tabs.List>
                {TABS.map((t) => (
                  <Tabs.Tab key={t.id} value={t.id}>
                    {t.label}
                    {t.id === "findings" && counts("blocker") > 0 && (
                      <Badge ml={6} size="xs" color="red" circle>
                        {counts("blocker")}
                      </Badge>
                    )}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
              <Tabs.Panel value="record" pt="md">
                <RecordTab form={draft.form} readOnly={readOnly} />
              </Tabs.Panel>
              <Tabs.Panel value="basis" pt="md">
                <BasisTab form={draft.form} readOnly={readOnly} />
              </Tabs.Panel>
              <Tabs.Panel value="lia" pt="md">
                <LiaTab form={draft.form} readOnly={readOnly} />
              </Tabs.Panel>
              <Tabs.Panel value="dpia" pt="md">
                <DpiaEditor form={draft.form} readOnly={readOnly} view={view} />
              </Tabs.Panel>
              <Tabs.Panel value="screening" pt="md">
                <ScreeningEditor form={draft.form} readOnly={readOnly} view={view} />
              </Tabs.Panel>
              <Tabs.Panel value="findings" pt="md">
                <FindingsTab />
              </Tabs.Panel>
              <Tabs.Panel value="sign-off" pt="md">
                <SignOffTab view={view} draft={draft} />
              </Tabs.Panel>
              <Tabs.Panel value="objections" pt="md">
                <ObjectionsTab view={view} />
              </Tabs.Panel>
              <Tabs.Panel value="versions" pt="md">
                <VersionsTab view={view} />
              </Tabs.Panel>
              <Tabs.Panel value="documents" pt="md">
                <DocumentsTab view={view} />
              </Tabs.Panel>
            </Tabs>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <OutcomePanel />
          </Grid.Col>
        </Grid>
        <ConflictDialog draft={draft} />
      </Stack>
    </LiveProvider>
  );
}
