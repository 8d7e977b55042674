/**
 * @module cli/commands/backup
 * `basis backup <file>` and `basis restore <file>`, on either backend: the data directory (or
 * DATABASE_URL), or for a backup, a running server with `--server URL --token T` (an admin
 * token), which is how a PGlite directory held by `basis serve` is backed up while it runs.
 * A restore needs the database to itself: stop the servers first.
 */
import { existsSync } from "node:fs";
import { Command } from "commander";
import { DomainError } from "../../core/errors.ts";
import type { BackupSummary } from "../../store/backup.ts";
import { CliError, EXIT, type Io } from "../io.ts";
import { download, remoteOf } from "../remote.ts";
import { type Target, targetOptions, withStore } from "./store-commands.ts";

const MAIN_TABLES: [table: string, label: string][] = [
  ["assessments", "assessments"],
  ["assessment_versions", "versions"],
  ["users", "users"],
  ["api_tokens", "API tokens"],
  ["audit_events", "audit events"],
];

function describeRows(s: BackupSummary): string {
  const total = Object.values(s.rows).reduce((a, b) => a + b, 0);
  const main = MAIN_TABLES.map(([t, label]) => `${s.rows[t] ?? 0} ${label}`).join(", ");
  return `${main} (${total} rows in ${Object.keys(s.rows).length} tables)`;
}

export async function runBackup(io: Io, file: string, opts: Target): Promise<number> {
  if (existsSync(file)) throw new CliError(`${file} exists; choose a new file name`, EXIT.usage);
  const remote = remoteOf(opts);
  if (remote) await download(remote, "/api/backup", file);
  else
    await withStore(
      opts,
      "basis backup",
      (store) => store.backup(file, { actor: "cli", now: new Date() }),
      {
        mustExist: true,
      },
    );
  const { readBackupSummary } = await import("../../store/backup.ts");
  const summary = await readBackupSummary(file);
  io.out(`backed up to ${file}: ${describeRows(summary)}`);
  return EXIT.ok;
}

export async function runRestore(
  io: Io,
  file: string,
  opts: Target & { force?: boolean },
): Promise<number> {
  if (opts.server)
    throw new CliError(
      "restore works on the database itself: stop the servers, then run it with --data-dir or DATABASE_URL",
      EXIT.usage,
    );
  if (!existsSync(file)) throw new CliError(`${file}: no such file`, EXIT.usage);
  const { summary, verified } = await withStore(
    opts,
    "basis restore",
    async (store) => {
      try {
        const summary = await store.restore(
          file,
          { actor: "cli", now: new Date() },
          {
            force: opts.force === true,
          },
        );
        return { summary, verified: await store.audit.verify() };
      } catch (e) {
        if (e instanceof DomainError) throw new CliError(`${e.message}; nothing was restored`);
        throw e;
      }
    },
    // One connection: a restore on PostgreSQL checks that no other Basis connection is open.
    { poolSize: 1 },
  );
  io.out(
    `restored ${file} (made ${summary.createdAt} by Basis ${summary.basisVersion} on ${summary.backend}): ${describeRows(summary)}`,
  );
  if (!verified.ok) {
    io.err(
      `basis: the restored audit trail does NOT verify: ${verified.broken?.reason} at event ${verified.broken?.seq}; run basis audit verify`,
    );
    return EXIT.failed;
  }
  io.out(`audit trail intact: ${verified.checked} events checked`);
  return EXIT.ok;
}

export function backupCommand(io: Io): Command {
  return targetOptions(
    new Command("backup")
      .description(
        "write a consistent backup of the whole database to a new file (from a running server with --server and an admin token)",
      )
      .argument("<file>", "the backup file to create"),
  ).action(async (file: string, opts: Target) => io.exit(await runBackup(io, file, opts)));
}

export function restoreCommand(io: Io): Command {
  return new Command("restore")
    .description(
      "restore a backup into the data directory or DATABASE_URL (stop the servers first); refuses a database holding data unless --force",
    )
    .argument("<file>", "a file written by basis backup")
    .option("--data-dir <dir>", "embedded database directory (default ./data or BASIS_DATA_DIR)")
    .option("--force", "replace the data the database holds")
    .action(async (file: string, opts: Target & { force?: boolean }) =>
      io.exit(await runRestore(io, file, opts)),
    );
}
