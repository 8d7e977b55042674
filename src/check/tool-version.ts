/**
 * @module check/tool-version
 * The version Basis reports as the tool in SARIF and JUnit output, read from its own
 * package.json so it cannot drift from the release.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../content/paths.ts";

let cached: string | undefined;

export function toolVersion(): string {
  if (cached === undefined) {
    try {
      cached = String(JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")).version);
    } catch {
      cached = "0.0.0";
    }
  }
  return cached;
}
