/**
 * Imports point inwards only: web, cli, server -> store, render -> core. `src/core` imports
 * nothing of ours outside itself and no Node built-ins, so it runs unchanged in the browser.
 */
module.exports = {
  forbidden: [
    {
      name: "core-is-pure",
      comment: "src/core may import only src/core, zod and yaml",
      severity: "error",
      from: { path: "^src/core" },
      to: { pathNot: ["^src/core", "node_modules/(zod|yaml)/"] },
    },
    {
      name: "render-only-uses-core",
      severity: "error",
      from: { path: "^src/render" },
      to: { path: "^src/(cli|server|store|content)" },
    },
    {
      name: "content-only-uses-core",
      severity: "error",
      from: { path: "^src/content" },
      to: { path: "^src/(cli|server|store|render)" },
    },
    {
      name: "store-uses-core-and-content",
      severity: "error",
      from: { path: "^src/store" },
      to: { path: "^src/(cli|server|render|web|verify|check)" },
    },
    {
      name: "server-not-cli",
      severity: "error",
      from: { path: "^src/server" },
      to: { path: "^src/(cli|web)" },
    },
    {
      name: "verify-uses-core-only",
      severity: "error",
      from: { path: "^src/verify" },
      to: { path: "^src/(cli|server|store|render|content|check|web)" },
    },
    {
      name: "check-uses-core-content-render",
      severity: "error",
      from: { path: "^src/check" },
      to: { path: "^src/(cli|server|store|verify|web)" },
    },
    {
      name: "interop-uses-core-only",
      comment:
        "src/interop converts other tools' files: pure, it imports only src/core, zod and yaml",
      severity: "error",
      from: { path: "^src/interop" },
      to: { pathNot: ["^src/(core|interop)/", "node_modules/(zod|yaml)/"] },
    },
    {
      name: "nothing-imports-cli",
      severity: "error",
      from: { path: "^src/(core|render|content|store|server|verify|check|interop)" },
      to: { path: "^src/cli" },
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
