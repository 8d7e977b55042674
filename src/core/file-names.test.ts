import { describe, expect, it } from "vitest";
import { documentFileName, registerFileName } from "./file-names.ts";

describe("documentFileName", () => {
  it("names a download by id, document kind and version", () => {
    expect(documentFileName("edusphere", "lia", 7, "pdf")).toBe("edusphere-lia-v7.pdf");
    expect(documentFileName("edusphere", "lawful-basis", 7, "docx")).toBe(
      "edusphere-lawful-basis-v7.docx",
    );
    expect(documentFileName("edusphere", "screening", 2, "md")).toBe("edusphere-screening-v2.md");
  });

  it("names the notice text a notice whichever document it came from", () => {
    expect(documentFileName("edusphere", "lia", 3, "notice")).toBe("edusphere-notice-v3.txt");
  });

  it("keeps quotes, slashes and line breaks out of the header", () => {
    expect(documentFileName('a"b/c\r\nd', "lia", 1, "pdf")).toBe("a-b-c-d-lia-v1.pdf");
  });
});

describe("registerFileName", () => {
  it("names a register download by what it holds, whether it is filtered, and the day", () => {
    expect(registerFileName("art30", "csv", "2026-12-06", false)).toBe(
      "register-art30-2026-12-06.csv",
    );
    expect(registerFileName("art30", "xlsx", "2026-12-06", true)).toBe(
      "register-art30-filtered-2026-12-06.xlsx",
    );
    expect(registerFileName("lawful-basis", "pdf", "2026-12-06", true)).toBe(
      "register-lawful-basis-filtered-2026-12-06.pdf",
    );
    expect(registerFileName("lia", "notice", "2026-12-06", false)).toBe(
      "register-notice-2026-12-06.txt",
    );
  });

  it("keeps anything but a date out of the name", () => {
    expect(registerFileName("art30", "csv", '2026"\r\n', false)).toBe("register-art30-undated.csv");
  });
});
