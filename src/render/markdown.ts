/**
 * @module render/markdown
 * Renders a document model to GitHub-flavoured Markdown. Every string in the model is user
 * text, so every string is escaped — but only where Markdown would act on it, so that the file
 * still reads as plain text (`escapeMarkdown`): `<` and `>` become entities (no raw HTML can
 * render), leading indentation is dropped (no code blocks), and table cells are kept on one
 * line with `|` escaped, so no cell can break its table.
 * The output depends on the document only: no clock, no environment.
 */

import type { Block, Doc, ListBlock, NoteTone, ParagraphBlock, Run, TableBlock } from "./model.ts";
import { runsOf } from "./model.ts";
import { cleanText } from "./text.ts";

/** Characters that can open or close markup wherever they stand. */
const ALWAYS = /[\\`*[\]|~$<>]/g;

const ENTITIES: Readonly<Record<string, string>> = { "<": "&lt;", ">": "&gt;" };

/**
 * Escape one line of user text (no newlines) so that it renders as exactly that text, and
 * reads as text: only what Markdown would act on is escaped. Backslashes, backticks, `*`, `[`,
 * `]`, `|`, `~` and `$` anywhere; `<` and `>` as entities; `&` only where it would start an
 * entity; `_` only where it could open or close emphasis (not inside `snake_case`); `#` where
 * it could make or close a heading; a list marker, `=` or `+` at the start of a line; and the
 * `:` of a web address, the `.` of `www.` and the `@` of an email address, so that a
 * Markdown viewer shows them as written rather than as links. `lineStart: false` is for text
 * that cannot start a line (a table cell, a heading after its `#`).
 */
export function escapeMarkdown(line: string, lineStart = true): string {
  let out = cleanText(line)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, "&amp;")
    .replace(ALWAYS, (c) => ENTITIES[c] ?? `\\${c}`)
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\\_")
    .replace(/(^|\s)#/g, "$1\\#")
    .replace(/\b([A-Za-z][A-Za-z0-9+.-]*):(?=\/\/)/g, "$1\\:")
    .replace(/\b(www)\./gi, "$1\\.")
    .replace(/([\p{L}\p{N}])@(?=[\p{L}\p{N}])/gu, "$1\\@");
  if (lineStart) {
    out = out.replace(/^(\d+)([.)])(?=\s|$)/, "$1\\$2").replace(/^([-+=])/, "\\$1");
  }
  return out;
}

/** Split user text into trimmed lines; blank lines are kept as "" to mark paragraph breaks. */
function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n|\u2028|\u2029/).map((line) => line.trim());
}

/** User text for a one-line slot (heading, table cell, label): all whitespace becomes one space. */
function oneLine(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, " ").trim(), false);
}

/**
 * User text over several lines inside one block: lines joined by hard line breaks (a trailing
 * backslash), continuation lines indented by `indent`, blank lines dropped.
 */
function hardBreakLines(lines: string[], indent: string): string {
  return lines.filter((line) => line !== "").join(`\\\n${indent}`);
}

function multiline(text: string, indent = ""): string {
  return hardBreakLines(
    splitLines(text).map((line) => escapeMarkdown(line)),
    indent,
  );
}

/**
 * Wrap escaped text in emphasis markers; the caller keeps surrounding whitespace outside them.
 * Where a marker falls between a letter and punctuation CommonMark may not read it as emphasis:
 * the text then shows unemphasised, with the markers, but never as anything else.
 */
function emphasise(run: Run, escaped: string): string {
  if (escaped === "" || (!run.bold && !run.italic)) return escaped;
  const marker = run.bold && run.italic ? "***" : run.bold ? "**" : "*";
  return `${marker}${escaped}${marker}`;
}

/** Runs -> lines of Markdown (a newline inside a run starts a new line; "" marks a blank line). */
function runLines(runs: Run[]): string[] {
  const lines: string[] = [""];
  for (const run of runs) {
    const pieces = run.text.split(/\r\n|\r|\n|\u2028|\u2029/);
    pieces.forEach((piece, index) => {
      if (index > 0) lines.push("");
      const current = lines.length - 1;
      const before = lines[current] ?? "";
      const text = before === "" ? piece.trimStart() : piece;
      const lead = /^\s*/.exec(text)?.[0] ?? "";
      const trail = text.length > lead.length ? (/\s*$/.exec(text)?.[0] ?? "") : "";
      const core = text.slice(lead.length, text.length - trail.length);
      const atStart = (before + lead).trim() === "";
      lines[current] = before + lead + emphasise(run, escapeMarkdown(core, atStart)) + trail;
    });
  }
  return lines.map((line) => line.trim());
}

function renderParagraph(block: ParagraphBlock): string {
  const lines = runLines(runsOf(block));
  const paragraphs: string[][] = [[]];
  for (const line of lines) {
    const last = paragraphs[paragraphs.length - 1];
    if (line === "") {
      if (last !== undefined && last.length > 0) paragraphs.push([]);
    } else {
      last?.push(line);
    }
  }
  return paragraphs
    .filter((p) => p.length > 0)
    .map((p) => hardBreakLines(p, ""))
    .join("\n\n");
}

/**
 * CommonMark merges two adjacent lists of the same kind even across a blank line, so a list
 * that directly follows another switches its marker character to stay a separate list.
 */
function renderList(block: ListBlock, alternate: boolean): string {
  return block.items
    .map((item, index) => {
      const marker = block.ordered ? `${index + 1}${alternate ? ")" : "."}` : alternate ? "*" : "-";
      const indent = " ".repeat(marker.length + 1);
      return `${marker} ${multiline(item, indent)}`.trimEnd();
    })
    .join("\n");
}

function tableRow(cells: string[]): string {
  return `| ${cells.join(" | ")} |`;
}

function renderTable(block: TableBlock): string {
  const width = block.columns.length;
  const lines: string[] = [];
  if (block.caption !== undefined && block.caption.trim() !== "") {
    lines.push(`*${oneLine(block.caption)}*`, "");
  }
  lines.push(tableRow(block.columns.map(oneLine)));
  lines.push(tableRow(block.columns.map(() => "---")));
  for (const row of block.rows) {
    const cells = Array.from({ length: width }, (_, i) => oneLine(row[i] ?? ""));
    lines.push(tableRow(cells));
  }
  return lines.join("\n");
}

function labelled(label: string, value: string, indent = ""): string {
  const head = oneLine(label);
  const body = multiline(value, indent);
  if (head === "") return body;
  return body === "" ? `**${head}:**` : `**${head}:** ${body}`;
}

function renderKeyValue(rows: [string, string][]): string {
  return rows
    .map(([label, value]) => labelled(label, value))
    .filter((line) => line !== "")
    .join("\\\n");
}

const TONE_LABELS: Readonly<Record<NoteTone, string>> = {
  info: "Note",
  warning: "Warning",
  blocker: "Blocker",
};

function renderNote(tone: NoteTone, text: string): string {
  return `> ${labelled(TONE_LABELS[tone], text, "> ")}`;
}

function renderBlock(block: Block, alternateList: boolean): string {
  switch (block.kind) {
    case "heading":
      return `${"#".repeat(block.level)} ${oneLine(block.text)}`.trimEnd();
    case "paragraph":
      return renderParagraph(block);
    case "list":
      return renderList(block, alternateList);
    case "table":
      return block.columns.length === 0 ? "" : renderTable(block);
    case "keyValue":
      return renderKeyValue(block.rows);
    case "note":
      return renderNote(block.tone, block.text);
  }
}

/**
 * Render a document as GitHub-flavoured Markdown: `# title`, `## subtitle`, the running head
 * (organisation, version, status) in italics, the title block as bold labels, then the blocks
 * separated by blank lines. Ends with one newline.
 */
export function toMarkdown(doc: Doc): string {
  const parts: string[] = [`# ${oneLine(doc.title)}`.trimEnd()];
  if (doc.subtitle !== undefined && doc.subtitle.trim() !== "") {
    parts.push(`## ${oneLine(doc.subtitle)}`);
  }
  const r = doc.running;
  if (r) {
    // What the paged formats repeat on every page: who it is from, which version, what status.
    const line = [r.organisation, r.version === "" ? "" : `Version ${r.version}`, r.status]
      .filter((x) => x.trim() !== "")
      .map(oneLine)
      .join(" · ");
    if (line !== "") parts.push(`*${line}*`);
  }
  if (doc.meta.length > 0) parts.push(renderKeyValue(doc.meta));
  let previous: Block | undefined;
  let previousAlternate = false;
  for (const block of doc.blocks) {
    const adjacentList: boolean =
      block.kind === "list" &&
      previous?.kind === "list" &&
      (previous.ordered ?? false) === (block.ordered ?? false);
    const alternate: boolean = adjacentList && !previousAlternate;
    const rendered = renderBlock(block, alternate);
    if (rendered === "") continue;
    parts.push(rendered);
    previous = block;
    previousAlternate = alternate;
  }
  return `${parts.join("\n\n")}\n`;
}
