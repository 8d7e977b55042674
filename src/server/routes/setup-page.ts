/**
 * @module server/routes/setup-page
 * The one-time setup page the first-start link opens: a plain form (no script, so it works
 * under the strict content security policy) that creates the first admin.
 */
import type { FastifyInstance } from "fastify";
import { DomainError } from "../../core/errors.ts";
import { hashPassword } from "../passwords.ts";
import type { ServerDeps } from "../route.ts";
import { SetupBody } from "./system.ts";

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)} · Basis</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}label{display:block;margin-top:1rem}input{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}button{margin-top:1.5rem;padding:.6rem 1.2rem;font:inherit}.error{color:#a00}</style></head>
<body><h1>${esc(title)}</h1>${body}</body></html>`;
}

function form(token: string, error?: string): string {
  return page(
    "Set up Basis",
    `<p>Create the first administrator. This link works once.</p>${error ? `<p class="error" role="alert">${esc(error)}</p>` : ""}
<form method="post" action="/setup"><input type="hidden" name="token" value="${esc(token)}">
<label>Name <input name="name" required autocomplete="name"></label>
<label>Email <input name="email" type="email" required autocomplete="email"></label>
<label>Password (at least 12 characters) <input name="password" type="password" minlength="12" required autocomplete="new-password"></label>
<button type="submit">Create administrator</button></form>`,
  );
}

export function setupPage(app: FastifyInstance, deps: ServerDeps): void {
  app.get("/setup", async (request, reply) => {
    const token = String((request.query as Record<string, unknown>).token ?? "");
    reply.type("text/html; charset=utf-8");
    if ((await deps.store.accounts.userCount()) > 0)
      return page("Basis is set up", "<p>Sign in with your account.</p>");
    return form(token);
  });
  app.post(
    "/setup",
    { config: { rateLimit: { max: 10, timeWindow: "1 minute" } } },
    async (request, reply) => {
      reply.type("text/html; charset=utf-8");
      const parsed = SetupBody.safeParse(request.body);
      const token = String((request.body as Record<string, unknown> | undefined)?.token ?? "");
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        reply.status(400);
        return form(token, `${String(issue?.path[0] ?? "form")}: ${issue?.message ?? "invalid"}`);
      }
      try {
        const { token: t, password, ...rest } = parsed.data;
        await deps.store.accounts.completeSetup(
          t,
          { ...rest, passwordHash: await hashPassword(password) },
          deps.now(),
        );
        return page(
          "Basis is ready",
          `<p>The administrator ${esc(rest.email)} was created. You can now <a href="/">sign in</a>.</p>`,
        );
      } catch (e) {
        if (e instanceof DomainError) {
          reply.status(e.code === "already_set_up" ? 409 : 403);
          return form(token, e.message);
        }
        throw e;
      }
    },
  );
}
