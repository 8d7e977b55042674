#!/usr/bin/env node
// Assembles each WebAssembly text file under src/verify/wasm (`name.wat`) into a TypeScript
// module beside it (`name.wasm.ts`) holding the binary as base64, so the sources, the bundled
// CLI and every worker thread load it the same way, with no file to find at run time.
// `npm run build:wasm` after editing a .wat; a test fails while a module is out of date.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("../src/verify/wasm/", import.meta.url));

/** The .wat files to assemble, as absolute paths. */
export function watFiles() {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".wat"))
    .map((f) => join(dir, f));
}

/** The TypeScript module for one .wat file: the same bytes for the same text, always. */
export async function wasmModuleSource(watPath) {
  const wabt = await (await import("wabt")).default();
  const name = basename(watPath);
  const parsed = wabt.parseWat(name, readFileSync(watPath, "utf8"));
  try {
    parsed.validate();
    const { buffer } = parsed.toBinary({ log: false, write_debug_names: false });
    const b64 = Buffer.from(buffer).toString("base64");
    const lines = b64.match(/.{1,96}/g) ?? [];
    return `// Generated from ${name} by scripts/build-wasm.mjs (\`npm run build:wasm\`): do not edit.
export const WASM_BASE64 =
${lines.map((l, i) => `  "${l}"${i < lines.length - 1 ? " +" : ";"}`).join("\n")}
`;
  } finally {
    parsed.destroy();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // --check: change nothing, and fail when a module is not what its .wat assembles to.
  const check = process.argv.includes("--check");
  let stale = 0;
  for (const wat of watFiles()) {
    const out = wat.replace(/\.wat$/, ".wasm.ts");
    const source = await wasmModuleSource(wat);
    if (!check) {
      writeFileSync(out, source);
      console.log(`wrote ${out}`);
    } else if (!existsSync(out) || readFileSync(out, "utf8") !== source) {
      console.error(`${out} is out of date: run npm run build:wasm`);
      stale++;
    }
  }
  process.exitCode = stale > 0 ? 1 : 0;
}
