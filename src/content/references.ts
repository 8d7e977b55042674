/**
 * @module content/references
 * Loads the legal knowledge base shipped with Basis (`references.yaml` next to this file),
 * validates it against the core schema and keeps it in memory. A broken library is a bug in
 * Basis itself, so the loader throws with every located error instead of returning them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type LocatedError, parseYaml } from "../core/parse.ts";
import { ReferenceLibrary } from "../core/references.ts";
import { parsedContent } from "./parsed-cache.ts";
import { CONTENT_DIR } from "./paths.ts";

const LIBRARY_URL = join(CONTENT_DIR, "references.yaml");

let cached: ReferenceLibrary | undefined;
let cachedIds: Set<string> | undefined;

/** Parse and validate library text; exported for tests that feed it broken YAML. */
export function parseReferenceLibrary(text: string, source = "references.yaml"): ReferenceLibrary {
  const result = parseYaml(text, ReferenceLibrary);
  if (result.ok) return result.value;
  const lines = result.errors.map((e) => `  ${formatLocation(source, e)}: ${e.message}`);
  throw new Error(`invalid reference library ${source}:\n${lines.join("\n")}`);
}

/** The validated reference library, read once per process. */
export function loadReferences(): ReferenceLibrary {
  if (cached === undefined) {
    cached = parsedContent("references.yaml", readFileSync(LIBRARY_URL, "utf8"), (text) =>
      parseReferenceLibrary(text),
    );
  }
  return cached;
}

/** Every reference id in the library, for checking citations (`EvaluateOptions.knownRefs`). */
export function referenceIds(): Set<string> {
  if (cachedIds === undefined) {
    cachedIds = new Set(loadReferences().references.map((r) => r.id));
  }
  // A copy, so a caller that adds to it cannot corrupt the cache.
  return new Set(cachedIds);
}

function formatLocation(source: string, e: LocatedError): string {
  const at =
    e.line === undefined ? source : `${source}:${e.line}${e.col === undefined ? "" : `:${e.col}`}`;
  return e.path === "" ? at : `${at} (${e.path})`;
}
