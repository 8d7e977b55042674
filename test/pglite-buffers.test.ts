/**
 * The embedded database's buffer pool: 32 MB unless BASIS_PGLITE_SHARED_BUFFERS names another
 * size, and a value that is not a size is refused before anything is opened.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../src/store/index.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function sharedBuffers(value: string | undefined): Promise<string> {
  const before = process.env.BASIS_PGLITE_SHARED_BUFFERS;
  if (value === undefined) delete process.env.BASIS_PGLITE_SHARED_BUFFERS;
  else process.env.BASIS_PGLITE_SHARED_BUFFERS = value;
  try {
    const dataDir = mkdtempSync(join(tmpdir(), "basis-buffers-"));
    dirs.push(dataDir);
    const store = await openStore({ dataDir, databaseUrl: "" });
    try {
      const r = (await store.database.db.execute(sql`show shared_buffers`)) as unknown as {
        rows: { shared_buffers: string }[];
      };
      return r.rows[0]?.shared_buffers ?? "";
    } finally {
      await store.close();
    }
  } finally {
    if (before === undefined) delete process.env.BASIS_PGLITE_SHARED_BUFFERS;
    else process.env.BASIS_PGLITE_SHARED_BUFFERS = before;
  }
}

describe("the embedded database's buffer pool", () => {
  it("is 32 MB by default, and the size BASIS_PGLITE_SHARED_BUFFERS names", async () => {
    expect(await sharedBuffers(undefined)).toBe("32MB");
    expect(await sharedBuffers("48MB")).toBe("48MB");
  });

  it("refuses a value that is not a size, before it makes the data directory's database", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "basis-buffers-"));
    dirs.push(dataDir);
    process.env.BASIS_PGLITE_SHARED_BUFFERS = "lots";
    try {
      await expect(openStore({ dataDir, databaseUrl: "" })).rejects.toMatchObject({
        code: "validation_failed",
        message: expect.stringContaining("BASIS_PGLITE_SHARED_BUFFERS"),
      });
    } finally {
      delete process.env.BASIS_PGLITE_SHARED_BUFFERS;
    }
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
