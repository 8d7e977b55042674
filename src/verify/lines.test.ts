import { describe, expect, it } from "vitest";
import { type LineSink, LineSplitter } from "./lines.ts";

class Collector implements LineSink {
  lines: [number, string][] = [];
  long: [number, number][] = [];
  invalid: number[] = [];
  line(buf: Buffer, s: number, e: number, line: number) {
    this.lines.push([line, buf.toString("utf8", s, e)]);
  }
  tooLong(line: number, bytes: number) {
    this.long.push([line, bytes]);
  }
  invalidUtf8(line: number) {
    this.invalid.push(line);
  }
}

/** Feed `data` in pieces of the given sizes (cycled). */
function feed(data: Buffer, sizes: number[], maxLine = 64, range?: { start: number; end: number }) {
  const sink = new Collector();
  const start = range?.start ?? 0;
  const first = start > 0 ? start - 1 : 0;
  const splitter = new LineSplitter(sink, maxLine, {
    firstByte: first,
    end: range?.end ?? Number.POSITIVE_INFINITY,
    startsMidFile: start > 0,
  });
  let pos = first;
  let k = 0;
  let going = true;
  while (pos < data.length && going) {
    const size = sizes[k++ % sizes.length] as number;
    going = splitter.push(data.subarray(pos, pos + size));
    pos += size;
  }
  if (going) splitter.finish();
  return { sink, lines: splitter.lines };
}

describe("line splitting", () => {
  const text = "alpha\nbeta\r\n\ngamma delta\nlast-without-newline";
  const expected = ["alpha", "beta", "", "gamma delta", "last-without-newline"];

  it("gives the same lines, numbered from 1, however the bytes are chunked", () => {
    for (const sizes of [[1], [2, 3], [7], [1000], [5, 1, 9]]) {
      const { sink } = feed(Buffer.from(text), sizes);
      expect(
        sink.lines.map((l) => l[1]),
        String(sizes),
      ).toEqual(expected);
      expect(sink.lines.map((l) => l[0])).toEqual([1, 2, 3, 4, 5]);
    }
  });

  it("skips a UTF-8 byte-order mark at the start of the file only", () => {
    const { sink } = feed(Buffer.from("\uFEFFone\ntwo"), [2]);
    expect(sink.lines.map((l) => l[1])).toEqual(["one", "two"]);
  });

  it("reports a line longer than the limit once, with its line number, and carries on", () => {
    const long = "x".repeat(200);
    const { sink } = feed(Buffer.from(`ok\n${long}\nafter\n${long}`), [16], 64);
    expect(sink.lines.map((l) => l[1])).toEqual(["ok", "after"]);
    expect(sink.long).toEqual([
      [2, 200],
      [4, 200],
    ]);
  });

  it("reports lines that are not UTF-8 and still reads the lines around them", () => {
    const data = Buffer.concat([
      Buffer.from("good\n"),
      Buffer.from([0x62, 0xff, 0xfe, 0x0a]),
      Buffer.from("also good\n"),
    ]);
    for (const sizes of [[3], [100]]) {
      const { sink } = feed(data, sizes);
      expect(sink.lines.map((l) => l[1])).toEqual(["good", "also good"]);
      expect(sink.invalid).toEqual([2]);
    }
  });

  it("cuts a file into ranges that together hold every line exactly once", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `line-${i}-${"y".repeat(i % 13)}`);
    const data = Buffer.from(`${lines.join("\n")}\n`);
    for (const chunk of [1, 7, 50, 333, 4096]) {
      const got: string[] = [];
      for (let start = 0; start < data.length; start += chunk) {
        const { sink } = feed(data, [5, 17], 64, {
          start,
          end: Math.min(data.length, start + chunk),
        });
        got.push(...sink.lines.map((l) => l[1]));
      }
      expect(got, `ranges of ${chunk} bytes`).toEqual(lines);
    }
  });

  it("numbers lines within a range so that offsets by earlier ranges give absolute numbers", () => {
    const data = Buffer.from("a\nb\nc\nd\ne\n");
    const first = feed(data, [3], 64, { start: 0, end: 5 });
    const second = feed(data, [3], 64, { start: 5, end: data.length });
    expect(first.sink.lines).toEqual([
      [1, "a"],
      [2, "b"],
      [3, "c"],
    ]);
    expect(second.sink.lines.map(([n, t]) => [n + first.lines, t])).toEqual([
      [4, "d"],
      [5, "e"],
    ]);
  });

  it("gives no line to a range that falls inside one long line", () => {
    const data = Buffer.from(`${"z".repeat(500)}\nnext\n`);
    const { sink } = feed(data, [64], 64, { start: 100, end: 200 });
    expect(sink.lines).toEqual([]);
    expect(sink.long).toEqual([]);
  });
});
