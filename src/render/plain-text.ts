/**
 * @module render/plain-text
 * Renders a document as plain UTF-8 text, for wording that is pasted into a privacy notice,
 * an email or a web form. Nothing in plain text is markup, so nothing needs escaping; control
 * characters (which a terminal would obey, e.g. escape sequences) are removed by `cleanText`.
 * Lines are not wrapped: the place the text is pasted into wraps it.
 */
import type { Block, Doc } from "./model.ts";
import { runsOf } from "./model.ts";
import { cleanText } from "./text.ts";

function oneLine(text: string): string {
  return cleanText(text).replace(/\s+/g, " ").trim();
}

/** Lines of a multi-line value, each trimmed; continuation lines indented by `indent`. */
function lines(text: string, indent = ""): string {
  return cleanText(text)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join(`\n${indent}`);
}

function underline(text: string, char: string): string {
  return `${text}\n${char.repeat(Math.max(3, [...text].length))}`;
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case "heading": {
      const text = oneLine(block.text);
      return block.level === 4 ? text : underline(text, ["=", "-", "~"][block.level - 1] ?? "~");
    }
    case "paragraph":
      return runsOf(block)
        .map((r) => cleanText(r.text))
        .join("")
        .split(/\n\s*\n/)
        .map((p) => lines(p))
        .filter((p) => p !== "")
        .join("\n\n");
    case "list":
      return block.items
        .map((item, i) => {
          const marker = block.ordered ? `${i + 1}. ` : "- ";
          return `${marker}${lines(item, " ".repeat(marker.length))}`;
        })
        .join("\n");
    case "table":
      return block.rows
        .map((row) =>
          block.columns.map((c, i) => `${oneLine(c)}: ${lines(row[i] ?? "", "  ")}`).join("\n  "),
        )
        .map((r) => `- ${r}`)
        .join("\n");
    case "keyValue":
      return block.rows.map(([k, v]) => `${oneLine(k)}: ${lines(v, "  ")}`).join("\n");
    case "note":
      return `${block.tone === "info" ? "Note" : block.tone === "warning" ? "Warning" : "Blocker"}: ${lines(block.text)}`;
  }
}

/** The document as plain text, blocks separated by blank lines; ends with one newline. */
export function toPlainText(doc: Doc): string {
  const parts = [underline(oneLine(doc.title), "=")];
  if (doc.subtitle !== undefined && doc.subtitle.trim() !== "") parts.push(oneLine(doc.subtitle));
  if (doc.meta.length > 0) parts.push(renderBlock({ kind: "keyValue", rows: doc.meta }));
  for (const block of doc.blocks) {
    const text = renderBlock(block);
    if (text.trim() !== "") parts.push(text);
  }
  return `${parts.join("\n\n")}\n`;
}
