/**
 * Document rendering times: each format (Markdown, HTML, PDF, Word) for the seed-001 LIA
 * (fixtures/levqor-platform-lia.yaml) and for a generated 50-interest LIA; and, as a baseline,
 * LibreOffice converting the same Word file to PDF (a fresh process each time, as a server
 * would use it). Called from bench/run.ts.
 *
 * PDF and Word are reported twice. The first render pays once per process for loading the
 * library and, for the PDF, parsing the fonts (for the seed-001 LIA, which goes first: the
 * command line's case); the warm figures are the median and best of the renders after it (a
 * server's case). The goals (PDF <= 300 ms, Word <= 150 ms) are for the seed-001 LIA warm.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { documentContext } from "../src/cli/commands/render.ts";
import { assessmentsOf, loadBasisFile } from "../src/cli/load-file.ts";
import type { Assessment } from "../src/core/schema/index.ts";
import { toDocx } from "../src/render/docx.ts";
import { toHtml } from "../src/render/html.ts";
import { buildLiaDocument } from "../src/render/lia-document.ts";
import { toMarkdown } from "../src/render/markdown.ts";
import type { Doc } from "../src/render/model.ts";
import { toPdf } from "../src/render/pdf.ts";
import { generatedLia } from "./generate.ts";

import { type Reference, type Row, table } from "./row.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const TODAY = "2026-11-22";

/** The first run, timed on its own, then `runs` warm runs. */
type Timing = { first: number; median: number; best: number; runs: number };

async function timed(runs: number, work: () => unknown): Promise<Timing> {
  const start = performance.now();
  await work(); // the first run: module loading, fonts, JIT
  const first = performance.now() - start;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  const sorted = times.sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return { first, median, best: sorted[0] ?? Number.NaN, runs };
}

function liaDoc(a: Assessment): Doc {
  const ctx = documentContext(TODAY);
  return buildLiaDocument(a, { ...ctx, evaluation: ctx.evaluationOf(a) });
}

/** LibreOffice converting the seed-001 LIA's DOCX to PDF, a fresh process each time (as a server would use it). */
async function libreOffice(doc: Doc): Promise<Reference | undefined> {
  const soffice = ["soffice", "libreoffice"].find(
    (tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0,
  );
  if (!soffice) {
    console.warn("\n*** LibreOffice is not installed: the documents have no reference ***\n");
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), "basis-bench-"));
  try {
    const docx = join(dir, "seed.docx");
    writeFileSync(docx, await toDocx(doc));
    const profile = `-env:UserInstallation=file://${join(dir, "profile")}`;
    const convert = () => {
      const r = spawnSync(soffice, [
        profile,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        docx,
      ]);
      if (r.status !== 0) throw new Error(`LibreOffice failed: ${r.stderr}`);
    };
    return {
      figure: "LibreOffice DOCX -> PDF of the seed-001 LIA, median of 3",
      value: round((await timed(3, convert)).median),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function documentBench(): Promise<Row[]> {
  const loaded = loadBasisFile(join(root, "fixtures/levqor-platform-lia.yaml"));
  if (!loaded.ok) throw new Error("fixtures/levqor-platform-lia.yaml does not load");
  const seed = assessmentsOf(loaded.value)[0] as Assessment;
  const subjects: [string, Doc][] = [
    ["seed-001 LIA", liaDoc(seed)],
    ["generated 50-interest LIA", liaDoc(generatedLia(50, 1))],
  ];
  const pending: Row[] = [];
  for (const [name, doc] of subjects) {
    const isSeed = name.startsWith("seed");
    const warmRuns = isSeed ? 15 : 5;
    for (const [format, render] of [
      ["Markdown", toMarkdown],
      ["HTML", toHtml],
    ] as const) {
      const t = await timed(21, () => render(doc));
      pending.push({
        figure: `render ${name}: ${format}, warm median`,
        value: round(t.median),
        unit: "ms",
      });
    }
    for (const [format, render, goal] of [
      ["PDF", toPdf, "<= 300 ms"],
      ["DOCX", toDocx, "<= 150 ms"],
    ] as const) {
      const t = await timed(warmRuns, () => render(doc));
      const first = isSeed ? "first render in the process" : "first render, library loaded";
      pending.push(
        { figure: `render ${name}: ${format}, ${first}`, value: round(t.first), unit: "ms" },
        {
          figure: `render ${name}: ${format}, warm median of ${t.runs}`,
          value: round(t.median),
          unit: "ms",
          ...(isSeed ? { goal } : {}),
        },
        {
          figure: `render ${name}: ${format}, warm best of ${t.runs}`,
          value: round(t.best),
          unit: "ms",
        },
      );
    }
  }
  // After the renders, which load the libraries first, as a command would.
  const reference = await libreOffice((subjects[0] as [string, Doc])[1]);
  return pending.map((row) => (reference ? { ...row, reference } : row));
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

if (process.argv[1]?.endsWith("bench/documents.ts")) {
  const rows = await documentBench();
  console.log(table(rows.map((r) => ({ section: "documents", ...r }))));
}
