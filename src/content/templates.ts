/**
 * @module content/templates
 * The built-in starting assessments. Each template is a YAML file in `templates/`, validated
 * by the same schema as user files.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseYaml } from "../core/parse.ts";
import { Assessment } from "../core/schema/index.ts";
import { parsedContent } from "./parsed-cache.ts";
import { CONTENT_DIR } from "./paths.ts";

const DIR = join(CONTENT_DIR, "templates");

export interface TemplateInfo {
  id: string;
  title: string;
  file: string;
}

let cache: Map<string, Assessment> | undefined;

function all(): Map<string, Assessment> {
  if (cache) return cache;
  const map = new Map<string, Assessment>();
  for (const name of readdirSync(DIR)
    .filter((n) => n.endsWith(".yaml"))
    .sort()) {
    const template = parsedContent(
      `template-${name}`,
      readFileSync(join(DIR, name), "utf8"),
      (text) => {
        const parsed = parseYaml(text, Assessment);
        if (parsed.ok) return parsed.value;
        const lines = parsed.errors.map((e) => `  ${e.path || `line ${e.line}`}: ${e.message}`);
        throw new Error(`built-in template ${name} is invalid:\n${lines.join("\n")}`);
      },
    );
    map.set(template.id, template);
  }
  cache = map;
  return map;
}

export function listTemplates(): TemplateInfo[] {
  return [...all().values()].map((t) => ({
    id: t.id,
    title: t.title,
    file: join(DIR, `${t.id}.yaml`),
  }));
}

/** A copy of a template, safe to change. Unknown ids throw, naming the known ones. */
export function loadTemplate(id: string): Assessment {
  const t = all().get(id);
  if (!t)
    throw new Error(`unknown template "${id}"; known templates: ${[...all().keys()].join(", ")}`);
  return structuredClone(t);
}
