/**
 * @module verify/formats/csv
 * CSV with a header row (RFC 4180 quoting; `,` `;` `|` or tab, picked from the header unless
 * the file is `.tsv`). A quoted field may span lines; such a record is held until it closes,
 * up to the line limit, and reported as malformed if it never does. A CSV file is read by one
 * thread from its start, since a split point could fall inside a quoted field.
 * An empty cell counts as absent.
 */
import type { Resolution } from "../spec.ts";
import { RecordReader } from "./reader.ts";

export type CsvCells = string[] | "open" | "bad";

/** Split one record; "open" when a quoted field is still open at the end of the text. */
export function splitCsv(text: string, delim: string): CsvCells {
  const cells: string[] = [];
  const d = delim.charCodeAt(0);
  let i = 0;
  const n = text.length;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      let value = "";
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) return "open";
        if (text.charCodeAt(q + 1) === 34) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        i = q + 1;
        break;
      }
      cells.push(value);
      if (i === n) return cells;
      if (text.charCodeAt(i) !== d) return "bad";
      i++;
    } else {
      const next = text.indexOf(delim, i);
      const end = next < 0 ? n : next;
      const cell = text.slice(i, end);
      if (cell.includes('"')) return "bad";
      cells.push(cell);
      if (next < 0) return cells;
      i = next + 1;
    }
  }
}

/** The delimiter a header line uses: the most frequent of `,` `;` `|` and tab outside quotes. */
export function guessDelimiter(header: string): string {
  const counts = new Map<string, number>([
    [",", 0],
    [";", 0],
    ["\t", 0],
    ["|", 0],
  ]);
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) as number) + 1);
  }
  let best = ",";
  for (const [ch, c] of counts) if (c > (counts.get(best) as number)) best = ch;
  return best;
}

export class CsvReader extends RecordReader {
  private header: Resolution[] | undefined;
  private delim: string | undefined;
  private pending: { text: string; line: number } | undefined;

  constructor(
    checker: ConstructorParameters<typeof RecordReader>[0],
    private readonly maxLine: number,
    delimiter?: string,
  ) {
    super(checker);
    this.delim = delimiter;
  }

  line(buf: Buffer, s: number, e: number, line: number): void {
    let text = buf.toString("utf8", s, e);
    let at = line;
    if (this.pending !== undefined) {
      text = `${this.pending.text}\n${text}`;
      at = this.pending.line;
      this.pending = undefined;
    } else if (text.trim() === "") return;
    if (this.delim === undefined) this.delim = guessDelimiter(text);
    const cells = splitCsv(text, this.delim);
    if (cells === "open") {
      if (text.length > this.maxLine) this.malformed(at, "a quoted field is never closed");
      else this.pending = { text, line: at };
      return;
    }
    if (cells === "bad") {
      this.malformed(at, "a quote in the middle of a field, or text after a closing quote");
      return;
    }
    if (this.header === undefined) {
      this.header = cells.map((c) => this.checker.spec.resolve(c.trim()));
      return;
    }
    if (cells.length > this.header.length) {
      this.malformed(at, `${cells.length} fields where the header has ${this.header.length}`);
      return;
    }
    const ck = this.checker;
    ck.begin(at);
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i] as string;
      if (v === "") continue;
      const res = this.header[i] as Resolution;
      if (res.kind === "field") ck.fieldString(res.field, res.isTime, v);
      else {
        if (res.isTime) ck.timeString(v);
        ck.other(res, v);
      }
    }
    ck.end();
  }

  override finish(): void {
    if (this.pending !== undefined)
      this.malformed(this.pending.line, "a quoted field is never closed");
    this.pending = undefined;
  }
}
