/**
 * Start-up figures (issue 18), each against a reference measured in the same run:
 * - `basis --help` and `basis evaluate` of the largest fixture as whole processes, against
 *   `node -e 0`, the three started in turn so a busy moment weighs on all alike;
 * - the first `npm start` on a new data directory to the web app's first 200, and a restart on
 *   the same directory, against a bare Fastify server process started the same way.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Row } from "./row.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

/** The largest file under fixtures/, as the issue measures `basis evaluate` on it. */
export function largestFixture(): string {
  const dir = join(root, "fixtures");
  const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
  files.sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size);
  return join("fixtures", files[0] as string);
}

/**
 * Median wall times of each command (`[program, ...args]`), started in turn `runs` times after
 * `warmup` rounds.
 */
function interleaved(commands: string[][], runs = 20, warmup = 3): number[][] {
  const times = commands.map(() => [] as number[]);
  for (let i = 0; i < warmup + runs; i++) {
    commands.forEach(([program, ...args], k) => {
      const t = performance.now();
      const r = spawnSync(program as string, args, { cwd: root, encoding: "utf8" });
      const ms = performance.now() - t;
      if (r.status !== 0)
        throw new Error(`${program} ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
      if (i >= warmup) times[k]?.push(ms);
    });
  }
  return times;
}

/**
 * `basis --help` and `basis evaluate <largest fixture>` against `node -e 0`. The command is
 * started as an installed `basis` is: the file itself, through its `#!` line and node flags.
 */
export function cliStartRows(): Row[] {
  const fixture = largestFixture();
  const [bare, help, evaluate] = interleaved([
    [process.execPath, "-e", "0"],
    ["bin/basis.js", "--help"],
    ["bin/basis.js", "evaluate", fixture],
  ]) as [number[], number[], number[]];
  const reference = { figure: "node -e 0, median of 20", value: Math.round(median(bare)) };
  return [
    {
      figure: "basis --help, whole process, median of 20",
      value: Math.round(median(help)),
      unit: "ms",
      reference,
      goal: "<= 200 ms",
    },
    {
      figure: `basis evaluate ${fixture}, whole process, median of 20`,
      value: Math.round(median(evaluate)),
      unit: "ms",
      reference,
      goal: "<= 300 ms",
    },
  ];
}

/** `npm start` on a new data directory, then again on the same one, to the first 200 of `/`. */
export async function startBench(): Promise<Row[]> {
  const { bareFastifyStart, start, stop, writeBareFastify } = await import("./server.ts");
  const tmp = mkdtempSync(join(tmpdir(), "basis-bench-start-"));
  try {
    const bareStart = await bareFastifyStart(writeBareFastify(tmp));
    // npm itself, as `npm start` runs it (npm_execpath is set when the bench runs under npm).
    const npm = process.env.npm_execpath;
    const command = npm ? process.execPath : "npm";
    const args = npm ? [npm, "start"] : ["start"];
    const first: number[] = [];
    const again: number[] = [];
    for (let i = 0; i < 3; i++) {
      const env = { BASIS_DATA_DIR: join(tmp, `data-${i}`), PORT: "0", DATABASE_URL: "" };
      for (const times of [first, again]) {
        const s = await start(args, env, { command, path: "/", detached: true });
        times.push(s.ms);
        await stop(s.child, true);
      }
    }
    return [
      {
        figure: "npm start on a new data directory to the first 200, median of 3",
        value: Math.round(median(first)),
        unit: "ms",
        reference: bareStart,
        goal: "<= 5000 ms",
      },
      {
        figure: "npm start again on that data directory, median of 3",
        value: Math.round(median(again)),
        unit: "ms",
        reference: bareStart,
        goal: "<= 2000 ms",
      },
    ];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
