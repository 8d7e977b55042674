/**
 * @module server/routes/dpia
 * The open measures of every DPIA's action plan (the dashboard's list). The DPIA of a stored
 * assessment: its screening (which Art. 35 criteria apply and why), its
 * export to the CNIL PIA software's JSON, and the import of such a file as a new draft
 * assessment. What did not map travels with the answer: in the body of an import, in the
 * `x-basis-not-carried` header of an export (field paths only).
 */
import { z } from "zod";
import { referenceIds } from "../../content/references.ts";
import { DpiaImportAnswer, DpiaMeasureList, DpiaScreeningAnswer } from "../../core/api/index.ts";
import { DomainError } from "../../core/errors.ts";
import { evaluate } from "../../core/evaluate.ts";
import { CountryCode, Id } from "../../core/schema/index.ts";
import { exportCnilPia } from "../../interop/cnil-pia/export.ts";
import { CnilPiaFile, undoDoubleUtf8 } from "../../interop/cnil-pia/format.ts";
import { DOUBLE_UTF8_NOTE, importCnilPia } from "../../interop/cnil-pia/import.ts";
import { screeningView } from "../../render/dpia-screening.ts";
import { canEdit, canRead } from "../policies.ts";
import { presentAssessment } from "../presenters.ts";
import { defineRoute } from "../route.ts";
import { AssessmentRef } from "./assessments.ts";

const IdParams = z.strictObject({ id: AssessmentRef });

export function dpiaRoutes() {
  return [
    defineRoute({
      method: "GET",
      url: "/api/dpia/measures",
      summary:
        "The measures of every DPIA's action plan that are not done, soonest due first, with owner and days to the due date",
      tag: "dpia",
      policy: canRead,
      response: { json: DpiaMeasureList },
      async handler({ store, today }) {
        return { today, items: await store.dpia.openMeasures(today) };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/assessments/:id/dpia/screening",
      summary:
        "Whether the assessment needs a DPIA: the verdict, each criterion that applies with the facts behind it and its references, and whether a DPIA is held and concluded",
      tag: "dpia",
      policy: canRead,
      response: { json: DpiaScreeningAnswer },
      params: IdParams,
      async handler({ store, params, today }) {
        const current = await store.assessments.get(params.id);
        const evaluation = evaluate(current.document, { today, knownRefs: referenceIds() });
        return {
          assessmentId: current.id,
          version: current.version,
          ...screeningView(current.document, evaluation),
        };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/assessments/:id/dpia/export",
      summary:
        "The assessment's DPIA as a file the CNIL PIA software imports; x-basis-not-carried lists the fields it has no place for",
      tag: "dpia",
      policy: canRead,
      response: { file: ["application/json"] as const },
      params: IdParams,
      query: z.strictObject({ format: z.enum(["cnil-pia"]).default("cnil-pia") }),
      async handler({ store, params, query, reply, actor, now }) {
        const current = await store.assessments.get(params.id);
        const result = exportCnilPia(current.document, { now: now.toISOString() });
        if (!result.ok) throw new DomainError("not_found", `${current.slug}: ${result.message}`);
        await store.audit.record(
          {
            actor,
            action: "assessment.export",
            entityId: current.id,
            data: { version: current.version, format: query.format },
          },
          now,
        );
        reply.header("content-type", "application/json; charset=utf-8");
        reply.header("content-disposition", `attachment; filename="pia-${current.slug}.json"`);
        reply.header("x-basis-not-carried", result.notCarried.map((n) => n.path).join(", "));
        return JSON.stringify(result.file);
      },
    }),
    defineRoute({
      method: "POST",
      url: "/api/dpia/import",
      summary:
        "Create a draft assessment from a PIA exported by the CNIL PIA software (its JSON as the body); the answer lists what did not map",
      tag: "dpia",
      policy: canEdit,
      response: { json: DpiaImportAnswer },
      status: 201,
      query: z.strictObject({
        format: z.enum(["cnil-pia"]).default("cnil-pia"),
        id: Id.optional(),
        jurisdiction: z.enum(["EU", "UK"]).optional(),
        country: CountryCode.optional(),
      }),
      body: CnilPiaFile,
      async handler({ store, query, body, actor, now, today }) {
        // A body sent from the software's single-file download has its text encoded twice.
        const repaired = undoDoubleUtf8(JSON.stringify(body));
        const file = repaired === undefined ? body : CnilPiaFile.parse(JSON.parse(repaired));
        const result = importCnilPia(file, {
          ...(query.id ? { id: query.id } : {}),
          ...(query.jurisdiction ? { jurisdiction: query.jurisdiction } : {}),
          ...(query.country ? { country: query.country } : {}),
        });
        if (!result.ok) {
          const issues = result.errors.map((e) => ({
            path: e.path ? `body.${e.path}` : "body",
            message: e.message,
          }));
          throw new DomainError(
            "validation_failed",
            `invalid file: ${issues[0]?.path}: ${issues[0]?.message}`,
            { issues },
          );
        }
        // Always a draft: the CNIL software's validation is not Basis's sign-off.
        const record = await store.assessments.create(result.assessment, { actor, now, today });
        const notes =
          repaired === undefined
            ? result.notes
            : [{ path: "", note: DOUBLE_UTF8_NOTE }, ...result.notes];
        return { assessment: presentAssessment(record), unmapped: result.unmapped, notes };
      },
    }),
  ];
}
