/**
 * The two storage backends a test runs on: embedded PGlite in a temporary directory, and a
 * database on a throwaway PostgreSQL server (skipped loudly when PostgreSQL is not installed,
 * a failure in CI). Registers the hooks that start and remove them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { openStore, type Store, type StoreOptions } from "../../src/store/index.ts";
import { postgresAvailable, startPostgres, type TestPostgres } from "./postgres.ts";

export interface Backends {
  /** Each backend with a way to open a fresh, empty store on it. */
  list: { name: string; open(opts?: Partial<StoreOptions>): Promise<Store> }[];
  withPg: boolean;
  /** The PostgreSQL server (only when `withPg`). */
  postgres(): TestPostgres;
  /** A temporary directory, removed after the file's tests. */
  temp(): string;
}

export function storeBackends(prefix: string): Backends {
  const withPg = postgresAvailable();
  let server: TestPostgres | undefined;
  const dirs: string[] = [];
  beforeAll(async () => {
    if (withPg) server = await startPostgres();
  }, 60_000);
  afterAll(() => {
    server?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const temp = () => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
  const postgres = () => {
    if (!server) throw new Error("PostgreSQL is not running");
    return server;
  };
  return {
    withPg,
    postgres,
    temp,
    list: [
      {
        name: "PGlite",
        open: (opts = {}) => openStore({ ...opts, dataDir: temp(), databaseUrl: "" }),
      },
      ...(withPg
        ? [
            {
              name: "PostgreSQL",
              open: async (opts = {}) =>
                openStore({ ...opts, databaseUrl: await postgres().createDatabase() }),
            },
          ]
        : []),
    ],
  };
}
