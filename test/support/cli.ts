/**
 * Running `basis` in-process with some environment variables set for the one call (e.g.
 * DATABASE_URL, BASIS_AUDIT_KEY), restored afterwards; `undefined` unsets a variable.
 */
import { bufferIo } from "../../src/cli/io.ts";
import { main } from "../../src/cli/main.ts";

export async function basisWith(
  env: Record<string, string | undefined>,
  ...argv: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const saved = { ...process.env };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    const io = bufferIo();
    const code = await main(argv, io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  } finally {
    process.env = saved;
  }
}
