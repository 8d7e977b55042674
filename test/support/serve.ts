/**
 * `basis serve` as a child process, resolved once it prints where it listens; killed by the
 * caller (or at the end of the file through `stopAll`).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BIN = join(fileURLToPath(new URL("../..", import.meta.url)), "bin/basis.js");
const started: ChildProcess[] = [];

export interface Served {
  child: ChildProcess;
  url: string;
  /** Everything it printed so far. */
  out(): string;
}

/** Start it; with `until`, wait also for a line matching it (such as the setup link). */
export function startServe(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  until?: RegExp,
): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0", ...args], {
      env: { ...process.env, DATABASE_URL: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    started.push(child);
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = out.match(/Basis listening on (http:\/\/\S+)/);
      if (m && (!until || until.test(out))) resolve({ child, url: m[1] as string, out: () => out });
    });
    child.stderr?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("exit", (code) => reject(new Error(`basis serve exited (${code}): ${out}`)));
  });
}

/** Kill -9, and resolve once it is gone. */
export function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.removeAllListeners("exit");
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

export function stopAll(): void {
  for (const c of started) c.kill("SIGKILL");
}
