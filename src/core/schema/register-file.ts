/**
 * @module core/schema/register-file
 * The inverse of `registerAssessments`: one register file (Art. 30, one controller) holding
 * the given assessments, as `basis export` and the API's YAML export write it.
 */
import { diffDocuments } from "../diff.ts";
import { DomainError } from "../errors.ts";
import { ASSESSMENT_FORMAT, type Assessment, type Register } from "./assessment.ts";

/**
 * A register of the assessments, in the order given. Refused when there are none
 * (`not_found`) or when they name different controllers (`conflict`): a register file has
 * one organisation.
 */
export function registerFile(assessments: readonly Assessment[]): Register {
  const first = assessments[0];
  if (!first) throw new DomainError("not_found", "the register is empty");
  const same = assessments.every(
    (a) => diffDocuments(a.organisation, first.organisation).length === 0,
  );
  if (!same)
    throw new DomainError(
      "conflict",
      "the assessments name different controllers; export them one by one or as JSON",
    );
  return {
    format: ASSESSMENT_FORMAT,
    kind: "register",
    title: `Register of processing activities of ${first.organisation.name ?? "the controller"}`,
    organisation: first.organisation,
    activities: assessments.map(
      ({ format: _f, kind: _k, organisation: _o, $schema: _s, ...entry }) => entry,
    ),
  };
}
