/**
 * A stale save: someone else saved a newer version, or the working draft, while this user was
 * editing. Both texts are shown side by side as a readable diff; the user keeps theirs (saved
 * on top of the other) or takes the other one. Until they choose, their text stays in storage.
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
  const theirs = draft.theirs;
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
      title={`Someone else saved ${theirs.label} while you were editing`}
    >
      <Stack>
        <Text size="sm">
          Your changes are kept in this browser. Compare them with {theirs.label}, then choose which
          to keep; nothing is saved until you do.
        </Text>
        <ScrollArea.Autosize mah={360} viewportProps={{ tabIndex: 0 }}>
          <Table striped withTableBorder aria-label="Differences between the two versions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Field</Table.Th>
                <Table.Th>Theirs ({theirs.label})</Table.Th>
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
            Discard mine, use {theirs.label}
          </Button>
          <Button onClick={draft.keepMine}>Keep mine (save it over theirs)</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
