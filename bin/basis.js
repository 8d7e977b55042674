#!/usr/bin/env -S node --min-semi-space-size=16
// The flag starts V8's young generation at 16 MB: a command's start-up allocates ~15 MB
// (modules, schemas, the engine's work), which a smaller space collects at least once, copying
// what survives (~10 MB, 20 ms).
// Starts the CLI from the bundle in dist/ when it is newer than every source file, and from
// the TypeScript sources through tsx otherwise, so an edit never runs stale code.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { newestSource } from "./newest-source.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const bundle = join(root, "dist", "basis.mjs");

// A reader that stops early (`basis … | head`) closes the pipe: stop quietly, as other tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}

let entry;
if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource(join(root, "src"))) {
  entry = bundle;
} else {
  const { register } = await import("tsx/esm/api");
  register();
  entry = join(root, "src", "cli", "main.ts");
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
