/**
 * @module content/parsed-cache
 * The built-in content, parsed and validated, kept as JSON beside the bundle
 * (`dist/content-cache/`) with the YAML it came from. Reading YAML with locations and
 * validating it costs a command tens of milliseconds per file; JSON a fraction of one.
 * A changed file no longer equals the text kept and is parsed again (the text itself, not a
 * hash of it: loading node:crypto cost a command 6-10 ms); a cache that cannot be written (a
 * read-only install) or read back is simply not used. Only content that passed validation is
 * kept, so an invalid file is reported as before on every run.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "./paths.ts";

const CACHE_DIR = join(PACKAGE_ROOT, "dist", "content-cache");

/**
 * `parse(text)` of the file `name`, or the value it gave last time for the same text.
 * `parse` validates and throws on invalid content; what it returns must survive JSON.
 */
export function parsedContent<T>(
  name: string,
  text: string,
  parse: (text: string) => T,
  dir = CACHE_DIR,
): T {
  const file = join(dir, `${name.replaceAll(/[^a-z0-9.-]/gi, "_")}.json`);
  try {
    const kept = JSON.parse(readFileSync(file, "utf8")) as { text?: unknown; value?: T };
    if (kept.text === text && kept.value !== undefined) return kept.value;
  } catch {
    // not cached yet, or unreadable: parse below
  }
  const value = parse(text);
  // Written aside and renamed, so a concurrent reader sees a whole file or none.
  const staging = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(staging, JSON.stringify({ text, value }));
    renameSync(staging, file);
  } catch {
    // a read-only install: parse again next time
    try {
      rmSync(staging, { force: true });
    } catch {
      // nothing was written
    }
  }
  return value;
}
