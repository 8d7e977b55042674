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
  if (!res.ok) {
    let message = text;
    try {
      const err = JSON.parse(text) as { error?: { code?: string; message?: string } };
      message = `${err.error?.code}: ${err.error?.message}`;
    } catch {
      // not JSON: keep the text
    }
    throw new CliError(`${method} ${path} failed (${res.status}): ${message}`);
  }
  return (res.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : text;
}
