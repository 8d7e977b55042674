/**
 * @module verify/schemas/json-schema
 * The fields a JSON Schema (JSON or YAML) declares, with the line and column of each property
 * name: `properties`, nested objects (as `parent.child`), array `items`, `allOf`/`anyOf`/
 * `oneOf` and local `$ref`s into `$defs`/`definitions`. A nested object is walked into; a
 * property with no nested properties is a field. `patternProperties` and
 * `additionalProperties` name no field, so they are not reported.
 */
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";

export interface DeclaredField {
  name: string;
  line: number;
  col: number;
  /** The JSON Schema `format`, e.g. `email`, or the SQL column type. */
  format?: string;
  /** Where it was declared, for the report: `table users` or `#/properties/user`. */
  context?: string;
}

export type SchemaRead =
  | { ok: true; fields: DeclaredField[] }
  | { ok: false; message: string; line?: number };

const COMBINERS = ["allOf", "anyOf", "oneOf"] as const;

export function jsonSchemaFields(text: string): SchemaRead {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const first = doc.errors[0];
  if (first)
    return { ok: false, message: "not valid JSON or YAML", line: lines.linePos(first.pos[0]).line };
  if (!isMap(doc.contents)) return { ok: false, message: "a JSON Schema is an object" };
  const fields: DeclaredField[] = [];
  const walker = new Walker(doc, lines, fields);
  walker.walk(doc.contents, "", new Set(), 0);
  if (fields.length === 0)
    return { ok: false, message: "the schema declares no properties to check" };
  return { ok: true, fields };
}

class Walker {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly out: DeclaredField[],
  ) {}

  /** Walk a schema node; returns how many fields it declared. */
  walk(node: unknown, prefix: string, refs: Set<string>, depth: number): number {
    if (!isMap(node) || depth > 64) return 0;
    let count = 0;
    const props = node.get("properties", true);
    if (isMap(props)) {
      for (const pair of props.items) {
        if (!isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        const path = prefix === "" ? name : `${prefix}.${name}`;
        const nested = this.walk(pair.value, path, refs, depth + 1);
        count += nested;
        if (nested === 0) {
          const pos = this.lines.linePos(pair.key.range?.[0] ?? 0);
          const field: DeclaredField = { name: path, line: pos.line, col: pos.col };
          const format = isMap(pair.value) ? pair.value.get("format") : undefined;
          if (typeof format === "string") field.format = format;
          this.out.push(field);
          count++;
        }
      }
    }
    const items = node.get("items", true);
    if (isMap(items)) count += this.walk(items, prefix, refs, depth + 1);
    for (const key of COMBINERS) {
      const list = node.get(key, true);
      if (isSeq(list)) for (const s of list.items) count += this.walk(s, prefix, refs, depth + 1);
    }
    const ref = node.get("$ref");
    if (typeof ref === "string" && ref.startsWith("#/") && !refs.has(ref)) {
      const target = this.resolve(ref);
      if (target) {
        const inner = new Set(refs).add(ref);
        count += this.walk(target, prefix, inner, depth + 1);
      }
    }
    return count;
  }

  private resolve(ref: string): Node | undefined {
    const path = ref
      .slice(2)
      .split("/")
      .map((p) => decodeURIComponent(p.replace(/~1/g, "/").replace(/~0/g, "~")));
    const node = this.doc.getIn(path, true);
    return isMap(node) ? node : undefined;
  }
}
