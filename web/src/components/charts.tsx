/**
 * Small SVG charts drawn from the data with no chart library: horizontal bars for counts,
 * and a timeline of reviews falling due. Each has a text alternative for screen readers.
 */
import { daysBetween } from "../../../src/core/dates.ts";

export interface Bar {
  label: string;
  value: number;
  color: string;
}

export function BarChart({ bars, title }: { bars: Bar[]; title: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 28;
  const labelW = 190;
  const width = 460;
  const height = bars.length * row + 8;
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(", ")}`}
    >
      {bars.map((b, i) => {
        const w = ((width - labelW - 40) * b.value) / max;
        const y = i * row + 4;
        return (
          <g key={b.label}>
            <text x={labelW - 8} y={y + 17} textAnchor="end" fontSize="12" fill="#333">
              {b.label.length > 30 ? `${b.label.slice(0, 29)}…` : b.label}
            </text>
            <rect
              x={labelW}
              y={y + 4}
              width={Math.max(w, b.value > 0 ? 2 : 0)}
              height={row - 10}
              rx="3"
              fill={b.color}
            />
            <text x={labelW + w + 6} y={y + 17} fontSize="12" fill="#333">
              {b.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface Due {
  slug: string;
  name: string;
  date: string;
}

/** Reviews on a line from today to `days` ahead; overdue ones sit left of today, in red. */
export function ReviewTimeline({
  items,
  today,
  days,
}: {
  items: Due[];
  today: string;
  days: number;
}) {
  const width = 640;
  const left = 110;
  const right = 20;
  const axisY = 40;
  const span = width - left - right;
  const x = (date: string) => {
    const d = daysBetween(today, date);
    return d < 0 ? left - 60 : left + (span * Math.min(d, days)) / days;
  };
  const stacks = new Map<number, number>();
  const ticks = [0, 30, 60, 90].filter((t) => t <= days);
  const height = 48 + 14 * Math.max(1, ...[...groupCounts(items, x).values()]);
  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Reviews due in the next ${days} days: ${items.length ? items.map((i) => `${i.name} on ${i.date}`).join("; ") : "none"}`}
    >
      <line x1={left} y1={axisY} x2={width - right} y2={axisY} stroke="#868e96" />
      <text x={left - 60} y={axisY - 10} fontSize="11" textAnchor="middle" fill="#c92a2a">
        overdue
      </text>
      {ticks.map((t) => (
        <g key={t}>
          <line
            x1={left + (span * t) / days}
            y1={axisY - 4}
            x2={left + (span * t) / days}
            y2={axisY + 4}
            stroke="#868e96"
          />
          <text
            x={left + (span * t) / days}
            y={axisY - 10}
            fontSize="11"
            textAnchor="middle"
            fill="#495057"
          >
            {t === 0 ? "today" : `+${t} d`}
          </text>
        </g>
      ))}
      {items.map((i) => {
        const cx = Math.round(x(i.date));
        const level = stacks.get(cx) ?? 0;
        stacks.set(cx, level + 1);
        const overdue = i.date < today;
        return (
          <circle
            key={i.slug}
            cx={cx}
            cy={axisY + 12 + level * 14}
            r="5"
            fill={overdue ? "#e03131" : "#4c6ef5"}
          >
            <title>{`${i.name}: ${i.date}`}</title>
          </circle>
        );
      })}
    </svg>
  );
}

function groupCounts(items: Due[], x: (d: string) => number): Map<number, number> {
  const m = new Map<number, number>();
  for (const i of items) {
    const k = Math.round(x(i.date));
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}
