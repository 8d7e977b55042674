import { describe, expect, it } from "vitest";
import { loadReferences, parseReferenceLibrary, referenceIds } from "./references.ts";

/** The ids findings and templates are allowed to cite; the library must hold exactly these. */
const EXPECTED_IDS = [
  // EU GDPR
  "gdpr-art-3-2",
  "gdpr-art-4-4",
  "gdpr-art-5-1-a",
  "gdpr-art-5-1-b",
  "gdpr-art-5-1-c",
  "gdpr-art-5-1-e",
  "gdpr-art-5-2",
  "gdpr-art-6-1",
  "gdpr-art-6-1-a",
  "gdpr-art-6-1-b",
  "gdpr-art-6-1-c",
  "gdpr-art-6-1-d",
  "gdpr-art-6-1-e",
  "gdpr-art-6-1-f",
  "gdpr-art-6-1-public-authorities",
  "gdpr-art-6-4",
  "gdpr-art-7",
  "gdpr-art-8",
  "gdpr-art-9-1",
  "gdpr-art-9-2",
  "gdpr-art-10",
  "gdpr-art-12-3",
  "gdpr-art-13-1-d",
  "gdpr-art-14-2-b",
  "gdpr-art-15",
  "gdpr-art-17",
  "gdpr-art-21-1",
  "gdpr-art-21-2-3",
  "gdpr-art-22",
  "gdpr-art-26",
  "gdpr-art-27",
  "gdpr-art-28",
  "gdpr-art-30",
  "gdpr-art-32",
  "gdpr-art-33",
  "gdpr-art-35",
  "gdpr-art-36",
  "gdpr-art-44",
  "gdpr-art-45",
  "gdpr-art-46",
  "gdpr-art-47",
  "gdpr-art-49",
  "gdpr-art-87",
  "gdpr-art-88",
  "gdpr-recital-38",
  "gdpr-recital-43",
  "gdpr-recital-47",
  "gdpr-recital-48",
  "gdpr-recital-49",
  "gdpr-recital-71",
  "eu-charter-art-7",
  "eu-charter-art-8",
  // Guidance
  "edpb-guidelines-1-2024",
  "edpb-guidelines-05-2020",
  "edpb-guidelines-01-2025",
  "wp29-opinion-06-2014",
  "wp29-wp248-dpia",
  "edpb-guidelines-2-2023",
  "edpb-guidelines-3-2019",
  "ico-legitimate-interests",
  "ico-lawful-basis",
  "ico-recognised-legitimate-interests",
  "ico-purpose-limitation",
  "ico-childrens-code",
  "cnil-audience-measurement",
  "cnil-logging-recommendation-2021",
  "cnil-commercial-prospecting",
  "cnil-recruitment",
  "cnil-dpia-list-2018",
  "cnil-pia-method",
  "ico-dpia-high-risk",
  // CJEU
  "cjeu-c-582-14-breyer",
  "cjeu-c-13-16-rigas-satiksme",
  "cjeu-c-708-18-tk",
  "cjeu-c-40-17-fashion-id",
  "cjeu-c-673-17-planet49",
  "cjeu-c-252-21-meta",
  "cjeu-c-621-22-knltb",
  "cjeu-c-77-21-digi",
  "cjeu-c-26-22-schufa",
  "cjeu-c-446-21-schrems",
  "cjeu-c-65-23-k-gmbh",
  "cjeu-c-394-23-mousse",
  "cjeu-c-654-23-inteligo",
  "echr-lopez-ribalda-2019",
  // ePrivacy and national
  "eprivacy-art-5-3",
  "eprivacy-art-13",
  "de-tdddg-25",
  "eu-dsa-art-28",
  "fr-cpce-l34-5",
  "fr-code-consommation-l223-1",
  "fr-loi-2025-594",
  "de-uwg-7",
  "nl-telecommunicatiewet-11-7",
  "es-lssi-21",
  "es-lgtel-66",
  "it-codice-privacy-130",
  "ie-si-336-2011-reg-13",
  "at-tkg-2021-174",
  "be-cde-xii-13",
  // UK
  "uk-gdpr",
  "uk-gdpr-art-6-1-ea",
  "uk-gdpr-annex-1",
  "uk-gdpr-art-6-examples",
  "uk-gdpr-art-8a",
  "uk-gdpr-art-22a-22d",
  "uk-dpa-2018-s9",
  "uk-gdpr-art-8",
  "uk-dpa-2018-s10",
  "uk-dpa-2018-sch1",
  "uk-dpa-2018-appropriate-policy-document",
  "uk-duaa-2025",
  "pecr-reg-6",
  "pecr-reg-19",
  "pecr-reg-21",
  "pecr-reg-22",
  "pecr-reg-22-3",
  "pecr-reg-22-3a",
  // Pending
  "eu-digital-omnibus-2025-837",
];

/** Judgment dates and ECLIs as LEGAL-FACTS.md and the Court's records give them. */
const CJEU = {
  "cjeu-c-582-14-breyer": { date: "2016-10-19", ecli: "ECLI:EU:C:2016:779", caseNo: "C-582/14" },
  "cjeu-c-13-16-rigas-satiksme": {
    date: "2017-05-04",
    ecli: "ECLI:EU:C:2017:336",
    caseNo: "C-13/16",
  },
  "cjeu-c-708-18-tk": { date: "2019-12-11", ecli: "ECLI:EU:C:2019:1064", caseNo: "C-708/18" },
  "cjeu-c-40-17-fashion-id": { date: "2019-07-29", ecli: "ECLI:EU:C:2019:629", caseNo: "C-40/17" },
  "cjeu-c-673-17-planet49": { date: "2019-10-01", ecli: "ECLI:EU:C:2019:801", caseNo: "C-673/17" },
  "cjeu-c-252-21-meta": { date: "2023-07-04", ecli: "ECLI:EU:C:2023:537", caseNo: "C-252/21" },
  "cjeu-c-621-22-knltb": { date: "2024-10-04", ecli: "ECLI:EU:C:2024:857", caseNo: "C-621/22" },
  // ECLIs not checked against the Court's records are left out of the citation.
  "cjeu-c-77-21-digi": { date: "2022-10-20", caseNo: "C-77/21" },
  "cjeu-c-26-22-schufa": { date: "2023-12-07", caseNo: "C-26/22" },
  "cjeu-c-446-21-schrems": { date: "2024-10-04", caseNo: "C-446/21" },
  "cjeu-c-65-23-k-gmbh": { date: "2024-12-19", caseNo: "C-65/23" },
  "cjeu-c-394-23-mousse": { date: "2025-01-09", caseNo: "C-394/23" },
  "cjeu-c-654-23-inteligo": { date: "2025-11-13", caseNo: "C-654/23" },
} as const;

/** Royal Assent dates of the UK Acts cited (DUAA from LEGAL-FACTS.md; DPA 2018 from the Act). */
const UK_ACT_DATES = {
  "uk-duaa-2025": "2025-06-19",
  "uk-dpa-2018-s9": "2018-05-23",
  "uk-dpa-2018-s10": "2018-05-23",
  "uk-dpa-2018-sch1": "2018-05-23",
  "uk-dpa-2018-appropriate-policy-document": "2018-05-23",
} as const;

/** Hosts of official sources; WP29 documents are only published on the Commission's site. */
const OFFICIAL_HOSTS = new Set([
  "eur-lex.europa.eu",
  "curia.europa.eu",
  "www.legislation.gov.uk",
  "www.edpb.europa.eu",
  "ico.org.uk",
  "www.cnil.fr",
  "www.gesetze-im-internet.de",
  "ec.europa.eu",
  // National legislation databases
  "www.legifrance.gouv.fr",
  "wetten.overheid.nl",
  "www.boe.es",
  "www.normattiva.it",
  "www.irishstatutebook.ie",
  "www.ris.bka.gv.at",
  "www.ejustice.just.fgov.be",
  "hudoc.echr.coe.int",
]);

function byId(id: string) {
  const ref = loadReferences().references.find((r) => r.id === id);
  if (ref === undefined) throw new Error(`missing reference ${id}`);
  return ref;
}

describe("reference library", () => {
  it("loads the shipped YAML without validation errors", () => {
    expect(() => loadReferences()).not.toThrow();
    expect(loadReferences().version).toBe(1);
  });

  it("holds exactly the fixed list of ids, no more and no fewer", () => {
    const ids = loadReferences().references.map((r) => r.id);
    expect([...ids].sort()).toEqual([...EXPECTED_IDS].sort());
  });

  it("never uses an id twice", () => {
    const ids = loadReferences().references.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("dates every judgment", () => {
    const undated = loadReferences()
      .references.filter((r) => r.kind === "case" && r.date === undefined)
      .map((r) => r.id);
    expect(undated).toEqual([]);
  });

  it.each(Object.entries(CJEU))("gives %s its judgment date, case number and ECLI", (id, want) => {
    const ref = byId(id);
    expect(ref.kind).toBe("case");
    expect(ref.date).toBe(want.date);
    expect(ref.citation).toContain(want.caseNo);
    if ("ecli" in want) expect(ref.citation).toContain(want.ecli);
  });

  it.each(Object.entries(UK_ACT_DATES))("dates %s to Royal Assent (%s)", (id, date) => {
    expect(byId(id).date).toBe(date);
  });

  it("links every entry over https to an official source", () => {
    for (const ref of loadReferences().references) {
      const url = new URL(ref.url);
      expect(url.protocol, ref.id).toBe("https:");
      expect(OFFICIAL_HOSTS.has(url.hostname), `${ref.id}: ${url.hostname}`).toBe(true);
    }
  });

  it("marks pending texts as not law", () => {
    const omnibus = byId("eu-digital-omnibus-2025-837");
    expect(omnibus.kind).toBe("proposal");
    expect(omnibus.status).toBe("proposal");
    // Guidance still out for consultation must not look final.
    expect(byId("edpb-guidelines-1-2024").status).toBe("consultation");
    expect(byId("edpb-guidelines-01-2025").status).toBe("consultation");
  });

  it("dates the UK changes of the DUAA 2025 to 5 February 2026 and the ICO's final guidance to 23 March 2026", () => {
    for (const id of ["pecr-reg-6", "pecr-reg-22-3a", "uk-gdpr-art-8a", "uk-gdpr-art-22a-22d"])
      expect(byId(id).date, id).toBe("2026-02-05");
    expect(byId("pecr-reg-6").citation).toContain("SI 2026/82");
    for (const id of [
      "ico-recognised-legitimate-interests",
      "ico-legitimate-interests",
      "ico-purpose-limitation",
    ])
      expect(byId(id).date, id).toBe("2026-03-23");
  });

  it("records that DPA 2018 s. 9 no longer sets the UK age itself", () => {
    expect(byId("uk-dpa-2018-s9").status).toBe("repealed");
  });

  it("returns the ids as a fresh set the caller may change without harm", () => {
    const ids = referenceIds();
    expect(ids.has("gdpr-art-6-1-f")).toBe(true);
    ids.delete("gdpr-art-6-1-f");
    expect(referenceIds().has("gdpr-art-6-1-f")).toBe(true);
  });
});

describe("parseReferenceLibrary", () => {
  const entry = (id: string) => `  - id: ${id}
    kind: recital
    jurisdiction: EU
    title: A recital
    citation: Regulation (EU) 2016/679, Recital 1
    url: https://eur-lex.europa.eu/eli/reg/2016/679/oj
    summary: Something we rely on.
`;

  it("names the line of a duplicate id", () => {
    const text = `version: 1\nreferences:\n${entry("same-id")}${entry("same-id")}`;
    expect(() => parseReferenceLibrary(text, "lib.yaml")).toThrow(
      /lib\.yaml:10:\d+ \(references\[1\]\.id\): duplicate reference id "same-id"/,
    );
  });

  it("refuses a plain-http source link", () => {
    const text = `version: 1\nreferences:\n${entry("one").replace("https://", "http://")}`;
    expect(() => parseReferenceLibrary(text)).toThrow(/references\[0\]\.url/);
  });

  it("refuses an unknown field", () => {
    const text = `version: 1\nreferences:\n${entry("one")}    note: extra\n`;
    expect(() => parseReferenceLibrary(text)).toThrow(/\(references\[0\]\.note\): unknown field/);
  });
});
