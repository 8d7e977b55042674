#!/usr/bin/env node
// Bundles the CLI into dist/basis.mjs so `basis` starts in a fraction of the time the
// TypeScript loader needs. Runs on install (`prepare`); if it cannot build, bin/basis.js
// falls back to running the sources through tsx, so a failure here only costs speed.
// `--if-stale` builds only when a source is newer than the bundle (the tests' setup uses it,
// so the `basis` processes they start run what a user runs).
import { existsSync, realpathSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { newestSource } from "../bin/newest-source.js";
import { nodeBundleOptions } from "./bundle-options.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const bundle = join(root, "dist", "basis.mjs");
const installed = join(root, "node_modules", ".package-lock.json");

/** Bundles the CLI; with `ifStale`, only when a source is newer than the bundle. */
export async function buildCli({ ifStale = false } = {}) {
  const fresh =
    existsSync(bundle) &&
    statSync(bundle).mtimeMs >=
      Math.max(
        newestSource(join(root, "src")),
        statSync(fileURLToPath(import.meta.url)).mtimeMs,
        statSync(join(root, "scripts", "bundle-options.mjs")).mtimeMs,
        // The server's packages are bundled in too: an install (which rewrites npm's record of
        // node_modules) makes the bundle stale.
        existsSync(installed) ? statSync(installed).mtimeMs : 0,
      );
  if (ifStale && fresh) return;
  try {
    // esbuild loads only to build: `npm start` runs this check before every start.
    const { build } = await import("esbuild");
    await build({
      // The verify worker is its own entry: worker threads start from a file.
      ...nodeBundleOptions(
        { basis: "src/cli/main.ts", "verify-worker": "src/verify/worker.ts" },
        join(root, "dist"),
      ),
      absWorkingDir: root,
      // Commands load the server, the database and the PDF and Word renderers on use only.
      splitting: true,
      chunkNames: "chunks/[name]-[hash]",
      sourcemap: "linked",
    });
    // The parsed built-in content was made by the code just replaced: a changed schema or
    // parser must not be answered from it.
    rmSync(join(root, "dist", "content-cache"), { recursive: true, force: true });
  } catch (e) {
    // A build that failed part-way (yaml.cjs is written after the chunks) leaves no bundle for
    // bin/basis.js to run.
    rmSync(bundle, { force: true });
    console.warn(`basis: could not bundle the CLI (${e.message}); it will run from source`);
  }
}

if (process.argv[1] && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url)
  await buildCli({ ifStale: process.argv.includes("--if-stale") });
