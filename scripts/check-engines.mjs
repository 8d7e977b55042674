#!/usr/bin/env node
// Fails when an installed package says it does not run on the Node versions Basis supports:
// the running Node, and the lowest version package.json's `engines.node` admits (CI may run a
// newer Node than a user has). npm only warns about this (EBADENGINE) unless told to be strict.
import { readFileSync } from "node:fs";
import semver from "semver";

const root = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const lock = JSON.parse(readFileSync(new URL("../package-lock.json", import.meta.url), "utf8"));
const supported = root.engines?.node;
if (!supported) {
  console.error("check:engines: package.json has no engines.node");
  process.exit(1);
}
const versions = [semver.minVersion(supported)?.version, process.versions.node].filter(Boolean);
const bad = [];
let checked = 0;
for (const [path, meta] of Object.entries(lock.packages ?? {})) {
  const range = meta.engines?.node;
  if (!path || typeof range !== "string") continue;
  checked++;
  for (const v of versions)
    if (!semver.satisfies(v, range))
      bad.push(
        `${path.replace(/^.*node_modules\//, "")}@${meta.version} needs node ${range}, not ${v}`,
      );
}
if (bad.length > 0) {
  console.error(`check:engines: ${bad.length} mismatch(es) with node ${supported}:`);
  for (const line of bad) console.error(`  ${line}`);
  process.exit(1);
}
console.log(`check:engines: ${checked} packages run on node ${versions.join(" and ")}`);
