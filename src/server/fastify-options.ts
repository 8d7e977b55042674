/**
 * @module server/fastify-options
 * What every Fastify instance of ours is made with. Routes validate with zod (`route.ts`), so
 * Fastify's own schema compilers (ajv and fast-json-stringify, about 35 ms of loading at each
 * start) are loaded only when a route gives Fastify a schema to compile, which none does now.
 */
import { createRequire } from "node:module";
import type { FastifyServerOptions } from "fastify";

const require = createRequire(import.meta.url);

type Factory = (...args: unknown[]) => unknown;

/** Fastify's default compiler factory from `pkg`, loaded on the first call. */
function onFirstUse(pkg: string): Factory {
  let factory: Factory | undefined;
  return (...args) => {
    factory ??= (require(pkg) as () => Factory)();
    return factory(...args);
  };
}

export const SCHEMA_CONTROLLER = {
  compilersFactory: {
    buildValidator: onFirstUse("@fastify/ajv-compiler"),
    buildSerializer: onFirstUse("@fastify/fast-json-stringify-compiler"),
  },
} as NonNullable<FastifyServerOptions["schemaController"]>;
