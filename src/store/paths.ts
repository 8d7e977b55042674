/**
 * @module store/paths
 * Where the migrations are, from the sources or from the bundled CLI alike.
 */
import { join } from "node:path";
import { PACKAGE_ROOT } from "../content/paths.ts";

export const MIGRATIONS_DIR = join(PACKAGE_ROOT, "src", "store", "migrations");
