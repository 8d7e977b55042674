/**
 * Exporting a Basis DPIA to the CNIL PIA software's format: what the software reads, what
 * comes back on import, and what the format cannot carry.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cleanLiAssessment } from "../../../test/builders.ts";
import type { Assessment } from "../../core/schema/index.ts";
import { exportCnilPia } from "./export.ts";
import { CnilPiaFile } from "./format.ts";
import { importCnilPia, importCnilPiaText } from "./import.ts";

const NOW = "2026-03-01T10:00:00.000Z";
const fixture = fileURLToPath(
  new URL("../../../test/fixtures/cnil-pia/edusphere-audit-logging.json", import.meta.url),
);

function exported(a: Assessment) {
  const r = exportCnilPia(a, { now: NOW });
  if (!r.ok) throw new Error(r.message);
  return r;
}

function reimported(a: Assessment) {
  const r = importCnilPiaText(JSON.stringify(exported(a).file));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.assessment;
}

/** A Basis DPIA written in Basis, using every field the CNIL format has a place for. */
function basisDpia(): Assessment {
  const a = cleanLiAssessment();
  a.title = "Portal security logging";
  a.activity.name = a.title;
  a.activity.systems = ["Log store", "SIEM"];
  a.activity.dpia = { status: "completed" };
  a.dpia = {
    description: {
      nature: "Events are written as they happen.\n\n- logins\n- password changes",
      scope: "Account ids and truncated IPs, 90 days.",
      context: "Customers expect their accounts to be watched over.",
      purposes: "Detect account takeover.",
      responsibilities: "The controller runs the log itself.",
      standards: "ISO/IEC 27001.",
    },
    necessity: {
      notes: "Only login events.",
      lawfulBasis: "Legitimate interests.",
      accuracy: "Written by the system.",
      rights: {
        information: "Privacy notice.",
        consent: "Not relied on.",
        accessAndPortability: "On request.",
        rectificationAndErasure: "Erased after 90 days.",
        restrictionAndObjection: "Objections to the DPO.",
      },
      processors: "None.",
      transfers: "None.",
    },
    risks: [
      {
        id: "illegitimate-access",
        kind: "illegitimate-access",
        title: "Illegitimate access to data",
        impactsOnPeople: ["Login habits exposed"],
        threats: ["Stolen admin password"],
        sources: ["Attacker"],
        before: {
          likelihood: "significant",
          severity: "limited",
          severityReason: "Little is revealed <b>at all</b>.",
          likelihoodReason: "Admins are targeted.",
        },
        after: { likelihood: "limited", severity: "limited" },
        measures: ["mfa-for-admins"],
      },
      {
        id: "lia-surveillance",
        kind: "lia-impact",
        title: "Feeling watched",
        before: { likelihood: "limited", severity: "limited" },
        after: { likelihood: "negligible", severity: "limited" },
      },
    ],
    measures: [
      {
        id: "mfa-for-admins",
        title: "MFA for admins",
        description: "Hardware keys.",
        status: "done",
      },
      {
        id: "alerting",
        title: "Alerting",
        status: "in-progress",
        owner: "SOC lead",
        due: "2026-06-30",
      },
    ],
    dpoAdvice: { advice: "Go ahead.", favourable: true, by: "The DPO", on: "2026-02-01" },
    dataSubjectViews: { sought: false, reasonNotSought: "A survey of customers is planned." },
    priorConsultation: { outcome: "Not needed" },
    conclusion: { summary: "Acceptable.", decidedBy: "CISO", decidedOn: "2026-02-15" },
  };
  return a;
}

describe("exporting to the CNIL PIA format", () => {
  it("gives back the same assessment when an imported PIA is exported and imported again", () => {
    const first = importCnilPiaText(readFileSync(fixture, "utf8"));
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    expect(reimported(first.assessment)).toEqual(first.assessment);
  });

  it("writes a file of the shape the software exports and Basis reads", () => {
    const file = exported(basisDpia()).file;
    expect(CnilPiaFile.safeParse(JSON.parse(JSON.stringify(file))).success).toBe(true);
    expect(file.pia).toMatchObject({
      name: "Portal security logging",
      status: 2,
      validator_name: "CISO",
      dpo_status: 1,
      dpo_opinion: "Go ahead.",
      concerned_people_searched_opinion: false,
      created_at: NOW,
    });
  });

  it("writes the author's rating as the gauges of 3.x5 and 3.x6 and the rating after measures as the evaluator's gauges (x severity, y likelihood)", () => {
    const file = exported(basisDpia()).file;
    const answer = (q: number) => file.answers.find((a) => a.reference_to === q)?.data;
    expect(answer(325)).toEqual({
      text: "<p>Little is revealed &lt;b&gt;at all&lt;/b&gt;.</p>",
      gauge: 2,
      list: [],
    });
    expect(answer(326)?.gauge).toBe(3);
    expect(answer(324)?.list).toEqual(["MFA for admins"]);
    expect(file.evaluations.find((e) => e.reference_to === "3.2")?.gauges).toEqual({ x: 2, y: 2 });
  });

  it("writes a done measure as acceptable and a planned one with an owner or date as improvable", () => {
    const file = exported(basisDpia()).file;
    expect(file.measures.map((m) => [m.id, m.title, m.content])).toEqual([
      [1, "MFA for admins", "<p>Hardware keys.</p>"],
      [2, "Alerting", ""],
    ]);
    expect(
      file.evaluations
        .filter((e) => e.reference_to.startsWith("3.1."))
        .map((e) => [
          e.reference_to,
          e.status,
          e.person_in_charge,
          e.estimated_implementation_date,
        ]),
    ).toEqual([
      ["3.1.1", 3, null, null],
      ["3.1.2", 2, "SOC lead", "2026-06-30T00:00:00.000Z"],
    ]);
  });

  it("lists what the format cannot carry, by path in the assessment", () => {
    const a = basisDpia();
    if (!a.dpia?.risks[0] || !a.dpia.measures[0]) throw new Error("no DPIA");
    a.dpia.risks[0] = {
      ...a.dpia.risks[0],
      id: "access",
      title: "Account data exposed",
      measures: ["mfa"],
    };
    a.dpia.measures[0].id = "mfa";
    const paths = exported(a).notCarried.map((n) => n.path);
    expect(paths).toEqual([
      "dpia.measures[0].id",
      "dpia.measures[1].status",
      "dpia.risks[0].id",
      "dpia.risks[0].title",
      "dpia.risks[1]",
      "dpia.description.context",
      "dpia.dpoAdvice.on",
      "dpia.priorConsultation",
      "dpia.conclusion.summary",
      "dpia.conclusion.decidedOn",
      "activity.dataCategories",
      "activity.dataSubjects",
      "organisation",
      "lia",
      "review",
      "decisions",
    ]);
  });

  it("says when a risk names a measure whose title another measure shares, since titles link them", () => {
    const a = basisDpia();
    if (!a.dpia?.risks[0]) throw new Error("no DPIA");
    a.dpia.measures.push({ id: "mfa-2", title: "MFA for admins", status: "planned" });
    a.dpia.risks[0].measures = ["mfa-2"];
    expect(exported(a).notCarried.filter((n) => n.path.startsWith("dpia.risks[0]"))).toEqual([
      {
        path: "dpia.risks[0].measures[0]",
        reason:
          "the CNIL PIA links measures by title, and dpia.measures[0] has the same title: it comes back as that one",
      },
    ]);
  });

  it("brings every field it carries back unchanged on import", () => {
    const a = basisDpia();
    const back = reimported(a);
    const { context: _c, ...description } = a.dpia?.description ?? {};
    expect(back.dpia?.description).toEqual(description);
    expect(back.dpia?.necessity).toEqual(a.dpia?.necessity);
    expect(back.dpia?.risks).toEqual([a.dpia?.risks[0]]);
    expect(back.dpia?.measures).toEqual([
      a.dpia?.measures[0],
      { ...a.dpia?.measures[1], status: "planned" },
    ]);
    expect(back.dpia?.dpoAdvice).toEqual({ advice: "Go ahead.", favourable: true, by: "The DPO" });
    expect(back.dpia?.dataSubjectViews).toEqual(a.dpia?.dataSubjectViews);
    expect(back.dpia?.conclusion).toEqual({ decidedBy: "CISO" });
    expect([back.activity.systems, back.activity.retention, back.activity.description]).toEqual([
      a.activity.systems,
      a.activity.retention,
      a.activity.description,
    ]);
  });

  it("writes the basis decisions and the LIA's minimisation when the DPIA does not state them", () => {
    const a = basisDpia();
    if (!a.dpia?.necessity) throw new Error("no necessity");
    a.dpia.necessity = { reusesLia: true };
    const r = exported(a);
    const text = (q: number) => r.file.answers.find((x) => x.reference_to === q)?.data.text;
    expect(text(212)).toBe("<ul><li>security: legitimate interests</li></ul>");
    expect(text(213)).toMatch(/^<ul><li>/);
    expect(r.notCarried.map((n) => n.path)).toEqual(
      expect.arrayContaining(["decisions", "dpia.necessity.reusesLia"]),
    );
  });

  it("refuses an assessment that holds no DPIA", () => {
    expect(exportCnilPia(cleanLiAssessment(), { now: NOW })).toEqual({
      ok: false,
      message: "the assessment holds no DPIA (no dpia section)",
    });
  });

  it("exports an imported PIA with no answers that imports back the same", () => {
    const r = importCnilPia({ pia: { name: "Empty" }, answers: [], measures: [], evaluations: [] });
    if (!r.ok) throw new Error("refused");
    expect(reimported(r.assessment)).toEqual(r.assessment);
  });
});
