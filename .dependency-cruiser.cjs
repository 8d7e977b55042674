/**
 * Imports point inwards only. Each room of src/ (and the web app) lists the rooms it may
 * import; anything else is an error, so a new import across rooms is a decision made here,
 * not an accident. `src/core` imports nothing of ours outside itself and no Node built-in,
 * so it runs unchanged in the browser. ARCHITECTURE.md draws the same picture.
 */
const LAYERS = {
  core: [],
  content: ["core"],
  render: ["core"],
  interop: ["core"],
  verify: ["core"],
  check: ["core", "content", "render"],
  store: ["core", "content"],
  notify: ["core", "store"],
  server: ["core", "content", "render", "store", "notify", "interop"],
  cli: ["core", "content", "render", "store", "server", "notify", "verify", "check", "interop"],
};

const allowlist = Object.entries(LAYERS).map(([layer, may]) => ({
  name: `${layer}-imports-only-${may.length ? may.join("-") : "itself"}`,
  severity: "error",
  from: { path: `^src/${layer}/` },
  to: {
    path: "^(src|web)/",
    pathNot: [`^src/${layer}/`, ...may.map((m) => `^src/${m}/`)],
  },
}));

module.exports = {
  forbidden: [
    ...allowlist,
    {
      name: "core-is-pure",
      comment: "src/core may import only src/core, zod, yaml and js-yaml: no Node built-in, no I/O",
      severity: "error",
      from: { path: "^src/core/" },
      to: { pathNot: ["^src/core/", "node_modules/(zod|yaml|js-yaml)/"] },
    },
    {
      name: "interop-uses-core-only",
      comment:
        "src/interop converts other tools' files: pure, it imports only src/core, zod, yaml and js-yaml",
      severity: "error",
      from: { path: "^src/interop/" },
      to: { pathNot: ["^src/(core|interop)/", "node_modules/(zod|yaml|js-yaml)/"] },
    },
    {
      name: "every-room-has-rules",
      comment: "a new folder under src/ needs its line in LAYERS above",
      severity: "error",
      from: { path: "^src/", pathNot: `^src/(${Object.keys(LAYERS).join("|")})/` },
      to: {},
    },
    {
      name: "web-uses-core-only",
      comment: "the browser app imports the pure core and the label tables, never the server side",
      severity: "error",
      from: { path: "^web/" },
      to: { path: "^src/", pathNot: ["^src/core/", "^src/render/labels\\.ts$"] },
    },
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "\\.test\\.ts$" },
  },
};
