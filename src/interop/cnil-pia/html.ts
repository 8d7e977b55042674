/**
 * @module interop/cnil-pia/html
 * The CNIL PIA software keeps its answers as HTML from a rich-text editor; Basis keeps plain
 * text. `htmlToText` reads the HTML the way a person sees it — paragraphs, line breaks, lists
 * as `- ` or `1. ` lines, nested lists indented — and never keeps a tag, so nothing from an
 * imported file is ever rendered as markup. `textToHtml` writes that text back with every
 * character escaped. The two are inverse on what `htmlToText` produces, so a DPIA can go out
 * to the CNIL format and back unchanged.
 */

const BLOCK = new Set([
  "p",
  "div",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "table",
  "tr",
  "blockquote",
  "pre",
  "section",
  "article",
  "header",
  "footer",
  "hr",
]);

const NAMED: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  eacute: "é",
  Eacute: "É",
  egrave: "è",
  Egrave: "È",
  ecirc: "ê",
  Ecirc: "Ê",
  euml: "ë",
  agrave: "à",
  Agrave: "À",
  acirc: "â",
  Acirc: "Â",
  auml: "ä",
  ccedil: "ç",
  Ccedil: "Ç",
  icirc: "î",
  iuml: "ï",
  ocirc: "ô",
  ouml: "ö",
  ugrave: "ù",
  ucirc: "û",
  uuml: "ü",
  oelig: "œ",
  OElig: "Œ",
  szlig: "ß",
  laquo: "«",
  raquo: "»",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  hellip: "…",
  ndash: "–",
  mdash: "—",
  euro: "€",
  deg: "°",
  middot: "·",
  bull: "•",
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (whole, body: string) => {
    if (body.startsWith("#")) {
      const code =
        body[1] === "x" || body[1] === "X"
          ? Number.parseInt(body.slice(2), 16)
          : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : whole;
    }
    return NAMED[body] ?? whole;
  });
}

/**
 * Plain text from rich-text HTML: paragraphs separated by a blank line, `<br>` as a line
 * break, list items as `- ` (or `1. `) lines indented two spaces per level, every other tag
 * dropped and entities decoded. Whitespace collapses as a browser collapses it. Returns
 * undefined when nothing but whitespace is left.
 */
export function htmlToText(html: string | null | undefined): string | undefined {
  if (html === null || html === undefined) return undefined;
  const source = html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "");
  let out = "";
  const lists: { ordered: boolean; n: number }[] = [];
  const newline = () => {
    if (out !== "" && !out.endsWith("\n")) out += "\n";
  };
  const paragraph = () => {
    if (out === "") return;
    out = out.replace(/ +$/, "");
    if (!out.endsWith("\n\n")) out += out.endsWith("\n") ? "\n" : "\n\n";
  };
  const token = /<(\/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*>|<[!?][^>]*>|[^<]+|</g;
  for (const m of source.matchAll(token)) {
    const raw = m[0];
    const tag = m[2]?.toLowerCase();
    if (tag !== undefined) {
      const closing = m[1] === "/";
      if (tag === "br") {
        out = out.replace(/ +$/, "");
        // Inside a list a break only ends the line: a blank line would end the list.
        if (lists.length === 0) out += "\n";
        else newline();
      } else if (tag === "ul" || tag === "ol") {
        if (closing) {
          lists.pop();
          if (lists.length === 0) paragraph();
          else newline();
        } else {
          if (lists.length === 0) paragraph();
          lists.push({ ordered: tag === "ol", n: 0 });
        }
      } else if (tag === "li") {
        newline();
        const list = lists[lists.length - 1];
        if (!closing) {
          let bullet = "- ";
          if (list) {
            list.n++;
            if (list.ordered) bullet = `${list.n}. `;
          }
          out += `${"  ".repeat(Math.max(lists.length - 1, 0))}${bullet}`;
        }
      } else if (BLOCK.has(tag)) {
        if (lists.length > 0) newline();
        else paragraph();
      } else if ((tag === "td" || tag === "th") && closing) out += " ";
      continue;
    }
    if (raw.startsWith("<!") || raw.startsWith("<?")) continue;
    let text = decodeEntities(raw.replace(/[ \t\n\r\f]+/g, " ")).replace(/\u00a0/g, " ");
    if (out === "" || out.endsWith("\n") || out.endsWith(" ")) text = text.replace(/^ +/, "");
    out += text;
  }
  const lines = out.split("\n").map((line) => {
    const trimmed = line.replace(/\s+$/, "");
    return /^( {2})*(- |\d+\. )/.test(trimmed) ? trimmed : trimmed.replace(/^\s+/, "");
  });
  const text = lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return text === "" ? undefined : text;
}

/** `&`, `<`, `>`, `"` and `'` as entities: user text never becomes markup. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const ITEM = /^((?: {2})*)(- |(\d+)\. )(.*)$/;

/**
 * HTML from plain text: each blank-line-separated paragraph becomes `<p>` with `<br />` line
 * breaks, or a list when it is made of `- ` / `1. ` lines (indented lines nest, other lines
 * continue the item above). Every character of the text is escaped.
 */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((para) => {
      const lines = para.split("\n");
      if (!ITEM.test(lines[0] ?? "")) return `<p>${lines.map(escapeHtml).join("<br />")}</p>`;
      return listHtml(lines);
    })
    .join("\n");
}

function listHtml(lines: string[]): string {
  let html = "";
  const open: { tag: "ul" | "ol"; depth: number }[] = [];
  let itemOpen = false;
  for (const line of lines) {
    const m = ITEM.exec(line);
    if (!m) {
      html += `<br />${escapeHtml(line.trim())}`;
      continue;
    }
    const depth = (m[1] ?? "").length / 2;
    const tag = m[3] === undefined ? "ul" : "ol";
    while (
      open.length > 0 &&
      ((open[open.length - 1]?.depth ?? 0) > depth ||
        ((open[open.length - 1]?.depth ?? 0) === depth && open[open.length - 1]?.tag !== tag))
    ) {
      html += `</li></${open.pop()?.tag}>`;
      itemOpen = open.length > 0;
    }
    const top = open[open.length - 1];
    if (top === undefined || top.depth < depth) {
      open.push({ tag, depth });
      html += `<${tag}>`;
    } else if (itemOpen) html += "</li>";
    html += `<li>${escapeHtml(m[4] ?? "")}`;
    itemOpen = true;
  }
  while (open.length > 0) html += `</li></${open.pop()?.tag}>`;
  return html;
}
