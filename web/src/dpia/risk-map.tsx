/**
 * The DPIA's risk map: severity up the side, likelihood along the bottom, on the four levels
 * of the CNIL's method. Each risk is a hollow circle where it stands before its measures and a
 * filled one where it stands with them, joined by an arrow; the high-risk zone (both
 * significant or maximum) is shaded. Drawn in SVG with a title and a description for screen
 * readers, and followed by a table that says the same in words.
 */
import { Table, Text } from "@mantine/core";
import type { RiskLevel } from "../../../src/core/schema/dpia.ts";
import { RISK_LEVEL_LABELS } from "../../../src/render/labels.ts";

export interface MapRisk {
  label: string;
  title: string;
  before?: { likelihood: RiskLevel; severity: RiskLevel } | undefined;
  after?: { likelihood: RiskLevel; severity: RiskLevel } | undefined;
}

const LEVELS: RiskLevel[] = ["negligible", "limited", "significant", "maximum"];
const CELL = 96;
const LEFT = 92;
const TOP = 12;
const BOTTOM = 52;
const SIZE = CELL * 4;

const index = (l: RiskLevel) => LEVELS.indexOf(l);
const high = (r: { likelihood: RiskLevel; severity: RiskLevel }) =>
  index(r.likelihood) >= 2 && index(r.severity) >= 2;

function rating(r: MapRisk["before"]): string {
  if (!r) return "not rated";
  const words = `${RISK_LEVEL_LABELS[r.likelihood]} likelihood, ${RISK_LEVEL_LABELS[r.severity].toLowerCase()} severity`;
  return high(r) ? `${words} (high risk)` : words;
}

/** Where the n-th marker in a cell sits, so several risks in one cell stay apart. */
function spot(r: { likelihood: RiskLevel; severity: RiskLevel }, slot: number) {
  const col = index(r.likelihood);
  const row = 3 - index(r.severity);
  const dx = ((slot % 3) - 1) * 28;
  const dy = (Math.floor(slot / 3) % 3) * 26 - 26;
  return { x: LEFT + col * CELL + CELL / 2 + dx, y: TOP + row * CELL + CELL / 2 + dy };
}

export function RiskMap({ risks, id = "risk-map" }: { risks: MapRisk[]; id?: string }) {
  const slots = new Map<string, number>();
  const place = (r: { likelihood: RiskLevel; severity: RiskLevel }) => {
    const key = `${r.likelihood}:${r.severity}`;
    const n = slots.get(key) ?? 0;
    slots.set(key, n + 1);
    return spot(r, n);
  };
  const markers = risks.map((r) => ({
    risk: r,
    before: r.before ? place(r.before) : undefined,
    after: r.after ? place(r.after) : undefined,
  }));
  const described = risks
    .map((r) => `${r.label} ${r.title}: before, ${rating(r.before)}; after, ${rating(r.after)}`)
    .join(". ");
  return (
    <>
      <svg
        className="chart risk-map"
        viewBox={`0 0 ${LEFT + SIZE + 8} ${TOP + SIZE + BOTTOM}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        data-testid="risk-map"
        style={{ maxWidth: 520 }}
      >
        <title id={`${id}-title`}>
          Risk map: likelihood and severity before and after measures
        </title>
        <desc id={`${id}-desc`}>{described || "No risk is recorded."}</desc>
        <defs>
          <marker
            id={`${id}-arrow`}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="6"
            markerHeight="6"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#495057" />
          </marker>
        </defs>
        {LEVELS.map((s, row) =>
          LEVELS.map((l, col) => {
            const zone =
              col >= 2 && 3 - row >= 2 ? "#ffc9c9" : col + (3 - row) >= 3 ? "#ffec99" : "#d3f9d8";
            return (
              <rect
                key={`${s}-${l}`}
                x={LEFT + col * CELL}
                y={TOP + row * CELL}
                width={CELL}
                height={CELL}
                fill={zone}
                stroke="#fff"
                strokeWidth="2"
              />
            );
          }),
        )}
        {LEVELS.map((s) => (
          <text
            key={s}
            x={LEFT - 8}
            y={TOP + (3 - index(s)) * CELL + CELL / 2 + 4}
            textAnchor="end"
            fontSize="12"
            fill="#212529"
          >
            {RISK_LEVEL_LABELS[s]}
          </text>
        ))}
        {LEVELS.map((l) => (
          <text
            key={l}
            x={LEFT + index(l) * CELL + CELL / 2}
            y={TOP + SIZE + 18}
            textAnchor="middle"
            fontSize="12"
            fill="#212529"
          >
            {RISK_LEVEL_LABELS[l]}
          </text>
        ))}
        <text
          x={LEFT + SIZE / 2}
          y={TOP + SIZE + 42}
          textAnchor="middle"
          fontSize="12"
          fill="#212529"
        >
          Likelihood →
        </text>
        <text
          x={14}
          y={TOP + SIZE / 2}
          textAnchor="middle"
          fontSize="12"
          fill="#212529"
          transform={`rotate(-90 14 ${TOP + SIZE / 2})`}
        >
          Severity →
        </text>
        {markers.map(({ risk, before, after }) =>
          before && after ? (
            <line
              key={`${risk.label}-arrow`}
              x1={before.x}
              y1={before.y}
              x2={after.x}
              y2={after.y}
              stroke="#495057"
              strokeWidth="1.5"
              markerEnd={`url(#${id}-arrow)`}
            />
          ) : null,
        )}
        {markers.map(({ risk, before, after }) => (
          <g key={risk.label}>
            {before && (
              <g
                data-risk={risk.label}
                data-phase="before"
                data-cell={`${risk.before?.severity}/${risk.before?.likelihood}`}
              >
                <circle
                  cx={before.x}
                  cy={before.y}
                  r="12"
                  fill="#fff"
                  stroke="#1c3d5a"
                  strokeWidth="2"
                />
                <text
                  x={before.x}
                  y={before.y + 4}
                  textAnchor="middle"
                  fontSize="10"
                  fill="#1c3d5a"
                >
                  {risk.label}
                </text>
              </g>
            )}
            {after && (
              <g
                data-risk={risk.label}
                data-phase="after"
                data-cell={`${risk.after?.severity}/${risk.after?.likelihood}`}
              >
                <circle cx={after.x} cy={after.y} r="12" fill="#1c3d5a" />
                <text x={after.x} y={after.y + 4} textAnchor="middle" fontSize="10" fill="#fff">
                  {risk.label}
                </text>
              </g>
            )}
          </g>
        ))}
      </svg>
      <Text size="xs" c="dimmed">
        Hollow circle: before the measures. Filled circle: with the measures. Red zone: high risk.
      </Text>
      <Table withTableBorder striped fz="sm" data-testid="risk-table">
        <Table.Caption>The risk map in words</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Risk</Table.Th>
            <Table.Th scope="col">Before the measures</Table.Th>
            <Table.Th scope="col">With the measures</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {risks.map((r) => (
            <Table.Tr key={r.label}>
              <Table.Th scope="row" className="wrap-anywhere" fw={400}>
                {r.label} {r.title}
              </Table.Th>
              <Table.Td>{rating(r.before)}</Table.Td>
              <Table.Td data-risk-after={r.label}>{rating(r.after)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
