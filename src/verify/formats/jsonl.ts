/**
 * @module verify/formats/jsonl
 * JSON Lines: one object per line. Flat objects (the usual event or log record) are read by a
 * strict byte scanner that never builds the object and decodes a value only when a test needs
 * its text; anything else (nested values, escaped keys, more than 64 fields) goes through
 * `JSON.parse`, which also has the last word on whether a line is valid JSON.
 *
 * A field holding `null` or `""` counts as absent. Nested objects are fields of their own
 * unless the specification names fields inside them (`geo.country`).
 */
import { HAS_AT, HAS_ESCAPE, HAS_PERCENT, HAS_QUERY } from "../checker.ts";
import type { Resolution } from "../spec.ts";
import { RecordReader, SLOT_AT, SLOT_BACKSLASH, SLOT_PERCENT, SLOT_QUERY } from "./reader.ts";

const MAX_FIELDS = 64;
const KIND_STRING = 1;
const KIND_NUMBER = 2;
const KIND_LITERAL = 3;
const KIND_NULL = 4;

interface KeyEntry {
  bytes: Buffer;
  res: Resolution;
  next: KeyEntry | undefined;
}

const MAX_KEYS = 4096;

/** Hex digit or not, for `\uXXXX` escapes. */
const HEX = new Uint8Array(256);
for (const c of "0123456789abcdefABCDEF") HEX[c.charCodeAt(0)] = 1;
/**
 * Byte classes inside a string: 0 for most bytes, so the scanner's inner loop is one table
 * look-up per byte; the flag bits the checker wants are their own class values.
 */
const C_QUOTE = 256;
const C_ESCAPE = 257;
const C_CONTROL = 258;
const CLASS = new Uint16Array(256);
for (let c = 0; c < 32; c++) CLASS[c] = C_CONTROL;
CLASS[34] = C_QUOTE;
CLASS[92] = C_ESCAPE;
CLASS[64] = HAS_AT;
CLASS[63] = HAS_QUERY;
CLASS[37] = HAS_PERCENT;
/** Characters allowed after a backslash. */
const ESCAPES = new Uint8Array(256);
for (const c of '"\\/bfnrtu') ESCAPES[c.charCodeAt(0)] = 1;

export class JsonLinesReader extends RecordReader {
  private readonly keyTable = new Map<number, KeyEntry>();
  private keyCount = 0;
  /** Each field's key, and the keys the last record had, place by place. */
  private readonly keys: (KeyEntry | undefined)[] = new Array(MAX_FIELDS).fill(undefined);
  private readonly shape: (KeyEntry | undefined)[] = new Array(MAX_FIELDS).fill(undefined);
  private readonly vs = new Int32Array(MAX_FIELDS);
  private readonly ve = new Int32Array(MAX_FIELDS);
  private readonly kind = new Uint8Array(MAX_FIELDS);
  private readonly flags = new Int32Array(MAX_FIELDS);
  line(buf: Buffer, s: number, e: number, line: number): void {
    let a = s;
    while (a < e && isWs(buf[a] as number)) a++;
    if (a === e) return; // blank line
    const n = this.scan(buf, a, e);
    if (n >= 0) this.fast(buf, n, line);
    else this.slow(buf, s, e, line);
  }

  /** Scan a flat object; the number of fields, or -1 when the line needs the full parser. */
  private scan(buf: Buffer, s: number, e: number): number {
    // One look-ahead per rare byte for the whole line: most lines hold none of them, and then
    // no string needs a second look.
    const rare = Math.min(
      this.next(SLOT_BACKSLASH, buf, s),
      this.next(SLOT_AT, buf, s),
      this.next(SLOT_QUERY, buf, s),
      this.next(SLOT_PERCENT, buf, s),
    );
    const plain = rare >= e;
    let i = s;
    if (buf[i] !== 123) return -1;
    i = skipWs(buf, i + 1, e);
    let n = 0;
    if (buf[i] === 125) return skipWs(buf, i + 1, e) === e ? 0 : -1;
    for (;;) {
      if (n === MAX_FIELDS || buf[i] !== 34) return -1;
      i++;
      const ks = i;
      // The key the previous record had in this place is the likely one: compare it first.
      const guess = this.shape[n];
      let entry: KeyEntry | undefined;
      if (guess !== undefined) {
        const b = guess.bytes;
        const len = b.length;
        if (i + len < e && buf[i + len] === 34) {
          let k = 0;
          while (k < len && b[k] === buf[i + k]) k++;
          if (k === len) entry = guess;
        }
      }
      let ke: number;
      if (entry !== undefined) ke = i + entry.bytes.length;
      else {
        ke = i;
        while (ke < e && buf[ke] !== 34) ke++;
        if (ke >= e || (!plain && this.next(SLOT_BACKSLASH, buf, ks) < ke)) return -1;
        entry = this.key(buf, ks, ke);
        this.shape[n] = entry;
      }
      this.keys[n] = entry;
      i = ke + 1;
      if (buf[i] !== 58) {
        i = skipWs(buf, i, e);
        if (buf[i] !== 58) return -1;
      }
      i++;
      if (buf[i] === 32) i = skipWs(buf, i, e);
      const c = buf[i];
      if (c === 34) {
        i++;
        const vs = i;
        let flags = 0;
        if (plain) {
          // No backslash and no rare byte on this line: the next quote ends the string.
          let q = i;
          const stop = Math.min(e, i + 12);
          while (q < stop && buf[q] !== 34) q++;
          if (q === stop && q < e) {
            q = buf.indexOf(34, q);
            if (q < 0 || q >= e) return -1;
          } else if (q >= e) return -1;
          i = q;
        } else {
          const q = buf.indexOf(34, i);
          if (q < 0 || q >= e) return -1;
          if (this.next(SLOT_BACKSLASH, buf, vs) < q) {
            // Escapes: walk the string byte by byte to find its real end and check them.
            for (;;) {
              if (i >= e) return -1;
              const cls = CLASS[buf[i] as number] as number;
              if (cls === 0) {
                i++;
                continue;
              }
              if (cls === C_QUOTE) break;
              if (cls === C_ESCAPE) {
                const x = buf[i + 1] as number;
                if (ESCAPES[x] !== 1) return -1;
                if (x === 117) {
                  if (i + 5 >= e) return -1;
                  for (let k = i + 2; k < i + 6; k++) if (HEX[buf[k] as number] !== 1) return -1;
                  i += 6;
                } else i += 2;
                flags |= HAS_ESCAPE;
                continue;
              }
              if (cls === C_CONTROL) return -1;
              flags |= cls;
              i++;
            }
          } else {
            i = q;
            if (this.next(SLOT_AT, buf, vs) < q) flags |= HAS_AT;
            if (this.next(SLOT_QUERY, buf, vs) < q) flags |= HAS_QUERY;
            if (this.next(SLOT_PERCENT, buf, vs) < q) flags |= HAS_PERCENT;
          }
        }
        this.vs[n] = vs;
        this.ve[n] = i;
        this.kind[n] = KIND_STRING;
        this.flags[n] = flags;
        i++;
      } else if (c === 116 || c === 102 || c === 110) {
        const word = c === 116 ? "true" : c === 102 ? "false" : "null";
        for (let k = 0; k < word.length; k++) if (buf[i + k] !== word.charCodeAt(k)) return -1;
        this.kind[n] = c === 110 ? KIND_NULL : KIND_LITERAL;
        i += word.length;
      } else {
        const end = scanNumber(buf, i, e);
        if (end < 0) return -1;
        this.kind[n] = KIND_NUMBER;
        this.vs[n] = i;
        this.ve[n] = end;
        i = end;
      }
      n++;
      if (buf[i] === 44) {
        i++;
        if (buf[i] !== 34) i = skipWs(buf, i, e);
        continue;
      }
      i = skipWs(buf, i, e);
      if (buf[i] === 44) {
        i = skipWs(buf, i + 1, e);
        continue;
      }
      if (buf[i] === 125) return skipWs(buf, i + 1, e) === e ? n : -1;
      return -1;
    }
  }

  private fast(buf: Buffer, n: number, line: number): void {
    const ck = this.checker;
    ck.begin(line);
    for (let k = 0; k < n; k++) {
      const kind = this.kind[k];
      if (kind === KIND_NULL) continue;
      const vs = this.vs[k] as number;
      const ve = this.ve[k] as number;
      if (kind === KIND_STRING && ve === vs) continue;
      const res = (this.keys[k] as KeyEntry).res;
      if (res.kind === "field") {
        if (kind !== KIND_STRING) ck.present(res.field);
        else if ((this.flags[k] as number) & HAS_ESCAPE)
          ck.fieldString(res.field, res.isTime, JSON.parse(buf.toString("utf8", vs - 1, ve + 1)));
        else ck.fieldBytes(res.field, res.isTime, buf, vs, ve, this.flags[k] as number);
      } else {
        if (res.isTime && kind === KIND_STRING) ck.timeBytes(buf, vs, ve);
        ck.other(
          res,
          kind === KIND_STRING ? "" : kind === KIND_NUMBER ? 0 : true,
          kind === KIND_STRING ? `<string, ${ve - vs} bytes>` : undefined,
        );
      }
    }
    ck.end();
  }

  /** The table entry for the key `buf[s, e)`, made on first sight. */
  private key(buf: Buffer, s: number, e: number): KeyEntry {
    const len = e - s;
    const h =
      len === 0
        ? 0
        : (len * 16777619) ^
          ((buf[s] as number) << 16) ^
          ((buf[e - 1] as number) << 8) ^
          (buf[s + (len >> 1)] as number);
    let entry = this.keyTable.get(h);
    while (entry !== undefined) {
      const b = entry.bytes;
      if (b.length === len) {
        let k = 0;
        while (k < len && b[k] === buf[s + k]) k++;
        if (k === len) return entry;
      }
      entry = entry.next;
    }
    const name = buf.toString("utf8", s, e);
    const made: KeyEntry = {
      bytes: Buffer.from(buf.subarray(s, e)),
      res: this.checker.spec.resolve(name),
      next: this.keyTable.get(h),
    };
    // Past the cap (random keys), entries are still made but no longer remembered.
    if (this.keyCount < MAX_KEYS) {
      this.keyCount++;
      this.keyTable.set(h, made);
    }
    return made;
  }

  private slow(buf: Buffer, s: number, e: number, line: number): void {
    let value: unknown;
    try {
      value = JSON.parse(buf.toString("utf8", s, e));
    } catch (err) {
      // Never echo the engine's message: it quotes the line, personal data and all.
      const pos = /position (\d+)/.exec(String((err as Error).message))?.[1];
      const early = /end of (JSON|data)|Unterminated/i.test(String((err as Error).message));
      this.malformed(
        line,
        `not valid JSON${early ? " (it ends early)" : pos !== undefined ? ` (column ${Number(pos) + 1})` : ""}`,
      );
      return;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      this.malformed(
        line,
        `not a JSON object (${Array.isArray(value) ? "a list" : value === null ? "null" : typeof value})`,
      );
      return;
    }
    this.checker.begin(line);
    this.walk(value as Record<string, unknown>, "", 0);
    this.checker.end();
  }

  private walk(obj: Record<string, unknown>, prefix: string, depth: number): void {
    const ck = this.checker;
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (v === null || v === "" || v === undefined) continue;
      const name = prefix === "" ? k : `${prefix}.${k}`;
      const res = ck.spec.resolve(name);
      if (res.kind === "field") {
        this.value(res.field, res.isTime, v, 0);
      } else if (
        res.kind === "unknown" &&
        res.hasChildren &&
        depth < 32 &&
        typeof v === "object" &&
        !Array.isArray(v)
      ) {
        this.walk(v as Record<string, unknown>, name, depth + 1);
      } else {
        if (res.isTime && typeof v === "string") ck.timeString(v);
        ck.other(res, v);
      }
    }
  }

  /** A specification field's value; strings nested inside it are tested too. */
  private value(
    field: Extract<Resolution, { kind: "field" }>["field"],
    isTime: boolean,
    v: unknown,
    depth: number,
  ): void {
    if (typeof v === "string") this.checker.fieldString(field, isTime, v);
    else if (v !== null && typeof v === "object" && depth < 32) {
      this.checker.present(field);
      for (const inner of Object.values(v as object)) this.value(field, false, inner, depth + 1);
    } else if (v !== null && v !== undefined) this.checker.present(field);
  }
}

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

function skipWs(buf: Buffer, i: number, e: number): number {
  while (i < e && isWs(buf[i] as number)) i++;
  return i;
}

/** End of a JSON number starting at `i`, or -1 when it is not one. */
function scanNumber(buf: Buffer, i: number, e: number): number {
  if (buf[i] === 45) i++;
  if (i >= e) return -1;
  if (buf[i] === 48) i++;
  else {
    const start = i;
    while (i < e && (buf[i] as number) >= 48 && (buf[i] as number) <= 57) i++;
    if (i === start) return -1;
  }
  if (buf[i] === 46) {
    i++;
    const start = i;
    while (i < e && (buf[i] as number) >= 48 && (buf[i] as number) <= 57) i++;
    if (i === start) return -1;
  }
  if (buf[i] === 101 || buf[i] === 69) {
    i++;
    if (buf[i] === 43 || buf[i] === 45) i++;
    const start = i;
    while (i < e && (buf[i] as number) >= 48 && (buf[i] as number) <= 57) i++;
    if (i === start) return -1;
  }
  return i;
}
