#!/usr/bin/env node
// Bundles the CLI into dist/basis.mjs so `basis` starts in a fraction of the time the
// TypeScript loader needs. Runs on install (`prepare`); if it cannot build, bin/basis.js
// falls back to running the sources through tsx, so a failure here only costs speed.
import { build } from "esbuild";

try {
  await build({
    entryPoints: ["src/cli/main.ts"],
    outfile: "dist/basis.mjs",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
  });
} catch (e) {
  console.warn(`basis: could not bundle the CLI (${e.message}); it will run from source`);
}
