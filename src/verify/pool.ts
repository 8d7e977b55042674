/**
 * @module verify/pool
 * Runs scanning tasks on worker threads, one task per worker at a time, so every core reads
 * and checks its own byte range; results come back small (counts and a few examples), so the
 * main thread holds nothing that grows with the input. With `workers: 0` the tasks run in
 * the main thread, which is quicker for small inputs than starting threads.
 *
 * The worker runs from `dist/verify-worker.mjs` beside the bundled CLI when it exists, and
 * from the TypeScript source through tsx otherwise (tests, a CLI run from source).
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { runTask, type TaskResult, type TaskSpec } from "./scan-task.ts";
import { CompiledSpec, type VerifyPlan } from "./spec.ts";
import type { FromWorker, ToWorker } from "./worker.ts";

export interface PoolOptions {
  workers: number;
  onProgress?: (bytes: number) => void;
}

export async function runTasks(
  plan: VerifyPlan,
  tasks: readonly TaskSpec[],
  options: PoolOptions,
): Promise<TaskResult[]> {
  const progress = options.onProgress ?? (() => {});
  if (options.workers <= 0 || tasks.length === 0) {
    const spec = new CompiledSpec(plan);
    const results: TaskResult[] = [];
    for (const task of tasks) results.push(await runTask(spec, task, progress));
    return results;
  }
  const count = Math.min(options.workers, tasks.length);
  // Whole files (gzip, CSV) first, then the ranges: the longest work starts first, so the
  // threads finish close together. Results are put back in task order below.
  const queue = [...tasks].sort((a, b) => b.end - b.start - (a.end - a.start));
  const results: TaskResult[] = [];
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      let failed = false;
      const fail = (e: Error) => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      const next = (w: Worker) => {
        const task = queue.shift();
        if (task === undefined) {
          if (running === 0 && results.length === tasks.length) resolve();
          return;
        }
        running++;
        w.postMessage({ type: "task", task } satisfies ToWorker);
      };
      for (let i = 0; i < count; i++) {
        const w = startWorker(plan);
        workers.push(w);
        w.on("message", (msg: FromWorker) => {
          if (msg.type === "progress") progress(msg.bytes);
          else if (msg.type === "done") {
            running--;
            results.push(msg.result);
            if (results.length === tasks.length) resolve();
            else next(w);
          } else fail(new Error(`scanning failed: ${msg.message}`));
        });
        w.on("error", (e) => fail(new Error(`a scanning thread failed: ${e.message}`)));
        w.on("exit", (code) => {
          if (code !== 0 && results.length < tasks.length)
            fail(new Error(`a scanning thread stopped (exit code ${code})`));
        });
        next(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.sort((a, b) => a.id - b.id);
}

function startWorker(plan: VerifyPlan): Worker {
  const here = import.meta.url;
  const workerData = { basisVerify: plan };
  if (!here.endsWith(".ts")) {
    // In the bundle this module sits in dist/chunks/ (the CLI is split by command) or beside
    // the entries in dist/; the worker is an entry of its own in dist/.
    for (const rel of ["../verify-worker.mjs", "./verify-worker.mjs"]) {
      const bundled = new URL(rel, here);
      if (existsSync(fileURLToPath(bundled))) return new Worker(bundled, { workerData });
    }
  }
  const source = here.endsWith(".ts")
    ? new URL("./worker.ts", here)
    : new URL("../src/verify/worker.ts", here);
  // Hooks registered in this thread do not reach a worker: it registers tsx itself first.
  const boot = `import(${JSON.stringify(tsxApiUrl())}).then((m) => { m.register(); return import(${JSON.stringify(source.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

let tsxApi: string | undefined;

/** The ESM entry of tsx's API, found through its package exports. */
function tsxApiUrl(): string {
  if (tsxApi === undefined) {
    const require = createRequire(import.meta.url);
    const manifest = require.resolve("tsx/package.json");
    const exports = JSON.parse(readFileSync(manifest, "utf8")).exports as Record<
      string,
      { import?: { default?: string } }
    >;
    const rel = exports["./esm/api"]?.import?.default ?? "./dist/esm/api/index.mjs";
    tsxApi = pathToFileURL(join(dirname(manifest), rel)).href;
  }
  return tsxApi;
}
