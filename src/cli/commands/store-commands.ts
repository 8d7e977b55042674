/**
 * @module cli/commands/store-commands
 * `basis import`, `basis export` and `basis audit verify`, against the embedded store (the
 * data directory, which must not be held by a running server) or a server with
 * `--server URL --token T`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { DomainError } from "../../core/errors.ts";
import type { Assessment } from "../../core/schema/index.ts";
import { toYaml } from "../../core/serialize.ts";
import type { Store } from "../../store/index.ts";
import { CliError, EXIT, type Io } from "../io.ts";
import { assessmentsOf, formatErrors, loadBasisFile, readTextFile } from "../load-file.ts";
import { call, remoteOf } from "../remote.ts";
import { schemaPathFor } from "../schema-path.ts";
import { todayLocal } from "../today.ts";

interface Target {
  server?: string;
  token?: string;
  dataDir?: string;
}

async function withStore<T>(
  opts: Target,
  command: string,
  fn: (store: Store) => Promise<T>,
  /** Only reads: refuse a folder or database that holds no Basis data rather than create one. */
  mustExist = false,
): Promise<T> {
  let store: Store;
  // Loaded on use, so other commands do not pay for the database at start.
  const { openStore } = await import("../../store/index.ts");
  try {
    store = await openStore({ dataDir: opts.dataDir, command, mustExist });
  } catch (e) {
    if (e instanceof DomainError) throw new CliError(e.message);
    throw e;
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export async function runImport(io: Io, files: string[], opts: Target): Promise<number> {
  // Validate every file first: nothing is written unless all of them are valid.
  const docs: Assessment[] = [];
  const texts: string[] = [];
  let invalid = 0;
  for (const file of files) {
    const loaded = loadBasisFile(file);
    if (!loaded.ok) {
      invalid++;
      for (const line of formatErrors(file, loaded.errors)) io.err(line);
      continue;
    }
    docs.push(...assessmentsOf(loaded.value));
    const read = readTextFile(file);
    if (read.ok) texts.push(read.text);
  }
  if (invalid > 0) {
    io.err(`basis: ${invalid} invalid file(s); nothing was imported`);
    return EXIT.failed;
  }
  const remote = remoteOf(opts);
  let results: { slug: string; result: string; version: number }[] = [];
  if (remote) {
    for (const text of texts) {
      const r = (await call(remote, "POST", "/api/import", text, "application/yaml")) as {
        results: typeof results;
      };
      results.push(...r.results);
    }
  } else {
    results = await withStore(opts, "basis import", (store) =>
      store.assessments.importDocuments(docs, {
        actor: "cli",
        now: new Date(),
        today: todayLocal(),
      }),
    );
  }
  for (const r of results) io.out(`${r.result.padEnd(9)} ${r.slug} (version ${r.version})`);
  return EXIT.ok;
}

export async function runExport(io: Io, dir: string, opts: Target): Promise<number> {
  const remote = remoteOf(opts);
  const docs = remote
    ? ((await call(remote, "GET", "/api/export")) as { assessments: Assessment[] }).assessments
    : await withStore(opts, "basis export", (store) => store.assessments.allDocuments(), true);
  mkdirSync(dir, { recursive: true });
  for (const doc of docs) {
    const file = join(dir, `${doc.id}.yaml`);
    writeFileSync(file, toYaml(doc, schemaPathFor(file)));
  }
  io.out(`exported ${docs.length} assessment(s) to ${dir}`);
  return EXIT.ok;
}

export async function runAuditVerify(io: Io, opts: Target): Promise<number> {
  const remote = remoteOf(opts);
  const result = remote
    ? ((await call(remote, "GET", "/api/audit/verify")) as Awaited<
        ReturnType<Store["audit"]["verify"]>
      >)
    : await withStore(opts, "basis audit verify", (store) => store.audit.verify(), true);
  if (result.ok) {
    io.out(`audit trail intact: ${result.checked} events checked`);
    return EXIT.ok;
  }
  io.err(
    `audit trail BROKEN at event ${result.broken?.seq} (${result.broken?.id}): ${result.broken?.reason}; ${result.checked} events before it are intact`,
  );
  return EXIT.failed;
}

const targetOptions = (cmd: Command) =>
  cmd
    .option("--server <url>", "a running Basis server instead of the embedded store")
    .option("--token <token>", "API token for --server (or BASIS_TOKEN)")
    .option("--data-dir <dir>", "embedded database directory (default ./data or BASIS_DATA_DIR)");

export function importCommand(io: Io): Command {
  return targetOptions(
    new Command("import")
      .description("import assessment or register files")
      .argument("<files...>", "YAML files"),
  ).action(async (files: string[], opts: Target) => io.exit(await runImport(io, files, opts)));
}

export function exportCommand(io: Io): Command {
  return targetOptions(
    new Command("export")
      .description("write every assessment as a YAML file")
      .argument("[dir]", "folder to write to", "export"),
  ).action(async (dir: string, opts: Target) => io.exit(await runExport(io, dir, opts)));
}

export function auditCommand(io: Io): Command {
  const audit = new Command("audit").description("the audit trail");
  audit.addCommand(
    targetOptions(
      new Command("verify").description(
        "check the audit hash chain; exit 1 at the first broken link",
      ),
    ).action(async (opts: Target) => io.exit(await runAuditVerify(io, opts))),
  );
  return audit;
}
