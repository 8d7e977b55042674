/**
 * @module server/routes/audit
 * The audit trail for administrators: read it in order, and verify its hash chain.
 */

import { z } from "zod";
import { AuditEventList, AuditVerification } from "../../core/api/index.ts";
import { canAdminister } from "../policies.ts";
import { defineRoute } from "../route.ts";

export function auditRoutes() {
  return [
    defineRoute({
      method: "GET",
      url: "/api/audit",
      summary: "Audit events after a sequence number, oldest first",
      tag: "audit",
      policy: canAdminister,
      response: { json: AuditEventList },
      query: z.strictObject({
        after: z.coerce.number().int().min(0).optional(),
        limit: z.coerce.number().int().min(1).max(1000).optional(),
      }),
      async handler({ store, query }) {
        return { events: await store.audit.list(query.after ?? 0, query.limit ?? 100) };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/audit/verify",
      summary: "Check the hash chain and report the first broken link",
      tag: "audit",
      policy: canAdminister,
      response: { json: AuditVerification },
      async handler({ store }) {
        return store.audit.verify();
      },
    }),
  ];
}
