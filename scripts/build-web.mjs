#!/usr/bin/env node
// Builds the web app into dist/web when any of its sources (web/, and the core engine it
// runs in the browser) is newer than the last build, so `npm start` always serves the app
// as the sources are. `--force` rebuilds regardless.
import {
  existsSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("..", import.meta.url));
const index = join(root, "dist", "web", "index.html");

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (!e.name.endsWith(".test.ts")) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Builds the web app when a source is newer than the build (always with `force`). False when
 * there is no build and none could be made (vite not installed).
 */
export async function buildWeb({ force = false } = {}) {
  const sources = Math.max(
    newest(join(root, "web")),
    newest(join(root, "src", "core")),
    statSync(join(root, "src", "render", "labels.ts")).mtimeMs,
  );
  if (!force && existsSync(index) && statSync(index).mtimeMs >= sources) return true;
  let vite;
  try {
    vite = await import("vite");
  } catch {
    console.warn("basis: vite is not installed (npm install), so the web app was not rebuilt");
    return existsSync(index);
  }
  console.log("basis: building the web app…");
  // Always the production build: run from the test setup, NODE_ENV is "test", and vite would
  // then bundle React's development build (several times slower in the browser).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await vite.build({
      configFile: join(root, "web", "vite.config.ts"),
      logLevel: "warn",
      mode: "production",
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  precompress(join(root, "dist", "web"));
  return true;
}

if (process.argv[1] && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url) {
  if (!(await buildWeb({ force: process.argv.includes("--force") }))) process.exit(1);
}

/**
 * Beside every text file of the build, its gzip (`.gz`) and brotli (`.br`) copies at the
 * strongest levels, made once here: the server sends the one a browser accepts
 * (`preCompressed` in src/server/web-app.ts) instead of compressing on every request.
 */
function precompress(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) precompress(p);
    else if (/\.(js|mjs|css|html|svg|json|txt|webmanifest)$/.test(e.name)) {
      const bytes = readFileSync(p);
      if (bytes.length < 1024) continue;
      writeFileSync(`${p}.gz`, gzipSync(bytes, { level: 9 }));
      writeFileSync(
        `${p}.br`,
        brotliCompressSync(bytes, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 11,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        }),
      );
    }
  }
}
