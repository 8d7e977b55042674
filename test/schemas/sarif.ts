/**
 * Validates SARIF logs against the OASIS SARIF 2.1.0 JSON Schema (its final "rtm.5" text, a
 * draft-04 JSON Schema) as shipped in the npm package @microsoft/jest-sarif (MIT), so the
 * schema is not copied into this repository. See README.md beside this file.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import Ajv from "ajv-draft-04";

const require = createRequire(import.meta.url);
const SCHEMA_FILE = join(
  dirname(require.resolve("@microsoft/jest-sarif/package.json")),
  "lib/schemas/sarif-2.1.0-rtm.5.json",
);

let validate: (((data: unknown) => boolean) & { errors?: unknown }) | undefined;

/** The schema's errors for a SARIF log; an empty list when it is valid. */
export function sarifErrors(log: unknown): unknown[] {
  if (validate === undefined) {
    const ajv = new Ajv({
      allErrors: true,
      strict: false,
      validateFormats: false,
      unicodeRegExp: false,
    });
    validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, "utf8")));
  }
  return validate(log) ? [] : ((validate.errors as unknown[]) ?? ["invalid"]);
}
