/**
 * A new DPIA section, pre-filled from what the assessment already holds: the systematic
 * description from the Art. 30 record, necessity and proportionality from the LIA when there
 * is one, and the three feared events every DPIA rates (illegitimate access, unwanted
 * modification, disappearance) plus the LIA's significant impacts, unrated.
 */
import type { Assessment, DpiaSection } from "../../../src/core/schema/index.ts";

type Draft = Partial<Assessment>;

function lines(items: (string | undefined)[]): string | undefined {
  const kept = items.map((s) => s?.trim()).filter((s): s is string => Boolean(s));
  return kept.length > 0 ? kept.join("\n") : undefined;
}

export function startDpia(doc: Draft): DpiaSection {
  const act = doc.activity;
  const scope = lines([
    act?.dataCategories?.length
      ? `Data: ${act.dataCategories.map((c) => c.name).join("; ")}.`
      : undefined,
    act?.dataSubjects?.length
      ? `People concerned: ${act.dataSubjects.map((s) => s.name).join("; ")}.`
      : undefined,
    act?.retention ? `Kept: ${act.retention.trim()}` : undefined,
  ]);
  const purposes = lines((act?.purposes ?? []).map((p) => p.description));
  const description: NonNullable<DpiaSection["description"]> = {};
  if (act?.description) description.nature = act.description.trim();
  if (scope) description.scope = scope;
  if (purposes) description.purposes = purposes;
  const impacts = new Set<string>();
  for (const b of doc.lia?.balancing ?? [])
    for (const x of b.impacts ?? [])
      if (x.severity === "significant" || x.severity === "severe") impacts.add(x.kind.trim());
  return {
    description,
    ...(doc.lia?.necessity?.length ? { necessity: { reusesLia: true } } : {}),
    risks: [
      {
        id: "illegitimate-access",
        kind: "illegitimate-access",
        title: "Illegitimate access to data",
      },
      {
        id: "unwanted-modification",
        kind: "unwanted-modification",
        title: "Unwanted modification of data",
      },
      { id: "disappearance", kind: "disappearance", title: "Disappearance of data" },
      ...[...impacts].map((kind, i) => ({
        id: `lia-impact-${i + 1}`,
        kind: "lia-impact" as const,
        title: kind,
      })),
    ],
    measures: [],
  };
}

/** A fresh id for a new entry of a list: `<prefix>-<n>`, not taken by any entry. */
export function freshId(prefix: string, taken: readonly { id?: unknown }[]): string {
  const used = new Set(taken.map((t) => String(t.id ?? "")));
  let n = taken.length + 1;
  while (used.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}
