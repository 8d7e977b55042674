/**
 * @module core/schema
 * The assessment model as zod schemas: one source for the TypeScript types, runtime
 * validation, the published JSON Schema and (later) the OpenAPI document.
 */
export * from "./activity.ts";
export * from "./assessment.ts";
export * from "./common.ts";
export * from "./decision.ts";
export * from "./dpia.ts";
export * from "./lia.ts";
export * from "./register-file.ts";
