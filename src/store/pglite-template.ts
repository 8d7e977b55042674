/**
 * @module store/pglite-template
 * A new embedded database starts as a copy of a template instead of being made from nothing:
 * PGlite's initdb costs about 3 s of WebAssembly and the migrations another 0.5 s, a copy of
 * the made and migrated data directory about 0.2 s. The template is made once — on install
 * (`npm run build:template`, part of `prepare`) and by the test suite's setup — under
 * `dist/pglite-template`, with a key naming the PGlite release and the migrations it was made
 * from. A new data directory uses it only while that key is current; otherwise the database is
 * made from nothing as before, so a stale or missing template costs time, never correctness.
 */
import { createHash } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PACKAGE_ROOT } from "../content/paths.ts";
import { MIGRATIONS_DIR } from "./paths.ts";

export const TEMPLATE_DIR = join(PACKAGE_ROOT, "dist", "pglite-template");
const KEY_FILE = "key";
const DATA = "pg";

/** The PGlite release and the migration files: a template made from others is not used. */
export function templateKey(): string {
  const h = createHash("sha256");
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const manifest = join(dirname(entry), "..", "package.json");
  h.update(`pglite ${JSON.parse(readFileSync(manifest, "utf8")).version}\0`);
  h.update(`wasm ${statSync(join(dirname(entry), "pglite.wasm")).size}\0`);
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
      .sort();
  for (const f of files(MIGRATIONS_DIR))
    h.update(`${f.slice(MIGRATIONS_DIR.length)}\0`).update(readFileSync(f));
  return h.digest("hex");
}

/** Whether the template under `dir` exists and was made from the current PGlite and migrations. */
export function templateIsCurrent(dir = TEMPLATE_DIR): boolean {
  try {
    return (
      existsSync(join(dir, DATA, "PG_VERSION")) &&
      readFileSync(join(dir, KEY_FILE), "utf8") === templateKey()
    );
  } catch {
    return false;
  }
}

/**
 * Make `pgDir` (which must not exist) a copy of the current template. Copied beside it first
 * and renamed into place, so a process stopped halfway leaves no half-made database behind.
 * False when there is no current template: the caller makes the database from nothing.
 */
export function copyTemplate(pgDir: string, dir = TEMPLATE_DIR): boolean {
  if (existsSync(pgDir)) throw new Error(`${pgDir} exists: a database is never copied over`);
  if (!templateIsCurrent(dir)) return false;
  const parent = dirname(pgDir);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, ".pg-template-"));
  try {
    copyTree(join(dir, DATA), join(staging, DATA));
    renameSync(join(staging, DATA), pgDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return true;
}

/**
 * Copy the folder `from` (files and folders only, as a data directory holds) to `to`, which
 * must not exist. The template has about 1,000 files: fs.cpSync checks each path several
 * times over (0.07-0.13 s of CPU a copy); one directory read and one copy a file, half that.
 * Folders keep their mode (PostgreSQL's are private) and files theirs (copyFileSync keeps it).
 */
function copyTree(from: string, to: string): void {
  mkdirSync(to, { mode: statSync(from).mode & 0o777 });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) copyTree(source, join(to, entry.name));
    else if (entry.isFile()) copyFileSync(source, join(to, entry.name));
    else throw new Error(`${source}: not a file or a folder; a template holds only those`);
  }
}

/**
 * Make the template under `dir` unless a current one is there: `create(pgDir)` makes and
 * migrates a database in `pgDir` and closes it. Made aside and renamed into place, so a
 * concurrent reader sees the old template or the new one, never half of one.
 */
export async function buildTemplate(
  create: (pgDir: string) => Promise<void>,
  dir = TEMPLATE_DIR,
): Promise<boolean> {
  if (templateIsCurrent(dir)) return false;
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, ".pglite-template-"));
  chmodSync(staging, 0o755); // readable by whoever runs Basis from this install
  try {
    await create(join(staging, DATA));
    writeFileSync(join(staging, KEY_FILE), templateKey());
    const old = `${staging}.old`;
    if (existsSync(dir)) renameSync(dir, old);
    try {
      renameSync(staging, dir);
    } catch (e) {
      // Another process put its template in place first: that one serves as well.
      if (!templateIsCurrent(dir)) throw e;
    }
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return true;
}
