/**
 * @module content/paths
 * Where the package's files are on disk, found by walking up from this module to the folder
 * holding Basis's package.json. The same code works from the TypeScript sources and from
 * the bundled CLI in dist/.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "basis")
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the basis package folder");
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
/** The version in Basis's package.json: what the CLI, the API and SARIF/JUnit reports name. */
export const PACKAGE_VERSION = String(
  JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")).version,
);
export const CONTENT_DIR = join(PACKAGE_ROOT, "src", "content");
export const SCHEMA_DIR = join(PACKAGE_ROOT, "schema");
