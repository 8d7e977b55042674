/**
 * The outcome and its trace, always beside the editor: what decided it, what would change
 * it (in sentences, with the answer each change concerns), the outcome per purpose, and how
 * the engine weighed the facts of each interest relying on legitimate interests.
 */
import { Card, Group, List, Stack, Table, Text, Title } from "@mantine/core";
import { OUTCOME_LABELS } from "../../../src/render/labels.ts";
import { changeText, placeLabel } from "../words.ts";
import { useLive } from "./findings.tsx";
import { OutcomeBadge } from "./outcome.tsx";
import { WeighingTable } from "./weighing-table.tsx";

export function OutcomePanel() {
  const live = useLive();
  if (!live) return null;
  const e = live.evaluation;
  const doc = live.document;
  const n = (s: string) => live.findings.filter((f) => f.severity === s).length;
  const purposeName = (id: string) =>
    doc?.activity.purposes.find((p) => p.id === id)?.description ?? id;
  const interestName = (id: string) => doc?.lia?.interests.find((i) => i.id === id)?.title ?? id;
  return (
    <Card
      withBorder
      pos="sticky"
      top={72}
      mah="calc(100vh - 88px)"
      style={{ overflowY: "auto" }}
      component="aside"
      aria-label="Outcome"
      tabIndex={0}
    >
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
                      {changeText(c, doc)} → {OUTCOME_LABELS[c.outcome]}
                      {c.path && (
                        <Text component="span" size="xs" c="gray.7">
                          {" "}
                          ({placeLabel(c.path, doc)})
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
                      <Table.Td className="wrap-anywhere">{purposeName(d.purpose)}</Table.Td>
                      <Table.Td>
                        <OutcomeBadge outcome={d.outcome} size="sm" />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {e.weighing.map((w) => (
              <WeighingTable key={w.interest} w={w} title={interestName(w.interest)} />
            ))}
            {typeof e.trace.facts.nextReview === "string" && (
              <Text size="sm">Next review: {e.trace.facts.nextReview}</Text>
            )}
          </>
        ) : (
          <Text size="sm" c="orange.9">
            The draft is not valid yet ({live.issues.length} problem
            {live.issues.length === 1 ? "" : "s"})
            {live.issues[0] && `: ${placeLabel(live.issues[0].path)} — ${live.issues[0].message}`}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
