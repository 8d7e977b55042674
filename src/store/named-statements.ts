/**
 * @module store/named-statements
 * The register's hottest statements, sent to a PostgreSQL server as named statements: a
 * connection parses one the first time and keeps it, so a later call skips the parsing and
 * analysis of its text (a page statement is several kilobytes of SQL). A named statement's
 * text holds the filter value it is for (list-register.ts writes a kept filter's value into
 * it), so the plan PostgreSQL keeps for it once it stops planning each call (its default
 * `plan_cache_mode`) was made for that value: a rare outcome gets its own, not one made for
 * a common one. The parameters left are where a page starts and how long it is. Only
 * statements of a bounded number of texts are named, since a connection keeps each one it
 * parsed (the page of a kept total and a page after a cursor of one: four sorts, each filter
 * value of the vocabularies, two ways).
 *
 * A pooler between Basis and the server that does not keep named statements across
 * transactions (PgBouncer in transaction mode before 1.21) answers that a statement does not
 * exist, or exists already: the statement then runs unnamed, and so does every later one on
 * that database. On PGlite, and inside a transaction, a statement runs as any other.
 */
import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { databaseCode } from "./db-errors.ts";
import { rowsOf } from "./rows.ts";

/** A database as drizzle gives it (db.ts's Db, which registers the runner here). */
interface Executes {
  execute(query: SQL): PromiseLike<unknown>;
}

/** Runs a statement under a name, on a database opened on a PostgreSQL server. */
type NamedRunner = (query: SQL) => Promise<unknown[]>;

const runners = new WeakMap<Executes, NamedRunner>();

/** Name the statements `runNamed` is given on `db` (openDatabase, for a PostgreSQL pool). */
export function nameStatements(db: Executes, runner: NamedRunner): void {
  runners.set(db, runner);
}

/**
 * The statement's name on a connection: its text decides it, so a name never stands for two
 * texts (node-postgres refuses that) and every connection that parsed it parsed the same.
 */
export function statementName(text: string): string {
  return `basis_${createHash("sha256").update(text).digest("base64url").slice(0, 32)}`;
}

/** SQLSTATEs of a pooler that lost a named statement, or holds one of another client's. */
const POOLER_LOST = new Set(["26000", "42P05"]);

/** Run `query` under its name where statements are named, else as any other; its rows. */
export async function runNamed<T>(db: Executes, query: SQL): Promise<T[]> {
  const runner = runners.get(db);
  if (runner)
    try {
      return (await runner(query)) as T[];
    } catch (e) {
      if (!POOLER_LOST.has(databaseCode(e) ?? "")) throw e;
      runners.delete(db);
    }
  return rowsOf<T>(await db.execute(query));
}
