/**
 * @module verify/worker
 * The worker thread's side of the pool: builds the compiled specification once from the plan
 * it is given, then runs each task it is sent and posts back the result and its progress.
 */
import { parentPort, workerData } from "node:worker_threads";
import { runTask, type TaskSpec } from "./scan-task.ts";
import { CompiledSpec, type VerifyPlan } from "./spec.ts";

export type ToWorker = { type: "task"; task: TaskSpec };
export type FromWorker =
  | { type: "progress"; bytes: number }
  | { type: "done"; result: Awaited<ReturnType<typeof runTask>> }
  | { type: "failed"; id: number; message: string };

const port = parentPort;
if (port && (workerData as { basisVerify?: VerifyPlan } | undefined)?.basisVerify) {
  const spec = new CompiledSpec((workerData as { basisVerify: VerifyPlan }).basisVerify);
  port.on("message", (msg: ToWorker) => {
    runTask(spec, msg.task, (bytes) =>
      port.postMessage({ type: "progress", bytes } satisfies FromWorker),
    )
      .then((result) => port.postMessage({ type: "done", result } satisfies FromWorker))
      .catch((e: unknown) =>
        port.postMessage({
          type: "failed",
          id: msg.task.id,
          message: (e as Error).message ?? String(e),
        } satisfies FromWorker),
      );
  });
}
