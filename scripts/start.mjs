#!/usr/bin/env node
// `npm start`: brings the CLI bundle and the web app up to date when a source changed, then
// runs `basis serve` (with any arguments after `npm start --`), all in this one process:
// three Node processes one after the other took about 0.2 s more (bench/start.ts).
import { fileURLToPath } from "node:url";
import { buildCli } from "./build-cli.mjs";
import { buildWeb } from "./build-web.mjs";

await buildCli({ ifStale: true });
if (!(await buildWeb())) process.exit(1);
const bin = fileURLToPath(new URL("../bin/basis.js", import.meta.url));
process.argv = [process.argv[0], bin, "serve", ...process.argv.slice(2)];
await import(bin);
