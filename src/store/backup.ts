/**
 * @module store/backup
 * Backups and restores of every Basis table, in one portable format for both backends: a
 * gzip file of JSON lines (a header naming the format, the migrations and each table's
 * columns; then batches of rows, each as PostgreSQL's `row_to_json` gives it; then an end
 * line with the row counts). A PGlite backup restores onto a PostgreSQL server and back.
 *
 * The backup reads every table in one REPEATABLE READ transaction: one snapshot, so the audit
 * trail and the data it records agree, while writers carry on (on PostgreSQL; PGlite runs one
 * statement at a time, so its writers wait for the few moments the reading takes).
 *
 * A restore refuses a database that holds data (any row outside `settings`) unless forced,
 * refuses a backup made under other migrations, and writes everything in one transaction:
 * a failed or truncated restore leaves the database as it was.
 */

import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip, createGzip } from "node:zlib";
import { sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { PACKAGE_VERSION } from "../content/paths.ts";
import { DomainError } from "../core/errors.ts";
import type { Db } from "./db.ts";
import { rowsOf } from "./rows.ts";
import * as schema from "./schema.ts";

export const BACKUP_FORMAT = "basis-backup/v1";
const BATCH = 200;

interface Header {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  basisVersion: string;
  backend: string;
  /** Hashes of the migrations the database had, oldest first. */
  migrations: string[];
  /** Each table's columns, in the order they are restored. */
  tables: { name: string; columns: string[] }[];
}

export interface BackupSummary {
  file: string;
  createdAt: string;
  backend: string;
  basisVersion: string;
  rows: Record<string, number>;
}

/** Every table of the schema, each after the tables its foreign keys point to. */
export function tablesInOrder(): string[] {
  const tables = (Object.values(schema) as unknown[]).filter(
    (v): v is PgTable =>
      typeof v === "object" && v !== null && Symbol.for("drizzle:IsDrizzleTable") in v,
  );
  const deps = new Map<string, string[]>();
  for (const t of tables) {
    const config = getTableConfig(t);
    deps.set(
      config.name,
      config.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name),
    );
  }
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name)) return;
    path.add(name);
    for (const d of deps.get(name) ?? []) if (d !== name) visit(d, path);
    ordered.push(name);
  };
  for (const name of [...deps.keys()].sort()) visit(name, new Set());
  return ordered;
}

async function migrationHashes(db: Pick<Db, "execute">): Promise<string[]> {
  const rows = rowsOf<{ hash: string }>(
    await db.execute(sql`select hash from drizzle.__drizzle_migrations order by created_at, id`),
  );
  return rows.map((r) => r.hash);
}

async function columnsOf(db: Pick<Db, "execute">, table: string): Promise<string[]> {
  const rows = rowsOf<{ column_name: string }>(
    await db.execute(sql`
      select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = ${table}
        and is_generated = 'NEVER'
      order by ordinal_position`),
  );
  return rows.map((r) => r.column_name);
}

const ident = (name: string) => sql.identifier(name);

/** Write a backup of the whole database to `file` (created; never overwritten). */
export async function writeBackup(db: Db, backend: string, file: string): Promise<BackupSummary> {
  const out = createWriteStream(file, { flags: "wx", mode: 0o600 });
  const gzip = createGzip();
  gzip.pipe(out);
  const write = async (value: unknown) => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, "drain");
  };
  const createdAt = new Date().toISOString();
  const rows: Record<string, number> = {};
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read, read only`);
      const tables = [];
      for (const name of tablesInOrder())
        tables.push({ name, columns: await columnsOf(tx as unknown as Db, name) });
      const header: Header = {
        format: BACKUP_FORMAT,
        createdAt,
        basisVersion: PACKAGE_VERSION,
        backend,
        migrations: await migrationHashes(tx as unknown as Db),
        tables,
      };
      await write(header);
      for (const { name } of tables) {
        rows[name] = 0;
        await tx.execute(
          sql`declare basis_backup no scroll cursor for select row_to_json(t)::text as r from ${ident(name)} t`,
        );
        for (;;) {
          const batch = rowsOf<{ r: string }>(
            await tx.execute(sql.raw(`fetch forward ${BATCH} from basis_backup`)),
          );
          if (batch.length === 0) break;
          rows[name] += batch.length;
          await write({ table: name, rows: batch.map((b) => JSON.parse(b.r)) });
        }
        await tx.execute(sql`close basis_backup`);
      }
    });
    await write({ end: true, rows });
    gzip.end();
    await once(out, "close");
  } catch (e) {
    gzip.destroy();
    out.destroy();
    const { rmSync } = await import("node:fs");
    rmSync(file, { force: true });
    throw e;
  }
  return { file, createdAt, backend, basisVersion: PACKAGE_VERSION, rows };
}

/** The tables holding rows, outside `settings` (which a first start writes on its own). */
export async function tablesWithData(db: Pick<Db, "execute">): Promise<string[]> {
  const found: string[] = [];
  for (const name of tablesInOrder()) {
    if (name === "settings") continue;
    const r = rowsOf<{ any: boolean }>(
      await db.execute(sql`select exists (select 1 from ${ident(name)}) as any`),
    );
    if (r[0]?.any) found.push(name);
  }
  return found;
}

async function* lines(file: string): AsyncGenerator<unknown> {
  const input = createReadStream(file).pipe(createGunzip());
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of reader) if (line.trim() !== "") yield JSON.parse(line);
  } catch (e) {
    throw new DomainError(
      "validation_failed",
      `${file} is not a readable Basis backup (${(e as Error).message})`,
    );
  }
}

/** What a backup file holds, read through to its end line (so a truncated file is refused). */
export async function readBackupSummary(file: string): Promise<BackupSummary> {
  let header: Header | undefined;
  let end: { rows: Record<string, number> } | undefined;
  for await (const value of lines(file)) {
    if (!header) {
      header = value as Header;
      if (header?.format !== BACKUP_FORMAT)
        throw new DomainError("validation_failed", `${file} is not a ${BACKUP_FORMAT} file`);
    } else if ((value as { end?: boolean }).end) end = value as typeof end;
  }
  if (!header || !end)
    throw new DomainError("validation_failed", `${file} is incomplete: it has no end line`);
  return {
    file,
    createdAt: header.createdAt,
    backend: header.backend,
    basisVersion: header.basisVersion,
    rows: end.rows,
  };
}

export interface RestoreOptions {
  /** Replace the data the database holds. */
  force?: boolean;
  /** Checked inside the restore transaction before anything is written (e.g. no other instance). */
  guard?: ((tx: Db) => Promise<void>) | undefined;
}

/** Restore `file` into the database in one transaction; returns what the backup held. */
export async function restoreBackup(
  db: Db,
  file: string,
  options: RestoreOptions = {},
): Promise<BackupSummary> {
  return db.transaction(async (txDb) => {
    const tx = txDb as unknown as Db;
    await options.guard?.(tx);
    const input = lines(file);
    const first = (await input.next()).value as Header | undefined;
    if (first?.format !== BACKUP_FORMAT)
      throw new DomainError("validation_failed", `${file} is not a ${BACKUP_FORMAT} file`);
    const mine = await migrationHashes(tx);
    if (first.migrations.join() !== mine.join())
      throw new DomainError(
        "conflict",
        `${file} was made by Basis ${first.basisVersion} with ${first.migrations.length} migration(s); this database has ${mine.length}. Restore it with the same Basis version, then upgrade`,
      );
    const held = await tablesWithData(tx);
    if (held.length > 0 && !options.force)
      throw new DomainError(
        "conflict",
        `the database already holds data (${held.join(", ")}); restore into an empty one, or pass --force to replace it`,
      );
    const order = tablesInOrder();
    await tx.execute(
      sql`truncate table ${sql.join(order.map(ident), sql`, `)} restart identity cascade`,
    );
    const columns = new Map<string, string[]>();
    for (const t of first.tables) {
      if (!order.includes(t.name))
        throw new DomainError(
          "conflict",
          `${file} holds a table this Basis does not know: ${t.name}`,
        );
      const here = new Set(await columnsOf(tx, t.name));
      columns.set(
        t.name,
        t.columns.filter((c) => here.has(c)),
      );
    }
    const counted: Record<string, number> = {};
    let end: { rows: Record<string, number> } | undefined;
    for await (const value of input) {
      const line = value as { table?: string; rows?: unknown[]; end?: boolean };
      if (line.end) {
        end = value as { rows: Record<string, number> };
        break;
      }
      const cols = line.table ? columns.get(line.table) : undefined;
      if (!cols || !Array.isArray(line.rows))
        throw new DomainError(
          "validation_failed",
          `${file} holds a line that is not a batch of rows`,
        );
      const list = sql.join(cols.map(ident), sql`, `);
      await tx.execute(sql`
        insert into ${ident(line.table as string)} (${list})
        select ${list} from json_populate_recordset(null::${ident(line.table as string)}, ${JSON.stringify(line.rows)}::json)`);
      counted[line.table as string] = (counted[line.table as string] ?? 0) + line.rows.length;
    }
    for (const t of first.tables)
      if (!end || (end.rows[t.name] ?? 0) !== (counted[t.name] ?? 0))
        throw new DomainError(
          "validation_failed",
          `${file} is incomplete (it ends before its last line, or its counts differ); nothing was restored`,
        );
    // Serial columns (the audit trail's sequence numbers) continue after the restored rows.
    const serials = rowsOf<{ table_name: string; column_name: string }>(
      await tx.execute(sql`
        select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and column_default like 'nextval(%'`),
    );
    for (const { table_name: t, column_name: c } of serials)
      await tx.execute(sql`
        select setval(pg_get_serial_sequence(${t}, ${c}),
                      coalesce((select max(${ident(c)}) from ${ident(t)}), 0) + 1, false)`);
    return {
      file,
      createdAt: first.createdAt,
      backend: first.backend,
      basisVersion: first.basisVersion,
      rows: end?.rows ?? {},
    };
  });
}
