/**
 * Writes the JSON Schemas under schema/ from the zod schemas, so editors can autocomplete
 * Basis files. `npm test` fails when a committed schema is out of date.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PUBLISHED_SCHEMAS } from "../src/core/json-schema.ts";

for (const [name, generate] of Object.entries(PUBLISHED_SCHEMAS)) {
  const target = fileURLToPath(new URL(`../schema/${name}`, import.meta.url));
  writeFileSync(target, `${JSON.stringify(generate(), null, 2)}\n`);
  console.log(`wrote schema/${name}`);
}
