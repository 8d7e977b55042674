// A vitest reporter that writes each test file's wall time — preparing, importing (collect),
// setup, hooks and tests — as JSON to the file named by BASIS_TEST_DURATIONS, for
// scripts/test.mjs to print the slowest files at the end of `npm test`.
import { writeFileSync } from "node:fs";
import { relative } from "node:path";

export default class FileDurations {
  files = [];

  onInit(vitest) {
    this.root = vitest.config.root;
  }

  onTestModuleEnd(module) {
    const d = module.diagnostic();
    this.files.push({
      file: relative(this.root ?? process.cwd(), module.moduleId),
      ms: Math.round(
        d.environmentSetupDuration +
          d.prepareDuration +
          d.collectDuration +
          d.setupDuration +
          d.duration,
      ),
      tests: [...module.children.allTests()].length,
    });
  }

  onTestRunEnd() {
    const out = process.env.BASIS_TEST_DURATIONS;
    if (out) writeFileSync(out, JSON.stringify(this.files));
  }
}
