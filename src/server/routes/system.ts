/**
 * @module server/routes/system
 * Health, stateless evaluation, and the one-time setup of the first admin.
 */

import { z } from "zod";
import { referenceIds } from "../../content/references.ts";
import { Health, PresentedEvaluation, UserAnswer } from "../../core/api/index.ts";
import { evaluate } from "../../core/evaluate.ts";
import { Assessment } from "../../core/schema/index.ts";
import { hashPassword } from "../passwords.ts";
import { canRead } from "../policies.ts";
import { presentEvaluation } from "../presenters.ts";
import { defineRoute } from "../route.ts";
import { Credentials } from "./accounts.ts";

export const SetupBody = z.strictObject({
  token: z.string().min(1).max(200),
  email: Credentials.shape.email,
  name: z.string().trim().min(1).max(200),
  password: Credentials.shape.password.min(12, "use at least 12 characters"),
});

export function systemRoutes() {
  return [
    defineRoute({
      method: "GET",
      url: "/api/health",
      summary: "Liveness and database reachability",
      tag: "system",
      policy: null,
      response: { json: Health },
      async handler({ store }) {
        const users = await store.accounts.userCount();
        return { status: "ok" as const, database: store.database.kind, setupDone: users > 0 };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/setup",
      summary: "Create the first admin with the one-time setup token",
      tag: "accounts",
      policy: null,
      response: { json: UserAnswer },
      body: SetupBody,
      status: 201,
      config: { rateLimit: { max: 10, timeWindow: "1 minute" } },
      async handler({ body, now, store }) {
        const passwordHash = await hashPassword(body.password);
        const user = await store.accounts.completeSetup(
          body.token,
          { email: body.email, name: body.name, passwordHash },
          now,
        );
        return { user };
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/evaluate",
      summary: "Evaluate a document without saving it",
      tag: "assessments",
      policy: canRead,
      response: { json: PresentedEvaluation },
      body: z.strictObject({ document: Assessment }),
      async handler({ body, today }) {
        return presentEvaluation(evaluate(body.document, { today, knownRefs: referenceIds() }));
      },
    }),
  ];
}
