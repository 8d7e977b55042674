/**
 * @module cli/schema-path
 * Where the published JSON Schema lives, written relative to the file being created so the
 * editor finds it from the file's own folder.
 */
import { dirname, join, relative, resolve } from "node:path";
import { SCHEMA_DIR } from "../content/paths.ts";

export const SCHEMA_FILE = join(SCHEMA_DIR, "assessment.schema.json");

export function schemaPathFor(outputFile: string | undefined): string {
  const from = outputFile ? dirname(resolve(outputFile)) : process.cwd();
  const rel = relative(from, SCHEMA_FILE).split("\\").join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}
