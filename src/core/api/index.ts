/**
 * @module core/api
 * The API's answers as zod schemas, one home for the server (route responses, OpenAPI) and
 * the web app (its client types). Pure: runs in the browser too.
 */
export * from "./accounts.ts";
export * from "./assessments.ts";
export * from "./dpia.ts";
export * from "./system.ts";
export * from "./workflow.ts";
