/**
 * @module cli/zod-jitless
 * Turns off zod's compiled parsers for a command that reads one document. Its own module, so
 * that `basis --help` loads no zod, and the bundle keeps only the zod a command uses: a
 * dynamic `import("zod")` would hand esbuild the whole namespace and keep all of it.
 */
import { config } from "zod";

export function zodJitless(): void {
  config({ jitless: true });
}
