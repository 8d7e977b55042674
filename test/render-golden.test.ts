/**
 * Golden files for the Markdown LIA of every seed fixture (and the DPIA of those that hold one): a change to the document shows up
 * as a diff in review. Regenerate with UPDATE_GOLDEN=1 npm test after checking the change.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bufferIo } from "../src/cli/io.ts";
import { main } from "../src/cli/main.ts";

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const fixtures = readdirSync(root("fixtures")).filter((f) => f.endsWith(".yaml"));

describe("Markdown rendering of the seed fixtures", () => {
  for (const name of fixtures) {
    it(`${name} matches its golden file`, async () => {
      const io = bufferIo();
      const code = await main(
        ["render", root(`fixtures/${name}`), "--format", "md", "--today", "2026-11-22"],
        io,
      );
      expect(code).toBe(0);
      const golden = root(`test/golden/${name.replace(/\.yaml$/, ".golden.md")}`);
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(golden, io.stdout);
      expect(existsSync(golden), `${golden} is missing: run UPDATE_GOLDEN=1 npm test`).toBe(true);
      expect(io.stdout).toBe(readFileSync(golden, "utf8"));
    });
  }
});

describe("Markdown DPIA of the seed fixtures that hold one", () => {
  const withDpia = fixtures.filter((f) =>
    /^dpia:/m.test(readFileSync(root(`fixtures/${f}`), "utf8")),
  );
  it("covers at least one fixture", () => expect(withDpia.length).toBeGreaterThan(0));
  for (const name of withDpia) {
    it(`${name} matches its DPIA golden file`, async () => {
      const io = bufferIo();
      const code = await main(
        [
          "render",
          root(`fixtures/${name}`),
          "--document",
          "dpia",
          "--format",
          "md",
          "--today",
          "2026-11-22",
        ],
        io,
      );
      expect(code).toBe(0);
      const golden = root(`test/golden/${name.replace(/\.yaml$/, ".dpia.golden.md")}`);
      if (process.env.UPDATE_GOLDEN === "1") writeFileSync(golden, io.stdout);
      expect(existsSync(golden), `${golden} is missing: run UPDATE_GOLDEN=1 npm test`).toBe(true);
      expect(io.stdout).toBe(readFileSync(golden, "utf8"));
    });
  }
});
