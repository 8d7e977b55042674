/**
 * @module store/kept-plans
 * Statements the register runs on every page, with a plan kept between requests on a
 * PostgreSQL server. Sent as a named statement, a statement is parsed and planned once per
 * connection (PostgreSQL's own plan cache then decides between a generic plan and one per
 * call); sent unnamed, as drizzle sends every statement, it is parsed and planned at every
 * call, about 0.4 ms of a page of 2 ms at 100,000 activities. Only statements whose best plan
 * does not hang on their values belong here (not a search, whose words decide between the
 * sort's index and the full-text index). On PGlite, and inside a transaction, a statement
 * runs as any other.
 */
import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { rowsOf } from "./rows.ts";

/** A database as drizzle gives it (db.ts's Db, which opens this module's runners). */
interface Executes {
  execute(query: SQL): PromiseLike<unknown>;
}

/** A named-statement runner for a database opened on a PostgreSQL server. */
type KeptRunner = (query: SQL) => Promise<unknown[]>;

const runners = new WeakMap<Executes, KeptRunner>();

/** Whether `db` keeps plans; its runner, set by openDatabase for a PostgreSQL pool. */
export function keepPlans(db: Executes, runner: KeptRunner): void {
  runners.set(db, runner);
}

/**
 * The statement's name on a connection: its text decides it, so a name never stands for two
 * texts (node-postgres refuses that) and every connection that prepared it prepared the same.
 */
export function keptName(text: string): string {
  return `basis_${createHash("sha256").update(text).digest("base64url").slice(0, 32)}`;
}

/** Run `query`, with its plan kept where the database keeps plans; its rows. */
export async function runKept<T>(db: Executes, query: SQL): Promise<T[]> {
  const runner = runners.get(db);
  return (runner ? await runner(query) : rowsOf<T>(await db.execute(query))) as T[];
}
