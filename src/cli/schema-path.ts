/**
 * @module cli/schema-path
 * Where the published JSON Schema lives, written relative to the file being created so the
 * editor finds it from the file's own folder.
 */
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const SCHEMA_FILE = fileURLToPath(
  new URL("../../schema/assessment.schema.json", import.meta.url),
);

export function schemaPathFor(outputFile: string | undefined): string {
  const from = outputFile ? dirname(resolve(outputFile)) : process.cwd();
  const rel = relative(from, SCHEMA_FILE).split("\\").join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}
