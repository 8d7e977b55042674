/**
 * @module cli/commands/references
 * `basis references`: the knowledge base, so users can find the ids to cite.
 */
import { Command } from "commander";
import { loadReferences } from "../../content/references.ts";
import type { Io } from "../io.ts";

export function referencesCommand(io: Io): Command {
  return new Command("references")
    .description("list the legal references Basis knows (ids to cite)")
    .option("--format <format>", "text or json", "text")
    .action((opts: { format: string }) => {
      const refs = loadReferences().references;
      if (opts.format === "json") io.out(JSON.stringify(refs, null, 2));
      else for (const r of refs) io.out(`${r.id.padEnd(40)} ${r.title}`);
    });
}
