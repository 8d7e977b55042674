import type { BuildOptions } from "esbuild";

export const BUNDLED_PACKAGES: string[];
export function nodeBundleOptions(
  entryPoints: Record<string, string>,
  outdir: string,
): BuildOptions;
