// Tests run on a 2-core machine alongside database servers and browsers: allow them time,
// but never rely on timing for a result. What every file would otherwise make for itself
// (the CLI bundle, the web app, the database template, a PostgreSQL server) is made once in
// test/setup/global.ts.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["test/setup/global.ts"],
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
