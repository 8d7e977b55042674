/**
 * Checks case files against the case format without evaluating them (writers of cases do not
 * run the engine while writing): `npx tsx test/cases/validate.ts [file ...]`.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parse } from "yaml";
import { CASES_DIR, CaseFile, loadCases } from "./case-file.ts";

const files = process.argv.slice(2);
let bad = 0;
if (files.length === 0) {
  try {
    console.log(`${loadCases().length} case files are valid (${CASES_DIR})`);
  } catch (e) {
    console.error((e as Error).message);
    bad = 1;
  }
} else {
  for (const f of files) {
    const r = CaseFile.safeParse(parse(readFileSync(f, "utf8")));
    if (r.success) console.log(`${basename(f)}: valid`);
    else {
      bad++;
      for (const i of r.error.issues)
        console.error(`${basename(f)}: ${i.path.join(".")}: ${i.message}`);
    }
  }
}
process.exit(bad === 0 ? 0 : 1);
