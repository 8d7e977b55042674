/**
 * Sign-off: where the assessment stands in `draft → in_review → approved → superseded |
 * retired`, which of the organisation's required roles have approved the current version,
 * and the actions the signed-in user may take. The server decides; this screen explains.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Timeline,
  Title,
} from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { documentFileName } from "../../../src/core/file-names.ts";
import { ROLE_LABELS, STATUS_LABELS } from "../../../src/render/labels.ts";
import { api } from "../api.ts";
import { useLive } from "../components/findings.tsx";
import { useReopen } from "../components/reopen.tsx";
import { ReviewActions } from "../components/review-needed.tsx";
import { useCan, useSession } from "../session.tsx";
import type { AssessmentView, SignOffRecord } from "../types.ts";
import type { Draft } from "../use-draft.ts";
import { CommentsPanel } from "./comments-panel.tsx";

const role = (r: string) => ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r;
const status = (s: string) => STATUS_LABELS[s as keyof typeof STATUS_LABELS] ?? s;

export function SignOffTab({ view, draft }: { view: AssessmentView; draft: Draft }) {
  const queryClient = useQueryClient();
  const live = useLive();
  const reopen = useReopen();
  const canEdit = useCan("editor");
  const canApprove = useCan("approver");
  const { principal } = useSession();
  const record = useQuery({
    queryKey: ["sign-off", view.id],
    queryFn: () => api.get<SignOffRecord>(`/api/assessments/${view.id}/sign-off`),
    refetchOnMount: "always",
  });
  const [error, setError] = useState<string | null>(null);
  const [comment, setComment] = useState("");
  const [signAs, setSignAs] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const r = record.data;
  if (!r) return <Text c="dimmed">Loading…</Text>;
  const current = r.versions.find((v) => v.version === r.currentVersion);
  const blockers = live?.findings.filter((f) => f.severity === "blocker").length ?? 0;
  const unsaved = draft.status !== "saved";
  // The server refuses it too (author_cannot_approve); the screen says why beforehand.
  const ownVersion =
    r.segregateDuties &&
    principal !== null &&
    current?.createdBy === `${principal.kind}:${principal.id}`;

  /** Posts a sign-off action; whether it succeeded (the error is shown otherwise). */
  async function act(path: string, body: unknown): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/assessments/${view.id}/${path}`, body);
      setComment("");
      await queryClient.invalidateQueries({ queryKey: ["sign-off", view.id] });
      await queryClient.invalidateQueries({ queryKey: ["assessment", view.slug] });
      await queryClient.invalidateQueries({ queryKey: ["register"] });
      // Only assessments in force can need a review: retiring ends that.
      await queryClient.invalidateQueries({ queryKey: ["reviews"] });
      // Whether the editor is locked follows the stored status: reopen it on what is stored.
      await reopen();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
      return false;
    }
  }

  return (
    <Stack>
      <Group gap="xs">
        <Text>Status:</Text>
        <Badge size="lg" variant="light" data-testid="sign-off-status" data-status={r.status}>
          {status(r.status)}
        </Badge>
        <Text size="sm" c="dimmed">
          version {r.currentVersion}
          {r.inForce ? ` · version ${r.inForce} in force` : ""}
        </Text>
      </Group>
      {r.retired && (
        <Alert color="gray" title={`Retired on ${r.retired.at.slice(0, 10)} by ${r.retired.by}`}>
          {r.retired.reason}
        </Alert>
      )}
      {error && (
        <Alert color="red" title="Not done" role="alert">
          {error}
        </Alert>
      )}
      {r.status !== "retired" && (
        <>
          <Title order={3} size="h4">
            Approvals needed for version {r.currentVersion}
          </Title>
          <Table withTableBorder aria-label="Required approvals">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Role</Table.Th>
                <Table.Th>Decision</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>Comment</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.requiredRoles.map((req) => {
                const d = [...(current?.decisions ?? [])].reverse().find((x) => x.role === req);
                return (
                  <Table.Tr key={req}>
                    <Table.Td>{role(req)}</Table.Td>
                    <Table.Td>
                      {d ? (
                        <Badge color={d.decision === "approve" ? "green" : "red"} variant="light">
                          {d.decision === "approve" ? "Approved" : "Rejected"}
                        </Badge>
                      ) : (
                        <Text size="sm" c="dimmed">
                          pending
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td className="wrap-anywhere">
                      {d ? `${d.signerName ?? d.signer}, ${d.at.slice(0, 10)}` : ""}
                    </Table.Td>
                    <Table.Td className="wrap-anywhere">{d?.comment ?? ""}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </>
      )}

      {canEdit && r.status === "draft" && (
        <Stack gap="xs">
          {blockers > 0 && (
            <Text size="sm" c="red.9">
              {blockers} blocker{blockers === 1 ? "" : "s"} must be resolved before this can go for
              review.
            </Text>
          )}
          {unsaved && <Text size="sm">Wait until your changes are saved.</Text>}
          {draft.revision > 0 && (
            <Text size="sm">Your working draft is saved as a new version first.</Text>
          )}
          <Button
            w="fit-content"
            disabled={blockers > 0 || unsaved || busy}
            onClick={() =>
              void act("submit", { baseVersion: draft.baseVersion, draftRevision: draft.revision })
            }
          >
            Submit version {draft.revision > 0 ? r.currentVersion + 1 : r.currentVersion} for review
          </Button>
        </Stack>
      )}

      {canApprove && r.status === "in_review" && (
        <Stack gap="xs" component="section" aria-label="Your decision">
          <Title order={3} size="h4">
            Your decision
          </Title>
          {r.openComments > 0 && (
            <Text size="sm" c="red.9">
              {r.openComments} open comment{r.openComments === 1 ? "" : "s"}: resolve them before
              approving.
            </Text>
          )}
          {ownVersion && (
            <Text size="sm" c="red.9" id="own-version-note">
              You created version {r.currentVersion}, so another approver must approve it: your
              organisation keeps the author of a version from approving it (segregation of duties).
              You can still reject it with a comment.
            </Text>
          )}
          <Select
            label="Sign as"
            data={(current?.pendingRoles ?? r.requiredRoles).map((x) => ({
              value: x,
              label: role(x),
            }))}
            value={signAs ?? current?.pendingRoles[0] ?? null}
            onChange={setSignAs}
            allowDeselect={false}
            w={{ base: "100%", sm: 320 }}
          />
          <Textarea
            label="Comment (required to reject)"
            autosize
            minRows={2}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Group>
            <Button
              color="green"
              disabled={busy || ownVersion}
              aria-describedby={ownVersion ? "own-version-note" : undefined}
              onClick={() =>
                void act("decisions", {
                  version: r.currentVersion,
                  role: signAs ?? current?.pendingRoles[0],
                  decision: "approve",
                  ...(comment.trim() ? { comment: comment.trim() } : {}),
                })
              }
            >
              Approve
            </Button>
            <Button
              color="red"
              variant="outline"
              disabled={busy || !comment.trim()}
              onClick={() =>
                void act("decisions", {
                  version: r.currentVersion,
                  role: signAs ?? current?.pendingRoles[0],
                  decision: "reject",
                  comment: comment.trim(),
                })
              }
            >
              Reject
            </Button>
          </Group>
        </Stack>
      )}

      {canApprove && r.inForce !== null && r.status !== "retired" && (
        <RetireForm
          busy={busy}
          onRetire={(reason) => act("retire", { baseVersion: r.currentVersion, reason })}
        />
      )}

      <ReviewActions view={view} />
      <Title order={3} size="h4">
        History
      </Title>
      <Timeline bulletSize={14} lineWidth={2} active={r.versions.length}>
        {[...r.versions].reverse().map((v) => (
          <Timeline.Item key={v.version} title={`Version ${v.version}: ${status(v.status)}`}>
            {v.reason && (
              <Text size="sm" c="dimmed">
                {v.reason}
              </Text>
            )}
            {v.decisions.map((d) => (
              <Text key={`${d.role}:${d.at}`} size="sm">
                {role(d.role)} {d.decision === "approve" ? "approved" : "rejected"} —{" "}
                {d.signerName ?? d.signer}, {d.at.slice(0, 10)}
                {d.comment ? `: “${d.comment}”` : ""}
              </Text>
            ))}
            {v.signedDocument ? (
              <Anchor
                href={`/api/assessments/${view.id}/signed/${v.version}`}
                download={documentFileName(view.slug, "signed-off", v.version, "pdf")}
                size="sm"
              >
                Signed-off PDF of version {v.version}
              </Anchor>
            ) : null}
          </Timeline.Item>
        ))}
      </Timeline>
      <CommentsPanel view={view} />
    </Stack>
  );
}

/**
 * Retiring ends the processing's reliance on this assessment for good, so it asks for the
 * reason in the page (kept in the version history) and takes a second, explicit click.
 */
function RetireForm({
  busy,
  onRetire,
}: {
  busy: boolean;
  onRetire: (reason: string) => Promise<boolean>;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  if (!open)
    return (
      <Button variant="subtle" color="gray" w="fit-content" onClick={() => setOpen(true)}>
        Retire this assessment…
      </Button>
    );
  return (
    <Stack gap="xs" maw={560}>
      <Textarea
        label="Why is this assessment retired?"
        description="Kept in the version history."
        autosize
        minRows={2}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      <Group gap="xs">
        <Button
          color="red"
          disabled={busy || !reason.trim()}
          onClick={() => void onRetire(reason.trim()).then((done) => done && setOpen(false))}
        >
          Retire
        </Button>
        <Button variant="default" disabled={busy} onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
