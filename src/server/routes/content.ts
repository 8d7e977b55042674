/**
 * @module server/routes/content
 * The built-in content the web app needs to work offline from the server's files: templates
 * to start an activity from, screening questionnaires (run in the browser by the same core
 * runner as the CLI) and the reference library that findings cite.
 */

import { z } from "zod";
import { listQuestionnaires, loadQuestionnaire } from "../../content/questionnaires.ts";
import { loadReferences } from "../../content/references.ts";
import { listTemplates, loadTemplate } from "../../content/templates.ts";
import {
  QuestionnaireAnswer,
  QuestionnaireList,
  ReferenceList,
  TemplateDocument,
  TemplateList,
} from "../../core/api/index.ts";
import { DomainError } from "../../core/errors.ts";
import { Id } from "../../core/schema/index.ts";
import { canRead } from "../policies.ts";
import { defineRoute } from "../route.ts";

const IdParams = z.strictObject({ id: Id });

function notFound(what: string, e: unknown): never {
  throw new DomainError("not_found", `${what}: ${(e as Error).message}`);
}

export function contentRoutes() {
  return [
    defineRoute({
      method: "GET",
      url: "/api/templates",
      summary: "The built-in starting assessments, with what each covers",
      tag: "content",
      policy: canRead,
      response: { json: TemplateList },
      async handler() {
        return {
          items: listTemplates().map(({ id }) => {
            const t = loadTemplate(id);
            return {
              id,
              title: t.title,
              description: t.activity.description ?? "",
              purposes: t.activity.purposes.map((p) => p.description),
              interests: t.lia?.interests.length ?? 0,
              jurisdiction: t.organisation.jurisdiction,
            };
          }),
        };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/templates/:id",
      summary: "One built-in template as an assessment document",
      tag: "content",
      policy: canRead,
      response: { json: TemplateDocument },
      params: IdParams,
      async handler({ params }) {
        try {
          return { document: loadTemplate(params.id) };
        } catch (e) {
          notFound("template", e);
        }
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/questionnaires",
      summary: "The built-in screening questionnaires",
      tag: "content",
      policy: canRead,
      response: { json: QuestionnaireList },
      async handler() {
        const ids = await listQuestionnaires();
        const items = await Promise.all(
          ids.map(async (id) => {
            const q = await loadQuestionnaire(id);
            return { id, title: q.title, questions: q.questions.length };
          }),
        );
        return { items };
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/questionnaires/:id",
      summary: "One screening questionnaire: questions, options, actions and points",
      tag: "content",
      policy: canRead,
      response: { json: QuestionnaireAnswer },
      params: IdParams,
      async handler({ params }) {
        try {
          return { questionnaire: await loadQuestionnaire(params.id) };
        } catch (e) {
          notFound("questionnaire", e);
        }
      },
    }),
    defineRoute({
      method: "GET",
      url: "/api/references",
      summary: "The legal references findings and templates cite",
      tag: "content",
      policy: canRead,
      response: { json: ReferenceList },
      async handler() {
        return loadReferences();
      },
    }),
  ];
}
