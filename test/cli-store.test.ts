/**
 * The store commands of the CLI when something is wrong: a database error never prints the
 * failed statement or the values it carried, and a command that only reads (audit verify,
 * export) refuses a folder without a database instead of creating an empty one and calling
 * it intact.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { bufferIo } from "../src/cli/io.ts";
import { main } from "../src/cli/main.ts";
import { openStore } from "../src/store/index.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), "basis-cli-store-"));
  dirs.push(d);
  return d;
};

async function basis(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe("the CLI on a damaged or missing database", () => {
  it("names an unexpected database error by its code, never by the statement or the values", async () => {
    const data = temp();
    const store = await openStore({ dataDir: data, databaseUrl: "" });
    // The database loses a table every import writes to.
    await store.database.db.execute(sql`drop table assessment_versions`);
    await store.close();
    const file = join(temp(), "secret.yaml");
    writeFileSync(
      file,
      readFileSync(join(ROOT, "fixtures/levqor-platform-lia.yaml"), "utf8").replace(
        /^title: .*$/m,
        "title: Grievance of Jane Doe",
      ),
    );
    const r = await basis("import", file, "--data-dir", data);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^basis: unexpected database error \(SQLSTATE 42P01\)/);
    expect(r.stderr).not.toMatch(/insert into|select |params:|Jane Doe|levqor/i);
  });

  it("says a database it cannot reach cannot be used, with the driver's reason, and changes nothing", async () => {
    // A port nobody listens on (just freed), and a socket folder with no server in it.
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, "127.0.0.1", () => {
        const address = srv.address();
        srv.close(() => resolve(typeof address === "object" && address ? address.port : 1));
      });
    });
    const socketDir = temp();
    const before = process.env.DATABASE_URL;
    try {
      for (const [url, reason] of [
        [`postgres://basis@127.0.0.1:${port}/basis`, `ECONNREFUSED 127.0.0.1:${port}`],
        [`postgres://basis@localhost/basis?host=${socketDir}`, `ENOENT ${socketDir}`],
      ] as const) {
        process.env.DATABASE_URL = url;
        const r = await basis("audit", "verify");
        expect(r.code, url).toBe(1);
        expect(r.stderr).toContain(`basis: cannot use the database: connect ${reason}`);
        expect(r.stderr).toContain("check DATABASE_URL");
        expect(r.stdout).not.toContain("intact");
      }
    } finally {
      if (before === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = before;
    }
    expect(readdirSync(socketDir)).toEqual([]);
  });

  it("refuses to verify the audit trail, or export, from a folder without a database, and creates nothing", async () => {
    const empty = temp();
    const missing = join(empty, "not-there");
    for (const args of [
      ["audit", "verify", "--data-dir", empty],
      ["audit", "verify", "--data-dir", missing],
      ["export", join(empty, "out"), "--data-dir", empty],
    ]) {
      const r = await basis(...args);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stdout).not.toContain("intact");
      expect(r.stderr).toMatch(/no Basis database in .*; name it with --data-dir/);
    }
    expect(readdirSync(empty)).toEqual([]);
    expect(existsSync(missing)).toBe(false);
  });
});
