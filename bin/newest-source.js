// When the TypeScript sources were last changed: the newest modification time of the `.ts`
// files under a folder (tests left out). bin/basis.js runs the bundle only when it is newer;
// scripts/build-cli.mjs --if-stale rebuilds it only when it is not.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}
