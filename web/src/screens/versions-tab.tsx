/**
 * Every saved version with who saved it and their note, a readable diff between any two, and the assessment as a YAML file:
 * export it, or import a file (a changed file becomes a new version, like `basis import`).
 */
import { Alert, Button, FileButton, Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { ApiError, api } from "../api.ts";
import { show } from "../components/conflict-dialog.tsx";
import { useReopen } from "../components/reopen.tsx";
import { useCan } from "../session.tsx";
import type { AssessmentView, VersionDiff, VersionList } from "../types.ts";
import { storageKey } from "../use-draft.ts";

export function VersionsTab({ view }: { view: AssessmentView }) {
  const canEdit = useCan("editor");
  const queryClient = useQueryClient();
  const reopen = useReopen();
  const versions = useQuery({
    queryKey: ["versions", view.id],
    queryFn: () => api.get<VersionList>(`/api/assessments/${view.id}/versions`),
  });
  const list = versions.data?.versions ?? [];
  const latest = list.at(-1)?.version ?? view.version;
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const a = from ?? String(Math.max(1, latest - 1));
  const b = to ?? String(latest);
  const diff = useQuery({
    queryKey: ["diff", view.id, a, b],
    queryFn: () => api.get<VersionDiff>(`/api/assessments/${view.id}/diff?from=${a}&to=${b}`),
    enabled: list.length > 0,
  });
  const [importError, setImportError] = useState<string | null>(null);
  // Cleared after each import, so choosing the same file again still imports it.
  const resetFile = useRef<() => void>(null);

  async function importFile(file: File | null) {
    if (!file) return;
    resetFile.current?.();
    setImportError(null);
    try {
      const r = await api.postYaml<{
        results: { slug: string; result: string; version: number }[];
      }>("/api/import", await file.text());
      const mine = r.results.find((x) => x.slug === view.slug);
      notifications.show({
        title: "Imported",
        message: r.results.map((x) => `${x.slug}: ${x.result} (version ${x.version})`).join("; "),
      });
      await queryClient.invalidateQueries({ queryKey: ["versions", view.id] });
      await queryClient.invalidateQueries({ queryKey: ["register"] });
      if (mine && mine.result !== "unchanged") {
        localStorage.removeItem(storageKey(view.id));
        await reopen();
      }
    } catch (e) {
      setImportError(
        e instanceof ApiError
          ? `${e.message}${e.issues[0]?.line ? ` (line ${e.issues[0].line})` : ""}`
          : String(e),
      );
    }
  }

  const options = list.map((v) => ({ value: String(v.version), label: `Version ${v.version}` }));
  return (
    <Stack>
      <Group>
        <Button
          component="a"
          href={`/api/assessments/${view.id}/export`}
          download={`${view.slug}.yaml`}
          variant="light"
        >
          Export YAML
        </Button>
        {canEdit && (
          <FileButton
            onChange={(f) => void importFile(f)}
            accept=".yaml,.yml,application/yaml,text/yaml"
          >
            {(props) => (
              <Button variant="default" {...props}>
                Import YAML…
              </Button>
            )}
          </FileButton>
        )}
      </Group>
      {importError && (
        <Alert color="red" title="Not imported; nothing was changed">
          {importError}
        </Alert>
      )}
      <Title order={3} size="h4">
        History
      </Title>
      <Table striped withTableBorder aria-label="Versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Saved</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>Note</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...list].reverse().map((v) => (
            <Table.Tr key={v.version}>
              <Table.Td>{v.version}</Table.Td>
              <Table.Td>{new Date(v.createdAt).toLocaleString()}</Table.Td>
              <Table.Td className="wrap-anywhere">
                {v.createdByName ?? "a removed account"}
              </Table.Td>
              <Table.Td>{v.outcome}</Table.Td>
              <Table.Td className="wrap-anywhere">{v.reason ?? ""}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3} size="h4">
        Compare
      </Title>
      <Group>
        <Select label="From" data={options} value={a} onChange={setFrom} allowDeselect={false} />
        <Select label="To" data={options} value={b} onChange={setTo} allowDeselect={false} />
      </Group>
      {diff.data && diff.data.changes.length === 0 && <Text c="dimmed">No differences.</Text>}
      {diff.data && diff.data.changes.length > 0 && (
        <Table withTableBorder aria-label={`Changes from version ${a} to version ${b}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Field</Table.Th>
              <Table.Th>Change</Table.Th>
              <Table.Th>Version {a}</Table.Th>
              <Table.Th>Version {b}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {diff.data.changes.map((c) => (
              <Table.Tr key={`${c.op}:${c.path}`}>
                <Table.Td className="finding-path">{c.path}</Table.Td>
                <Table.Td>{c.op}</Table.Td>
                <Table.Td className="wrap-anywhere diff-from">{show(c.from)}</Table.Td>
                <Table.Td className="wrap-anywhere diff-to">{show(c.to)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
