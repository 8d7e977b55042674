/**
 * @module cli/commands/templates
 * `basis templates`: the built-in starting assessments, by id and title.
 */
import { Command } from "commander";
import { listTemplates } from "../../content/templates.ts";
import type { Io } from "../io.ts";

export function runTemplates(io: Io, format: "text" | "json" = "text"): number {
  const list = listTemplates().map(({ id, title }) => ({ id, title }));
  if (format === "json") io.out(JSON.stringify(list, null, 2));
  else {
    const width = Math.max(...list.map((t) => t.id.length));
    for (const t of list) io.out(`${t.id.padEnd(width)}  ${t.title}`);
  }
  return 0;
}

export function templatesCommand(io: Io): Command {
  return new Command("templates")
    .description("list the built-in templates")
    .option("--format <format>", "text or json", "text")
    .action((opts: { format: "text" | "json" }) => {
      io.exit(runTemplates(io, opts.format));
    });
}
