/**
 * @module render/pdf
 * Renders documents to PDF with pdfmake (A4, page numbers, bookmarks for headings). pdfmake
 * never fetches anything: its URL policy refuses every URL and its local-file policy allows
 * only the font files listed in `pdf-fonts.ts`, which ship inside registry packages (no
 * download at run time). Text is drawn in Roboto (Latin, Greek, Cyrillic); characters Roboto
 * lacks go to Noto fonts for Chinese and Japanese, Hebrew, Arabic and emoji (monochrome),
 * loaded only when a document uses them, then parsed once per process. See `text.ts` for
 * right-to-left ordering and its limits.
 */
import { createRequire } from "node:module";
import type { Block, Doc, NoteTone, Run, TableBlock } from "./model.ts";
import { runsOf } from "./model.ts";
import { familyOf, fontFiles, type PdfDocumentClass, shareParsedFonts } from "./pdf-fonts.ts";
import { columnWeights } from "./table-widths.ts";
import { cleanText, fontRuns, visualOrder } from "./text.ts";

type Inline = {
  text: string;
  font?: string;
  bold?: boolean;
  italics?: boolean;
  color?: string;
  wordBreak?: "break-all";
};
/** How an inline looks. */
type Look = { size: number; bold?: boolean; italics?: boolean; color?: string };
type Node = Record<string, unknown>;

const PAGE_WIDTH = 595.28; // A4, points
const MARGIN_X = 48;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const BODY_SIZE = 9.5;
const TABLE_SIZE = 8.5;
const CELL_PADDING = 8;
/** Average advance of a Latin character as a share of the font size, erring wide. */
const CHAR_EM = 0.6;

const HEADING_LOOKS: Record<1 | 2 | 3 | 4, Look> = {
  1: { size: 16, bold: true },
  2: { size: 13.5, bold: true, color: "#1f3a5f" },
  3: { size: 11.5, bold: true },
  4: { size: 10, bold: true },
};

const NOTE_COLOURS: Record<NoteTone, { fill: string; label: string }> = {
  info: { fill: "#eef3f8", label: "Note" },
  warning: { fill: "#fdf3e1", label: "Warning" },
  blocker: { fill: "#fbe4e4", label: "Blocker" },
};

/**
 * User text as pdfmake inlines: cleaned, right-to-left stretches put in display order, each
 * run in a font that has its characters, and any word too wide for `width` points allowed to
 * break between letters (so a long URL or an unbroken 5 000-character answer wraps).
 */
function inlines(text: string, look: Look, width: number): Inline[] {
  const { size } = look;
  const style = {
    fontSize: size,
    bold: look.bold ?? false,
    italics: look.italics ?? false,
    color: look.color ?? "#000000",
  };
  const out: Inline[] = [];
  const maxChars = Math.max(4, Math.floor(width / (size * CHAR_EM)));
  // Direction marks have no glyph in these fonts; `visualOrder` does their work.
  const lines = cleanText(text)
    .replace(/\t/g, "    ")
    .replace(/[\u200E\u200F\u061C]/g, "")
    .split("\n");
  lines.forEach((line, i) => {
    const visual = visualOrder(line) + (i < lines.length - 1 ? "\n" : "");
    for (const run of fontRuns(visual)) {
      const font = { font: familyOf(run.face) };
      let pending = "";
      for (const piece of run.text.split(/(\s+)/)) {
        const long = piece.length > maxChars && !/[\uD800-\uDFFF]/.test(piece);
        if (!long) {
          pending += piece;
          continue;
        }
        if (pending !== "") out.push({ text: pending, ...font, ...style });
        out.push({ text: piece, ...font, ...style, wordBreak: "break-all" });
        pending = "";
      }
      if (pending !== "") out.push({ text: pending, ...font, ...style });
    }
  });
  return out.length > 0 ? out : [{ text: "", ...style }];
}

function runInlines(runs: Run[], size: number, width: number): Inline[] {
  return runs.flatMap((run) =>
    inlines(run.text, { size, bold: run.bold === true, italics: run.italic === true }, width),
  );
}

const tableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => "#9aa5b1",
  vLineColor: () => "#9aa5b1",
  paddingLeft: () => CELL_PADDING / 2,
  paddingRight: () => CELL_PADDING / 2,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5,
};

const keyValueLayout = {
  ...tableLayout,
  vLineWidth: () => 0,
  hLineColor: () => "#d5dbe1",
};

function renderTable(block: TableBlock): Node[] {
  const width = block.columns.length;
  if (width === 0) return [];
  const rows = block.rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ""));
  const weights = columnWeights(block.columns, rows);
  const usable = CONTENT_WIDTH - width * (CELL_PADDING + 0.5);
  const widths = weights.map((w) => usable * w);
  const size = width >= 4 ? TABLE_SIZE : BODY_SIZE;
  const nodes: Node[] = [];
  if (block.caption !== undefined && block.caption.trim() !== "") {
    nodes.push({ text: inlines(block.caption, { size, italics: true }, CONTENT_WIDTH) });
  }
  nodes.push({
    table: {
      headerRows: 1,
      dontBreakRows: keepRowsWhole(rows),
      widths: weights.map((w) => `${(w * 100).toFixed(2)}%`),
      body: [
        block.columns.map((c, i) => ({
          text: inlines(c, { size, bold: true }, widths[i] ?? usable),
          fillColor: "#e6ebf0",
        })),
        ...rows.map((row) =>
          row.map((cell, i) => ({ text: inlines(cell, { size }, widths[i] ?? usable) })),
        ),
      ],
    },
    layout: tableLayout,
    fontSize: size,
    margin: [0, 2, 0, 8],
  });
  return nodes;
}

/**
 * Rows are kept on one page (a row split over a page break is hard to read) unless one is so
 * long that it could not fit on a page at all.
 */
function keepRowsWhole(rows: string[][]): boolean {
  return rows.every((row) => row.reduce((n, cell) => n + cell.length, 0) < 1200);
}

function keyValueTable(rows: [string, string][]): Node {
  const labelWidth = CONTENT_WIDTH * 0.3;
  return {
    table: {
      dontBreakRows: keepRowsWhole(rows),
      widths: ["30%", "70%"],
      body: rows.map(([label, value]) => [
        { text: inlines(label, { size: BODY_SIZE, bold: true }, labelWidth) },
        { text: inlines(value, { size: BODY_SIZE }, CONTENT_WIDTH - labelWidth) },
      ]),
    },
    layout: keyValueLayout,
    margin: [0, 2, 0, 8],
  };
}

/** Heading ids for the PDF's bookmarks, nested by level. */
interface Outline {
  next: number;
  parents: string[];
}

function renderBlock(block: Block, outline: Outline): Node[] {
  switch (block.kind) {
    case "heading": {
      const id = `h${outline.next++}`;
      const parent = outline.parents[block.level - 1];
      outline.parents[block.level] = id;
      outline.parents.length = block.level + 1;
      return [
        {
          text: inlines(block.text, HEADING_LOOKS[block.level], CONTENT_WIDTH),
          style: `h${block.level}`,
          ...(block.level <= 3
            ? { id, outline: true, outlineText: cleanText(block.text).replace(/\s+/g, " ") }
            : {}),
          ...(parent !== undefined && block.level <= 3 ? { outlineParentId: parent } : {}),
        },
      ];
    }
    case "paragraph":
      return [{ text: runInlines(runsOf(block), BODY_SIZE, CONTENT_WIDTH), margin: [0, 0, 0, 6] }];
    case "list": {
      const items = block.items.map((item) => ({
        text: inlines(item, { size: BODY_SIZE }, CONTENT_WIDTH - 20),
      }));
      return [{ [block.ordered ? "ol" : "ul"]: items, margin: [0, 0, 0, 6] }];
    }
    case "table":
      return renderTable(block);
    case "keyValue":
      return block.rows.length > 0 ? [keyValueTable(block.rows)] : [];
    case "note": {
      const { fill, label } = NOTE_COLOURS[block.tone];
      const body = [
        ...inlines(`${label}: `, { size: BODY_SIZE, bold: true }, CONTENT_WIDTH),
        ...inlines(block.text, { size: BODY_SIZE }, CONTENT_WIDTH - 12),
      ];
      return [
        {
          table: { widths: ["*"], body: [[{ text: body, fillColor: fill }]] },
          layout: { ...keyValueLayout, hLineWidth: () => 0 },
          margin: [0, 2, 0, 8],
        },
      ];
    }
  }
}

function docContent(doc: Doc, first: boolean, outline: Outline): Node[] {
  outline.parents = [];
  const content: Node[] = [
    {
      text: inlines(doc.title, { size: 20, bold: true }, CONTENT_WIDTH),
      style: "title",
      ...(first ? {} : { pageBreak: "before" }),
    },
  ];
  if (doc.subtitle !== undefined && doc.subtitle.trim() !== "") {
    content.push({
      text: inlines(doc.subtitle, { size: 14, color: "#333333" }, CONTENT_WIDTH),
      style: "subtitle",
    });
  }
  if (doc.meta.length > 0) content.push(keyValueTable(doc.meta));
  const blocks = doc.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block;
    const next = blocks[i + 1];
    if (block.kind === "heading" && next !== undefined && next.kind !== "heading" && small(next)) {
      // Keep a heading with what follows it: never leave one alone at the foot of a page.
      // (pdfmake's pageBreakBefore does this by laying the whole document out again for each
      // such heading, which made long documents take seconds.)
      content.push({
        stack: [...renderBlock(block, outline), ...renderBlock(next, outline)],
        unbreakable: true,
      });
      i++;
    } else content.push(...renderBlock(block, outline));
  }
  return content;
}

/** A block short enough to move to the next page whole with its heading. */
function small(block: Block): boolean {
  const text = (cells: string[]) => cells.reduce((n, c) => n + c.length, 0);
  switch (block.kind) {
    case "table":
      return block.rows.length <= 6 && text(block.rows.flat()) < 1200;
    case "keyValue":
      return block.rows.length <= 8 && text(block.rows.flat()) < 1200;
    case "list":
      return block.items.length <= 8 && text(block.items) < 1200;
    case "paragraph":
      return text(runsOf(block).map((r) => r.text)) < 1200;
    default:
      return true;
  }
}

/** A PDF of one document, or of several, each starting on a new page. */
export async function toPdf(docs: Doc | readonly Doc[]): Promise<Uint8Array> {
  const list: readonly Doc[] = Array.isArray(docs) ? docs : [docs as Doc];
  const { default: pdfmake } = await import("pdfmake");
  // The class pdfmake's printer makes its documents from (the same module instance).
  shareParsedFonts(
    (createRequire(import.meta.url)("pdfmake/js/PDFDocument.js") as { default: PdfDocumentClass })
      .default,
  );
  const table = fontFiles();
  const allowed = new Set(Object.values(table).flatMap((f) => Object.values(f)));
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => allowed.has(path));
  // pdfmake writes resolved paths back into the table it is given: give it a copy each time.
  pdfmake.setFonts(Object.fromEntries(Object.entries(table).map(([k, v]) => [k, { ...v }])));
  const outline: Outline = { next: 0, parents: [] }; // heading ids are unique across documents
  const firstDoc = list[0];
  const running = cleanText(firstDoc?.subtitle ?? firstDoc?.title ?? "").replace(/\s+/g, " ");
  const definition = {
    pageSize: "A4",
    pageMargins: [MARGIN_X, 50, MARGIN_X, 50],
    info: {
      title: cleanText([firstDoc?.title, firstDoc?.subtitle].filter(Boolean).join(": ")),
      creator: "Basis",
      producer: "Basis",
    },
    content: list.flatMap((doc, i) => docContent(doc, i === 0, outline)),
    defaultStyle: { font: "Roboto", fontSize: BODY_SIZE, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 20, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 14, color: "#333333", margin: [0, 0, 0, 10] },
      h1: { fontSize: 16, bold: true, margin: [0, 14, 0, 6] },
      h2: { fontSize: 13.5, bold: true, margin: [0, 14, 0, 6], color: "#1f3a5f" },
      h3: { fontSize: 11.5, bold: true, margin: [0, 10, 0, 4] },
      h4: { fontSize: 10, bold: true, margin: [0, 8, 0, 3] },
    },
    footer: (page: number, pages: number) => ({
      columns: [
        {
          text: inlines(running.slice(0, 90), { size: 8, color: "#666666" }, CONTENT_WIDTH * 0.75),
          width: "*",
        },
        { text: `Page ${page} of ${pages}`, alignment: "right", width: 80 },
      ],
      fontSize: 8,
      color: "#666666",
      margin: [MARGIN_X, 18, MARGIN_X, 0],
    }),
  };
  return pdfmake.createPdf(definition).getBuffer();
}
