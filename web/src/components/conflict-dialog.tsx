/**
 * A stale save: someone else saved a newer version while this user was editing. Both
 * versions are shown side by side as a readable diff; the user keeps theirs (saved on top of
 * the newer version) or takes the other one. Until they choose, their text stays in storage.
 */
import { Button, Group, Modal, ScrollArea, Stack, Table, Text } from "@mantine/core";
import { diffDocuments } from "../../../src/core/diff.ts";
import { clean } from "../live.ts";
import type { Draft } from "../use-draft.ts";

export function show(v: unknown): string {
  if (v === undefined) return "—";
  if (typeof v === "string") return v;
  return JSON.stringify(v, null, 1);
}

export function ConflictDialog({ draft }: { draft: Draft }) {
  const theirs = draft.conflict;
  if (!theirs) return null;
  const changes = diffDocuments(clean(theirs.document), clean(draft.form.getValues()));
  return (
    <Modal
      opened
      onClose={() => undefined}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      size="xl"
      title={`Someone else saved version ${theirs.version} while you were editing`}
    >
      <Stack>
        <Text size="sm">
          Your changes are kept in this browser. Compare them with version {theirs.version}, then
          choose which to keep; nothing is saved until you do.
        </Text>
        <ScrollArea.Autosize mah={360} viewportProps={{ tabIndex: 0 }}>
          <Table striped withTableBorder aria-label="Differences between the two versions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Field</Table.Th>
                <Table.Th>Version {theirs.version} (theirs)</Table.Th>
                <Table.Th>Yours</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {changes.map((c) => (
                <Table.Tr key={`${c.op}:${c.path}`}>
                  <Table.Td className="finding-path">{c.path}</Table.Td>
                  <Table.Td className="wrap-anywhere">{show(c.from)}</Table.Td>
                  <Table.Td className="wrap-anywhere">{show(c.to)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
        <Group justify="flex-end">
          <Button variant="default" onClick={draft.takeTheirs}>
            Discard mine, use version {theirs.version}
          </Button>
          <Button onClick={draft.keepMine}>Keep mine (save as a new version)</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
