/**
 * @module verify/detect
 * What kind of input a file is: gzip by its magic bytes; then the format by its name
 * (`.jsonl`, `.ndjson`, `.csv`, `.tsv`, `.log`, `.sql`, `.ddl`, `.json`, `.yaml`, with `.gz`
 * stripped) and, when the name does not say, by its first line. A `.json` file is a JSON
 * Schema when it is one JSON document declaring properties, and JSON Lines otherwise.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { constants, gunzipSync } from "node:zlib";

export type InputFormat = "jsonl" | "csv" | "combined" | "json-schema" | "sql";
export const INPUT_FORMATS: readonly InputFormat[] = [
  "jsonl",
  "csv",
  "combined",
  "json-schema",
  "sql",
];

export interface Detected {
  format: InputFormat;
  gzip: boolean;
  delimiter?: string;
}

const HEAD_BYTES = 64 * 1024;

export const COMBINED_LINE =
  /^\S+ \S+ \S+ \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2}(?: [+-]\d{4})?\] "/;

export function detectInput(path: string, forced?: InputFormat): Detected | { error: string } {
  const head = readHead(path);
  const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  const name = path.toLowerCase().replace(/\.(gz|gzip)$/, "");
  const delimiter = name.endsWith(".tsv") ? { delimiter: "\t" } : {};
  if (forced) return { format: forced, gzip, ...delimiter };
  const byName = formatByName(name);
  if (byName === "csv") return { format: "csv", gzip, ...delimiter };
  if (byName && byName !== "json") return { format: byName, gzip };
  let text: Buffer;
  try {
    text = gzip ? gunzipHead(head) : head;
  } catch {
    return { error: "the compressed data is corrupt" };
  }
  const sniffed = sniff(text, byName === "json");
  if (sniffed === undefined) {
    if (text.includes(0)) return { error: "binary data, not a text format Basis reads" };
    return {
      error:
        "cannot tell the format: name the file .jsonl, .csv, .log, .sql or .json, or pass --input-format",
    };
  }
  return { format: sniffed, gzip };
}

function formatByName(name: string): InputFormat | "json" | undefined {
  if (/\.(jsonl|ndjson)$/.test(name)) return "jsonl";
  if (/\.(csv|tsv)$/.test(name)) return "csv";
  if (/\.log(\.\d+)?$/.test(name) || /access[._-]?log/.test(name)) return "combined";
  if (/\.(sql|ddl)$/.test(name)) return "sql";
  if (/\.(ya?ml)$/.test(name) || /\.schema\.json$/.test(name)) return "json-schema";
  if (name.endsWith(".json")) return "json";
  return undefined;
}

function sniff(head: Buffer, json: boolean): InputFormat | undefined {
  const text = head.toString("utf8");
  const trimmed = text.replace(/^\uFEFF/, "").trimStart();
  const firstLine = trimmed.split("\n", 1)[0] ?? "";
  if (trimmed.startsWith("{")) {
    // One object per line is JSON Lines; a document spread over lines is a schema.
    try {
      const first = JSON.parse(firstLine) as unknown;
      const looksLikeSchema =
        first !== null &&
        typeof first === "object" &&
        ("properties" in first || "$schema" in first) &&
        trimmed.slice(firstLine.length).trim() === "";
      return looksLikeSchema ? "json-schema" : "jsonl";
    } catch {
      return json || /^\{\s*$/.test(firstLine) || /"\$schema"|"properties"/.test(text)
        ? "json-schema"
        : "jsonl";
    }
  }
  if (json) return "jsonl";
  if (/^(--|\/\*|create\s|alter\s+table)/i.test(trimmed)) return "sql";
  if (COMBINED_LINE.test(firstLine)) return "combined";
  if (head.includes(0)) return undefined;
  if (/[,;\t|]/.test(firstLine)) return "csv";
  return undefined;
}

function readHead(path: string): Buffer {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.allocUnsafe(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Decompress as much of a gzip head as there is; a cut stream is expected here. */
function gunzipHead(head: Buffer, input = head.length): Buffer {
  try {
    return gunzipSync(head.subarray(0, input), {
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength: 4 * HEAD_BYTES,
    }).subarray(0, HEAD_BYTES);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "Z_BUF_ERROR") return Buffer.alloc(0);
    // Highly compressed data: a smaller piece of input is enough to sniff.
    if (code === "ERR_BUFFER_TOO_LARGE" && input > 256) return gunzipHead(head, input >> 4);
    throw e;
  }
}
