/**
 * @module render/lia-tests
 * The LIA's necessity and balancing tests, one subsection per interest (EDPB 1/2024 steps 2
 * and 3): alternatives considered, nature of the data, expectations, impacts, safeguards,
 * opt-out, children and the judgement.
 */
import type { BalancingTest } from "../core/schema/index.ts";
import { NOT_RECORDED } from "./document-context.ts";
import {
  EXPECTED_LABELS,
  LEVEL_LABELS,
  LIKELIHOOD_LABELS,
  SAFEGUARD_KIND_LABELS,
  SENSITIVITY_LABELS,
  SEVERITY_LABELS,
  yesNo,
} from "./labels.ts";
import { type Builder, labelledList, perInterest } from "./lia-builder.ts";
import type { Block } from "./model.ts";
import { heading, keyValue, note, paragraph, table } from "./model.ts";

export function necessityTest(b: Builder): Block[] {
  const tests = b.a.lia?.necessity ?? [];
  return perInterest(b, 3, "Necessity test", tests, (test) => {
    if (!test) return [paragraph("No necessity test is recorded for this interest.")];
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
  });
}

export function balancingTest(b: Builder): Block[] {
  const tests = b.a.lia?.balancing ?? [];
  const hasChildren = b.a.activity.dataSubjects.some((s) => s.children === true);
  return perInterest(b, 4, "Balancing test", tests, (test, interestId) => {
    if (!test) {
      const result = b.ctx.evaluation.trace.interests.find((r) => r.interest === interestId);
      return result?.balancing === "not-required"
        ? [
            note(
              "info",
              "No balancing test is required for a recognised legitimate interest (UK Art. 6(1)(ea)).",
            ),
          ]
        : [paragraph("No balancing test is recorded for this interest.")];
    }
    return balancingBlocks(test, hasChildren);
  });
}

function balancingBlocks(test: BalancingTest, hasChildren: boolean): Block[] {
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
            d.sensitivity ? SENSITIVITY_LABELS[d.sensitivity] : "",
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
    heading(4, "Impact on data subjects"),
    impacts.length > 0
      ? table(
          ["Impact", "Description", "Likelihood", "Severity"],
          impacts.map((i) => [
            i.kind,
            i.description ?? "",
            i.likelihood ? LIKELIHOOD_LABELS[i.likelihood] : "",
            i.severity ? SEVERITY_LABELS[i.severity] : "",
          ]),
        )
      : paragraph(NOT_RECORDED),
    heading(4, "Safeguards"),
    safeguards.length > 0
      ? table(
          ["Safeguard", "Implementation", "Kind"],
          safeguards.map((s) => [s.measure, s.implementation ?? "", SAFEGUARD_KIND_LABELS[s.kind]]),
        )
      : paragraph(NOT_RECORDED),
    heading(4, "Opt-out"),
    test.optOut
      ? keyValue([
          ["Available", yesNo(test.optOut.available)],
          ["Route", test.optOut.route ?? NOT_RECORDED],
          ...(test.optOut.reason === undefined
            ? []
            : [["Reason", test.optOut.reason] as [string, string]]),
        ])
      : paragraph(NOT_RECORDED),
  ];
  if (test.childrenConsidered !== undefined || hasChildren) {
    blocks.push(heading(4, "Children"), paragraph(test.childrenConsidered ?? NOT_RECORDED));
  }
  blocks.push(
    heading(4, "Judgement"),
    keyValue([
      [
        "Weight of the interest",
        test.interestWeight ? LEVEL_LABELS[test.interestWeight] : NOT_RECORDED,
      ],
      ["Impact on individuals", test.impactLevel ? LEVEL_LABELS[test.impactLevel] : NOT_RECORDED],
      [
        "Overridden by the data subjects' interests or rights",
        yesNo(test.overridden, "Not decided"),
      ],
      ["Reasoning", test.reasoning ?? NOT_RECORDED],
    ]),
  );
  return blocks;
}
