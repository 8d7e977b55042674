/**
 * Document rendering: every format for every seed fixture (the LIA in Markdown, HTML, PDF and
 * Word; the register's lawful-basis assessment in PDF and Word; the privacy notice; the Art. 30
 * register as CSV and XLSX), a generated 50-interest LIA, and as a baseline LibreOffice
 * converting the largest seed's Word file to PDF (a fresh process each time, as a server would
 * use it). Called from bench/run.ts.
 *
 * Each figure is the median of warm renders in this process (the first render, which loads
 * the library and, for the PDF, parses the fonts, is reported on its own for the PDF and Word
 * of the largest seed: the command line's case). Beside wall time each render's CPU time is
 * given, which depends far less on what else the machine is doing: quote it when the machine
 * is shared. The goals (PDF <= 300 ms, Word <= 150 ms) are for the largest seed's LIA
 * (seed 001, fixtures/levqor-platform-lia.yaml), warm. Every figure names LibreOffice's
 * conversion, measured in the same run, as its reference.
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
import { buildLawfulBasisDocument } from "../src/render/lawful-basis-document.ts";
import { buildLiaDocument } from "../src/render/lia-document.ts";
import { toMarkdown } from "../src/render/markdown.ts";
import type { Doc } from "../src/render/model.ts";
import { buildNoticeDocument } from "../src/render/notice-document.ts";
import { toPdf } from "../src/render/pdf.ts";
import { toPlainText } from "../src/render/plain-text.ts";
import { REGISTER_COLUMNS, registerRows } from "../src/render/register-rows.ts";
import { toCsv, toXlsx } from "../src/render/spreadsheet.ts";
import { generatedLia } from "./generate.ts";
import { type Reference, type Row, table } from "./row.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const TODAY = "2026-11-22";
const LARGEST = "seed-001 LIA";

/** The first run, timed on its own, then `runs` warm runs: wall and CPU medians. */
type Timing = { first: number; median: number; best: number; cpu: number; runs: number };

async function timed(runs: number, work: () => unknown): Promise<Timing> {
  const start = performance.now();
  await work(); // the first run: module loading, fonts, JIT
  const first = performance.now() - start;
  const times: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpus.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  return { first, median: median(times), best: Math.min(...times), cpu: median(cpus), runs };
}

function load(file: string): Assessment[] {
  const loaded = loadBasisFile(join(root, file));
  if (!loaded.ok) throw new Error(`${file} does not load`);
  return assessmentsOf(loaded.value);
}

function liaDoc(a: Assessment): Doc {
  const ctx = documentContext(TODAY);
  return buildLiaDocument(a, { ...ctx, evaluation: ctx.evaluationOf(a) });
}

export async function documentBench(): Promise<Row[]> {
  const rows: Row[] = [];
  const add = (name: string, t: Timing, goal?: string) => {
    rows.push(
      {
        figure: `${name}, warm median of ${t.runs}`,
        value: round(t.median),
        unit: "ms",
        ...(goal ? { goal } : {}),
      },
      { figure: `${name}, CPU time, median`, value: round(t.cpu), unit: "ms" },
    );
  };
  const seeds: [string, Doc][] = [
    [LARGEST, liaDoc(load("fixtures/levqor-platform-lia.yaml")[0] as Assessment)],
    ["seed-004 LIA", liaDoc(load("fixtures/edusphere-audit-logging-lia.yaml")[0] as Assessment)],
    [
      "seed-003 LIA",
      liaDoc(load("fixtures/statnive-cookieless-analytics-lia.yaml")[0] as Assessment),
    ],
  ];
  const register = load("fixtures/lawful-basis-register.yaml");
  const ctx = documentContext(TODAY);
  seeds.push(["seed-002 lawful-basis assessment", buildLawfulBasisDocument(register, ctx)]);
  seeds.push(["generated 50-interest LIA", liaDoc(generatedLia(50, 1))]);
  for (const [name, doc] of seeds) {
    const largest = name === LARGEST;
    const warm = name.startsWith("generated") ? 5 : 11;
    for (const [format, render] of [
      ["Markdown", toMarkdown],
      ["HTML", toHtml],
    ] as const)
      add(`render ${name}: ${format}`, await timed(21, () => render(doc)));
    for (const [format, render, goal] of [
      ["PDF", toPdf, "<= 300 ms"],
      ["DOCX", toDocx, "<= 150 ms"],
    ] as const) {
      const t = await timed(warm, () => render(doc));
      if (largest)
        rows.push({
          figure: `render ${name}: ${format}, first render in the process`,
          value: round(t.first),
          unit: "ms",
        });
      add(`render ${name}: ${format}`, t, largest ? goal : undefined);
    }
  }
  const all = [
    ...load("fixtures/levqor-platform-lia.yaml"),
    ...load("fixtures/edusphere-audit-logging-lia.yaml"),
    ...load("fixtures/statnive-cookieless-analytics-lia.yaml"),
    ...register,
  ];
  const notice = buildNoticeDocument(all, { today: TODAY });
  add("render privacy notice of every seed: text", await timed(21, () => toPlainText(notice)));
  add("build privacy notice of every seed", await timed(21, () => buildNoticeDocument(all, ctx)));
  const registerTable = registerRows(all, ctx);
  add("register of every seed: CSV", await timed(21, () => toCsv(REGISTER_COLUMNS, registerTable)));
  add(
    "register of every seed: XLSX",
    await timed(11, () =>
      toXlsx(REGISTER_COLUMNS, registerTable, { organisation: "Bench", today: TODAY }),
    ),
  );
  add(
    "build the seed-001 LIA document model",
    await timed(21, () => liaDoc(load("fixtures/levqor-platform-lia.yaml")[0] as Assessment)),
  );

  // After the renders, which load the libraries first, as a command would.
  const reference = await libreOffice(seeds[0]?.[1] as Doc);
  return rows.map((row) => (reference ? { ...row, reference } : row));
}

/** LibreOffice converting the largest seed's DOCX to PDF, a fresh process each time (as a server would use it). */
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

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

if (process.argv[1]?.endsWith("bench/documents.ts")) {
  const rows = await documentBench();
  console.log(table(rows.map((r) => ({ section: "documents", ...r }))));
}
