/**
 * @module cli/remote
 * Talking to a running Basis server for `--server URL --token T`: one place that sends the
 * token and turns an error body into a CLI error.
 */
import { CliError, EXIT } from "./io.ts";

export interface Remote {
  url: string;
  token: string;
}

export function remoteOf(opts: { server?: string; token?: string }): Remote | undefined {
  if (!opts.server) return undefined;
  const token = opts.token ?? process.env.BASIS_TOKEN;
  if (!token) throw new CliError("--server needs --token (or BASIS_TOKEN)", EXIT.usage);
  return { url: opts.server.replace(/\/+$/, ""), token };
}

/** Stream a GET answer into a new file (never overwriting one), failing like `call`. */
export async function download(remote: Remote, path: string, file: string): Promise<void> {
  const { createWriteStream } = await import("node:fs");
  const { Readable } = await import("node:stream");
  const { pipeline } = await import("node:stream/promises");
  let res: Response;
  try {
    res = await fetch(`${remote.url}${path}`, {
      headers: { authorization: `Bearer ${remote.token}` },
    });
  } catch (e) {
    throw new CliError(`cannot reach ${remote.url}: ${(e as Error).message}`);
  }
  if (!res.ok || !res.body) throw failure("GET", path, res.status, await res.text());
  await pipeline(
    Readable.fromWeb(res.body as import("node:stream/web").ReadableStream),
    createWriteStream(file, { flags: "wx", mode: 0o600 }),
  );
}

function failure(method: string, path: string, status: number, text: string): CliError {
  let message = text;
  try {
    const err = JSON.parse(text) as { error?: { code?: string; message?: string } };
    message = `${err.error?.code}: ${err.error?.message}`;
  } catch {
    // not JSON: keep the text
  }
  return new CliError(`${method} ${path} failed (${status}): ${message}`);
}

export async function call(
  remote: Remote,
  method: string,
  path: string,
  body?: string,
  contentType = "application/json",
): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${remote.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${remote.token}`,
        ...(body === undefined ? {} : { "content-type": contentType }),
      },
      ...(body === undefined ? {} : { body }),
    });
  } catch (e) {
    throw new CliError(`cannot reach ${remote.url}: ${(e as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) throw failure(method, path, res.status, text);
  return (res.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : text;
}
