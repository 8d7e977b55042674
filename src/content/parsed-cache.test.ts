/**
 * The parsed-content cache: a second read of the same text skips parsing, a changed text is
 * parsed again, invalid content is never kept, and what comes back from the cache equals a
 * fresh parse for every piece of built-in content.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseYaml } from "../core/parse.ts";
import { Assessment } from "../core/schema/index.ts";
import { parsedContent } from "./parsed-cache.ts";
import { CONTENT_DIR } from "./paths.ts";
import { parseReferenceLibrary } from "./references.ts";

const tempDir = () => mkdtempSync(join(tmpdir(), "basis-parsed-cache-"));

function counting<T>(parse: (text: string) => T) {
  const calls = { n: 0 };
  return {
    calls,
    parse: (text: string) => {
      calls.n++;
      return parse(text);
    },
  };
}

describe("parsed content cache", () => {
  it("parses a text once and reads the same value back after that", () => {
    const dir = tempDir();
    const { calls, parse } = counting((t) => ({ words: t.split(" ") }));
    expect(parsedContent("a.yaml", "one two", parse, dir)).toEqual({ words: ["one", "two"] });
    expect(parsedContent("a.yaml", "one two", parse, dir)).toEqual({ words: ["one", "two"] });
    expect(calls.n).toBe(1);
  });

  it("parses again when the text changed", () => {
    const dir = tempDir();
    const { calls, parse } = counting((t) => t.toUpperCase());
    parsedContent("b.yaml", "old", parse, dir);
    expect(parsedContent("b.yaml", "new", parse, dir)).toBe("NEW");
    expect(calls.n).toBe(2);
  });

  it("never keeps content that failed to parse: it fails on every read", () => {
    const dir = tempDir();
    const { calls, parse } = counting((): string => {
      throw new Error("invalid content");
    });
    expect(() => parsedContent("c.yaml", "x", parse, dir)).toThrow("invalid content");
    expect(() => parsedContent("c.yaml", "x", parse, dir)).toThrow("invalid content");
    expect(calls.n).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("parses as before when the cache cannot be written or read", () => {
    const blocked = join(tempDir(), "not-a-folder");
    writeFileSync(blocked, "a file where the cache folder would be");
    const { calls, parse } = counting((t) => t.length);
    expect(parsedContent("d.yaml", "abc", parse, blocked)).toBe(3);
    expect(parsedContent("d.yaml", "abc", parse, blocked)).toBe(3);
    expect(calls.n).toBe(2);
    const dir = tempDir();
    parsedContent("e.yaml", "abc", parse, dir);
    for (const f of readdirSync(dir)) writeFileSync(join(dir, f), "{ not json");
    expect(parsedContent("e.yaml", "abc", parse, dir)).toBe(3);
    expect(calls.n).toBe(4);
  });

  it("gives back exactly what a fresh parse gives for every template and the reference library", () => {
    const dir = tempDir();
    const template = (text: string) => {
      const r = parseYaml(text, Assessment);
      if (!r.ok) throw new Error("invalid template");
      return r.value;
    };
    const templates = join(CONTENT_DIR, "templates");
    for (const name of readdirSync(templates)) {
      const text = readFileSync(join(templates, name), "utf8");
      parsedContent(name, text, template, dir);
      expect(parsedContent(name, text, () => undefined, dir)).toStrictEqual(template(text));
    }
    const library = readFileSync(join(CONTENT_DIR, "references.yaml"), "utf8");
    parsedContent("references.yaml", library, parseReferenceLibrary, dir);
    expect(parsedContent("references.yaml", library, () => undefined, dir)).toStrictEqual(
      parseReferenceLibrary(library),
    );
  });
});
