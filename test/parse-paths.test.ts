/**
 * `parseYaml` reads valid text once without locations (js-yaml, core schema) and falls back
 * to `yaml` with locations for anything else. Both must read every text to the same data, and
 * every error must still come from the located path: checked on every YAML file the project
 * ships or tests with, and on texts where YAML 1.1 habits, anchors, tags and duplicates differ.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { z } from "zod";
import { parseYaml } from "../src/core/parse.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const located = (text: string) =>
  parseDocument(text, { uniqueKeys: true, strict: true }).toJS({ maxAliasCount: 100 });
/** The quick reading alone: a schema that takes anything, so no fallback hides a difference. */
const plain = (text: string) => {
  const r = parseYaml(text, z.any());
  return r.ok ? r.value : r.errors;
};

describe("the quick and the located reading agree", () => {
  const files = ["fixtures", "src/content", "test/cases", "test/fixtures", "examples"]
    .map((d) => join(root, d))
    .filter((d) => {
      try {
        return statSync(d).isDirectory();
      } catch {
        return false;
      }
    })
    .flatMap(yamlFiles);

  it(`on every YAML file shipped or tested (${files.length} files)`, () => {
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const doc = parseDocument(text, { uniqueKeys: true, strict: true });
      if (doc.errors.length > 0) continue; // a deliberately broken fixture: the located path
      expect(plain(text), file).toEqual(located(text));
    }
  });

  it.each([
    ["YAML 1.1 booleans stay text", "a: yes\nb: no\nc: on\nd: off\ne: y\n"],
    [
      "1.2 booleans and nulls",
      "a: true\nb: False\nc: ~\nd: null\ne:\nf: TRUE\ng: NULL\nh: tRuE\ni: Nul\n",
    ],
    ["dates stay text", "a: 2026-02-22\nb: 2026-02-22T10:00:00Z\n"],
    ["numbers", "a: 1.0\nb: 0o17\nc: 0x1f\nd: 1e3\ne: .inf\nf: -.5\ng: 012\nh: +7\ni: -.INF\n"],
    ["YAML 1.1 numbers stay text", "a: 1_000\nb: 0b101\nc: 1:30\nd: 0x\ne: 1e\n"],
    ["not a number", "a: .nan\n"],
    ["versions and codes", "version: 1.10\ncode: 007\nzip: '02134'\n"],
    ["block scalars", "a: |\n  one\n  two\nb: >-\n  folded\n  text\n\nc: |+\n  kept\n\n"],
    ["quoted escapes", "a: \"tab\\there \\u00e9\"\nb: 'it''s'\n"],
    ["merge key is an ordinary key", "<<: {a: 1}\nb: 2\n"],
    ["flow collections", "a: [1, two, {c: d}]\nb: {}\n"],
  ])("%s", (_name, text) => {
    expect(plain(text)).toEqual(located(text));
  });
});

describe("parseYaml keeps the located path for everything else", () => {
  const Schema = z.strictObject({ title: z.string(), items: z.array(z.string()).optional() });

  it("reads valid text", () => {
    expect(parseYaml("title: Audit logging\nitems: [a, b]\n", Schema)).toEqual({
      ok: true,
      value: { title: "Audit logging", items: ["a", "b"] },
    });
  });

  it("names the line of a schema error", () => {
    const r = parseYaml("title: ok\nitems:\n  - a\n  - 3\n", Schema);
    expect(r).toMatchObject({ ok: false, errors: [{ path: "items[1]", line: 4 }] });
  });

  it("refuses a duplicate key with its line and column", () => {
    const r = parseYaml("title: a\ntitle: b\n", Schema);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ line: 2, col: 1, path: "" });
  });

  it("caps alias expansion (billion laughs) instead of expanding it", () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      levels.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(",")}]`);
    }
    const r = parseYaml(`${levels.join("\n")}\ntitle: x\n`, z.any());
    expect(r.ok).toBe(false);
  });

  it("reports an unknown tag rather than guessing", () => {
    const r = parseYaml("title: !secret x\n", Schema);
    expect(r.ok).toBe(true); // yaml keeps an unknown tag's value as text, as before
    const twoDocs = parseYaml("title: a\n---\ntitle: b\n", Schema);
    expect(twoDocs.ok).toBe(false);
  });
});
