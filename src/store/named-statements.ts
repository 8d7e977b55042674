/**
 * @module store/named-statements
 * The register's hottest statements, sent to a PostgreSQL server as named statements: a
 * connection parses one the first time and keeps it, so a later call skips the parsing and
 * analysis of its text (a page statement is several kilobytes of SQL). A named statement's
 * text holds the filter value it is for (list-register.ts writes a kept filter's value into
 * it), so the plan PostgreSQL keeps for it once it stops planning each call (its default
 * `plan_cache_mode`) was made for that value: a rare outcome gets its own, not one made for
 * a common one. The parameters left are where a page starts and how long it is. On a server
 * only statements of a bounded number of texts are named, since a connection keeps each one
 * it parsed (the page of a kept total and a page after a cursor of one: four sorts, each
 * filter value of the vocabularies, two ways).
 *
 * A pooler between Basis and the server that does not keep named statements across
 * transactions (PgBouncer in transaction mode before 1.21) answers that a statement does not
 * exist, or exists already: the statement then runs unnamed, and so does every later one on
 * that database. Inside a transaction a statement runs as any other.
 *
 * PGlite has one session and no named statements of the wire protocol's in its API: there
 * every page statement, a search's too, is prepared in SQL (`PREPARE`) the first time and
 * run by `EXECUTE` with its values written as literals (`preparedInSql`), as many texts as
 * it keeps (PREPARED_KEPT). Parsing and analysing a page's statement is most of what a page
 * costs in PGlite (some 3 of 6 ms for 50 rows at 100,000 activities). A search is planned at
 * each call for its words; a statement whose text decides its plan runs on the plan kept for
 * it (2.5-2.9 ms a page of 50 there, against 3.6 planned each call).
 */
import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { databaseCode } from "./db-errors.ts";
import { rowsOf } from "./rows.ts";

/** A database as drizzle gives it (db.ts's Db, which registers the runner here). */
interface Executes {
  execute(query: SQL): PromiseLike<unknown>;
}

/**
 * Runs a statement's text and values under a name; its rows. `valuesDecidePlan`: the plan
 * that suits one call depends on its values (see runNamed).
 */
type NamedRunner = (
  text: string,
  params: unknown[],
  valuesDecidePlan: boolean,
) => Promise<unknown[]>;

interface Runner {
  run: NamedRunner;
  /**
   * Whether every call of a named statement is planned for its values (PGlite's session), so
   * that a statement whose plan depends on them (a search's words) may be named too.
   */
  plansEachCall: boolean;
}

const runners = new WeakMap<Executes, Runner>();

/** Writes a query's text and values as drizzle sends them. */
const dialect = new PgDialect();

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
      const { sql: text, params } = dialect.sqlToQuery(query);
      return (await runner.run(text, params, valuesDecidePlan)) as T[];
    } catch (e) {
      if (!POOLER_LOST.has(databaseCode(e) ?? "")) throw e;
      // A server's connections behind a pooler lose them again: named no more. PGlite's one
      // session has no pooler: this call runs unnamed, and the next is named again.
      if (!runner.plansEachCall) runners.delete(db);
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
 * written as literals runs unnamed. Each EXECUTE is sent with a `SET LOCAL` of the plan mode
 * in the same implicit transaction, so the setting ends with it, even when it fails, and
 * touches nothing else the session runs (its triggers' and functions' statements keep their
 * plans): planned for its values when they decide its plan (a search's words), otherwise on
 * the plan kept for it. At most `kept` stay prepared (a search's statement differs with each
 * combination of filters and sort): past that the one run least recently that no call is
 * running is deallocated, and prepared again when it is next run, as is one the session let
 * go (DEALLOCATE ALL).
 */
export function preparedInSql(session: SqlSession, kept = PREPARED_KEPT): NamedRunner {
  const prepared = new Map<string, Promise<unknown>>();
  // How many calls are running each statement: none of those is let go meanwhile.
  const running = new Map<string, number>();
  /** Forget `name` if it still stands for `ready` (not for a PREPARE sent since). */
  const forget = (name: string, ready: Promise<unknown>) => {
    if (prepared.get(name) === ready) prepared.delete(name);
  };
  /** Let go of the statements run least recently, past `kept`, that no call is running. */
  const trim = () => {
    for (const name of prepared.keys()) {
      if (prepared.size <= kept) return;
      if (running.has(name)) continue;
      prepared.delete(name);
      void session.query(`deallocate ${name}`).catch(() => {});
    }
  };
  const prepare = (name: string, text: string) => {
    let ready = prepared.get(name);
    if (ready) prepared.delete(name);
    else {
      const made = session.query(`prepare ${name} as ${text}`);
      made.catch(() => forget(name, made));
      ready = made;
    }
    // Kept in the order of use: the first is the one run least recently.
    prepared.set(name, ready);
    trim();
    return ready;
  };
  return async (text, params, valuesDecidePlan) => {
    const values = params.map(sqlLiteral);
    if (values.some((v) => v === undefined)) return (await session.unnamed(text, params)).rows;
    // Quoted: a name holds capitals, '-' and '_' (statementName), which SQL would fold or refuse.
    const name = `"${statementName(text)}"`;
    const mode = valuesDecidePlan ? "force_custom_plan" : "force_generic_plan";
    const execute = () =>
      session.script(
        `set local plan_cache_mode = ${mode}; execute ${name}${values.length ? `(${values.join(", ")})` : ""}`,
      );
    running.set(name, (running.get(name) ?? 0) + 1);
    try {
      const ready = prepare(name, text);
      await ready;
      try {
        return await execute();
      } catch (e) {
        if (databaseCode(e) !== "26000") throw e;
        // The session let it go without this runner (DEALLOCATE ALL): prepared again, once.
        forget(name, ready);
        await prepare(name, text);
        return await execute();
      }
    } finally {
      const n = (running.get(name) ?? 1) - 1;
      if (n === 0) running.delete(name);
      else running.set(name, n);
      // What was kept past `kept` while every statement was running goes now.
      trim();
    }
  };
}
