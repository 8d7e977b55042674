/**
 * The signed-off document: what the PDF kept at a completed sign-off says about who approved.
 */
import { describe, expect, it } from "vitest";
import type { AssessmentContent } from "./recorded-status.ts";
import { signedDocument } from "./signed-document.ts";

const content = {
  format: "basis/v1",
  kind: "assessment",
  id: "logs",
  title: "Logs",
  signOff: { records: [{ role: "dpo", decision: "rejected", date: "2026-01-01" }] },
} as unknown as AssessmentContent;

describe("signedDocument", () => {
  it("reads as approved, listing every approval in order with the completing one last", () => {
    const doc = signedDocument(
      content,
      ["dpo", "legal-counsel"],
      [
        { role: "dpo", name: "Dana", date: "2026-11-20", comment: "Fine" },
        { role: "legal-counsel", name: "Lee", date: "2026-11-22", comment: null },
      ],
    );
    expect(doc.status).toBe("approved");
    expect(doc.signOff).toEqual({
      required: ["dpo", "legal-counsel"],
      records: [
        { role: "dpo", decision: "approved", date: "2026-11-20", name: "Dana", comment: "Fine" },
        { role: "legal-counsel", decision: "approved", date: "2026-11-22", name: "Lee" },
      ],
    });
  });

  it("replaces sign-off records the content carried with the ones the store holds", () => {
    const doc = signedDocument(
      content,
      ["dpo"],
      [{ role: "dpo", name: null, date: "2026-11-22", comment: null }],
    );
    expect(doc.signOff?.records).toEqual([
      { role: "dpo", decision: "approved", date: "2026-11-22" },
    ]);
    expect(doc.id).toBe("logs");
  });
});
