/**
 * @module core/json-schema
 * The JSON Schemas Basis publishes (assessment and register files, questionnaires, the
 * references library), generated from the zod schemas and never written by hand.
 */
import { z } from "zod";
import { Questionnaire } from "./questionnaire/schema.ts";
import { ReferenceLibrary } from "./references.ts";
import { BasisFile } from "./schema/index.ts";

const BASE = "https://basis.invalid/schema/";

function generate(schema: z.ZodType, name: string, title: string): Record<string, unknown> {
  // Refinements (unique ids, jump targets) cannot be expressed in JSON Schema; the zod
  // validation that runs on every load still applies them.
  const json = z.toJSONSchema(schema, {
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "any",
  });
  return { ...json, $id: `${BASE}${name}`, title };
}

export function assessmentJsonSchema(): Record<string, unknown> {
  return generate(BasisFile, "assessment.schema.json", "Basis assessment or register file");
}

export function questionnaireJsonSchema(): Record<string, unknown> {
  return generate(Questionnaire, "questionnaire.schema.json", "Basis screening questionnaire");
}

export function referencesJsonSchema(): Record<string, unknown> {
  return generate(ReferenceLibrary, "references.schema.json", "Basis references library");
}

/** Every published schema by file name under `schema/`. */
export const PUBLISHED_SCHEMAS = {
  "assessment.schema.json": assessmentJsonSchema,
  "questionnaire.schema.json": questionnaireJsonSchema,
  "references.schema.json": referencesJsonSchema,
} as const;
