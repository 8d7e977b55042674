/**
 * @module render/model
 * The format-neutral document model every renderer consumes (Markdown, HTML, PDF, Word and
 * plain text). A document is a title, a title block of label/value pairs and a flat
 * list of blocks. Every string is plain user text: no Markdown, no HTML, no escaping. Making
 * it safe for a format is that format's renderer's job, so one builder serves every format.
 */

/** A span of plain text inside a paragraph, optionally emphasised. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type HeadingLevel = 1 | 2 | 3 | 4;

/** A section heading. Section numbers, when wanted, are part of the text. */
export interface HeadingBlock {
  kind: "heading";
  level: HeadingLevel;
  text: string;
}

/**
 * A paragraph: either one plain string or a sequence of runs. A newline inside the text is a
 * line break; an empty line starts a new paragraph.
 */
export type ParagraphBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "paragraph"; runs: Run[] };

export interface ListBlock {
  kind: "list";
  ordered?: boolean;
  items: string[];
}

/**
 * A table. Invariant kept by builders: every row has exactly `columns.length` cells (renderers
 * still pad or cut rows so that a broken row can never break the table).
 */
export interface TableBlock {
  kind: "table";
  columns: string[];
  rows: string[][];
  caption?: string;
}

/** Labelled values, such as "Processing: …", "Conclusion: …". */
export interface KeyValueBlock {
  kind: "keyValue";
  rows: [label: string, value: string][];
}

export type NoteTone = "info" | "warning" | "blocker";

/** A call-out: information, a warning, or something that blocks reliance on the basis. */
export interface NoteBlock {
  kind: "note";
  tone: NoteTone;
  text: string;
}

export type Block =
  | HeadingBlock
  | ParagraphBlock
  | ListBlock
  | TableBlock
  | KeyValueBlock
  | NoteBlock;

/**
 * What the paged formats repeat on every page (a header or footer): who the document is from,
 * what it is, which version and in what status. Builders fill it from the record when there
 * is one, so a printed page cannot be mistaken for another version's.
 */
export interface RunningHead {
  organisation: string;
  title: string;
  version: string;
  status: string;
}

/** A whole document: title, optional subtitle, the title block (`meta`) and the body. */
export interface Doc {
  title: string;
  subtitle?: string;
  meta: [label: string, value: string][];
  blocks: Block[];
  /** Repeated on every page of a PDF or Word document; absent, the title stands in. */
  running?: RunningHead;
}

/** The runs of a paragraph, whichever form it was written in. */
export function runsOf(block: ParagraphBlock): Run[] {
  return "runs" in block ? block.runs : [{ text: block.text }];
}

/** A heading block. */
export function heading(level: HeadingLevel, text: string): HeadingBlock {
  return { kind: "heading", level, text };
}

/** A plain-text paragraph. */
export function paragraph(text: string): ParagraphBlock {
  return { kind: "paragraph", text };
}

/** A paragraph made of runs, e.g. a bold label followed by plain text. */
export function richParagraph(...runs: Run[]): ParagraphBlock {
  return { kind: "paragraph", runs };
}

/** A bullet list, or a numbered one when `ordered`. */
export function list(items: string[], ordered = false): ListBlock {
  return ordered ? { kind: "list", ordered: true, items } : { kind: "list", items };
}

/**
 * A table; `caption` is left out when not given. A column that is empty in every row is
 * dropped (an empty column tells the reader nothing and takes width from the others).
 */
export function table(columns: string[], rows: string[][], caption?: string): TableBlock {
  const keep = columns.map(
    (_, i) => rows.length === 0 || rows.some((r) => (r[i] ?? "").trim() !== ""),
  );
  const kept = keep.every(Boolean)
    ? { columns, rows }
    : {
        columns: columns.filter((_, i) => keep[i]),
        rows: rows.map((r) => columns.map((_, i) => r[i] ?? "").filter((_, i) => keep[i])),
      };
  return caption === undefined ? { kind: "table", ...kept } : { kind: "table", ...kept, caption };
}

/** Labelled values. */
export function keyValue(rows: [string, string][]): KeyValueBlock {
  return { kind: "keyValue", rows };
}

/** A call-out. */
export function note(tone: NoteTone, text: string): NoteBlock {
  return { kind: "note", tone, text };
}
