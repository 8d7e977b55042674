/**
 * @module server/route
 * Every API route is declared once with its schemas, its policy and what it answers
 * (`response`: a JSON schema from core/api, files, or nothing); `register` turns the
 * declaration into a Fastify route that always runs in the same order — authenticate,
 * validate, authorise, call the domain, present — and `openApiDocument` turns the same
 * declarations into the OpenAPI document. The compiler checks each handler's result against
 * its response schema, which the web app's client types come from too.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { DomainError } from "../core/errors.ts";
import { formatPath } from "../core/field-path.ts";
import { NUL_MESSAGE, nulPaths } from "../core/parse.ts";
import type { Branding } from "../render/branding.ts";
import type { Principal } from "../store/accounts.ts";
import type { PersonContext, Store } from "../store/index.ts";
import { errorBody, HTTP_STATUS } from "./errors.ts";
import type { LogOptions } from "./logging.ts";
import type { Policy } from "./policies.ts";
import { turn } from "./turns.ts";
import type { UpkeepOptions } from "./upkeep.ts";

export interface ServerDeps {
  store: Store;
  /** The clock, injected so tests can move time. */
  now: () => Date;
  /** Secure cookies (behind HTTPS). */
  secureCookies?: boolean;
  /** How the server is reached, for the setup link. */
  publicUrl?: string;
  /** The organisation's name, logo and colour on every document (`basis serve --brand`). */
  branding?: Branding | undefined;
  /**
   * The reverse proxies whose X-Forwarded-For (and -Proto, -Host) are believed: addresses,
   * CIDR ranges, or proxy-addr's names (`loopback`, `uniquelocal`). Unset: none, so the
   * client address is the connection's and a forged header cannot change it.
   */
  trustProxy?: string[];
  /** The server log (see `server/logging.ts`); none when absent. */
  log?: LogOptions | false;
  /** When the embedded database's upkeep runs (see `server/upkeep.ts`); false: never. */
  upkeep?: UpkeepOptions | false;
}

export interface RouteContext<B, Q, P> {
  store: Store;
  deps: ServerDeps;
  principal: Principal;
  body: B;
  query: Q;
  params: P;
  now: Date;
  today: string;
  actor: string;
  /** Who acts, by name and role, for what is kept in their name (decisions, comments). */
  person: PersonContext;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * What a route answers: JSON fitting a schema, a file in one of some content types (or
 * either, chosen by the request), or nothing (204).
 */
export type Responds =
  | { json: z.ZodType; file?: readonly string[] }
  | { file: readonly string[]; json?: undefined }
  | { empty: true };

declare const serialized: unique symbol;
/** JSON already serialised from a `T` (see `jsonOnce`). */
export type Serialized<T> = string & { readonly [serialized]: T };

/** What a handler may return for the route's `response`. */
export type ResultOf<S extends Responds> =
  | (S extends { json: infer J extends z.ZodType } ? z.input<J> | Serialized<z.input<J>> : never)
  | (S extends { file: readonly string[] } ? string | Uint8Array | NodeJS.ReadableStream : never)
  | (S extends { empty: true } ? null : never);

export interface RouteSpec<B = unknown, Q = unknown, P = unknown, S extends Responds = Responds> {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  summary: string;
  tag: string;
  /** `null` for public routes; otherwise the policy the principal must satisfy. */
  policy: Policy | null;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  /** What it answers on success (the OpenAPI document and the web app's types follow it). */
  response: S;
  /** Response status on success (default 200). */
  status?: number;
  /** Extra Fastify route config, e.g. a rate limit. */
  config?: Record<string, unknown>;
  /** Accepts a raw text body (e.g. YAML) instead of JSON. */
  rawBody?: boolean;
  handler(ctx: RouteContext<B, Q, P>): Promise<ResultOf<S>>;
}

export const ANONYMOUS: Principal = {
  kind: "user",
  id: "anonymous",
  role: "viewer",
  name: "anonymous",
};

export function defineRoute<B, Q, P, S extends Responds>(
  spec: RouteSpec<B, Q, P, S>,
): RouteSpec<B, Q, P, S> {
  return spec;
}

export function todayOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function parseOrThrow<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const nul = nulPaths(value).map((p) => ({
    path: formatPath([where, ...p]),
    message: NUL_MESSAGE,
  }));
  const r = schema.safeParse(value ?? (where === "body" ? undefined : {}));
  if (r.success && nul.length === 0) return r.data;
  const issues = nul.concat(
    (r.success ? [] : r.error.issues).flatMap((i) => {
      const path = formatPath([where, ...(i.path as PropertyKey[])]);
      if (i.code === "unrecognized_keys")
        return i.keys.map((k) => ({ path: `${path}.${k}`, message: "unknown field" }));
      return [{ path, message: i.message }];
    }),
  );
  throw new DomainError(
    "validation_failed",
    `invalid ${where}: ${issues[0]?.path}: ${issues[0]?.message}`,
    { issues },
  );
}

export function register(
  app: FastifyInstance,
  deps: ServerDeps,
  spec: RouteSpec<never, never, never, Responds>,
): void {
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.config ? { config: spec.config } : {}),
    handler: async (request, reply) => {
      // Its work starts in a turn of its own, so new connections are accepted in between.
      await turn();
      const principal = request.principal;
      if (spec.policy && !principal) {
        throw new DomainError("unauthenticated", "sign in or send an API token");
      }
      const body = parseOrThrow(spec.body, request.body, "body");
      const query = parseOrThrow(spec.query, request.query, "query");
      const params = parseOrThrow(spec.params, request.params, "params");
      if (spec.policy && principal && !spec.policy(principal)) {
        throw new DomainError("forbidden", `this needs the ${spec.policy.role} role or higher`, {
          policy: spec.policy.policyName,
        });
      }
      const now = deps.now();
      const p = principal ?? ANONYMOUS;
      const actor = `${p.kind}:${p.id}`;
      const today = todayOf(now);
      const result = await spec.handler({
        store: deps.store,
        deps,
        principal: p,
        body,
        query,
        params,
        now,
        today,
        actor,
        person: {
          actor,
          now,
          today,
          role: p.role,
          name: p.name,
          userId: p.kind === "user" ? p.id : undefined,
        },
        request,
        reply,
      });
      if (reply.sent) return reply;
      reply.status(spec.status ?? 200);
      return result;
    },
  });
}

/**
 * A JSON body serialised once per cached value. The store hands out the same frozen object
 * until a write replaces it, so its serialised presentation is kept beside it (and goes
 * with it). `memo` is one map per presentation.
 */
export function jsonOnce<T>(
  reply: FastifyReply,
  memo: WeakMap<object, string>,
  source: object,
  present: () => T,
): Serialized<T> {
  let body = memo.get(source);
  if (body === undefined) {
    body = JSON.stringify(present());
    memo.set(source, body);
  }
  reply.type("application/json; charset=utf-8");
  return body as Serialized<T>;
}

/** Map any thrown error to the coded error body; unknown errors become a 500 without details. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof DomainError) {
      const status = HTTP_STATUS[error.code] ?? 400;
      return reply
        .status(status)
        .send(
          errorBody(
            error.code,
            error.message,
            Object.keys(error.details).length ? error.details : undefined,
          ),
        );
    }
    const e = error as { statusCode?: number; code?: string; message?: string };
    if (e.statusCode === 429)
      return reply.status(429).send(errorBody("rate_limited", "too many attempts; wait a minute"));
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      const code = e.code === "FST_ERR_CTP_BODY_TOO_LARGE" ? "payload_too_large" : "bad_request";
      return reply.status(e.statusCode).send(errorBody(code, e.message ?? "bad request"));
    }
    request.log.error({ err: error }, "unhandled error");
    return reply
      .status(500)
      .send(errorBody("internal", `internal error; see the server log (request ${request.id})`));
  });
  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .send(errorBody("not_found", `no route ${request.method} ${request.url.split("?")[0]}`));
  });
}

/** The OpenAPI response object of a route's success answer. */
function responseOf(r: Responds): Record<string, unknown> {
  if ("empty" in r) return { description: "no content" };
  const content: Record<string, unknown> = {};
  if (r.json)
    content["application/json"] = {
      schema: z.toJSONSchema(r.json, { io: "output", unrepresentable: "any" }),
    };
  for (const type of r.file ?? []) content[type] = { schema: { type: "string", format: "binary" } };
  return { description: "success", content };
}

/** The OpenAPI 3.1 document of every declared route. */
export function openApiDocument(
  specs: RouteSpec<never, never, never, Responds>[],
  version: string,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const s of specs) {
    const path = s.url.replace(/:([A-Za-z]+)/g, "{$1}");
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ["path", s.params],
      ["query", s.query],
    ] as const) {
      if (!schema) continue;
      const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      for (const [name, prop] of Object.entries(json.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === "path" || (json.required ?? []).includes(name),
          schema: prop,
        });
      }
    }
    const op: Record<string, unknown> = {
      summary: s.summary,
      tags: [s.tag],
      operationId: `${s.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      ...(parameters.length ? { parameters } : {}),
      ...(s.body
        ? {
            requestBody: {
              required: true,
              content: {
                "application/json": {
                  schema: z.toJSONSchema(s.body, { io: "input", unrepresentable: "any" }),
                },
              },
            },
          }
        : {}),
      ...(s.rawBody
        ? {
            requestBody: {
              required: true,
              content: { "application/yaml": { schema: { type: "string" } } },
            },
          }
        : {}),
      responses: {
        [String(s.status ?? 200)]: responseOf(s.response),
        "400": { description: "validation_failed: the error names the field" },
        ...(s.policy
          ? {
              "401": { description: "unauthenticated" },
              "403": { description: `forbidden: needs ${s.policy.role}` },
            }
          : {}),
      },
      ...(s.policy
        ? { security: [{ session: [] }, { token: [] }], "x-basis-policy": s.policy.policyName }
        : { security: [] }),
    };
    paths[path] = { ...(paths[path] ?? {}), [s.method.toLowerCase()]: op };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Basis API",
      version,
      description: "Lawful-basis and LIA assessments, their versions and evaluations.",
    },
    paths,
    components: {
      securitySchemes: {
        session: {
          type: "apiKey",
          in: "cookie",
          name: "basis_session",
          description: "Cookie session; writes need the x-csrf-token header",
        },
        token: { type: "http", scheme: "bearer", description: "API token with a role" },
      },
    },
  };
}
