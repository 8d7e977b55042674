/**
 * The one way the web app talks to the server: same-origin fetch with the session cookie,
 * the CSRF token on every write, and the server's coded errors turned into ApiError so a
 * screen can tell a stale edit (409) from a validation error naming its field.
 */

export interface ApiIssue {
  path: string;
  message: string;
  line?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
  get issues(): ApiIssue[] {
    const issues = this.details.issues;
    return Array.isArray(issues) ? (issues as ApiIssue[]) : [];
  }
}

let csrfToken: string | null = null;

/** Set by the session after sign-in or on load; sent as x-csrf-token with every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export async function request<T>(
  method: Method,
  url: string,
  body?: unknown,
  options: { contentType?: string; raw?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let payload: BodyInit | undefined;
  if (body !== undefined) {
    headers["content-type"] = options.contentType ?? "application/json";
    payload = typeof body === "string" ? body : JSON.stringify(body);
  }
  const res = await fetch(url, {
    method,
    headers,
    credentials: "same-origin",
    ...(payload !== undefined ? { body: payload } : {}),
  });
  if (res.status === 204) return undefined as T;
  if (!res.ok) {
    let code = "http_error";
    let message = `${res.status} ${res.statusText}`;
    let details: Record<string, unknown> = {};
    try {
      const data = (await res.json()) as {
        error?: { code: string; message: string; details?: Record<string, unknown> };
      };
      if (data.error) {
        code = data.error.code;
        message = data.error.message;
        details = data.error.details ?? {};
      }
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(res.status, code, message, details);
  }
  if (options.raw) return (await res.text()) as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(url: string) => request<T>("GET", url),
  getText: (url: string) => request<string>("GET", url, undefined, { raw: true }),
  post: <T>(url: string, body?: unknown) => request<T>("POST", url, body ?? {}),
  postYaml: <T>(url: string, yaml: string) =>
    request<T>("POST", url, yaml, { contentType: "application/yaml" }),
  put: <T>(url: string, body: unknown) => request<T>("PUT", url, body),
  patch: <T>(url: string, body: unknown) => request<T>("PATCH", url, body),
  del: <T>(url: string) => request<T>("DELETE", url),
};

/** A query string from the set values only. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== "") s.set(k, String(v));
  const out = s.toString();
  return out ? `?${out}` : "";
}
