// Tests run on a 2-core machine alongside database servers and browsers: allow them time,
// but never rely on timing for a result.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});
