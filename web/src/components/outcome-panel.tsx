/**
 * The outcome and its trace, always beside the editor: what decided it, what would change
 * it, the outcome per purpose and per interest, and the facts the engine derived.
 */
import { Card, Group, List, Stack, Table, Text, Title } from "@mantine/core";
import { OUTCOME_LABELS } from "../../../src/render/labels.ts";
import { useLive } from "./findings.tsx";
import { OutcomeBadge } from "./outcome.tsx";

export function OutcomePanel() {
  const live = useLive();
  if (!live) return null;
  const e = live.evaluation;
  const n = (s: string) => live.findings.filter((f) => f.severity === s).length;
  return (
    <Card withBorder pos="sticky" top={72} component="aside" aria-label="Outcome">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Outcome
        </Title>
        {e ? (
          <>
            <Group gap="xs" data-testid="live-outcome">
              <OutcomeBadge outcome={e.outcome} size="lg" />
            </Group>
            <Text size="sm" data-testid="live-counts">
              {n("blocker")} blockers · {n("warning")} warnings · {n("info")} notes
            </Text>
            {e.trace.wouldChange.length > 0 && (
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  What would change it
                </Text>
                <List size="sm" spacing={4}>
                  {e.trace.wouldChange.slice(0, 8).map((c) => (
                    <List.Item key={`${c.change}:${c.path ?? ""}:${c.codes.join(",")}`}>
                      {c.change} → {OUTCOME_LABELS[c.outcome]}
                      {c.path && (
                        <Text component="span" className="finding-path" c="dimmed">
                          {" "}
                          ({c.path})
                        </Text>
                      )}
                    </List.Item>
                  ))}
                </List>
              </Stack>
            )}
            {e.trace.decisions.length > 0 && (
              <Table withTableBorder aria-label="Outcome per purpose" fz="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Purpose</Table.Th>
                    <Table.Th>Outcome</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {e.trace.decisions.map((d) => (
                    <Table.Tr key={d.purpose}>
                      <Table.Td className="wrap-anywhere">{d.purpose}</Table.Td>
                      <Table.Td>
                        <OutcomeBadge outcome={d.outcome} size="sm" />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {typeof e.trace.facts.nextReview === "string" && (
              <Text size="sm">Next review: {e.trace.facts.nextReview}</Text>
            )}
          </>
        ) : (
          <Text size="sm" c="orange.8">
            The draft is not valid yet ({live.issues.length} problem
            {live.issues.length === 1 ? "" : "s"}): {live.issues[0]?.path}:{" "}
            {live.issues[0]?.message}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
