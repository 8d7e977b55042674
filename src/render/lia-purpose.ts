/**
 * @module render/lia-purpose
 * The LIA's opening sections: the scope (what is assessed, under which law, which purposes
 * rely on legitimate interests and which are excluded because they rest on another basis) and
 * the interests with their stakeholders and legitimacy checks (EDPB 1/2024 step 1).
 */
import { joinOr, LI_BASES, NOT_RECORDED } from "./document-context.ts";
import {
  BASIS_LABELS,
  BASIS_REFERENCES,
  INTEREST_KIND_LABELS,
  SPECIAL_CATEGORY_LABELS,
  yesNo,
} from "./labels.ts";
import { type Builder, cite, interestTitle, NO_LIA, type Section } from "./lia-builder.ts";
import type { Block } from "./model.ts";
import { heading, keyValue, note, paragraph, table } from "./model.ts";

/** Longest text that reads well in a column of a four-column table. */
const LONG_CELL = 800;

/** The method the LIA follows, citing the guidance of its jurisdiction. */
function method(b: Builder): string {
  const law = cite(b, "gdpr-art-6-1-f");
  const guidance =
    b.a.organisation.jurisdiction === "UK"
      ? cite(b, "ico-legitimate-interests")
      : cite(b, "edpb-guidelines-1-2024");
  return `This assessment applies the three cumulative tests of ${law}: is there a legitimate interest (purpose test), is the processing necessary for it (necessity test), and do the interests, rights and freedoms of the people concerned override it (balancing test). It follows ${guidance}.`;
}

export function scopeSection(b: Builder): Section {
  return {
    title: "Scope",
    blocks: (n) => {
      const { activity, decisions } = b.a;
      const inScope: string[][] = [];
      const excluded: string[][] = [];
      const undecided: string[] = [];
      for (const purpose of activity.purposes) {
        const decision = decisions.find((d) => d.purpose === purpose.id);
        if (decision?.basis === undefined) {
          undecided.push(purpose.description);
          continue;
        }
        cite(b, BASIS_REFERENCES[decision.basis]);
        if (LI_BASES.has(decision.basis)) {
          const relied = (decision.interests ?? []).map((id) => interestTitle(b, id));
          inScope.push([
            purpose.description,
            BASIS_LABELS[decision.basis],
            joinOr(relied, "None named"),
          ]);
        } else {
          excluded.push([
            purpose.description,
            BASIS_LABELS[decision.basis],
            decision.justification ?? NOT_RECORDED,
          ]);
        }
      }
      const subjects = activity.dataSubjects.map((s) => {
        const flags = [
          s.children
            ? `includes children${s.youngestAge === undefined ? "" : ` from age ${s.youngestAge}`}`
            : "",
          s.vulnerable ? "vulnerable" : "",
        ].filter((f) => f !== "");
        return flags.length > 0 ? `${s.name} (${flags.join(", ")})` : s.name;
      });
      const categories = activity.dataCategories.map((c) => {
        if (c.specialCategory)
          return `${c.name} (special category: ${SPECIAL_CATEGORY_LABELS[c.specialCategory]})`;
        return c.criminalOffence ? `${c.name} (criminal-offence data)` : c.name;
      });
      const blocks: Block[] = [
        paragraph(activity.description),
        paragraph(method(b)),
        keyValue([
          ["Data subjects", subjects.join("\n")],
          ["Data categories", categories.join("\n")],
          ["Retention", activity.retention ?? NOT_RECORDED],
        ]),
        heading(3, `${n}.1 Purposes relying on legitimate interests`),
        inScope.length > 0
          ? table(["Purpose", "Lawful basis", "Interests relied on"], inScope)
          : paragraph("No purpose of this activity relies on legitimate interests."),
      ];
      if (excluded.length > 0) {
        blocks.push(
          heading(3, `${n}.2 Not based on legitimate interests`),
          paragraph(
            "These purposes are outside this assessment: they rest on another lawful basis, for the reason given.",
          ),
          table(["Purpose", "Lawful basis", "Why"], excluded),
        );
      }
      if (undecided.length > 0)
        blocks.push(
          note("warning", `No lawful basis has been decided for: ${undecided.join("; ")}.`),
        );
      return blocks;
    },
  };
}

export function interestsSection(b: Builder): Section {
  return {
    title: "Purpose test: the interests and who benefits",
    blocks: (n) => {
      if (b.interests.length === 0) return [paragraph(NO_LIA)];
      const rows = b.interests.map((i) => [
        i.title,
        i.description ?? NOT_RECORDED,
        joinOr(i.benefits ?? [], NOT_RECORDED),
        joinOr(i.beneficiaries ?? [], NOT_RECORDED),
      ]);
      // The compact table of the seeds, unless an entry is too long for a column: then each
      // interest gets a block of its own, so a long answer reads in one piece.
      const compact = rows.every((r) => r.every((cell) => cell.length <= LONG_CELL));
      return [
        ...(compact
          ? [table(["Interest", "What it is", "Benefits", "Who benefits"], rows)]
          : rows.flatMap(([title = "", what = "", benefits = "", who = ""]) => [
              heading(4, title),
              keyValue([
                ["What it is", what],
                ["Benefits", benefits],
                ["Who benefits", who],
              ]),
            ])),
        heading(3, `${n}.1 Is each interest legitimate?`),
        table(
          [
            "Interest",
            "Lawful",
            "Clearly articulated",
            "Real and present",
            "Stated in the privacy notice",
          ],
          b.interests.map((i) => [
            i.title,
            yesNo(i.checks?.lawful),
            yesNo(i.checks?.specific),
            yesNo(i.checks?.realAndPresent),
            yesNo(i.statedInPrivacyNotice),
          ]),
        ),
        heading(3, `${n}.2 Whose interest, and who recognises it`),
        table(
          ["Interest", "Whose interest", "Recognised by"],
          b.interests.map((i) => [
            i.title,
            joinOr(
              (i.kind ?? []).map((k) => INTEREST_KIND_LABELS[k]),
              NOT_RECORDED,
            ),
            joinOr(
              (i.recognisedBy ?? []).map((id) => cite(b, id)),
              "None cited",
            ),
          ]),
        ),
      ];
    },
  };
}
