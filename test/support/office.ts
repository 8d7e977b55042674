/**
 * LibreOffice for the document tests: the command, if installed, and one conversion of Word
 * files to PDF with a profile of its own (safe next to other runs).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;

/** `soffice` or `libreoffice`, whichever is installed. */
export const SOFFICE = has("soffice") ? "soffice" : has("libreoffice") ? "libreoffice" : undefined;

/** Convert `files` to PDF into `<dir>/lo`, each `name.docx` becoming `name.pdf`. */
export function convertToPdf(dir: string, files: readonly string[], timeout = 180_000): void {
  if (!SOFFICE) throw new Error("LibreOffice is not installed");
  const r = spawnSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${join(dir, "lo-profile")}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      join(dir, "lo"),
      ...files,
    ],
    { encoding: "utf8", timeout },
  );
  if (r.status !== 0) throw new Error(`LibreOffice failed: ${r.stderr}`);
}
