import { describe, expect, it } from "vitest";
import { documentFileName } from "./file-names.ts";

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
