/**
 * @module check/collect-files
 * The files `basis check` looks at: each path given, and every `*.yaml`/`*.yml` under each
 * folder given (recursively, in a stable order, skipping `node_modules` and hidden folders).
 * A file named on the command line is always checked; a file found in a folder is checked only
 * when it declares `format: basis/…`, so a repository's other YAML (CI, compose files) is left
 * alone and counted as ignored.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export interface CollectedFiles {
  files: string[];
  ignored: number;
  missing: string[];
}

const YAML = /\.ya?ml$/i;
const BASIS_HEADER = /^format:\s*["']?basis\//m;
/** Only the start of a file is read to decide whether it is a Basis file. */
const SNIFF_BYTES = 64 * 1024;

export function collectFiles(paths: readonly string[]): CollectedFiles {
  const out: CollectedFiles = { files: [], ignored: 0, missing: [] };
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      out.files.push(file);
    }
  };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      out.missing.push(path);
      continue;
    }
    if (!isDir) add(path);
    else
      for (const file of walk(path)) {
        if (isBasisFile(file)) add(file);
        else out.ignored++;
      }
  }
  return out;
}

function* walk(dir: string): Generator<string> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      yield* walk(path);
    } else if (e.isFile() && YAML.test(e.name)) yield path;
  }
}

function isBasisFile(file: string): boolean {
  try {
    const buf = readFileSync(file).subarray(0, SNIFF_BYTES);
    return BASIS_HEADER.test(buf.toString("utf8"));
  } catch {
    return true; // unreadable: let the gate report it
  }
}
