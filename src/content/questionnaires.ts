/**
 * @module content/questionnaires
 * The built-in screening questionnaires: one YAML file per questionnaire in `questionnaires/`,
 * named `<id>.yaml` and validated by the same schema as any user file. Files ending in
 * `-answers.yaml` beside them are worked examples of answers, not questionnaires.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseYaml } from "../core/parse.ts";
import { Questionnaire } from "../core/questionnaire/schema.ts";
import { CONTENT_DIR } from "./paths.ts";

const DIR = join(CONTENT_DIR, "questionnaires");
const ANSWERS_SUFFIX = "-answers.yaml";

/** Ids of the built-in questionnaires, sorted. */
export async function listQuestionnaires(): Promise<string[]> {
  const names = await readdir(DIR);
  return names
    .filter((name) => name.endsWith(".yaml") && !name.endsWith(ANSWERS_SUFFIX))
    .map((name) => name.slice(0, -".yaml".length))
    .sort();
}

/**
 * Load and validate a built-in questionnaire. An unknown id throws an Error that lists the
 * known ids; a built-in file that fails validation throws with `file:line:col` for each error.
 */
export async function loadQuestionnaire(id: string): Promise<Questionnaire> {
  const known = await listQuestionnaires();
  if (!known.includes(id)) {
    throw new Error(`unknown questionnaire "${id}"; known: ${known.join(", ") || "(none)"}`);
  }
  const file = `${id}.yaml`;
  const parsed = parseYaml(await readFile(join(DIR, file), "utf8"), Questionnaire);
  if (!parsed.ok) {
    const lines = parsed.errors.map(
      (e) =>
        `${file}:${e.line ?? 0}:${e.col ?? 0}: ${e.path === "" ? "" : `${e.path}: `}${e.message}`,
    );
    throw new Error(`built-in questionnaire ${id} is invalid:\n${lines.join("\n")}`);
  }
  if (parsed.value.id !== id) {
    throw new Error(
      `${file} declares id "${parsed.value.id}"; a questionnaire file is named after its id`,
    );
  }
  return parsed.value;
}

/** The built-in questionnaires named (each once); an unknown id is left out. */
export async function loadNamedQuestionnaires(ids: readonly string[]): Promise<Questionnaire[]> {
  const known = new Set(await listQuestionnaires());
  const out: Questionnaire[] = [];
  for (const id of new Set(ids)) if (known.has(id)) out.push(await loadQuestionnaire(id));
  return out;
}
