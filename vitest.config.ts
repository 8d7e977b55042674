// Tests run on a 2-core machine alongside database servers and browsers: allow them time,
// but never rely on timing for a result. What every file would otherwise make for itself
// (the CLI bundle, the web app, the database template, a PostgreSQL server) is made once in
// test/setup/global.ts. Most of the slow files wait on processes they started (servers, a
// browser, PostgreSQL), so two files run side by side even on two cores (vitest's default
// there is one at a time).
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["test/setup/global.ts"],
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
