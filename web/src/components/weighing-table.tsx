/**
 * The engine's weighing of one interest as a table a person can read: each fact recorded, the
 * side it weighs on, its weight, the additional safeguards that offset it and what it still
 * counts, with the law it rests on; then the two totals, the computed verdict and the
 * officer's own conclusion (and any written override) beside it.
 */
import { Anchor, Badge, Stack, Table, Text } from "@mantine/core";
import { describeFactor } from "../../../src/core/messages/en.ts";
import {
  BALANCE_VERDICT_LABELS,
  CHILD_MEASURE_LABELS,
  OFFICER_CONCLUSION_LABELS,
  WEIGHING_SIDE_LABELS,
} from "../../../src/core/messages/value-labels.ts";
import type { InterestWeighing, WeighingFactor } from "../../../src/core/rules/types.ts";
import { useReferences } from "./findings.tsx";

const VERDICT_COLOR = {
  "favours-interest": "green",
  "finely-balanced": "yellow",
  against: "red",
} as const;

/** A number as the table shows it: whole, or to one decimal. */
export function weightText(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** What offsets a factor, in words (a child-protection measure by its name). */
export function offsetText(o: WeighingFactor["offsetBy"][number]): string {
  const measure = /^child measure: (.+)$/.exec(o.safeguard)?.[1];
  const name =
    measure !== undefined
      ? (CHILD_MEASURE_LABELS[measure as keyof typeof CHILD_MEASURE_LABELS] ?? measure)
      : o.safeguard;
  return `${name} (−${weightText(o.amount)})`;
}

export function WeighingTable({ w, title }: { w: InterestWeighing; title: string }) {
  const refs = useReferences();
  const rows = [...w.factors].sort((a, b) =>
    a.side === b.side ? b.weight - a.weight : a.side === "against" ? -1 : 1,
  );
  return (
    <Stack gap={6} data-testid="weighing" data-interest={w.interest}>
      <Text size="sm" fw={600} className="wrap-anywhere">
        Weighing: {title}
      </Text>
      <Badge color={VERDICT_COLOR[w.verdict]} variant="light" size="sm" w="fit-content">
        {BALANCE_VERDICT_LABELS[w.verdict]}
      </Badge>
      <Table
        withTableBorder
        layout="fixed"
        fz="xs"
        className="wrap-anywhere"
        aria-label={`How the facts weigh for ${title}`}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Fact</Table.Th>
            <Table.Th>Weighs</Table.Th>
            <Table.Th>Weight</Table.Th>
            <Table.Th>Offset by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((f) => (
            <Table.Tr key={`${f.factor}:${f.path}`} data-factor={f.factor}>
              <Table.Td className="wrap-anywhere">
                {describeFactor(f)}
                {f.decisive && (
                  <Text size="xs" c="red.9" component="div">
                    Decisive on its own
                  </Text>
                )}
                {f.refs.length > 0 && (
                  <Text size="xs" component="div">
                    {f.refs.map((id, i) => {
                      const r = refs.get(id);
                      const name = r?.title ?? id;
                      return (
                        <span key={id}>
                          {i > 0 && "; "}
                          {r?.url ? (
                            <Anchor href={r.url} target="_blank" rel="noreferrer" size="xs">
                              {name}
                            </Anchor>
                          ) : (
                            name
                          )}
                        </span>
                      );
                    })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{WEIGHING_SIDE_LABELS[f.side]}</Table.Td>
              <Table.Td>
                {f.counts === f.weight
                  ? weightText(f.weight)
                  : `${weightText(f.weight)} → ${weightText(f.counts)}`}
              </Table.Td>
              <Table.Td className="wrap-anywhere">
                {f.offsetBy.length === 0 ? "—" : f.offsetBy.map(offsetText).join("; ")}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">Totals</Table.Th>
            <Table.Td colSpan={3}>
              {weightText(w.against)} against · {weightText(w.for)} for
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
      <Text size="xs">Officer's conclusion: {OFFICER_CONCLUSION_LABELS[w.officerConclusion]}.</Text>
      {w.override && (
        <Text size="xs" className="wrap-anywhere">
          Override, written by the officer: {w.override.justification}
        </Text>
      )}
    </Stack>
  );
}
