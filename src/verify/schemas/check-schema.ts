/**
 * @module verify/schemas/check-schema
 * Judges the fields a schema declares against the specification: every declared field the
 * specification does not list or prohibits, and a JSON Schema `format: email` on a field that
 * does not promise email addresses. Counted per declaration, located at the field's name.
 */
import type { CompiledSpec } from "../spec.ts";
import type { Tally } from "../tally.ts";
import type { DeclaredField } from "./json-schema.ts";

export function checkDeclaredFields(
  spec: CompiledSpec,
  fields: readonly DeclaredField[],
  tally: Tally,
): void {
  for (const f of fields) {
    const res = spec.resolve(f.name);
    const where = f.context ? ` (${f.context})` : "";
    if (res.kind === "field") {
      if (/^(idn-)?email$/i.test(f.format ?? "") && !res.field.allowsEmail)
        tally.hit(
          "EMAIL_ADDRESS",
          res.name,
          f.line,
          `${f.name} is declared with format ${f.format}${where}`,
          f.col,
        );
      continue;
    }
    const code = res.kind === "prohibited" ? "FIELD_PROHIBITED" : "FIELD_NOT_IN_SPEC";
    const type = f.format ? ` ${f.format}` : "";
    tally.hit(code, res.name, f.line, `${f.name}${type} declared${where}`, f.col);
  }
}
