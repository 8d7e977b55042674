/**
 * @module render/docx
 * Renders documents to Word (.docx) with the `docx` library: real headings (so Word's
 * navigation pane and a table of contents work), tables with a repeated header row and fixed
 * column widths that fit the page, call-outs as shaded paragraphs, page numbers in the footer.
 * User text goes in as plain text runs (the library writes it as XML text, escaped) after
 * `cleanText` has dropped the control characters XML cannot carry; right-to-left runs are
 * marked as such so Word shapes and orders them. Fonts are the reader's: Arial for Latin
 * text, and the reader's own fallback for other scripts.
 */
import type {
  Paragraph as DocxParagraph,
  Table as DocxTable,
  ISectionOptions,
  ParagraphChild,
} from "docx";
import { type Branding, brandColour, fitLogo } from "./branding.ts";
import type { Block, Doc, NoteTone, Run, TableBlock } from "./model.ts";
import { runsOf } from "./model.ts";
import { columnWeights } from "./table-widths.ts";
import { cleanText, fontRuns, softBreaks } from "./text.ts";

type Docx = typeof import("docx");
type Child = DocxParagraph | DocxTable;

const PAGE = { width: 11906, height: 16838, margin: 1134 }; // A4 and 2 cm, in twips
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const FONT = { ascii: "Arial", hAnsi: "Arial", cs: "Arial" };
const BORDER = { style: "single", size: 4, color: "9AA5B1" } as const;
const CELL_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 }; // twips
/** Characters across the text width at the body size, erring wide (9.5 pt Arial, bold headers: about 110 twips each). */
const CAPACITY = CONTENT_WIDTH / 110;

const NOTES: Record<NoteTone, { fill: string; edge: string; label: string }> = {
  info: { fill: "EEF3F8", edge: "4A78A8", label: "Note" },
  warning: { fill: "FDF3E1", edge: "C98A14", label: "Warning" },
  blocker: { fill: "FBE4E4", edge: "B3261E", label: "Blocker" },
};

/** Renders blocks with the loaded library; numbers each ordered list afresh. */
class Writer {
  private lists = 0;
  constructor(
    private readonly d: Docx,
    private readonly branding: Branding | undefined,
  ) {}

  /** Text runs for user text: newlines become line breaks, right-to-left runs are marked. */
  runs(text: string, style: { bold?: boolean; italics?: boolean } = {}): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    softBreaks(cleanText(text))
      .split("\n")
      .forEach((line, i) => {
        const pieces = fontRuns(line.replace(/\t/g, "    "));
        if (pieces.length === 0 && i > 0) out.push(new this.d.TextRun({ text: "", break: 1 }));
        pieces.forEach((piece, j) => {
          const rtl = piece.face === "hebrew" || piece.face === "arabic";
          out.push(
            new this.d.TextRun({
              text: piece.text,
              ...(i > 0 && j === 0 ? { break: 1 } : {}),
              ...(style.bold ? { bold: true } : {}),
              ...(style.italics ? { italics: true } : {}),
              ...(rtl ? { rightToLeft: true } : {}),
            }),
          );
        });
      });
    return out;
  }

  paragraph(children: ParagraphChild[], extra: Record<string, unknown> = {}): DocxParagraph {
    return new this.d.Paragraph({ children, spacing: { after: 80 }, ...extra });
  }

  cell(children: ParagraphChild[], width: number, fill?: string) {
    return new this.d.TableCell({
      children: [new this.d.Paragraph({ children })],
      width: { size: width, type: this.d.WidthType.DXA },
      ...(fill ? { shading: { type: this.d.ShadingType.CLEAR, color: "auto", fill } } : {}),
    });
  }

  table(columns: string[], rows: string[][], header: boolean, widths: number[]): DocxTable {
    const d = this.d;
    const headerRow = new d.TableRow({
      tableHeader: true,
      children: columns.map((c, i) =>
        this.cell(this.runs(c, { bold: true }), widths[i] ?? 0, "E6EBF0"),
      ),
    });
    const body = rows.map(
      (row) =>
        new d.TableRow({
          // A row stays on one page unless it is too long to fit one (Word would clip it).
          cantSplit: row.reduce((n, cell) => n + cell.length, 0) < 600,
          children: columns.map((_, i) => {
            const value = row[i] ?? "";
            const isLabel = !header && i === 0;
            return this.cell(
              this.runs(value, { bold: isLabel }),
              widths[i] ?? 0,
              isLabel ? "F4F6F8" : undefined,
            );
          }),
        }),
    );
    return new d.Table({
      width: { size: CONTENT_WIDTH, type: d.WidthType.DXA },
      columnWidths: widths,
      layout: d.TableLayoutType.FIXED,
      // Every cell has the same margins: said once for the table rather than in each cell,
      // which made a third of the XML the library spends most of a render writing.
      margins: { ...CELL_MARGINS, marginUnitType: d.WidthType.DXA },
      borders: {
        top: BORDER,
        bottom: BORDER,
        left: BORDER,
        right: BORDER,
        insideHorizontal: BORDER,
        insideVertical: BORDER,
      },
      rows: header ? [headerRow, ...body] : body,
    });
  }

  dataTable(block: TableBlock): Child[] {
    const n = block.columns.length;
    if (n === 0) return [];
    const rows = block.rows.map((r) => Array.from({ length: n }, (_, i) => r[i] ?? ""));
    const widths = columnWeights(block.columns, rows, CAPACITY).map((w) =>
      Math.floor(w * CONTENT_WIDTH),
    );
    const out: Child[] = [];
    if (block.caption !== undefined && block.caption.trim() !== "") {
      out.push(this.paragraph(this.runs(block.caption, { italics: true })));
    }
    out.push(this.table(block.columns, rows, true, widths), this.spacer());
    return out;
  }

  keyValue(rows: [string, string][]): Child[] {
    if (rows.length === 0) return [];
    const label = Math.floor(CONTENT_WIDTH * 0.3);
    return [this.table(["", ""], rows, false, [label, CONTENT_WIDTH - label]), this.spacer()];
  }

  spacer(): DocxParagraph {
    return new this.d.Paragraph({ children: [], spacing: { after: 60 } });
  }

  block(block: Block): Child[] {
    const d = this.d;
    switch (block.kind) {
      case "heading": {
        const levels = [
          d.HeadingLevel.HEADING_1,
          d.HeadingLevel.HEADING_2,
          d.HeadingLevel.HEADING_3,
        ];
        const level = levels[block.level - 1] ?? d.HeadingLevel.HEADING_4;
        return [this.paragraph(this.runs(block.text.replace(/\s+/g, " ")), { heading: level })];
      }
      case "paragraph":
        return [
          this.paragraph(
            runsOf(block).flatMap((r: Run) =>
              this.runs(r.text, { bold: r.bold === true, italics: r.italic === true }),
            ),
          ),
        ];
      case "list": {
        const instance = this.lists++;
        return block.items.map((item) =>
          this.paragraph(
            this.runs(item.trim()),
            block.ordered
              ? { numbering: { reference: "ordered", level: 0, instance } }
              : { bullet: { level: 0 } },
          ),
        );
      }
      case "table":
        return this.dataTable(block);
      case "keyValue":
        return this.keyValue(block.rows);
      case "note": {
        const { fill, edge, label } = NOTES[block.tone];
        return [
          this.paragraph([...this.runs(`${label}: `, { bold: true }), ...this.runs(block.text)], {
            shading: { type: d.ShadingType.CLEAR, color: "auto", fill },
            border: { left: { style: "single", size: 24, color: edge, space: 6 } },
            spacing: { before: 80, after: 160 },
          }),
        ];
      }
    }
  }

  /** The logo as an image run, fitted in a box of `width` by `height` pixels. */
  logo(width: number, height: number): ParagraphChild | undefined {
    const logo = this.branding?.logo;
    if (!logo) return undefined;
    return new this.d.ImageRun({
      type: logo.type === "png" ? "png" : "jpg",
      data: logo.bytes,
      transformation: fitLogo(logo, width, height),
    });
  }

  section(doc: Doc): ISectionOptions {
    const d = this.d;
    const children: Child[] = [];
    const coverLogo = this.logo(240, 72);
    if (coverLogo) children.push(this.paragraph([coverLogo], { spacing: { after: 200 } }));
    children.push(
      this.paragraph(this.runs(doc.title.replace(/\s+/g, " ")), { heading: d.HeadingLevel.TITLE }),
    );
    if (doc.subtitle !== undefined && doc.subtitle.trim() !== "") {
      children.push(
        this.paragraph(this.runs(doc.subtitle.replace(/\s+/g, " ")), { style: "Subtitle" }),
      );
    }
    children.push(...this.keyValue(doc.meta));
    for (const block of doc.blocks) children.push(...this.block(block));
    const footerText = cleanText(doc.subtitle ?? doc.title)
      .replace(/\s+/g, " ")
      .slice(0, 90);
    const r = doc.running;
    const organisation = cleanText(this.branding?.name ?? r?.organisation ?? "").replace(
      /\s+/g,
      " ",
    );
    const right = [
      r?.title ?? doc.title,
      r && r.version !== "" ? `Version ${r.version}` : "",
      r?.status ?? "",
    ]
      .filter((x) => x !== "")
      .join(" · ");
    const headerLogo = this.logo(90, 24);
    return {
      properties: {
        page: {
          size: { width: PAGE.width, height: PAGE.height },
          margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
        },
      },
      headers: {
        default: new d.Header({
          children: [
            new d.Paragraph({
              children: [
                ...(headerLogo ? [headerLogo, new d.TextRun({ text: "  " })] : []),
                new d.TextRun({
                  text: organisation,
                  bold: true,
                  color: brandColour(this.branding).slice(1),
                }),
                new d.TextRun({ children: [new d.Tab()] }),
                ...this.runs(right),
              ],
              tabStops: [{ type: d.TabStopType.RIGHT, position: CONTENT_WIDTH }],
              style: "FooterText",
            }),
          ],
        }),
      },
      footers: {
        default: new d.Footer({
          children: [
            new d.Paragraph({
              children: [
                ...this.runs(footerText),
                new d.TextRun({ children: [new d.Tab()] }),
                new d.TextRun({
                  children: ["Page ", d.PageNumber.CURRENT, " of ", d.PageNumber.TOTAL_PAGES],
                }),
              ],
              tabStops: [{ type: d.TabStopType.RIGHT, position: CONTENT_WIDTH }],
              style: "FooterText",
            }),
          ],
        }),
      },
      children,
    };
  }
}

/**
 * A Word document of one document, or of several, each starting on a new page, with the
 * organisation, title, version and status in the page header and "Page X of Y" in the footer.
 */
export async function toDocx(
  docs: Doc | readonly Doc[],
  options: { branding?: Branding | undefined } = {},
): Promise<Uint8Array> {
  const list: readonly Doc[] = Array.isArray(docs) ? docs : [docs as Doc];
  const d = await import("docx");
  const writer = new Writer(d, options.branding);
  const colour = brandColour(options.branding).slice(1);
  const first = list[0];
  const heading = (size: number, colour = "1B1F24") => ({
    run: { size, bold: true, color: colour, font: FONT },
    paragraph: { spacing: { before: 240, after: 100 }, keepNext: true },
  });
  const document = new d.Document({
    creator: "Basis",
    title: cleanText([first?.title, first?.subtitle].filter(Boolean).join(": ")),
    styles: {
      default: {
        document: { run: { font: FONT, size: 19 }, paragraph: { spacing: { line: 264 } } },
        title: { run: { size: 40, bold: true, font: FONT, color: "1B1F24" } },
        heading1: heading(32),
        heading2: heading(27, colour),
        heading3: heading(23),
        heading4: heading(20),
      },
      paragraphStyles: [
        {
          id: "Subtitle",
          name: "Subtitle",
          basedOn: "Normal",
          run: { size: 28, color: "39424E", font: FONT },
          paragraph: { spacing: { after: 200 } },
        },
        {
          id: "FooterText",
          name: "Footer text",
          basedOn: "Normal",
          run: { size: 16, color: "666666", font: FONT },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: "ordered",
          levels: [
            {
              level: 0,
              format: d.LevelFormat.DECIMAL,
              text: "%1.",
              alignment: d.AlignmentType.START,
              style: { paragraph: { indent: { left: 720, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    sections: list.map((doc) => writer.section(doc)),
  });
  return d.Packer.toBuffer(document);
}
