/**
 * @module verify/scan-task
 * One unit of scanning work: a byte range of a plain file, or a whole compressed or CSV file.
 * It runs the same way in a worker thread and in the main thread, holds one read buffer and at
 * most one line, and returns its tally with line numbers relative to its own first line.
 */
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { createGunzip } from "node:zlib";
import { RecordChecker } from "./checker.ts";
import { CombinedLogReader } from "./formats/combined-log.ts";
import { CsvReader } from "./formats/csv.ts";
import { JsonLinesReader } from "./formats/jsonl.ts";
import { INPUT_FIELD, READ_BYTES, type RecordReader } from "./formats/reader.ts";
import { LineSplitter } from "./lines.ts";
import type { CompiledSpec } from "./spec.ts";
import { type Group, Tally } from "./tally.ts";

export type RecordFormat = "jsonl" | "csv" | "combined";

export interface TaskSpec {
  id: number;
  path: string;
  format: RecordFormat;
  gzip: boolean;
  /** Byte range of a plain file; a compressed file is always read whole. */
  start: number;
  end: number;
  /** CSV delimiter when the file name decides it (`.tsv`). */
  delimiter?: string | undefined;
}

export interface TaskResult {
  id: number;
  groups: Group[];
  lines: number;
  records: number;
  untimed: number;
}

const PROGRESS_EVERY = 8 * 1024 * 1024;

/**
 * One read buffer per thread, reused by every range it reads (ranges run one at a time and
 * synchronously): a fresh megabyte per range would wait for a collection to be freed.
 */
let readBuffer: Buffer | undefined;

function sharedReadBuffer(): Buffer {
  readBuffer ??= Buffer.allocUnsafe(READ_BYTES);
  return readBuffer;
}

export async function runTask(
  spec: CompiledSpec,
  task: TaskSpec,
  onProgress: (bytes: number) => void = () => {},
): Promise<TaskResult> {
  const tally = new Tally(spec.plan.examples);
  const checker = new RecordChecker(spec, tally);
  const reader = readerFor(task, checker, spec.plan.maxLine);
  let lines = 0;
  if (task.gzip) lines = await readCompressed(task, reader, spec.plan.maxLine, tally, onProgress);
  else lines = readRange(task, reader, spec.plan.maxLine, tally, onProgress);
  return {
    id: task.id,
    groups: tally.list(),
    lines,
    records: checker.records,
    untimed: checker.untimed,
  };
}

function readerFor(task: TaskSpec, checker: RecordChecker, maxLine: number): RecordReader {
  switch (task.format) {
    case "jsonl":
      return new JsonLinesReader(checker);
    case "csv":
      return new CsvReader(checker, maxLine, task.delimiter);
    case "combined":
      return new CombinedLogReader(checker);
  }
}

function readRange(
  task: TaskSpec,
  reader: RecordReader,
  maxLine: number,
  tally: Tally,
  onProgress: (bytes: number) => void,
): number {
  const midFile = task.start > 0;
  let pos = midFile ? task.start - 1 : 0;
  const splitter = new LineSplitter(reader, maxLine, {
    firstByte: pos,
    end: task.end,
    startsMidFile: midFile,
  });
  const buf = reader.readBuffer() ?? sharedReadBuffer();
  let fd: number | undefined;
  let unreported = 0;
  try {
    fd = openSync(task.path, "r");
    for (;;) {
      const n = readSync(fd, buf, 0, READ_BYTES, pos);
      if (n === 0) {
        splitter.finish();
        break;
      }
      // Progress counts the range only: reading past its end to finish a line is not new work.
      const counted = Math.max(0, Math.min(pos + n, task.end) - Math.max(pos, task.start));
      pos += n;
      unreported += counted;
      if (unreported >= PROGRESS_EVERY) {
        onProgress(unreported);
        unreported = 0;
      }
      if (!splitter.push(n === READ_BYTES ? buf : buf.subarray(0, n))) break;
    }
  } catch (e) {
    tally.hit("UNREADABLE_INPUT", INPUT_FIELD, splitter.lines + 1, readError(e));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  onProgress(unreported);
  reader.finish();
  return splitter.lines;
}

async function readCompressed(
  task: TaskSpec,
  reader: RecordReader,
  maxLine: number,
  tally: Tally,
  onProgress: (bytes: number) => void,
): Promise<number> {
  const splitter = new LineSplitter(reader, maxLine);
  const file = createReadStream(task.path, { highWaterMark: READ_BYTES });
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  file.on("error", (e) => gunzip.destroy(e));
  file.pipe(gunzip);
  let reported = 0;
  try {
    for await (const chunk of gunzip) {
      if (file.bytesRead - reported >= PROGRESS_EVERY) {
        onProgress(file.bytesRead - reported);
        reported = file.bytesRead;
      }
      if (!splitter.push(chunk as Buffer)) break;
    }
    splitter.finish();
  } catch (e) {
    tally.hit("UNREADABLE_INPUT", INPUT_FIELD, splitter.lines + 1, readError(e));
  } finally {
    file.destroy();
    gunzip.destroy();
  }
  onProgress(Math.max(0, file.bytesRead - reported));
  reader.finish();
  return splitter.lines;
}

function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "Z_DATA_ERROR" || code === "Z_BUF_ERROR") return "the compressed data is corrupt";
  if (code === "EIO") return "read error (EIO)";
  if (code === "ENOENT") return "the file disappeared while it was read";
  if (code === "EACCES") return "permission denied";
  if (/unexpected end of file/i.test(String((e as Error).message)))
    return "the compressed data ends early (truncated file)";
  return `read error${code ? ` (${code})` : ""}`;
}
