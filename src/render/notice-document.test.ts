/**
 * The privacy notice is for the public. These tests fail when internal vocabulary leaks into
 * it (the assessor's notes, to-dos, field and role names, risk-register ratings, case
 * citations, reference ids), when a purpose is missing with its basis, or when the wording of
 * one jurisdiction appears on the other's notice. Every seed fixture is rendered in Markdown
 * and HTML.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { testAssessment } from "../../test/support/render-fixtures.ts";
import { parseYaml } from "../core/parse.ts";
import { type Assessment, BasisFile, registerAssessments } from "../core/schema/index.ts";
import { toHtml } from "./html.ts";
import { toMarkdown } from "./markdown.ts";
import { buildNoticeDocument, INTERNAL_PATTERNS, publicText } from "./notice-document.ts";
import { toPlainText } from "./plain-text.ts";

const fixturesDir = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const fixtures = readdirSync(fixturesDir)
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => {
    const parsed = parseYaml(readFileSync(`${fixturesDir}${f}`, "utf8"), BasisFile);
    if (!parsed.ok) throw new Error(f);
    const file = parsed.value;
    return { name: f, assessments: file.kind === "register" ? registerAssessments(file) : [file] };
  });

const ctx = { today: "2026-11-22" };

/** What must never reach the public from these assessments. */
function internalOf(assessments: Assessment[]): string[] {
  const out: string[] = [];
  for (const a of assessments) {
    // Every sentence of the assessor's notes.
    for (const s of (a.notes ?? "").split(/(?<=[.!?])\s+/)) if (s.length > 30) out.push(s.trim());
    // Field names of the minimisation specification, as written.
    for (const f of a.lia?.minimisation?.fields ?? []) if (/[_A-Z]/.test(f.name)) out.push(f.name);
    for (const f of a.lia?.minimisation?.prohibited ?? []) out.push(f.name);
    // Risk ratings and the officer's verdict vocabulary.
    out.push("Remote", "Minimal", "likelihood", "severity", "Baseline (required by law)");
  }
  return out;
}

/** The text of a notice as a reader sees it, whatever the format. */
function visible(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');
}

describe("the privacy notice of each seed", () => {
  for (const { name, assessments } of fixtures) {
    it(`${name}: no internal vocabulary in Markdown or HTML`, () => {
      const doc = buildNoticeDocument(assessments, ctx);
      const texts = [
        toMarkdown(doc).replace(/\\(.)/g, "$1"),
        visible(toHtml(doc)),
        toPlainText(doc),
      ];
      for (const text of texts) {
        for (const pattern of INTERNAL_PATTERNS) expect(text, String(pattern)).not.toMatch(pattern);
        for (const secret of internalOf(assessments)) expect(text).not.toContain(secret);
      }
    });

    it(`${name}: every purpose, with its basis in plain words`, () => {
      const text = toPlainText(buildNoticeDocument(assessments, ctx)).replace(/\s+/g, " ");
      for (const a of assessments) {
        for (const p of a.activity.purposes) {
          const basis = a.decisions.find((d) => d.purpose === p.id)?.basis;
          const shown = publicText(p.description);
          if (shown === "") continue;
          expect(text).toContain(shown.replace(/\s+/g, " "));
          const words = {
            consent: "your consent",
            contract: "under our contract with you",
            "legal-obligation": "the law requires us",
            "vital-interests": "protect someone's life",
            "public-task": "public interest",
            "legitimate-interests": "our legitimate interests",
            "recognised-legitimate-interest": "recognised legitimate interest",
          } as const;
          if (basis) expect(text).toContain(words[basis]);
        }
      }
    });
  }

  it("leaves out a sentence carrying a to-do, a case citation, a field or role name, and keeps the rest", () => {
    const a = testAssessment();
    const interest = a.lia?.interests[0];
    if (!interest) throw new Error("fixture changed");
    interest.description =
      "Keep accounts safe from attackers. TODO: confirm with legal. Upheld in C-252/21 Meta. Reads user_agent and session_id. Only SUPER_ADMIN may read it.";
    const text = toPlainText(buildNoticeDocument([a], ctx));
    expect(text).toContain("Keep accounts safe from attackers.");
    for (const leak of ["TODO", "C-252/21", "user_agent", "SUPER_ADMIN"])
      expect(text).not.toContain(leak);
  });

  it("words an EU notice without the UK's recognised legitimate interests or the ICO", () => {
    const eu = testAssessment();
    eu.organisation = { name: "Example SA", jurisdiction: "EU" };
    const text = toPlainText(buildNoticeDocument([eu], ctx));
    expect(text).toContain("Article 6(1)(f) of the GDPR");
    expect(text).not.toMatch(/recognised legitimate interest|UK GDPR|Information Commissioner/i);
  });

  it("names a UK recognised legitimate interest only on a UK notice that relies on one", () => {
    const uk = testAssessment();
    const first = uk.decisions[0];
    if (!first) throw new Error("fixture changed");
    first.basis = "recognised-legitimate-interest";
    first.recognisedInterest = "crime";
    const text = toPlainText(buildNoticeDocument([uk], ctx));
    expect(text).toContain("a recognised legitimate interest that UK data protection law names");
    expect(text).toContain("detecting, investigating or preventing crime");
    const eu = structuredClone(uk);
    eu.organisation = { name: "Example SA", jurisdiction: "EU" };
    expect(toPlainText(buildNoticeDocument([eu], ctx))).not.toMatch(/recognised legitimate/i);
  });
});
