/**
 * @module cli/commands/store-commands
 * `basis import`, `basis export`, `basis audit verify` and `basis audit anchor`, against the embedded store (the
 * data directory, which must not be held by a running server) or a server with
 * `--server URL --token T`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { DomainError } from "../../core/errors.ts";
import type { Assessment } from "../../core/schema/index.ts";
import { toYaml } from "../../core/serialize.ts";
import type { AuditAnchor } from "../../store/audit-anchor.ts";
import type { Store } from "../../store/index.ts";
import { CliError, EXIT, type Io } from "../io.ts";
import { assessmentsOf, formatErrors, loadBasisFile, readTextFile } from "../load-file.ts";
import { call, type Remote, remoteOf } from "../remote.ts";
import { schemaPathFor } from "../schema-path.ts";
import { todayLocal } from "../today.ts";

export interface Target {
  server?: string;
  token?: string;
  dataDir?: string;
}

export async function withStore<T>(
  opts: Target,
  command: string,
  fn: (store: Store) => Promise<T>,
  /** `mustExist`: the command only reads, so a folder or database without Basis data is refused. */
  open: { mustExist?: boolean; poolSize?: number } = {},
): Promise<T> {
  let store: Store;
  // Loaded on use, so other commands do not pay for the database at start.
  const { openStore } = await import("../../store/index.ts");
  try {
    store = await openStore({ dataDir: opts.dataDir, command, ...open });
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

/** Documents per transaction of a local import. */
const IMPORT_BATCH = 1000;

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
    // Large imports commit in batches (each all or nothing), with progress on a terminal.
    results = await withStore(opts, "basis import", (store) =>
      store.assessments.importDocuments(
        docs,
        { actor: "cli", now: new Date(), today: todayLocal() },
        {
          batch: IMPORT_BATCH,
          onProgress: (done, total) => {
            if (io.isTTY && total > IMPORT_BATCH) io.err(`basis: imported ${done} of ${total}`);
          },
        },
      ),
    );
  }
  for (const r of results) io.out(`${r.result.padEnd(9)} ${r.slug} (version ${r.version})`);
  return EXIT.ok;
}

export async function runExport(io: Io, dir: string, opts: Target): Promise<number> {
  const remote = remoteOf(opts);
  const docs = remote
    ? ((await call(remote, "GET", "/api/export")) as { assessments: Assessment[] }).assessments
    : await withStore(opts, "basis export", (store) => store.assessments.allDocuments(), {
        mustExist: true,
      });
  mkdirSync(dir, { recursive: true });
  for (const doc of docs) {
    const file = join(dir, `${doc.id}.yaml`);
    writeFileSync(file, toYaml(doc, schemaPathFor(file)));
  }
  io.out(`exported ${docs.length} assessment(s) to ${dir}`);
  return EXIT.ok;
}

type TrailResult = Awaited<ReturnType<Store["audit"]["verify"]>>;

/** Loaded on use, so other commands do not pay for node:crypto and drizzle at start. */
const anchoring = () => import("../../store/audit-anchor.ts");

/** The anchors in `--anchor <file>`, with the key to check them, or a usage error. */
async function readAnchors(file: string): Promise<{ anchors: AuditAnchor[]; key: string }> {
  const { auditKey, parseAnchors } = await anchoring();
  const key = auditKey();
  if (!key.ok) throw new CliError(`--anchor: ${key.message}`, EXIT.usage);
  const read = readTextFile(file);
  if (!read.ok) throw new CliError(`${file}: ${read.errors[0]?.message}`, EXIT.usage);
  const parsed = parseAnchors(read.text);
  if (!parsed.ok) throw new CliError(`${file}:${parsed.line}: ${parsed.message}`, EXIT.usage);
  return { anchors: parsed.anchors, key: key.key };
}

/** Over HTTP: the server verifies chain and data; the anchors are checked here, with the key. */
async function verifyRemote(
  remote: Remote,
  anchors: readonly AuditAnchor[],
  key: string | undefined,
): Promise<TrailResult> {
  const result = (await call(remote, "GET", "/api/audit/verify")) as TrailResult;
  if (!result.ok || anchors.length === 0) return result;
  const { anchorSigned, EMPTY_HEAD } = await anchoring();
  for (const anchor of anchors) {
    const found =
      anchor.seq === 0
        ? [EMPTY_HEAD]
        : (
            (await call(remote, "GET", `/api/audit?after=${anchor.seq - 1}&limit=1`)) as {
              events: { seq: number; id: string; hash: string }[];
            }
          ).events.filter((e) => e.seq === anchor.seq);
    const reason =
      key === undefined || !anchorSigned(anchor, key)
        ? "anchor-invalid"
        : found[0]?.id !== anchor.id || found[0]?.hash !== anchor.hash
          ? "anchor-missing"
          : undefined;
    if (reason) return { ...result, ok: false, broken: { seq: anchor.seq, id: anchor.id, reason } };
  }
  return { ...result, anchors: anchors.length };
}

function brokenDetail(result: TrailResult): string {
  const u = result.unrecorded;
  if (result.broken?.reason === "events-missing" && u)
    return ` (${u.versions} assessment version(s), ${u.users} user(s) and ${u.tokens} API token(s) have no event: events were removed)`;
  if (result.broken?.reason === "anchor-missing")
    return " (the anchored event is no longer in the chain: the trail was cut or rewritten after the anchor was taken)";
  if (result.broken?.reason === "anchor-invalid")
    return " (the anchor's MAC does not match: it was changed, or signed with another BASIS_AUDIT_KEY)";
  if (result.broken?.reason === "no-head")
    return " (the stored head is gone: the newest events may have been removed)";
  return "";
}

export async function runAuditVerify(io: Io, opts: Target & { anchor?: string }): Promise<number> {
  const remote = remoteOf(opts);
  const { anchors, key } = opts.anchor
    ? await readAnchors(opts.anchor)
    : { anchors: [] as AuditAnchor[], key: undefined };
  const result = remote
    ? await verifyRemote(remote, anchors, key)
    : await withStore(opts, "basis audit verify", (store) => store.audit.verify(anchors, key), {
        mustExist: true,
      });
  if (result.ok) {
    const anchored = anchors.length
      ? `, ${anchors.length} anchor${anchors.length === 1 ? "" : "s"} found`
      : "";
    io.out(`audit trail intact: ${result.checked} events checked${anchored}`);
    return EXIT.ok;
  }
  io.err(
    `audit trail BROKEN at event ${result.broken?.seq} (${result.broken?.id}): ${result.broken?.reason}${brokenDetail(result)}; ${result.checked} events before it are intact`,
  );
  return EXIT.failed;
}

/** Print an anchor of the current head, signed with BASIS_AUDIT_KEY, once the trail verifies. */
export async function runAuditAnchor(io: Io, opts: Target): Promise<number> {
  const { anchorOf, auditKey } = await anchoring();
  const key = auditKey();
  if (!key.ok) throw new CliError(key.message, EXIT.usage);
  const remote = remoteOf(opts);
  const result = remote
    ? await verifyRemote(remote, [], undefined)
    : await withStore(opts, "basis audit anchor", (store) => store.audit.verify(), {
        mustExist: true,
      });
  if (!result.ok) {
    io.err(
      `basis: not anchoring a broken trail: ${result.broken?.reason} at event ${result.broken?.seq}${brokenDetail(result)}; run basis audit verify`,
    );
    return EXIT.failed;
  }
  io.out(JSON.stringify(anchorOf(result.head, key.key, new Date())));
  return EXIT.ok;
}

export const targetOptions = (cmd: Command) =>
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
      new Command("verify")
        .description(
          "check the audit hash chain, that no data outlives its events, and anchors; exit 1 at the first problem",
        )
        .option(
          "--anchor <file>",
          "anchors from `basis audit anchor` or the server (one a line): each must still be in the chain (needs BASIS_AUDIT_KEY)",
        ),
    ).action(async (opts: Target & { anchor?: string }) => io.exit(await runAuditVerify(io, opts))),
  );
  audit.addCommand(
    targetOptions(
      new Command("anchor").description(
        "print the trail's head with a MAC under BASIS_AUDIT_KEY, to keep outside the database (append it to a file)",
      ),
    ).action(async (opts: Target) => io.exit(await runAuditAnchor(io, opts))),
  );
  return audit;
}
