/**
 * @module render/html
 * Renders documents as one standalone HTML page: no script, no external resource (a Content
 * Security Policy in the page forbids both; a logo is embedded as data), styles inline,
 * print-friendly, each document headed by the organisation, its title, version and status. Every user string
 * is HTML-escaped (`&`, `<`, `>`, `"`, `'`) after `cleanText`, so no markup, entity or
 * attribute can be injected; each block of user text carries `dir="auto"`, so right-to-left
 * text is laid out in its own direction without reordering its neighbours. The output depends
 * on the documents only.
 */
import { type Branding, brandColour, fitLogo, logoDataUrl } from "./branding.ts";
import type { Block, Doc, NoteTone, Run, TableBlock } from "./model.ts";
import { runsOf } from "./model.ts";
import { cleanText } from "./text.ts";

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** User text as HTML text: escaped, newlines as `<br>`. */
export function escapeHtml(text: string): string {
  return cleanText(text)
    .replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
    .replace(/\n/g, "<br>");
}

/** One-line slots (headings, cells of the title block): whitespace runs become one space. */
function oneLine(text: string): string {
  return escapeHtml(cleanText(text).replace(/\s+/g, " ").trim());
}

const STYLE = `
  :root { color-scheme: light; --brand: #1f3a5f; }
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
    font-size: 15px; line-height: 1.5; color: #1b1f24; margin: 0; background: #fff;
    overflow-wrap: anywhere; }
  article { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
  article + article { border-top: 3px solid var(--brand); break-before: page; }
  .running { display: flex; justify-content: space-between; gap: 1rem; align-items: center;
    font-size: .8rem; color: #4a535e; border-bottom: 2px solid var(--brand); padding-bottom: .4rem;
    margin-bottom: 1.2rem; }
  .running img { display: block; }
  h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
  .subtitle { font-size: 1.2rem; color: #39424e; margin: 0 0 1rem; }
  h2 { font-size: 1.4rem; color: var(--brand); margin: 2rem 0 .6rem; border-bottom: 1px solid #d5dbe1; }
  h3 { font-size: 1.15rem; margin: 1.4rem 0 .5rem; }
  h4 { font-size: 1rem; margin: 1rem 0 .4rem; }
  h2, h3, h4 { break-after: avoid; }
  table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .92em; }
  th, td { border: 1px solid #b6c0ca; padding: .3rem .5rem; text-align: start; vertical-align: top;
    overflow-wrap: anywhere; }
  thead th { background: #e6ebf0; }
  table.kv th { width: 30%; background: #f4f6f8; font-weight: 600; }
  caption { caption-side: top; text-align: start; font-style: italic; padding-bottom: .3rem; }
  p, li { overflow-wrap: anywhere; }
  .note { padding: .5rem .8rem; margin: .5rem 0 1rem; border-inline-start: 4px solid; }
  .note-info { background: #eef3f8; border-color: #4a78a8; }
  .note-warning { background: #fdf3e1; border-color: #c98a14; }
  .note-blocker { background: #fbe4e4; border-color: #b3261e; }
  @media print { body { font-size: 11pt; } article { padding: 0; max-width: none; } }
`;

const TONE_LABELS: Readonly<Record<NoteTone, string>> = {
  info: "Note",
  warning: "Warning",
  blocker: "Blocker",
};

function runHtml(run: Run): string {
  const text = escapeHtml(run.text);
  if (text === "") return "";
  if (run.bold && run.italic) return `<strong><em>${text}</em></strong>`;
  if (run.bold) return `<strong>${text}</strong>`;
  return run.italic ? `<em>${text}</em>` : text;
}

/** Paragraph text: a blank line starts a new `<p>`, a single newline is a `<br>`. */
function paragraphs(runs: Run[]): string {
  const html = runs.map(runHtml).join("");
  return html
    .split(/(?:<br>\s*){2,}/)
    .map((p) => p.replace(/^(?:<br>)+|(?:<br>)+$/g, "").trim())
    .filter((p) => p !== "")
    .map((p) => `<p dir="auto">${p}</p>`)
    .join("\n");
}

function renderTable(block: TableBlock): string {
  const width = block.columns.length;
  if (width === 0) return "";
  const caption =
    block.caption !== undefined && block.caption.trim() !== ""
      ? `<caption dir="auto">${oneLine(block.caption)}</caption>\n`
      : "";
  const head = block.columns.map((c) => `<th scope="col" dir="auto">${oneLine(c)}</th>`).join("");
  const body = block.rows
    .map((row) => {
      const cells = Array.from(
        { length: width },
        (_, i) => `<td dir="auto">${escapeHtml(row[i] ?? "")}</td>`,
      );
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("\n");
  return `<table>\n${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function keyValueTable(rows: [string, string][]): string {
  const body = rows
    .map(
      ([label, value]) =>
        `<tr><th scope="row" dir="auto">${oneLine(label)}</th><td dir="auto">${escapeHtml(value)}</td></tr>`,
    )
    .join("\n");
  return `<table class="kv">\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case "heading":
      return `<h${block.level} dir="auto">${oneLine(block.text)}</h${block.level}>`;
    case "paragraph":
      return paragraphs(runsOf(block));
    case "list": {
      const tag = block.ordered ? "ol" : "ul";
      const items = block.items.map((i) => `<li dir="auto">${escapeHtml(i.trim())}</li>`);
      return `<${tag}>\n${items.join("\n")}\n</${tag}>`;
    }
    case "table":
      return renderTable(block);
    case "keyValue":
      return block.rows.length > 0 ? keyValueTable(block.rows) : "";
    case "note":
      return `<aside class="note note-${block.tone}" role="note" dir="auto"><strong>${TONE_LABELS[block.tone]}:</strong> ${escapeHtml(block.text)}</aside>`;
  }
}

/** The line above each document: logo, organisation, title, version and status. */
function running(doc: Doc, branding: Branding | undefined): string {
  const r = doc.running;
  const logo = branding?.logo;
  const img = logo
    ? (() => {
        const { width, height } = fitLogo(logo, 160, 48);
        return `<img src="${logoDataUrl(logo)}" width="${Math.round(width)}" height="${Math.round(height)}" alt="${oneLine(branding?.name ?? r?.organisation ?? "")}">`;
      })()
    : "";
  const organisation = branding?.name ?? r?.organisation ?? "";
  const facts = r
    ? [r.title, r.version === "" ? "" : `Version ${r.version}`, r.status].filter((x) => x !== "")
    : [];
  if (img === "" && organisation === "" && facts.length === 0) return "";
  return `<header class="running">${img}<span dir="auto">${oneLine(organisation)}</span><span dir="auto">${oneLine(facts.join(" · "))}</span></header>`;
}

function article(doc: Doc, branding?: Branding): string {
  const parts = [running(doc, branding), `<h1 dir="auto">${oneLine(doc.title)}</h1>`].filter(
    (p) => p !== "",
  );
  if (doc.subtitle !== undefined && doc.subtitle.trim() !== "") {
    parts.push(`<p class="subtitle" dir="auto">${oneLine(doc.subtitle)}</p>`);
  }
  if (doc.meta.length > 0) parts.push(keyValueTable(doc.meta));
  for (const block of doc.blocks) {
    const html = renderBlock(block);
    if (html !== "") parts.push(html);
  }
  return `<article>\n${parts.join("\n")}\n</article>`;
}

/**
 * One HTML page holding one document, or several one after the other, in the organisation's
 * colour and with its logo. Ends with a newline.
 */
export function toHtml(
  docs: Doc | readonly Doc[],
  options: { branding?: Branding | undefined } = {},
): string {
  const list: readonly Doc[] = Array.isArray(docs) ? docs : [docs as Doc];
  const { branding } = options;
  const images = branding?.logo ? "; img-src data:" : "";
  const first = list[0];
  const title = first
    ? [first.title, first.subtitle].filter((t) => t !== undefined && t.trim() !== "").join(": ")
    : "";
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'${images}">`,
    '<meta name="generator" content="Basis">',
    `<title>${oneLine(title)}</title>`,
    `<style>${STYLE.replace("--brand: #1f3a5f", `--brand: ${brandColour(branding)}`)}</style>`,
    "</head>",
    "<body>",
    ...list.map((doc) => article(doc, branding)),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
