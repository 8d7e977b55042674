// What the CLI bundle (scripts/build-cli.mjs) and the benchmarks' copy of it share.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
//
// Most packages stay outside the bundle and load from node_modules on use: native code,
// WebAssembly, and the document renderers that only some commands need. The few
// pure-JavaScript packages every command loads are bundled in, so a command starts without
// resolving and compiling their hundreds of files one by one (about 0.1 s a start); so are the
// server's (SERVER_PACKAGES), in the chunks only `basis serve` and the store's commands load.
export const BUNDLED_PACKAGES = ["zod", "yaml", "js-yaml", "commander"];

/**
 * The server's pure-JavaScript packages, bundled with everything they import (but what
 * `NEVER_BUNDLED` names): `basis serve` loads them from its own chunks, not as some 400 files
 * resolved, read and compiled one by one (about 0.25 s of CPU at every start). Only `serve`
 * loads these chunks, so no other command pays for them.
 */
export const SERVER_PACKAGES = [
  "fastify",
  "@fastify/compress",
  "helmet",
  "@fastify/rate-limit",
  "@fastify/static",
  "drizzle-orm",
  "pg",
];

/**
 * Left in node_modules even when a bundled package imports them: PGlite, which finds its
 * WebAssembly and data files beside its own modules; Fastify's schema compilers (ajv and
 * fast-json-stringify), loaded only if a route ever gives Fastify a schema to compile (see
 * src/server/fastify-options.ts); and @fastify/cookie, whose `import("cookie")` of a CommonJS
 * module gets the named exports Node gives it, not the default alone a bundle would.
 */
const NEVER_BUNDLED = [
  "@electric-sql/pglite",
  "@fastify/cookie",
  "@fastify/ajv-compiler",
  "@fastify/fast-json-stringify-compiler",
];

/** The package a bare import names: `zod/v4/core` -> `zod`, `@scope/x/y` -> `@scope/x`. */
function packageOf(path) {
  const parts = path.split("/");
  return path.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? path);
}

/**
 * yaml's ES module build (what its package gives browsers), not its CommonJS one: bundled into
 * one file it loads as plain code, not as the ~70 files of its CommonJS build.
 */
const YAML_ESM = join(
  dirname(createRequire(import.meta.url).resolve("yaml/package.json")),
  "browser",
  "index.js",
);

/**
 * What our sources import from yaml: a name here is a function of the same name that loads
 * yaml at its first call, and a name our sources import but this list lacks fails the build
 * ("No matching export"): add it here. A class is constructed through its stand-in
 * (`new LineCounter()` gives yaml's own), but `instanceof` and static members need the class
 * itself, so a class used that way cannot be listed.
 */
const YAML_ON_USE = {
  parseDocument: "function",
  stringify: "function",
  isMap: "function",
  isNode: "function",
  isScalar: "function",
  isSeq: "function",
  LineCounter: "class",
};

const YAML_NAMESPACE = "yaml-on-first-use";

/**
 * yaml reads a file with line and column, which a command needs only for a file js-yaml cannot
 * read (one with an error, or with anchors, aliases or tags: src/core/parse.ts), and writes
 * YAML for a few commands. Bundled into the chunks, its 130 kB were compiled at every start of
 * every command that reads a file: `basis evaluate` of the largest fixture executed 1,048
 * million instructions under callgrind with it, 1,022 million without. Our sources'
 * `import … from "yaml"` is bundled as a small module instead, whose functions require yaml on
 * their first call from `yaml.cjs`: yaml bundled on its own (CommonJS, so that a synchronous
 * function can load it), written beside each output that holds that module.
 */
const yamlOnFirstUse = {
  name: "yaml-on-first-use",
  setup(build) {
    build.initialOptions.metafile = true;
    build.onResolve({ filter: /^yaml$/ }, (args) =>
      /[/\\]node_modules[/\\]/.test(args.importer)
        ? { path: YAML_ESM }
        : { path: "yaml", namespace: YAML_NAMESPACE },
    );
    // Left as a require of the file beside the output, at run time.
    build.onResolve({ filter: /^\.\/yaml\.cjs$/, namespace: YAML_NAMESPACE }, (args) => ({
      path: args.path,
      external: true,
    }));
    build.onLoad({ filter: /^yaml$/, namespace: YAML_NAMESPACE }, () => ({
      contents: [
        "let yaml;",
        'const load = () => (yaml ??= require("./yaml.cjs"));',
        ...Object.entries(YAML_ON_USE).map(([name, kind]) =>
          kind === "class"
            ? `export function ${name}(...args) { return new (load().${name})(...args); }`
            : `export function ${name}(...args) { return load().${name}(...args); }`,
        ),
      ].join("\n"),
      loader: "js",
    }));
    build.onEnd(async (result) => {
      if (result.errors.length > 0 || !result.metafile) return;
      const root = build.initialOptions.absWorkingDir ?? process.cwd();
      const dirs = new Set(
        Object.entries(result.metafile.outputs)
          .filter(([, out]) =>
            Object.keys(out.inputs).some((input) => input.startsWith(`${YAML_NAMESPACE}:`)),
          )
          .map(([file]) => dirname(resolve(root, file))),
      );
      for (const dir of dirs) {
        await build.esbuild.build({
          entryPoints: [YAML_ESM],
          outfile: join(dir, "yaml.cjs"),
          bundle: true,
          platform: "node",
          format: "cjs",
          target: build.initialOptions.target,
          minifyWhitespace: true,
          minifySyntax: true,
          logLevel: "warning",
        });
      }
    });
  },
};

/** esbuild options for a Node bundle of `entryPoints` into `outdir`. */
export function nodeBundleOptions(entryPoints, outdir) {
  return {
    entryPoints,
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Fewer bytes for V8 to parse at every start (41 million fewer instructions, 3.5 %, for
    // `basis evaluate` under callgrind). Names stay as written: a build that renamed them too
    // started no cheaper than this one, and they keep stack traces readable.
    minifyWhitespace: true,
    minifySyntax: true,
    // Bundled CommonJS (commander) may call require, and so does yaml's loader (below): give
    // the ES module one.
    banner: {
      js: 'import { createRequire as __basisCreateRequire } from "node:module";\nconst require = __basisCreateRequire(import.meta.url);',
    },
    plugins: [
      yamlOnFirstUse,
      {
        // `import { z } from "zod"` hands esbuild the whole `z` namespace as one value, so it
        // keeps all of zod (every locale, JSON Schema import and export): 0.75 MB that every
        // command would compile at start. `import * as z` is the same binding to the code and
        // lets esbuild keep only what is used (0.15 MB). Only our own sources are rewritten.
        name: "zod-namespace-import",
        setup(build) {
          build.onLoad({ filter: /[/\\]src[/\\].*\.ts$/ }, async (args) => ({
            contents: (await readFile(args.path, "utf8")).replaceAll(
              'import { z } from "zod";',
              'import * as z from "zod";',
            ),
            loader: "ts",
          }));
        },
      },
      {
        // commander requires child_process at load, for subcommands run as programs of their
        // own, which Basis has none of; loading it also loads net, dgram and streams, about
        // 5 ms of every start. It is required on the first spawn instead.
        name: "commander-lazy-child-process",
        setup(build) {
          build.onLoad({ filter: /[/\\]commander[/\\]lib[/\\]command\.js$/ }, async (args) => {
            const source = await readFile(args.path, "utf8");
            const eager = "const childProcess = require('node:child_process');";
            if (!source.includes(eager)) throw new Error(`${args.path}: no "${eager}" to defer`);
            return {
              contents: source.replace(
                eager,
                "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };",
              ),
              loader: "js",
            };
          });
        },
      },
      {
        name: "external-packages",
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path.startsWith("node:")) return { path: args.path, external: true };
            const name = packageOf(args.path);
            if (BUNDLED_PACKAGES.includes(name) || SERVER_PACKAGES.includes(name)) return undefined;
            // What a bundled package imports is bundled with it.
            if (/[/\\]node_modules[/\\]/.test(args.importer) && !NEVER_BUNDLED.includes(name))
              return undefined;
            return { path: args.path, external: true };
          });
        },
      },
    ],
    logLevel: "warning",
  };
}
