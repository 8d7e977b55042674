/**
 * The dashboard's list of open DPIA measures across the register, soonest due first: each
 * with its activity, owner, status and due date, overdue ones marked, and a link to the
 * activity's DPIA tab.
 */
import { Anchor, Badge, Card, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import type { DpiaMeasureList } from "../../../src/core/api/index.ts";
import { MEASURE_STATUS_LABELS } from "../../../src/render/labels.ts";
import { api } from "../api.ts";

const SHOWN = 15;

function when(days: number | null, due: string | null) {
  if (due === null || days === null)
    return (
      <Text size="sm" c="dimmed">
        No date
      </Text>
    );
  if (days < 0)
    return (
      <Text size="sm" c="red.8">
        {due} (overdue by {-days} day{days === -1 ? "" : "s"})
      </Text>
    );
  return (
    <Text size="sm">
      {due}
      {days <= 14 ? ` (in ${days} day${days === 1 ? "" : "s"})` : ""}
    </Text>
  );
}

export function DpiaMeasuresCard() {
  const { data, error } = useQuery({
    queryKey: ["register", "dpia-measures"],
    queryFn: () => api.get<DpiaMeasureList>("/api/dpia/measures"),
  });
  return (
    <Card withBorder component="section" aria-labelledby="dpia-measures-title">
      <Title order={3} size="h4" mb="sm" id="dpia-measures-title">
        Open DPIA measures
      </Title>
      {error && <Text c="red">{(error as Error).message}</Text>}
      {data && data.items.length === 0 && <Text c="dimmed">None.</Text>}
      {data && data.items.length > 0 && (
        <Table fz="sm" data-testid="dpia-measures">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Due</Table.Th>
              <Table.Th scope="col">Measure</Table.Th>
              <Table.Th scope="col">Owner</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Activity</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.slice(0, SHOWN).map((m) => (
              <Table.Tr key={`${m.assessmentId}:${m.measureId}`}>
                <Table.Td>{when(m.days, m.due)}</Table.Td>
                <Table.Td className="wrap-anywhere">{m.measure}</Table.Td>
                <Table.Td className="wrap-anywhere">{m.owner ?? "No owner"}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={m.status === "planned" ? "gray" : "blue"}>
                    {MEASURE_STATUS_LABELS[m.status]}
                  </Badge>
                </Table.Td>
                <Table.Td className="wrap-anywhere">
                  <Anchor component={Link} href={`/activities/${m.slug}/dpia`}>
                    {m.title}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && data.items.length > SHOWN && (
        <Text size="sm" c="dimmed" mt="xs">
          And {data.items.length - SHOWN} more.
        </Text>
      )}
    </Card>
  );
}
