/**
 * @module render/lia-tests
 * The LIA's necessity and balancing tests (EDPB 1/2024 steps 2 and 3). A test that several
 * interests share is written once, marked with the interests it applies to; the judgement of
 * each interest stays its own, in one table. Then the weighing: when the engine reports how it
 * weighed the facts, a table per interest (factor, side, weight, what offsets it, what is
 * left) with the computed verdict and any officer override; until it does, the impact ratings
 * exactly as recorded.
 */
import { describeFactor, describeOffset } from "../core/messages/en.ts";
import {
  BALANCE_VERDICT_LABELS,
  OFFICER_CONCLUSION_LABELS,
} from "../core/messages/value-labels.ts";
import type { InterestWeighing } from "../core/rules/types.ts";
import type { BalancingTest, NecessityTest } from "../core/schema/index.ts";
import { joinOr, NOT_RECORDED } from "./document-context.ts";
import {
  EXPECTED_LABELS,
  formatDate,
  LEVEL_LABELS,
  LIKELIHOOD_LABELS,
  SAFEGUARD_KIND_LABELS,
  SENSITIVITY_LABELS,
  SEVERITY_LABELS,
  yesNo,
} from "./labels.ts";
import {
  appliesTo,
  type Builder,
  interestTitle,
  labelledList,
  NO_LIA,
  type Section,
  type Shared,
  shareTests,
  withoutTest,
} from "./lia-builder.ts";
import type { Block } from "./model.ts";
import { heading, keyValue, note, paragraph, richParagraph, table } from "./model.ts";

/** "Applies to: …" for a test several interests share (nothing for a test of one). */
function appliesBlock(b: Builder, group: Shared<unknown>, total: number): Block[] {
  if (group.interests.length < 2) return [];
  const which =
    group.interests.length === total && total === b.interests.length
      ? `every interest (${appliesTo(b, group.interests)})`
      : appliesTo(b, group.interests);
  return [richParagraph({ text: "Applies to: ", bold: true }, { text: which })];
}

/** The heading of a group: the interest's title, or "Shared by N interests". */
function groupTitle(b: Builder, group: Shared<unknown>): string {
  return group.interests.length === 1
    ? interestTitle(b, group.interests[0] ?? "")
    : `Shared by ${group.interests.length} interests`;
}

export function necessitySection(b: Builder): Section {
  return {
    title: "Necessity test",
    blocks: (n) => {
      const tests = b.a.lia?.necessity ?? [];
      if (b.interests.length === 0 && tests.length === 0) return [paragraph(NO_LIA)];
      const groups = shareTests(b, tests, ({ interest: _, ...rest }) => rest);
      const blocks: Block[] = [];
      const single = groups.length === 1;
      groups.forEach((group, i) => {
        if (!single) blocks.push(heading(3, `${n}.${i + 1} ${groupTitle(b, group)}`));
        blocks.push(...appliesBlock(b, group, tests.length), ...necessityBlocks(group.test));
      });
      const missing = withoutTest(b, tests);
      if (missing.length > 0)
        blocks.push(note("warning", `No necessity test is recorded for: ${missing.join("; ")}.`));
      return blocks;
    },
  };
}

function necessityBlocks(test: NecessityTest): Block[] {
  const alternatives = test.alternatives ?? [];
  return [
    keyValue([
      ["Processing", test.processing ?? NOT_RECORDED],
      [
        "Conclusion",
        test.necessary === undefined
          ? "Not concluded"
          : test.necessary
            ? "Necessary"
            : "Not necessary",
      ],
    ]),
    ...labelledList("Why the processing is necessary", test.whyNecessary),
    heading(4, "Less intrusive alternatives considered"),
    alternatives.length > 0
      ? table(
          ["Alternative", "Assessment", "Why rejected", "Evidence"],
          alternatives.map((alt) => [
            alt.alternative,
            alt.assessment ?? "",
            alt.rejectedBecause ?? "",
            alt.evidence ?? "",
          ]),
        )
      : paragraph("No alternative is recorded."),
    ...labelledList("Minimisation measures", test.minimisation),
  ];
}

/** The parts of a balancing test that several interests can share. */
function sharedFacts(test: BalancingTest) {
  return {
    natureOfData: test.natureOfData,
    reasonableExpectations: test.reasonableExpectations,
    impacts: test.impacts,
    safeguards: test.safeguards,
    optOut: test.optOut,
    childrenConsidered: test.childrenConsidered,
  };
}

export function balancingSection(b: Builder): Section {
  return {
    title: "Balancing test",
    blocks: (n) => {
      const tests = b.a.lia?.balancing ?? [];
      if (b.interests.length === 0 && tests.length === 0) return [paragraph(NO_LIA)];
      const hasChildren = b.a.activity.dataSubjects.some((s) => s.children === true);
      const groups = shareTests(b, tests, sharedFacts);
      const blocks: Block[] = [];
      let sub = 0;
      const single = groups.length === 1;
      for (const group of groups) {
        if (!single) blocks.push(heading(3, `${n}.${++sub} ${groupTitle(b, group)}`));
        blocks.push(
          ...appliesBlock(b, group, tests.length),
          ...balancingFacts(group.test, hasChildren),
        );
      }
      const notRequired = b.ctx.evaluation.trace.interests
        .filter((r) => r.balancing === "not-required")
        .map((r) => interestTitle(b, r.interest));
      if (notRequired.length > 0)
        blocks.push(
          note(
            "info",
            `No balancing test is required for a recognised legitimate interest (UK Art. 6(1)(ea)): ${notRequired.join("; ")}.`,
          ),
        );
      const missing = withoutTest(b, tests).filter((t) => !notRequired.includes(t));
      if (missing.length > 0)
        blocks.push(note("warning", `No balancing test is recorded for: ${missing.join("; ")}.`));
      if (tests.length > 0) {
        blocks.push(
          heading(3, `${n}.${++sub} Judgement for each interest`),
          table(
            [
              "Interest",
              "Weight of the interest",
              "Impact on people",
              "Overridden by their interests or rights",
              "Reasoning",
            ],
            tests.map((t) => [
              interestTitle(b, t.interest),
              t.interestWeight ? LEVEL_LABELS[t.interestWeight] : NOT_RECORDED,
              t.impactLevel ? LEVEL_LABELS[t.impactLevel] : NOT_RECORDED,
              yesNo(t.overridden, "Not decided"),
              t.reasoning ?? NOT_RECORDED,
            ]),
          ),
        );
      }
      blocks.push(heading(3, `${n}.${++sub} How the facts were weighed`), ...weighing(b));
      return blocks;
    },
  };
}

function balancingFacts(test: BalancingTest, hasChildren: boolean): Block[] {
  const nature = test.natureOfData ?? [];
  const expectations = test.reasonableExpectations;
  const impacts = test.impacts ?? [];
  const safeguards = test.safeguards ?? [];
  const blocks: Block[] = [
    heading(4, "Nature of the data"),
    nature.length > 0
      ? table(
          ["Data element", "Sensitivity", "Assessment"],
          nature.map((d) => [
            d.element,
            d.sensitivity ? SENSITIVITY_LABELS[d.sensitivity] : NOT_RECORDED,
            d.assessment ?? "",
          ]),
        )
      : paragraph(NOT_RECORDED),
    heading(4, "Reasonable expectations"),
    expectations
      ? keyValue([
          ["Relationship", expectations.relationship ?? NOT_RECORDED],
          ["What they were told", expectations.whatTheyWereTold ?? NOT_RECORDED],
          ["Context", expectations.context ?? NOT_RECORDED],
          [
            "Would they expect it",
            expectations.expected ? EXPECTED_LABELS[expectations.expected] : NOT_RECORDED,
          ],
        ])
      : paragraph(NOT_RECORDED),
    heading(4, "Impact on the people concerned (as rated)"),
    impacts.length > 0
      ? table(
          ["Impact", "Likelihood", "Severity", "Assessment"],
          impacts.map((i) => [
            i.kind,
            i.likelihood ? LIKELIHOOD_LABELS[i.likelihood] : NOT_RECORDED,
            i.severity ? SEVERITY_LABELS[i.severity] : NOT_RECORDED,
            i.description ?? "",
          ]),
        )
      : paragraph(NOT_RECORDED),
    heading(4, "Safeguards"),
    safeguards.length > 0
      ? table(
          ["Safeguard", "Kind", "Implementation"],
          // Additional safeguards first: only they can tip the balance (EDPB 1/2024).
          [...safeguards]
            .sort((x, y) => (x.kind === y.kind ? 0 : x.kind === "additional" ? -1 : 1))
            .map((s) => [s.measure, SAFEGUARD_KIND_LABELS[s.kind], s.implementation ?? ""]),
        )
      : paragraph(NOT_RECORDED),
    heading(4, "Opt-out"),
    test.optOut
      ? keyValue([
          ["Available", yesNo(test.optOut.available)],
          ...(test.optOut.route === undefined
            ? test.optOut.available
              ? [["Route", NOT_RECORDED] as [string, string]]
              : []
            : [["Route", test.optOut.route] as [string, string]]),
          ...(test.optOut.reason === undefined
            ? []
            : [["Why", test.optOut.reason] as [string, string]]),
        ])
      : paragraph(NOT_RECORDED),
  ];
  if (test.childrenConsidered !== undefined || hasChildren) {
    blocks.push(heading(4, "Children"), paragraph(test.childrenConsidered ?? NOT_RECORDED));
  }
  return blocks;
}

/**
 * Words for a weighing factor. The one place that turns a factor id and its values into a
 * label, until the message catalogue has `factorLabel`.
 */

const VERDICT_WORDS = BALANCE_VERDICT_LABELS;
const OFFICER_WORDS = OFFICER_CONCLUSION_LABELS;

function number(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function overrideText(o: NonNullable<InterestWeighing["override"]>): string {
  const who = [o.by, o.on === undefined ? undefined : formatDate(o.on)].filter(
    (x): x is string => x !== undefined,
  );
  return `${o.justification}${who.length > 0 ? ` (${who.join(", ")})` : ""}`;
}

/**
 * The engine's weighing, or the impact ratings as recorded when it has none. A factor that
 * weighs the same for several interests (retention, the nature of the data, the scale) is one
 * row naming the interests it applies to; the verdict of each interest is one row of a second
 * table, beside the officer's own conclusion.
 */
function weighing(b: Builder): Block[] {
  const weighings = b.ctx.evaluation.weighing ?? [];
  if (weighings.length === 0) {
    return [
      paragraph(
        "No computed weighing is available for this assessment. The impact ratings (likelihood and severity) and the judgement above are the assessor's own, exactly as recorded: nothing has been recalculated, adjusted or softened.",
      ),
    ];
  }
  const rows = new Map<string, { cells: string[]; interests: string[] }>();
  for (const w of weighings) {
    for (const f of w.factors) {
      const cells = [
        describeFactor(f),
        f.side === "against" ? "Against the interest" : "For the interest",
        number(f.weight),
        joinOr(
          f.offsetBy.map((o) => `${describeOffset(o)} (−${number(o.amount)})`),
          "Nothing",
        ),
        number(f.residual),
        number(f.counts),
        f.decisive ? "Yes: cannot be offset" : "No",
      ];
      const key = JSON.stringify(cells);
      const row = rows.get(key) ?? { cells, interests: [] };
      row.interests.push(w.interest);
      rows.set(key, row);
    }
  }
  const several = weighings.length > 1;
  const everyInterest = (r: { interests: string[] }) => r.interests.length === weighings.length;
  // Against first (what the officer must answer), then what applies to every interest.
  const ordered = [...rows.values()].sort(
    (x, y) =>
      Number(y.cells[1] === "Against the interest") -
        Number(x.cells[1] === "Against the interest") ||
      Number(everyInterest(y)) - Number(everyInterest(x)),
  );
  const header = [
    "Factor",
    "Weighs",
    "Weight",
    "Offset by",
    "Left after safeguards",
    "Counts",
    "Decisive",
  ];
  const blocks: Block[] = [
    ordered.length === 0
      ? paragraph("No factor weighs for or against any interest.")
      : table(
          several ? [...header, "Applies to"] : header,
          ordered.map((r) =>
            several
              ? [...r.cells, everyInterest(r) ? "Every interest" : appliesTo(b, r.interests)]
              : r.cells,
          ),
        ),
    table(
      ["Interest", "For", "Against", "Computed", "The officer concluded"],
      weighings.map((w) => [
        interestTitle(b, w.interest),
        number(w.for),
        number(w.against),
        VERDICT_WORDS[w.verdict],
        OFFICER_WORDS[w.officerConclusion],
      ]),
    ),
  ];
  const overridden = weighings.filter((w) => w.override);
  if (overridden.length > 0) {
    blocks.push(
      keyValue(
        overridden.map((w) => [
          `Officer's override: ${interestTitle(b, w.interest)}`,
          overrideText(w.override as NonNullable<InterestWeighing["override"]>),
        ]),
      ),
      note(
        "warning",
        "The officer's conclusion departs from the computed balance; the justification above is part of this assessment.",
      ),
    );
  }
  return blocks;
}
