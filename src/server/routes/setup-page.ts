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

/**
 * The sign-in screen's look without its script: a bordered card centred on the page, the
 * app's font, indigo button and focus ring (Mantine's indigo 8 and 7), red alerts.
 */
const STYLE = `*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:1rem;background:#f8f9fa;color:#212529;font:16px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}
main{width:100%;max-width:420px;background:#fff;border:1px solid #dee2e6;border-radius:4px;padding:2rem}
h1{font-size:1.625rem;line-height:1.35;margin:0 0 .75rem}
p{margin:0 0 1rem}.dimmed{color:#495057;font-size:.875rem}
label{display:block;font-size:.875rem;font-weight:500;margin-top:1rem}
input{display:block;width:100%;margin-top:.25rem;padding:.45rem .75rem;font:inherit;font-size:.875rem;border:1px solid #ced4da;border-radius:4px;background:#fff;color:inherit}
input:focus,button:focus-visible,a:focus-visible{outline:2px solid #4263eb;outline-offset:2px}
button{margin-top:1.5rem;width:100%;padding:.55rem 1.1rem;font:inherit;font-size:.875rem;font-weight:600;color:#fff;background:#3b5bdb;border:0;border-radius:4px;cursor:pointer}
button:hover{background:#364fc7}a{color:#3b5bdb}
.error{color:#c92a2a;background:#fff5f5;border:1px solid #ffc9c9;border-radius:4px;padding:.6rem .8rem;font-size:.875rem}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)} · Basis</title>
<style>${STYLE}</style></head>
<body><main><h1>${esc(title)}</h1>${body}</main></body></html>`;
}

/** The form's fields in words, for the message naming the one that is wrong. */
const FIELD_WORDS: Record<string, string> = {
  name: "Name",
  email: "Email",
  password: "Password",
  token: "Setup link",
};

function form(token: string, error?: string): string {
  return page(
    "Set up Basis",
    `<p class="dimmed">Create the first administrator. This link works once.</p>${error ? `<p class="error" role="alert">${esc(error)}</p>` : ""}
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
      return page(
        "Basis is set up",
        '<p>An administrator exists already, so this link is no longer needed.</p><p><a href="/">Sign in</a> with your account.</p>',
      );
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
        const field = FIELD_WORDS[String(issue?.path[0])] ?? "The form";
        return form(token, `${field}: ${issue?.message ?? "not valid"}`);
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
