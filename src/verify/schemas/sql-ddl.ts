/**
 * @module verify/schemas/sql-ddl
 * The columns SQL DDL declares, with line and column: `CREATE TABLE` (any dialect's quoting:
 * "x", `x`, [x]) and `ALTER TABLE … ADD [COLUMN]`. Constraints, keys and indexes inside a
 * table are skipped; comments and string literals are understood, so a comma in a default
 * value or a `--` in a string does not split a column.
 */
import type { DeclaredField, SchemaRead } from "./json-schema.ts";

interface Token {
  kind: "word" | "ident" | "string" | "punct";
  text: string;
  line: number;
  col: number;
}

const NOT_A_COLUMN = new Set([
  "CONSTRAINT",
  "PRIMARY",
  "FOREIGN",
  "UNIQUE",
  "CHECK",
  "KEY",
  "INDEX",
  "FULLTEXT",
  "SPATIAL",
  "EXCLUDE",
  "LIKE",
  "PERIOD",
]);

export function sqlDdlFields(text: string): SchemaRead {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return tokens;
  const fields: DeclaredField[] = [];
  let tables = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (isWord(t, "CREATE")) {
      let j = i + 1;
      while (j < tokens.length && tokens[j]?.kind === "word" && !isWord(tokens[j], "TABLE")) {
        if (
          isWord(tokens[j], "VIEW") ||
          isWord(tokens[j], "INDEX") ||
          isWord(tokens[j], "FUNCTION")
        )
          break;
        j++;
      }
      if (!isWord(tokens[j], "TABLE")) continue;
      j++;
      if (isWord(tokens[j], "IF")) j += 3; // IF NOT EXISTS
      const name = qualifiedName(tokens, j);
      j = name.next;
      if (tokens[j]?.text !== "(") continue;
      tables++;
      i = columns(tokens, j, name.text, fields);
    } else if (isWord(t, "ALTER") && isWord(tokens[i + 1], "TABLE")) {
      let j = i + 2;
      if (isWord(tokens[j], "IF")) j += 2; // IF EXISTS
      if (isWord(tokens[j], "ONLY")) j++;
      const name = qualifiedName(tokens, j);
      j = name.next;
      while (j < tokens.length && tokens[j]?.text !== ";") {
        if (isWord(tokens[j], "ADD")) {
          let k = j + 1;
          if (isWord(tokens[k], "COLUMN")) k++;
          if (isWord(tokens[k], "IF")) k += 3;
          const col = tokens[k];
          if (
            col &&
            (col.kind === "ident" ||
              (col.kind === "word" && !NOT_A_COLUMN.has(col.text.toUpperCase())))
          ) {
            fields.push({
              name: col.text,
              line: col.line,
              col: col.col,
              context: `table ${name.text}`,
              format: typeOf(tokens, k + 1),
            });
            tables++;
          }
          j = k;
        }
        j++;
      }
      i = j;
    }
  }
  if (tables === 0)
    return { ok: false, message: "no CREATE TABLE or ALTER TABLE … ADD COLUMN found" };
  return { ok: true, fields };
}

/** Read the column list that opens at `open`; returns the index of its closing parenthesis. */
function columns(tokens: Token[], open: number, table: string, out: DeclaredField[]): number {
  let depth = 0;
  let start = true;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.text === "(" && t.kind === "punct") {
      depth++;
      if (depth === 1) start = true;
      continue;
    }
    if (t.text === ")" && t.kind === "punct") {
      depth--;
      if (depth === 0) return i;
      continue;
    }
    if (depth === 1 && t.kind === "punct" && t.text === ",") {
      start = true;
      continue;
    }
    if (depth === 1 && start) {
      start = false;
      const upper = t.text.toUpperCase();
      if (t.kind === "ident" || (t.kind === "word" && !NOT_A_COLUMN.has(upper))) {
        out.push({
          name: t.text,
          line: t.line,
          col: t.col,
          context: `table ${table}`,
          format: typeOf(tokens, i + 1),
        });
      }
    }
  }
  return tokens.length;
}

function typeOf(tokens: Token[], i: number): string {
  const t = tokens[i];
  return t && (t.kind === "word" || t.kind === "ident") ? t.text.toUpperCase() : "";
}

function qualifiedName(tokens: Token[], i: number): { text: string; next: number } {
  let text = tokens[i]?.text ?? "";
  let j = i + 1;
  while (tokens[j]?.text === "." && tokens[j + 1]) {
    text += `.${tokens[j + 1]?.text}`;
    j += 2;
  }
  return { text, next: j };
}

function isWord(t: Token | undefined, word: string): boolean {
  return t !== undefined && t.kind === "word" && t.text.toUpperCase() === word;
}

function tokenize(text: string): Token[] | { ok: false; message: string; line: number } {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = text.length;
  const at = (k: number) => ({ line, col: k - lineStart + 1 });
  const advanceLines = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      if (text.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
  };
  while (i < n) {
    const c = text[i] as string;
    if (c === "\n") {
      line++;
      lineStart = i + 1;
      i++;
    } else if (c === " " || c === "\t" || c === "\r") i++;
    else if (c === "-" && text[i + 1] === "-") {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? n : nl;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      if (end < 0) return { ok: false, message: "a /* comment is never closed", ...at(i) };
      advanceLines(i, end);
      i = end + 2;
    } else if (c === "'" || c === '"' || c === "`" || c === "[") {
      const close = c === "[" ? "]" : c;
      let j = i + 1;
      let value = "";
      for (;;) {
        const k = text.indexOf(close, j);
        if (k < 0) return { ok: false, message: `a ${c} quote is never closed`, ...at(i) };
        value += text.slice(j, k);
        if (text[k + 1] === close && close !== "]") {
          value += close;
          j = k + 2;
          continue;
        }
        j = k + 1;
        break;
      }
      tokens.push({ kind: c === "'" ? "string" : "ident", text: value, ...at(i) });
      advanceLines(i, j);
      i = j;
    } else if (/[A-Za-z_0-9$#@]/.test(c) || c.charCodeAt(0) > 127) {
      let j = i + 1;
      while (j < n && (/[A-Za-z_0-9$#@]/.test(text[j] as string) || text.charCodeAt(j) > 127)) j++;
      tokens.push({ kind: "word", text: text.slice(i, j), ...at(i) });
      i = j;
    } else {
      tokens.push({ kind: "punct", text: c, ...at(i) });
      i++;
    }
  }
  return tokens;
}
