// Tests run on a 2-core machine alongside database servers and browsers: allow them time,
// but never rely on timing for a result. What every file would otherwise make for itself
// (the CLI bundle, the web app, the database template, a PostgreSQL server) is made once in
// test/setup/global.ts, which runs once for the whole run. Most of the slow files wait on
// processes they started (servers, a browser, PostgreSQL), so two files run side by side even
// on two cores (vitest's default there is one at a time).
//
// A test file normally gets a fresh process that loads its modules anew: about 1 s of CPU a
// file, a fifth of the suite. Three projects share the workers:
// - "unit" (src, web/src): pure code and its own temporary files; one process runs many
//   files, each module loaded once.
// - "integration" (test): files that start stores and servers in-process and close them
//   afterwards; one process runs many files too, each file's stores closed by its own hooks.
// - "browser" (e2e): the browser tests; each starts its own app server and Chromium and
//   closes them afterwards, so one process runs many of them too, and the server, the store
//   and playwright are loaded once a process, not once a file (about 3 s of CPU each).
// - "isolated": files that need a process of their own: files that watch process-wide state a
//   former file could have set off already (node-postgres warns of overlapping queries once
//   per process).
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { LongestFirst } from "./test/setup/sequencer.ts";

const timeouts = { testTimeout: 30_000, hookTimeout: 90_000 };
/** Test files that must run in a process of their own (see above). */
const OWN_PROCESS = ["test/sign-off.test.ts"];

export default defineConfig({
  test: {
    globalSetup: ["test/setup/global.ts"],
    // Three side by side on two cores: the files wait on their servers and browsers often
    // enough that a third keeps both cores busy (whole suite 381 s with two, 325 s with three,
    // 371 s with four, where the crash test's servers start too slowly).
    maxWorkers: Math.max(3, availableParallelism() - 1),
    ...timeouts,
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "web/src/**/*.test.ts"],
          isolate: false,
          ...timeouts,
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/**/*.test.ts"],
          exclude: OWN_PROCESS,
          isolate: false,
          ...timeouts,
        },
      },
      {
        test: { name: "browser", include: ["e2e/**/*.test.ts"], isolate: false, ...timeouts },
      },
      {
        test: { name: "isolated", include: OWN_PROCESS, ...timeouts },
      },
    ],
  },
});
