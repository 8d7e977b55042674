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
import { type Branding, brandColour, fitLogo, logoDataUrl } from "./branding.ts";
import type { Block, Doc, NoteTone, Run, TableBlock } from "./model.ts";
import { runsOf } from "./model.ts";
import { familyOf, fontFiles, type PdfDocumentClass, shareParsedFonts } from "./pdf-fonts.ts";
import { columnWeights } from "./table-widths.ts";
import { cleanText, fontRuns, SOFT_BREAK, softBreaks, visualOrder } from "./text.ts";

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

function headingLooks(colour: string): Record<1 | 2 | 3 | 4, Look> {
  return {
    1: { size: 16, bold: true },
    2: { size: 13.5, bold: true, color: colour },
    3: { size: 11.5, bold: true },
    4: { size: 10, bold: true },
  };
}

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
  const lines = softBreaks(cleanText(text))
    .replace(/\t/g, "    ")
    .replace(/[\u200E\u200F\u061C]/g, "")
    .split("\n");
  lines.forEach((line, i) => {
    const visual = visualOrder(line) + (i < lines.length - 1 ? "\n" : "");
    for (const run of fontRuns(visual)) {
      const font = { font: familyOf(run.face) };
      let pending = "";
      for (const piece of run.text.split(/(\s+)/)) {
        const long =
          piece.length > maxChars &&
          !/[\uD800-\uDFFF]/.test(piece) &&
          piece.split(SOFT_BREAK).some((part) => part.length > maxChars);
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

/** A table whose first row carries headings: no rule above them. */
const headedTableLayout = {
  ...tableLayout,
  hLineWidth: (i: number) => (i === 0 ? 0 : 0.5),
};

const keyValueLayout = {
  ...tableLayout,
  vLineWidth: () => 0,
  hLineColor: () => "#d5dbe1",
};

function renderTable(block: TableBlock, heads: Node[] = []): Node[] {
  const width = block.columns.length;
  if (width === 0) return [...heads];
  const rows = block.rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ""));
  const size = width >= 4 ? TABLE_SIZE : BODY_SIZE;
  const usable = CONTENT_WIDTH - width * (CELL_PADDING + 0.5);
  const weights = columnWeights(block.columns, rows, usable / (size * 0.56));
  const widths = weights.map((w) => usable * w);
  const nodes: Node[] = [];
  const caption =
    block.caption !== undefined && block.caption.trim() !== ""
      ? [{ text: inlines(block.caption, { size, italics: true }, CONTENT_WIDTH) }]
      : [];
  // Headings (and the caption) ride in a first, borderless row of the header, so that they
  // never stand alone at the foot of a page.
  const lead = [...heads, ...caption];
  const headingRow =
    heads.length > 0
      ? [
          [
            {
              colSpan: width,
              stack: lead,
              border: [false, false, false, false],
              margin: [-CELL_PADDING / 2, 0, 0, 0],
            },
            ...Array.from({ length: width - 1 }, () => ({
              text: "",
              border: [false, false, false, false],
            })),
          ],
        ]
      : [];
  if (heads.length === 0) nodes.push(...caption);
  nodes.push({
    table: {
      headerRows: headingRow.length + 1,
      // The header goes with the first row, unless that row alone is too long to move.
      ...(estimateHeight({ ...block, rows: rows.slice(0, 1) }) <= PAGE_BODY / 2
        ? { keepWithHeaderRows: 1 }
        : {}),
      dontBreakRows: keepRowsWhole(rows),
      widths: weights.map((w) => `${(w * 100).toFixed(2)}%`),
      body: [
        ...headingRow,
        block.columns.map((c, i) => ({
          text: inlines(c, { size, bold: true }, widths[i] ?? usable),
          fillColor: "#e6ebf0",
        })),
        ...rows.map((row) =>
          row.map((cell, i) => ({ text: inlines(cell, { size }, widths[i] ?? usable) })),
        ),
      ],
    },
    layout: headingRow.length > 0 ? headedTableLayout : tableLayout,
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
  return rows.every((row) => row.reduce((n, cell) => n + cell.length, 0) < 600);
}

function keyValueTable(rows: [string, string][], margin = [0, 2, 0, 8]): Node {
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
    margin,
  };
}

/** Heading ids for the PDF's bookmarks, nested by level. */
interface Outline {
  next: number;
  parents: string[];
  /** The organisation's colour, for headings. */
  colour: string;
}

function renderBlock(block: Block, outline: Outline): Node[] {
  switch (block.kind) {
    case "heading": {
      const HEADING_LOOKS = headingLooks(outline.colour);
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

function docContent(doc: Doc, first: boolean, outline: Outline, branding?: Branding): Node[] {
  outline.parents = [];
  const logo = branding?.logo;
  const content: Node[] = [];
  if (logo) {
    const { width, height } = fitLogo(logo, 180, 54);
    content.push({
      image: logoDataUrl(logo),
      width,
      height,
      margin: [0, 0, 0, 10],
      ...(first ? {} : { pageBreak: "before" }),
    });
  }
  content.push({
    text: inlines(doc.title, { size: 20, bold: true }, CONTENT_WIDTH),
    style: "title",
    ...(first || logo ? {} : { pageBreak: "before" }),
  });
  if (doc.subtitle !== undefined && doc.subtitle.trim() !== "") {
    content.push({
      text: inlines(doc.subtitle, { size: 14, color: "#333333" }, CONTENT_WIDTH),
      style: "subtitle",
    });
  }
  if (doc.meta.length > 0) content.push(coverTable(doc.meta));
  const blocks = doc.blocks;
  for (let i = 0; i < blocks.length; i++) {
    // Keep headings with what follows them: never leave one alone at the foot of a page.
    // (pdfmake's pageBreakBefore does this by laying the whole document out again for each
    // such heading, which made long documents take seconds.) A run of headings and a block
    // short enough to move whole (a third of a page at most, so no page is left half empty)
    // stay together; a longer block keeps its first rows or items with the headings.
    let j = i;
    while (blocks[j]?.kind === "heading") j++;
    // A short note or paragraph introducing what follows goes with the headings too.
    while (
      j > i &&
      j + 1 < blocks.length &&
      (blocks[j]?.kind === "note" || blocks[j]?.kind === "paragraph") &&
      estimateHeight(blocks[j] as Block) <= 80 &&
      blocks[j + 1]?.kind !== "heading"
    )
      j++;
    const headings = blocks.slice(i, j);
    const next = blocks[j];
    if (headings.length === 0 || next === undefined || blocks[i]?.kind !== "heading") {
      content.push(...renderBlock(blocks[i] as Block, outline));
      continue;
    }
    const heads = headings.flatMap((h) => renderBlock(h, outline));
    const before = headings.reduce((h, b) => h + estimateHeight(b), 0);
    if (before + estimateHeight(next) <= PAGE_BODY / 3) {
      content.push({ stack: [...heads, ...renderBlock(next, outline)], unbreakable: true });
    } else if (headings.some((h) => h.kind !== "heading") && next.kind === "table") {
      // Headings with their introduction stay together; the table's header goes with its
      // first row. (An introduction is not repeated above the table's continuation.)
      content.push({ stack: heads, unbreakable: true }, ...renderBlock(next, outline));
    } else content.push(...withHeadings(heads, next, outline));
    i = j;
  }
  return content;
}

/** Height of the page body in points: A4 less the top and bottom margins. */
const PAGE_BODY = 841.89 - 56 - 50;
const LINE = 1.2;

/** Lines a text takes in a column `width` points wide at font `size` (erring long). */
function linesIn(text: string, width: number, size: number): number {
  const perLine = Math.max(4, Math.floor(width / (size * 0.5)));
  return text.split("\n").reduce((n, l) => n + Math.max(1, Math.ceil(l.length / perLine)), 0);
}

function rowsHeight(rows: string[][], widths: number[], size: number): number {
  return rows.reduce(
    (h, row) =>
      h +
      Math.max(...row.map((c, i) => linesIn(c, widths[i] ?? CONTENT_WIDTH, size))) * size * LINE +
      6,
    0,
  );
}

/** A rough height of a block in points, enough to tell a short block from a long one. */
function estimateHeight(block: Block): number {
  switch (block.kind) {
    case "heading":
      return 30;
    case "paragraph":
      return (
        linesIn(
          runsOf(block)
            .map((r) => r.text)
            .join(""),
          CONTENT_WIDTH,
          BODY_SIZE,
        ) *
          BODY_SIZE *
          LINE +
        6
      );
    case "list":
      return block.items.reduce(
        (h, item) => h + linesIn(item, CONTENT_WIDTH - 20, BODY_SIZE) * BODY_SIZE * LINE + 2,
        6,
      );
    case "note":
      return linesIn(block.text, CONTENT_WIDTH - 12, BODY_SIZE) * BODY_SIZE * LINE + 14;
    case "keyValue":
      return rowsHeight(block.rows, [CONTENT_WIDTH * 0.3, CONTENT_WIDTH * 0.7], BODY_SIZE) + 10;
    case "table": {
      const size = block.columns.length >= 4 ? TABLE_SIZE : BODY_SIZE;
      const usable = CONTENT_WIDTH - block.columns.length * (CELL_PADDING + 0.5);
      const widths = columnWeights(block.columns, block.rows, usable / (size * 0.56)).map(
        (w) => w * usable,
      );
      return rowsHeight([block.columns, ...block.rows], widths, size) + 10;
    }
  }
}

/**
 * A long block with the headings before it: the headings stay with its first rows or items.
 * A table takes them into its header, so they are repeated above its continuation on the next
 * page along with the column names; a list or key-value block is split after its first two
 * entries, the rest following without a seam.
 */
function withHeadings(heads: Node[], block: Block, outline: Outline): Node[] {
  const LEAD = 2;
  // What must stay with the headings has to fit a page, or pdfmake would drop what does not.
  const fits = (b: Block) => estimateHeight(b) <= PAGE_BODY / 2;
  switch (block.kind) {
    case "table":
      if (!fits({ ...block, rows: block.rows.slice(0, 1) })) break;
      return renderTable(block, heads);
    case "keyValue":
      if (block.rows.length <= LEAD || !fits({ ...block, rows: block.rows.slice(0, LEAD) })) break;
      return [
        {
          stack: [...heads, keyValueTable(block.rows.slice(0, LEAD), [0, 2, 0, 0])],
          unbreakable: true,
        },
        keyValueTable(block.rows.slice(LEAD), [0, 0, 0, 8]),
      ];
    case "list": {
      if (block.items.length <= LEAD || !fits({ ...block, items: block.items.slice(0, LEAD) }))
        break;
      const first = renderBlock({ ...block, items: block.items.slice(0, LEAD) }, outline);
      const rest = renderBlock({ ...block, items: block.items.slice(LEAD) }, outline);
      return [
        {
          stack: [...heads, ...first.map((n) => ({ ...n, margin: [0, 0, 0, 0] }))],
          unbreakable: true,
        },
        ...rest.map((n) => (block.ordered ? { ...n, start: LEAD + 1 } : n)),
      ];
    }
    default:
      break;
  }
  return [...heads, ...renderBlock(block, outline)];
}

/** The cover's facts two to a row, so the cover and the summary fit on page one. */
function coverTable(rows: [string, string][]): Node {
  const body: Node[][] = [];
  const labelWidth = CONTENT_WIDTH * 0.17;
  const valueWidth = CONTENT_WIDTH * 0.33;
  for (let i = 0; i < rows.length; i += 2) {
    const pair = rows.slice(i, i + 2);
    const cells: Node[] = pair.flatMap(([label, value]) => [
      { text: inlines(label, { size: BODY_SIZE, bold: true }, labelWidth) },
      { text: inlines(value, { size: BODY_SIZE }, valueWidth) },
    ]);
    while (cells.length < 4) cells.push({ text: "" });
    body.push(cells);
  }
  return {
    table: { dontBreakRows: true, widths: ["17%", "33%", "17%", "33%"], body },
    layout: keyValueLayout,
    margin: [0, 2, 0, 10],
  };
}

/** The text of the running head: organisation, title, version, status. */
function runningText(doc: Doc | undefined, branding: Branding | undefined) {
  const r = doc?.running;
  const organisation = cleanText(branding?.name ?? r?.organisation ?? "").replace(/\s+/g, " ");
  const title = cleanText(r?.title ?? doc?.subtitle ?? doc?.title ?? "").replace(/\s+/g, " ");
  const facts = r
    ? [r.version === "" ? "" : `Version ${r.version}`, r.status].filter((x) => x !== "")
    : [];
  return { organisation, right: [title, ...facts].join(" · ") };
}

/**
 * The running head of several documents: what they all share. A file of several LIAs names
 * the organisation and "Legitimate Interests Assessment"; each one's version and status are
 * on its own cover (a page header cannot know which document a page belongs to without laying
 * the whole file out twice).
 */
function commonHead(list: readonly Doc[], branding: Branding | undefined) {
  const heads = list.map((d) => runningText(d, branding));
  const first = heads[0] ?? { organisation: "", right: "" };
  if (heads.every((h) => h.right === first.right && h.organisation === first.organisation))
    return first;
  const title = list[0]?.running?.title ?? list[0]?.title ?? "";
  const same = list.every((d) => (d.running?.title ?? d.title) === title);
  return { organisation: first.organisation, right: same ? cleanText(title) : "" };
}

/**
 * A PDF of one document, or of several, each starting on a new page. Every page carries a
 * header (organisation; title, version and status) and a footer ("Page X of Y"); the cover
 * carries the logo, and headings the organisation's colour.
 */
export async function toPdf(
  docs: Doc | readonly Doc[],
  options: { branding?: Branding | undefined } = {},
): Promise<Uint8Array> {
  const list: readonly Doc[] = Array.isArray(docs) ? docs : [docs as Doc];
  const { branding } = options;
  const colour = brandColour(branding);
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
  // Heading ids are unique across documents.
  const outline: Outline = { next: 0, parents: [], colour };
  const firstDoc = list[0];
  const head = commonHead(list, branding);
  const footerText =
    list.length === 1
      ? cleanText(firstDoc?.subtitle ?? "")
          .replace(/\s+/g, " ")
          .slice(0, 90)
      : "";
  const definition = {
    pageSize: "A4",
    pageMargins: [MARGIN_X, 56, MARGIN_X, 50],
    info: {
      title: cleanText([firstDoc?.title, firstDoc?.subtitle].filter(Boolean).join(": ")),
      creator: "Basis",
      producer: "Basis",
    },
    content: list.flatMap((doc, i) => docContent(doc, i === 0, outline, branding)),
    defaultStyle: { font: "Roboto", fontSize: BODY_SIZE, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 20, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 14, color: "#333333", margin: [0, 0, 0, 10] },
      h1: { fontSize: 16, bold: true, margin: [0, 14, 0, 6] },
      h2: { fontSize: 13.5, bold: true, margin: [0, 14, 0, 6], color: colour },
      h3: { fontSize: 11.5, bold: true, margin: [0, 10, 0, 4] },
      h4: { fontSize: 10, bold: true, margin: [0, 8, 0, 3] },
    },
    header: () => ({
      columns: [
        {
          text: inlines(
            head.organisation.slice(0, 60),
            { size: 8, bold: true, color: colour },
            CONTENT_WIDTH * 0.35,
          ),
          width: "35%",
        },
        {
          text: inlines(
            head.right.slice(0, 110),
            { size: 8, color: "#555555" },
            CONTENT_WIDTH * 0.65,
          ),
          width: "65%",
          alignment: "right",
        },
      ],
      margin: [MARGIN_X, 24, MARGIN_X, 0],
    }),
    footer: (page: number, pages: number) => ({
      columns: [
        {
          text: inlines(footerText, { size: 8, color: "#666666" }, CONTENT_WIDTH * 0.75),
          width: "*",
        },
        { text: `Page ${page} of ${pages}`, alignment: "right", width: 100 },
      ],
      fontSize: 8,
      color: "#666666",
      margin: [MARGIN_X, 18, MARGIN_X, 0],
    }),
  };
  return pdfmake.createPdf(definition).getBuffer();
}
