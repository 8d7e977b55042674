/**
 * What a person reads in the editor never shows a path into the file or a rule code: the
 * sentences for every finding the templates and fixtures give (and for every rule with sample
 * values), what would change each outcome, schema problems, and the places they concern.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listTemplates, loadTemplate } from "../src/content/templates.ts";
import { evaluate } from "../src/core/evaluate.ts";
import { describeFinding } from "../src/core/messages/en.ts";
import { parseYaml } from "../src/core/parse.ts";
import { RULES } from "../src/core/rules/registry.ts";
import { Assessment, BasisFile, registerAssessments } from "../src/core/schema/index.ts";
import { liveEvaluate } from "../web/src/live.ts";
import { changeText, FIELD_PATH, issueMessage, placeLabel, RULE_CODE } from "../web/src/words.ts";

const TODAY = "2026-12-06";

function expectWords(text: string) {
  expect(text, `a rule code leaks into: ${text}`).not.toMatch(RULE_CODE);
  expect(text, `a path leaks into: ${text}`).not.toMatch(FIELD_PATH);
}

function documents(): Assessment[] {
  const docs = listTemplates().map((t) => loadTemplate(t.id));
  const dir = join(import.meta.dirname, "..", "fixtures");
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".yaml"))) {
    const parsed = parseYaml(readFileSync(join(dir, name), "utf8"), BasisFile);
    if (!parsed.ok) throw new Error(`fixture ${name} does not parse`);
    const file = parsed.value;
    docs.push(...(file.kind === "assessment" ? [file] : registerAssessments(file)));
  }
  return docs;
}

describe("words in the editor", () => {
  it("the guards catch what they are for", () => {
    expect("resolve PURPOSE_WITHOUT_DECISION").toMatch(RULE_CODE);
    expect("decisions[0].basis").toMatch(FIELD_PATH);
    expect("set lia.interests.0.statedInPrivacyNotice").toMatch(FIELD_PATH);
    expect("Art. 6(1)(f) e.g. www.example.com").not.toMatch(FIELD_PATH);
  });

  it("names a place by its label, not its path", () => {
    expect(placeLabel("decisions[0].basis")).toBe("Basis decision 1 — lawful basis");
    expect(placeLabel("lia.interests.0.title")).toBe("LIA — Interest 1 — title");
    expectWords(placeLabel("decisions[0].electronicMarketing.softOptIn.existingCustomer"));
  });

  it("words every finding and every change of the templates and fixtures without codes or paths", () => {
    const docs = documents();
    expect(docs.length).toBeGreaterThanOrEqual(8);
    for (const doc of docs) {
      // Blank the answers a template leaves to the user, so their findings are worded too.
      const bare = structuredClone(doc);
      bare.decisions = bare.decisions.map((d) => ({ purpose: d.purpose }));
      for (const a of [doc, bare]) {
        const e = evaluate(a, { today: TODAY });
        for (const f of e.findings) {
          const w = describeFinding(f);
          expect(w.title, f.code).not.toBe(f.code);
          for (const text of [w.title, w.message, w.fix]) expectWords(text);
          expectWords(placeLabel(f.path, a));
        }
        for (const c of e.trace.wouldChange) expectWords(changeText(c, a));
      }
    }
  });

  it("every rule has a sentence that names no code", () => {
    const params = { purpose: "Fraud detection", interest: "fraud", basis: "contract" };
    for (const code of Object.keys(RULES)) {
      const w = describeFinding({ code, params });
      expect(w.title, code).not.toBe(code);
      expect(w.message).not.toMatch(RULE_CODE);
    }
  });

  it("says what is wrong with an answer in words, never zod's", () => {
    const doc = structuredClone(loadTemplate(listTemplates()[0]?.id ?? ""));
    const broken = {
      ...doc,
      title: "",
      activity: { ...doc.activity, purposes: [], dataSubjects: [{ name: "x", youngestAge: 40 }] },
      decisions: [{ purpose: "Not An Id", basis: "maybe" }],
      lia: { interests: [{ id: "a", title: 5 }] },
    };
    const live = liveEvaluate(broken, TODAY);
    expect(live.issues.length).toBeGreaterThan(3);
    for (const i of live.issues) {
      expect(i.message).not.toMatch(/Invalid input|Too small|Too big|expected/i);
      expectWords(i.message);
      expectWords(placeLabel(i.path));
    }
    const result = Assessment.safeParse({ ...doc, title: undefined });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(issueMessage(result.error.issues[0] as never)).toBe("Needs an answer.");
  });
});
