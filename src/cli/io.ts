/**
 * @module cli/io
 * Where a command writes, so commands can be run in-process by tests and by `main`.
 * Errors that end a command are `CliError`s with their exit code; nothing prints a stack trace.
 */

export interface Io {
  out(text: string): void;
  /** Bytes to standard output (PDF, DOCX, XLSX piped elsewhere). */
  outBytes(bytes: Uint8Array): void;
  err(text: string): void;
  /** True when standard output is a terminal (progress and colours only then). */
  isTTY: boolean;
  /**
   * Where to ask a person questions (`basis screen`); absent when standard input is not a
   * terminal. Prompts go to `output`, so answers can be piped while results are redirected.
   */
  terminal?: Terminal;
  /** Record the command's exit code. */
  exit(code: number): void;
}

export interface Terminal {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  isTTY: boolean;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
  outBytes: (b) => process.stdout.write(b),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
  isTTY: Boolean(process.stdout.isTTY),
  // Questions go to standard error so that `--format json > run.json` still shows them.
  ...(process.stdin.isTTY
    ? { terminal: { input: process.stdin, output: process.stderr, isTTY: true } }
    : {}),
  exit: (code) => {
    process.exitCode = code;
  },
};

/** An Io that keeps what a command wrote, for running commands in-process. */
export function bufferIo(
  isTTY = false,
  terminal?: Terminal,
): Io & { stdout: string; stderr: string; code: number; bytes: Uint8Array[] } {
  const io = {
    stdout: "",
    bytes: [] as Uint8Array[],
    stderr: "",
    code: 0,
    isTTY,
    ...(terminal ? { terminal } : {}),
    out(t: string) {
      io.stdout += t.endsWith("\n") ? t : `${t}\n`;
    },
    err(t: string) {
      io.stderr += t.endsWith("\n") ? t : `${t}\n`;
    },
    outBytes(b: Uint8Array) {
      io.bytes.push(b);
    },
    exit(code: number) {
      io.code = code;
    },
  };
  return io;
}

/** Exit codes: 0 success, 1 the input or the assessment failed a check, 2 the command was misused. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
  }
}
