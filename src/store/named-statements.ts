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
 * that database. Inside a transaction a statement runs as any other.
 *
 * PGlite has one session and no named statements of the wire protocol's in its API: there a
 * statement is prepared in SQL (`PREPARE`) the first time and run by `EXECUTE` with its
 * values written as literals (`preparedInSql`). Parsing and analysing a page's statement is
 * most of what a page costs in PGlite (some 3 of 6 ms for 50 rows at 100,000 activities).
 * The session plans each call for its values; a statement whose text decides its plan runs
 * on the plan kept for it (2.5-2.9 ms a page of 50 there, against 3.6 planned each call).
 */
import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { databaseCode } from "./db-errors.ts";
import { rowsOf } from "./rows.ts";

/** A database as drizzle gives it (db.ts's Db, which registers the runner here). */
interface Executes {
  execute(query: SQL): PromiseLike<unknown>;
}

/**
 * Runs a statement under a name. `valuesDecidePlan`: the plan that suits one call depends on
 * its values (see runNamed).
 */
type NamedRunner = (query: SQL, valuesDecidePlan: boolean) => Promise<unknown[]>;

interface Runner {
  run: NamedRunner;
  /**
   * Whether every call of a named statement is planned for its values (PGlite's session), so
   * that a statement whose plan depends on them (a search's words) may be named too.
   */
  plansEachCall: boolean;
}

const runners = new WeakMap<Executes, Runner>();

/** Name the statements `runNamed` is given on `db` (openDatabase and openPglite). */
export function nameStatements(db: Executes, run: NamedRunner, plansEachCall = false): void {
  runners.set(db, { run, plansEachCall });
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

/**
 * Run `query` under its name where statements are named, else as any other; its rows. With
 * `valuesDecidePlan` (a search, a review date: which plan is right depends on the values sent
 * with the text) it is named only where every call is planned for its values.
 */
export async function runNamed<T>(
  db: Executes,
  query: SQL,
  { valuesDecidePlan = false } = {},
): Promise<T[]> {
  const runner = runners.get(db);
  if (runner && (runner.plansEachCall || !valuesDecidePlan))
    try {
      return (await runner.run(query, valuesDecidePlan)) as T[];
    } catch (e) {
      if (!POOLER_LOST.has(databaseCode(e) ?? "")) throw e;
      runners.delete(db);
    }
  return rowsOf<T>(await db.execute(query));
}

/**
 * A value as an SQL literal, for an EXECUTE's text: a number, a boolean, null, or a text in
 * an escape string (its backslashes and quotes doubled, so it reads the same whatever
 * `standard_conforming_strings` says). Undefined for anything else, and for a text holding a
 * NUL, which would end the statement's text where it stands.
 */
export function sqlLiteral(value: unknown): string | undefined {
  if (value === null) return "null";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string" && !value.includes("\0"))
    return `E'${value.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
  return undefined;
}

/** The most statements `preparedInSql` keeps prepared; the least recently run go first. */
export const PREPARED_KEPT = 200;

/** A database session that runs plain SQL (PGlite's). */
export interface SqlSession {
  /** One statement without parameters: its rows. */
  query(text: string): Promise<{ rows: unknown[] }>;
  /** One statement with parameters, unnamed: its rows. */
  unnamed(text: string, params: unknown[]): Promise<{ rows: unknown[] }>;
  /** Statements in one string, one implicit transaction: the last one's rows. */
  script(text: string): Promise<unknown[]>;
}

/**
 * The runner of a database with one session and only plain SQL (PGlite): each statement text
 * is prepared once under its name (`PREPARE`, once even when two calls ask for it together),
 * then run by `EXECUTE` with its values as literals. A statement whose values cannot all be
 * written as literals runs unnamed. The session plans every call (its `plan_cache_mode`);
 * one whose plan does not depend on its values is run on the plan kept for it, by a
 * `SET LOCAL` in the same implicit transaction as its EXECUTE (so it cannot outlive that
 * EXECUTE, even when it fails). At most `kept` stay prepared (a search's statement differs
 * with each combination of filters and sort): past that the one run least recently is
 * deallocated, and prepared again when it is next run.
 */
export function preparedInSql(
  session: SqlSession,
  kept = PREPARED_KEPT,
): (text: string, params: unknown[], valuesDecidePlan: boolean) => Promise<unknown[]> {
  const { query } = session;
  const prepared = new Map<string, Promise<unknown>>();
  const prepare = (name: string, text: string) => {
    let ready = prepared.get(name);
    if (ready) prepared.delete(name);
    else {
      ready = query(`prepare ${name} as ${text}`);
      ready.catch(() => prepared.delete(name));
    }
    // Kept in the order of use: the first is the one run least recently.
    prepared.set(name, ready);
    if (prepared.size > kept) {
      const [oldest] = prepared.keys();
      if (oldest !== undefined) {
        prepared.delete(oldest);
        void query(`deallocate ${oldest}`).catch(() => {});
      }
    }
    return ready;
  };
  return async (text, params, valuesDecidePlan) => {
    const values = params.map(sqlLiteral);
    if (values.some((v) => v === undefined)) return (await session.unnamed(text, params)).rows;
    // Quoted: a name holds capitals, '-' and '_' (statementName), which SQL would fold or refuse.
    const name = `"${statementName(text)}"`;
    const statement = `execute ${name}${values.length ? `(${values.join(", ")})` : ""}`;
    const execute = async () =>
      valuesDecidePlan
        ? (await query(statement)).rows
        : session.script(`set local plan_cache_mode = force_generic_plan; ${statement}`);
    await prepare(name, text);
    try {
      return await execute();
    } catch (e) {
      // Deallocated between its PREPARE and this EXECUTE, as the oldest of a busy moment.
      if (databaseCode(e) !== "26000" || prepared.has(name)) throw e;
      await prepare(name, text);
      return await execute();
    }
  };
}
