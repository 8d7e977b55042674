/**
 * Document rendering times: each format (Markdown, HTML, PDF, Word) for the seed-001 LIA
 * (fixtures/levqor-platform-lia.yaml) and for a generated 50-interest LIA, as the median of
 * several warm runs in this process; and, as a baseline, LibreOffice converting the same Word
 * file to PDF (a fresh process each time, as a server would use it). Called from bench/run.ts.
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

type Row = { figure: string; value: number; unit: string; goal?: string };

const root = fileURLToPath(new URL("..", import.meta.url));
const TODAY = "2026-11-22";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timed(runs: number, work: () => unknown): Promise<number> {
  await work(); // warm up: module loading, fonts, JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  return median(times);
}

function liaDoc(a: Assessment): Doc {
  const ctx = documentContext(TODAY);
  return buildLiaDocument(a, { ...ctx, evaluation: ctx.evaluationOf(a) });
}

export async function documentBench(): Promise<Row[]> {
  const loaded = loadBasisFile(join(root, "fixtures/levqor-platform-lia.yaml"));
  if (!loaded.ok) throw new Error("fixtures/levqor-platform-lia.yaml does not load");
  const seed = assessmentsOf(loaded.value)[0] as Assessment;
  const subjects: [string, Doc][] = [
    ["seed-001 LIA", liaDoc(seed)],
    ["generated 50-interest LIA", liaDoc(generatedLia(50, 1))],
  ];
  const rows: Row[] = [];
  for (const [name, doc] of subjects) {
    const heavy = name.startsWith("generated") ? 3 : 7;
    rows.push(
      {
        figure: `render ${name}: Markdown, median`,
        value: round(await timed(21, () => toMarkdown(doc))),
        unit: "ms",
      },
      {
        figure: `render ${name}: HTML, median`,
        value: round(await timed(21, () => toHtml(doc))),
        unit: "ms",
      },
      {
        figure: `render ${name}: PDF, median`,
        value: round(await timed(heavy, () => toPdf(doc))),
        unit: "ms",
        goal: "<= 300",
      },
      {
        figure: `render ${name}: DOCX, median`,
        value: round(await timed(heavy, () => toDocx(doc))),
        unit: "ms",
        goal: "<= 150",
      },
    );
  }
  const soffice = ["soffice", "libreoffice"].find(
    (tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0,
  );
  if (soffice) {
    const dir = mkdtempSync(join(tmpdir(), "basis-bench-"));
    try {
      const docx = join(dir, "seed.docx");
      const [, seedDoc] = subjects[0] as [string, Doc];
      writeFileSync(docx, await toDocx(seedDoc));
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
      rows.push({
        figure: "baseline: LibreOffice DOCX -> PDF of the seed-001 LIA, median",
        value: round(await timed(3, convert)),
        unit: "ms",
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

if (process.argv[1]?.endsWith("bench/documents.ts")) {
  for (const row of await documentBench()) {
    console.log(
      `${row.figure.padEnd(64)} ${String(row.value).padStart(8)} ${row.unit} ${row.goal ?? ""}`,
    );
  }
}
