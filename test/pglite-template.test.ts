/**
 * New embedded databases start as copies of the template (made once by the suite's setup, as
 * on install): each copy is a migrated database of its own, a stale template is never used,
 * and making the template is skipped while it is current.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../src/store/index.ts";
import {
  buildTemplate,
  copyTemplate,
  templateIsCurrent,
  templateKey,
} from "../src/store/pglite-template.ts";
import { anAssessment } from "./builders.ts";

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), "basis-template-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const ctx = { actor: "test", now: new Date("2026-11-22T10:00:00Z"), today: "2026-11-22" };

describe("the database template", () => {
  it("is current after the suite's setup, as after install", () => {
    expect(templateIsCurrent()).toBe(true);
  });

  it("gives each new data directory a migrated database of its own", async () => {
    const [a, b] = [temp(), temp()];
    const first = await openStore({ dataDir: a, databaseUrl: "" });
    const second = await openStore({ dataDir: b, databaseUrl: "" });
    try {
      await first.assessments.create(
        anAssessment()
          .with((x) => (x.id = "only-in-a"))
          .build(),
        ctx,
      );
      expect((await first.assessments.allDocuments()).map((d) => d.id)).toEqual(["only-in-a"]);
      expect(await second.assessments.allDocuments()).toEqual([]);
      expect((await second.audit.verify()).ok).toBe(true);
    } finally {
      await first.close();
      await second.close();
    }
    // Nothing is left beside the database from the copy.
    expect(readdirSync(a).sort()).toEqual(["pg"]);
  });

  it("is not used when made from other migrations or another PGlite", () => {
    const stale = temp();
    mkdirSync(join(stale, "pg"));
    writeFileSync(join(stale, "pg", "PG_VERSION"), "17");
    writeFileSync(join(stale, "key"), "made from something else");
    expect(templateIsCurrent(stale)).toBe(false);
    const target = join(temp(), "pg");
    expect(copyTemplate(target, stale)).toBe(false);
    expect(existsSync(target)).toBe(false);
  });

  it("never copies over an existing database", () => {
    const target = join(temp(), "pg");
    mkdirSync(target);
    writeFileSync(join(target, "PG_VERSION"), "mine");
    expect(() => copyTemplate(target)).toThrow();
    expect(readdirSync(target)).toEqual(["PG_VERSION"]);
    expect(readdirSync(join(target, "..")).sort()).toEqual(["pg"]);
  });

  it("is made only while missing or stale, and then carries the current key", async () => {
    const dir = join(temp(), "template");
    let made = 0;
    const create = async (pgDir: string) => {
      made++;
      mkdirSync(pgDir, { recursive: true });
      writeFileSync(join(pgDir, "PG_VERSION"), "17");
    };
    expect(await buildTemplate(create, dir)).toBe(true);
    expect(await buildTemplate(create, dir)).toBe(false);
    expect(made).toBe(1);
    expect(templateIsCurrent(dir)).toBe(true);
    writeFileSync(join(dir, "key"), "stale");
    expect(await buildTemplate(create, dir)).toBe(true);
    expect(made).toBe(2);
    expect(templateIsCurrent(dir)).toBe(true);
    expect(templateKey()).toMatch(/^[0-9a-f]{64}$/);
  });
});
