/**
 * The order test files start in: the longest first, so that no long file starts near the end
 * of the run and keeps one worker busy while the other has nothing left (the run then takes as
 * long as that file's late start plus its length). A file's length is what it took in the last
 * run when vitest remembers it (a failed file first, as vitest does), else the estimate below:
 * the slowest files by name, as measured on a two-core machine, and otherwise the file's size.
 * Unlike vitest's default order this mixes the projects, so the browser tests are not queued
 * behind every other file. After the long files, the rest go project by project: a worker
 * keeps its process for the next file only when that file is of the same project (and the
 * project does not isolate its files), so a run of such files loads their modules once.
 */
import { statSync } from "node:fs";
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Seconds the slowest files took in a whole run; refresh from `npm test`'s closing table. */
const KNOWN_SLOW: Record<string, number> = {
  "test/crash.test.ts": 118,
  "e2e/web.test.ts": 113,
  "e2e/templates.test.ts": 92,
  "e2e/workflow.test.ts": 64,
  "test/verify.test.ts": 52,
  "e2e/from-scratch.test.ts": 48,
  "test/register-plans.test.ts": 45,
  "test/api.test.ts": 43,
  "test/backup.test.ts": 32,
  "e2e/dpia.test.ts": 31,
  "test/serve.test.ts": 17,
  "test/working-drafts.test.ts": 17,
  "test/store.contract.test.ts": 17,
  "test/document-pages.test.ts": 17,
};

/** Files at least this long (seconds) start first, whatever their project. */
const LONG = 15;
/** The order of the projects after the long files: the longer files first. */
const PROJECTS = ["integration", "browser", "isolated", "unit"];

export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const length = new Map<TestSpecification, number>();
    for (const spec of files) {
      const file = relative(root, spec.moduleId);
      const last = this.ctx.cache.getFileTestResults(`${spec.project.name}:${file}`);
      let seconds: number;
      if (last) seconds = last.failed ? Number.POSITIVE_INFINITY : last.duration / 1000;
      else if (KNOWN_SLOW[file] !== undefined) seconds = KNOWN_SLOW[file];
      else {
        // A test file of pure code runs in well under a second; one that starts stores or
        // servers takes about a second per kB of tests.
        const kb = statSync(spec.moduleId).size / 1024;
        seconds = spec.project.name === "unit" ? kb / 20 : kb;
      }
      length.set(spec, seconds);
    }
    const rank = (spec: TestSpecification) => {
      const seconds = length.get(spec) ?? 0;
      return seconds >= LONG ? -1 : PROJECTS.indexOf(spec.project.name);
    };
    return [...files].sort(
      (a, b) => rank(a) - rank(b) || (length.get(b) ?? 0) - (length.get(a) ?? 0),
    );
  }
}
