#!/usr/bin/env node
// Bundles the CLI into dist/basis.mjs so `basis` starts in a fraction of the time the
// TypeScript loader needs. Runs on install (`prepare`); if it cannot build, bin/basis.js
// falls back to running the sources through tsx, so a failure here only costs speed.
import { build } from "esbuild";
import { nodeBundleOptions } from "./bundle-options.mjs";

try {
  await build({
    // The verify worker is its own entry: worker threads start from a file.
    ...nodeBundleOptions(
      { basis: "src/cli/main.ts", "verify-worker": "src/verify/worker.ts" },
      "dist",
    ),
    // Commands load the server, the database and the PDF and Word renderers on use only.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    sourcemap: "linked",
  });
} catch (e) {
  console.warn(`basis: could not bundle the CLI (${e.message}); it will run from source`);
}
