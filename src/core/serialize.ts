/**
 * @module core/serialize
 * Writes Basis files as YAML with the schema line editors use for autocompletion. Key order
 * follows the object, so a file read and written back keeps its shape.
 */
import { stringify } from "yaml";
import type { BasisFile } from "./schema/index.ts";

/** The first line of every file Basis writes; `schemaPath` is relative to the file or a URL. */
export function schemaLine(schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}`;
}

export function toYaml(file: BasisFile, schemaPath: string): string {
  const { $schema: _ignored, ...rest } = file;
  const body = stringify(rest, {
    lineWidth: 100,
    minContentWidth: 40,
    aliasDuplicateObjects: false,
  });
  return `${schemaLine(schemaPath)}\n${body}`;
}
