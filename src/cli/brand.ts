/**
 * @module cli/brand
 * Reads the organisation's branding for documents: a YAML or JSON file (`name`, `colour`,
 * `logo`: a PNG or JPEG path relative to the file) given with `--brand <file>`, or named by the
 * `BASIS_BRAND` environment variable. Used by `render`, `export-register`, `screen` and `serve`
 * (which hands it to every document the server makes). A bad file is refused with a clear
 * message before any work is done.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseYaml } from "../core/parse.ts";
import { BrandFile, type Branding, readLogo } from "../render/branding.ts";
import { CliError, EXIT } from "./io.ts";
import { formatErrors, readTextFile } from "./load-file.ts";

/** The brand file to use: the option, else `BASIS_BRAND`, else none. */
export function brandFileOf(option: string | undefined): string | undefined {
  const file = option ?? process.env.BASIS_BRAND;
  return file === undefined || file.trim() === "" ? undefined : file;
}

/** The branding in `file`, checked; undefined when no file is given. */
export function loadBranding(option: string | undefined): Branding | undefined {
  const file = brandFileOf(option);
  if (file === undefined) return undefined;
  const read = readTextFile(file);
  if (!read.ok) throw new CliError(formatErrors(file, read.errors).join("\n"), EXIT.usage);
  const parsed = parseYaml(read.text, BrandFile);
  if (!parsed.ok) throw new CliError(formatErrors(file, parsed.errors).join("\n"), EXIT.usage);
  const { name, colour, logo } = parsed.value;
  const branding: Branding = {
    ...(name === undefined ? {} : { name }),
    ...(colour === undefined ? {} : { colour }),
  };
  if (logo !== undefined) {
    const path = resolve(dirname(file), logo);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(path));
    } catch (e) {
      throw new CliError(
        `${file}: logo: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? "error"}`,
        EXIT.usage,
      );
    }
    const read = readLogo(bytes);
    if (typeof read === "string") throw new CliError(`${file}: logo: ${read}`, EXIT.usage);
    branding.logo = read;
  }
  return branding;
}
