/**
 * @module core/file-names
 * What a downloaded document is called, once, for the server's Content-Disposition and the
 * web app's download links alike: `<id>-<kind>-v<version>.<extension>`, so a folder of
 * downloads says what each file is and which version it records (`edusphere-lia-v7.pdf`).
 */

/** The file extension of each document format the API renders. */
export const FORMAT_EXTENSIONS = {
  md: "md",
  html: "html",
  pdf: "pdf",
  docx: "docx",
  notice: "txt",
} as const;
export type DocumentFormat = keyof typeof FORMAT_EXTENSIONS;

/**
 * The file name of a document: the assessment's id, the kind (`lia`, `lawful-basis`,
 * `notice`, `screening`, `signed-off`), the version and the extension. The notice format is
 * the privacy-notice text whichever document it was asked of, so it is named `notice`.
 * Characters a file system or a header would take badly are replaced by `-`.
 */
export function documentFileName(
  id: string,
  kind: string,
  version: number,
  format: DocumentFormat | "txt",
): string {
  const extension = format === "txt" ? "txt" : FORMAT_EXTENSIONS[format];
  const named = format === "notice" ? "notice" : kind;
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "-");
  return `${safe(id)}-${safe(named)}-v${version}.${extension}`;
}

/** What a register download holds: the Art. 30 record, or one of the register's documents. */
export type RegisterFileKind = "art30" | "lia" | "lawful-basis" | "notice" | "screening" | "dpia";

/**
 * The file name of a register download: `register-<kind>[-filtered]-<day>.<extension>`
 * (`register-art30-filtered-2026-12-06.xlsx`). A register changes every day, so the day it
 * was taken on is in the name; `filtered` says it holds only the activities a filter or a
 * search selected, not the whole register.
 */
export function registerFileName(
  kind: RegisterFileKind,
  format: DocumentFormat | "csv" | "xlsx",
  today: string,
  filtered: boolean,
): string {
  const extension = format === "csv" || format === "xlsx" ? format : FORMAT_EXTENSIONS[format];
  const named = format === "notice" ? "notice" : kind;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(today) ? today : "undated";
  return `register-${named}${filtered ? "-filtered" : ""}-${day}.${extension}`;
}
