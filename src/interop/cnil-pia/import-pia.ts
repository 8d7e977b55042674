/**
 * @module interop/cnil-pia/import-pia
 * The `pia` object of a CNIL export: its state, its people, the DPO's opinion and the views of
 * the people concerned.
 */
import type { CnilPiaFile } from "./format.ts";
import { type Draft, filled, type ImportRun, num } from "./import-run.ts";
import { PIA_BOOKKEEPING, PIA_STATUS } from "./mapping.ts";

/** The PIA's own fields: its state, author and validator, the DPO's opinion, the people's views. */
export function readPia(run: ImportRun, file: CnilPiaFile, a: Draft): void {
  const pia = file.pia;
  const at = (k: string) => ["pia", k];
  const status = num(pia.status) ?? PIA_STATUS.doing;
  const validated = status === PIA_STATUS.validated || status === PIA_STATUS.signed;
  a.activity.dpia = { status: validated ? "completed" : "planned" };
  if (status === PIA_STATUS.signed)
    run.skip("pia.status", "signed validation: Basis records signatures through its own sign-off");
  if (status === PIA_STATUS.refused) run.skip("pia.status", "the PIA was refused by its validator");
  if (status === PIA_STATUS.archived) run.skip("pia.status", "the PIA is archived");

  const author = run.plain(pia.author_name, at("author_name"));
  if (author) a.author = author;
  if (filled(pia.evaluator_name))
    run.skip(
      "pia.evaluator_name",
      "Basis has no evaluator on a DPIA; reviewers approve it through sign-off",
    );
  const validator = run.plain(pia.validator_name, at("validator_name"));
  if (validator && validated) a.dpia.conclusion = { decidedBy: validator };
  else if (validator)
    run.skip("pia.validator_name", "the PIA was not validated, so nobody decided yet");

  const advice = run.plain(pia.dpo_opinion, at("dpo_opinion"));
  const dpo = run.plain(pia.dpos_names, at("dpos_names"));
  const dpoStatus = num(pia.dpo_status);
  if (advice)
    a.dpia.dpoAdvice = {
      advice,
      ...(dpoStatus === 0 || dpoStatus === 1 ? { favourable: dpoStatus === 1 } : {}),
      ...(dpo ? { by: dpo } : {}),
    };
  else {
    if (dpo)
      run.skip(
        "pia.dpos_names",
        "a DPO named without an opinion; Basis records advice, not a name alone",
      );
    if (dpoStatus !== undefined && dpoStatus !== null && (dpo || dpoStatus === 1))
      run.skip("pia.dpo_status", "the DPO's verdict without the opinion it belongs to");
  }

  const searched = pia.concerned_people_searched_opinion;
  const people = run.plain(pia.people_names, at("people_names"));
  const opinion = run.plain(pia.concerned_people_opinion, at("concerned_people_opinion"));
  const reason = run.plain(
    pia.concerned_people_searched_content,
    at("concerned_people_searched_content"),
  );
  const peopleStatus = num(pia.concerned_people_status);
  if (searched === true) {
    a.dpia.dataSubjectViews = {
      sought: true,
      ...(people ? { by: people } : {}),
      ...((people || opinion) && (peopleStatus === 0 || peopleStatus === 1)
        ? { favourable: peopleStatus === 1 }
        : {}),
      ...(opinion ? { summary: opinion } : {}),
    };
    if (reason)
      run.skip(
        "pia.concerned_people_searched_content",
        "a reason for not seeking views, yet views were sought",
      );
  } else if (searched === false) {
    a.dpia.dataSubjectViews = { sought: false, ...(reason ? { reasonNotSought: reason } : {}) };
    if (people) run.skip("pia.people_names", "people named, yet their views were not sought");
    if (opinion) run.skip("pia.concerned_people_opinion", "an opinion, yet views were not sought");
  } else {
    if (people) run.skip("pia.people_names", "the file does not say whether views were sought");
    if (opinion)
      run.skip("pia.concerned_people_opinion", "the file does not say whether views were sought");
    if (reason)
      run.skip(
        "pia.concerned_people_searched_content",
        "the file does not say whether views were sought",
      );
  }

  const structure = num(pia.structure_id);
  const orgName = run.plain(pia.structure_name, at("structure_name"));
  // The software keeps a structure (the organisation) only together with its id.
  if (structure !== undefined && orgName) a.organisation.name = orgName;
  if (filled(pia.structure_sector_name))
    run.skip("pia.structure_sector_name", "the sector of the CNIL software's structure");
  if (filled(pia.structure_data))
    run.skip(
      "pia.structure_data",
      "the questionnaire of a CNIL software structure; its answers are matched by question id",
    );

  const known = new Set([
    "name",
    "status",
    "author_name",
    "evaluator_name",
    "validator_name",
    "dpo_status",
    "dpo_opinion",
    "dpos_names",
    "concerned_people_opinion",
    "concerned_people_status",
    "concerned_people_searched_opinion",
    "concerned_people_searched_content",
    "people_names",
  ]);
  const words: Record<string, string> = {
    rejected_reason: "the validator's reason for refusing the PIA",
    rejection_reason: "the validator's reason for refusing the PIA",
    applied_adjustements: "the adjustments made after a refusal",
    applied_adjustments: "the adjustments made after a refusal",
    category: "the software's category of the PIA",
    user_pias: "accounts of a CNIL PIA server; Basis has its own users",
    authors: "accounts of a CNIL PIA server; Basis has its own users",
    evaluators: "accounts of a CNIL PIA server; Basis has its own users",
    validators: "accounts of a CNIL PIA server; Basis has its own users",
    guests: "accounts of a CNIL PIA server; Basis has its own users",
  };
  for (const [key, value] of Object.entries(pia))
    if (!known.has(key) && !PIA_BOOKKEEPING.has(key) && filled(value))
      run.skip(`pia.${key}`, words[key] ?? "not a field Basis knows");
}
