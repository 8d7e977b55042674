/**
 * Tests for the DPIA document: the summary states the residual risk and the Art. 36 finding
 * the rules engine reaches, the risk map places every risk before and after its measures,
 * the action plan puts open measures first by due date, the LIA's tests are reused when the
 * DPIA says so, and hostile user text stays text in Markdown, HTML and Word.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tableShapes, testAssessment } from "../../test/support/render-fixtures.ts";
import { DomainError } from "../core/errors.ts";
import { Assessment, type DpiaSection } from "../core/schema/index.ts";
import { buildDpiaDocument } from "./dpia-document.ts";
import { toHtml } from "./html.ts";
import { toMarkdown } from "./markdown.ts";
import type { Block, Doc, TableBlock } from "./model.ts";
import { buildDocuments, documentContext } from "./publish.ts";

const TODAY = "2026-11-22";

function dpia(): DpiaSection {
  return {
    description: {
      nature: "Logs written by the web servers",
      scope: "Every request",
      context: "Account holders",
    },
    necessity: { reusesLia: true },
    risks: [
      {
        id: "access",
        kind: "illegitimate-access",
        title: "Access by an outsider",
        before: { likelihood: "significant", severity: "maximum" },
        after: { likelihood: "limited", severity: "limited" },
        measures: ["mfa"],
      },
      {
        id: "change",
        kind: "unwanted-modification",
        title: "Entries altered",
        before: { likelihood: "limited", severity: "significant" },
        after: { likelihood: "limited", severity: "significant" },
        measures: ["chain"],
      },
      {
        id: "loss",
        kind: "disappearance",
        title: "Logs lost",
        before: { likelihood: "limited", severity: "limited" },
        after: { likelihood: "negligible", severity: "limited" },
      },
    ],
    measures: [
      { id: "done-one", title: "Access limited to the security team", status: "done" },
      {
        id: "chain",
        title: "Hash chain",
        status: "planned",
        owner: "Platform lead",
        due: "2027-02-01",
      },
      {
        id: "mfa",
        title: "Multi-factor sign-in",
        status: "in-progress",
        owner: "IT",
        due: "2026-10-01",
      },
    ],
    dpoAdvice: { advice: "Go ahead", favourable: true, by: "The DPO", on: "2026-01-20" },
    dataSubjectViews: { sought: false, reasonNotSought: "A survey would be disproportionate" },
    conclusion: { decidedBy: "The DPO", decidedOn: "2026-01-20" },
  };
}

function withDpia(d: DpiaSection = dpia()): Assessment {
  return Assessment.parse({ ...testAssessment(), dpia: d });
}

function build(a: Assessment): Doc {
  const ctx = documentContext(TODAY, []);
  return buildDpiaDocument(a, { ...ctx, evaluation: ctx.evaluationOf(a) });
}

function section(doc: Doc, title: string): Block[] {
  const start = doc.blocks.findIndex((b) => b.kind === "heading" && b.text === title);
  expect(start, `no section "${title}"`).toBeGreaterThanOrEqual(0);
  const end = doc.blocks.findIndex((b, i) => i > start && b.kind === "heading" && b.level === 2);
  return doc.blocks.slice(start + 1, end === -1 ? undefined : end);
}

function kv(blocks: Block[]): Record<string, string> {
  return Object.fromEntries(blocks.flatMap((b) => (b.kind === "keyValue" ? b.rows : [])));
}

function tables(blocks: Block[]): TableBlock[] {
  return blocks.filter((b): b is TableBlock => b.kind === "table");
}

describe("the DPIA document", () => {
  it("has the cover block, the summary and the numbered sections of a DPIA", () => {
    const doc = build(withDpia());
    expect(doc.title).toBe("Data Protection Impact Assessment");
    expect(doc.meta.map(([k]) => k)).toEqual(
      expect.arrayContaining(["Organisation", "Processing activity", "Version", "Residual risk"]),
    );
    const headings = doc.blocks.flatMap((b) =>
      b.kind === "heading" && b.level === 2 ? [b.text] : [],
    );
    expect(headings).toEqual([
      "Summary",
      "1. Why a DPIA",
      "2. Systematic description of the processing",
      "3. Necessity and proportionality",
      "4. Risks to the people concerned",
      "5. Action plan",
      "6. Advice of the data protection officer",
      "7. Views of the people concerned",
      "8. Prior consultation of the supervisory authority",
      "9. Conclusion",
      "10. Sign-off",
      "Appendix A. Findings on the DPIA",
      "Appendix B. References cited",
    ]);
    const summary = kv(section(doc, "Summary"));
    expect(summary["DPO's advice"]).toBe("Favourable (The DPO, 20 January 2026).");
    expect(summary["Views of the people concerned"]).toBe(
      "Not sought: A survey would be disproportionate",
    );
  });

  it("finds the residual risk high, and Art. 36 consultation required, when a risk stays high", () => {
    const d = dpia();
    const change = d.risks[1];
    if (!change) throw new Error("fixture changed");
    change.after = { likelihood: "significant", severity: "significant" };
    const doc = build(withDpia(d));
    expect(doc.meta).toContainEqual(["Residual risk", "High"]);
    const summary = section(doc, "Summary");
    expect(summary).toContainEqual(
      expect.objectContaining({
        kind: "note",
        tone: "blocker",
        text: expect.stringMatching(/Art\. 36\(1\)/),
      }),
    );
    expect(kv(summary)["Prior consultation (Art. 36)"]).toMatch(/^Required/);
    // The finding behind it is the rules engine's, listed in the appendix.
    expect(JSON.stringify(section(doc, "Appendix A. Findings on the DPIA"))).toContain("Blocker");

    d.priorConsultation = { date: "2026-03-01", outcome: "The authority raised no objection." };
    const consulted = build(withDpia(d));
    expect(kv(section(consulted, "Summary"))["Prior consultation (Art. 36)"]).toBe(
      "The supervisory authority was consulted on 1 March 2026: The authority raised no objection.",
    );
  });

  it("says consultation is not required when no risk stays high", () => {
    const doc = build(withDpia());
    expect(doc.meta).toContainEqual(["Residual risk", "Low"]);
    expect(kv(section(doc, "Summary"))["Prior consultation (Art. 36)"]).toBe(
      "Not required: no high risk remains after the measures.",
    );
  });

  it("places each risk on the risk map before and after its measures, keeping every level", () => {
    const blocks = section(build(withDpia()), "4. Risks to the people concerned");
    const map = tables(blocks).find((t) => t.columns[0] === "Severity / likelihood");
    if (!map) throw new Error("no risk map");
    expect(map.columns).toEqual([
      "Severity / likelihood",
      "Negligible",
      "Limited",
      "Significant",
      "Maximum",
    ]);
    const at = (severity: string, likelihood: string) =>
      map.rows.find((r) => r[0] === severity)?.[map.columns.indexOf(likelihood)];
    expect(at("Maximum", "Significant")).toBe("R1 before");
    expect(at("Limited", "Limited")).toBe("R1 after; R3 before");
    expect(at("Significant", "Limited")).toBe("R2 before; R2 after");
    expect(at("Limited", "Negligible")).toBe("R3 after");
    expect(at("Negligible", "Maximum")).toBe("");
    const list = tables(blocks)[0];
    expect(list?.rows[0]).toEqual([
      "R1",
      "Access by an outsider",
      "Illegitimate access",
      "Significant likelihood, maximum severity (high risk)",
      "Limited likelihood, limited severity",
      "Multi-factor sign-in",
    ]);
  });

  it("lists the action plan open measures first by due date, with owner and overdue marked", () => {
    const blocks = section(build(withDpia()), "5. Action plan");
    const plan = tables(blocks)[0];
    // No measure here has a description, so that column is left out.
    expect(plan?.columns).toEqual(["Measure", "Status", "Owner", "Due", "Risks"]);
    expect(plan?.rows).toEqual([
      ["Multi-factor sign-in", "In progress", "IT", "1 October 2026 (overdue)", "R1"],
      ["Hash chain", "Planned", "Platform lead", "1 February 2027", "R2"],
      ["Access limited to the security team", "Done", "", "", ""],
    ]);
  });

  it("reproduces the LIA's necessity and balancing when the DPIA reuses them, and not otherwise", () => {
    const reused = JSON.stringify(section(build(withDpia()), "3. Necessity and proportionality"));
    expect(reused).toContain("3.1 Necessity test (from the LIA)");
    expect(reused).toContain("Brute-force attacks cannot be detected without login logs.");
    expect(reused).toContain("3.2 Balancing test (from the LIA)");
    const own = dpia();
    own.necessity = { notes: "Only the fields needed" };
    const text = JSON.stringify(section(build(withDpia(own)), "3. Necessity and proportionality"));
    expect(text).not.toContain("from the LIA");
    expect(text).toContain("Only the fields needed");
  });

  it("is made only for an assessment with a DPIA (not_found otherwise)", () => {
    const ctx = documentContext(TODAY, []);
    expect(() => buildDocuments({ assessments: [testAssessment()] }, "md", "dpia", ctx)).toThrow(
      DomainError,
    );
    expect(buildDocuments({ assessments: [withDpia()] }, "md", "dpia", ctx)).toHaveLength(1);
  });

  it("keeps hostile text literal in Markdown, HTML and Word", async () => {
    const hostile = '<script>alert(1)</script> | [x](javascript:alert(1)) **b** & "q"';
    const d = dpia();
    const [first] = d.risks;
    const [, chain] = d.measures;
    if (!first || !chain) throw new Error("fixture changed");
    first.title = hostile;
    first.threats = [hostile];
    chain.owner = hostile;
    chain.title = hostile;
    d.dpoAdvice = { advice: hostile, by: hostile };
    d.dataSubjectViews = { sought: true, by: hostile, summary: hostile };
    const doc = build(withDpia(d));

    const markdown = toMarkdown(doc);
    expect(markdown).not.toMatch(/<script/i);
    expect(markdown).not.toMatch(/(?<!\\)\]\(/);
    for (const shape of tableShapes(markdown))
      expect(shape.every((cells) => cells === shape[0])).toBe(true);

    const html = toHtml([doc]);
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");

    const { toDocx } = await import("./docx.ts");
    const dir = mkdtempSync(join(tmpdir(), "basis-dpia-"));
    try {
      const file = join(dir, "dpia.docx");
      writeFileSync(file, await toDocx([doc]));
      const xml = spawnSync("unzip", ["-p", file, "word/document.xml"], { encoding: "utf8" });
      expect(xml.status).toBe(0);
      // Word breaks long runs at separators with zero-width spaces; the text is otherwise as written.
      const text = xml.stdout.replace(/\u200B/g, "");
      expect(text.includes("<script>")).toBe(false);
      expect(text.includes("&lt;script&gt;alert(1)&lt;/script&gt;")).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
