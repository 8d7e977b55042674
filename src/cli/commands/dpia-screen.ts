/**
 * @module cli/commands/dpia-screen
 * `basis dpia screen <file>`: for each assessment in the file, whether a DPIA is required,
 * likely or not needed, each criterion that applies with its list, title, the facts that made
 * it apply and its references, and whether a DPIA is held and concluded.
 *
 * A screening is advice: it exits 0 whatever it finds, 1 for a file that cannot be read or is
 * invalid. With `--fail-on required` (or `likely`) it exits 1 while an assessment needs a
 * DPIA at that level and has not concluded one, for CI.
 */
import { Option } from "commander";
import { type ScreeningView, screeningText, screeningView } from "../../render/dpia-screening.ts";
import { EXIT, type Io } from "../io.ts";
import { evaluateFile } from "../load-file.ts";
import { checkToday } from "./evaluate.ts";

export interface DpiaScreenOptions {
  format?: "text" | "json";
  today?: string;
  failOn?: "required" | "likely" | "none";
}

export function runDpiaScreen(io: Io, file: string, opts: DpiaScreenOptions): number {
  const today = checkToday(opts.today);
  const loaded = evaluateFile(file, today, io.err);
  if (!loaded) return EXIT.failed;
  const views = loaded.evaluated.map(({ assessment, evaluation }) =>
    screeningView(assessment, evaluation),
  );
  if (opts.format === "json") {
    const body = loaded.file.kind === "register" ? { activities: views } : views[0];
    io.out(JSON.stringify(body, null, 2));
  } else {
    const bold = (s: string) => (io.isTTY ? `\u001b[1m${s}\u001b[22m` : s);
    io.out(views.map((v) => screeningText(v, bold)).join("\n"));
  }
  return views.some((v) => gates(v, opts.failOn ?? "none")) ? EXIT.failed : EXIT.ok;
}

function gates(v: ScreeningView, failOn: "required" | "likely" | "none"): boolean {
  if (failOn === "none" || v.dpia.completed) return false;
  return v.verdict === "required" || (failOn === "likely" && v.verdict === "likely");
}

export const screenOptions = [
  new Option("--format <format>", "output format").choices(["text", "json"]).default("text"),
  new Option("--today <date>", "screen as of this date (YYYY-MM-DD)"),
  new Option("--fail-on <level>", "exit 1 while a DPIA is needed at this level and not concluded")
    .choices(["required", "likely", "none"])
    .default("none"),
];
