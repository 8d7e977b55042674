/**
 * @module cli/commands/serve
 * `basis serve`: the HTTP server on the embedded database (a data directory, locked for this
 * process) or on PostgreSQL when DATABASE_URL is set. Bound to 127.0.0.1 unless told
 * otherwise. On first start with no users it prints a one-time setup link.
 */
import { Command } from "commander";
import { DomainError } from "../../core/errors.ts";
import { loadBranding } from "../brand.ts";
import { CliError, EXIT, type Io } from "../io.ts";

export interface ServeOptions {
  host: string;
  port: string;
  dataDir?: string;
  /** A brand file for every document the server makes; `BASIS_BRAND` when not given. */
  brand?: string;
}

export async function runServe(io: Io, opts: ServeOptions): Promise<void> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new CliError(`--port "${opts.port}": use a number from 0 to 65535`, EXIT.usage);
  const branding = loadBranding(opts.brand); // a bad brand file stops the start, clearly
  const trustProxy = trustedProxies(process.env.BASIS_TRUST_PROXY);
  // Loaded on use, so other commands do not pay for the server and database at start.
  const { LOG_LEVELS } = await import("../../server/logging.ts");
  const { RENEW_MS, STALE_MS } = await import("../../store/lock.ts");
  const level = process.env.BASIS_LOG_LEVEL || "info";
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw new CliError(`BASIS_LOG_LEVEL: use one of ${LOG_LEVELS.join(", ")}`, EXIT.usage);
  const readCache = process.env.BASIS_READ_CACHE ?? "on";
  if (readCache !== "on" && readCache !== "off")
    throw new CliError("BASIS_READ_CACHE: use on or off", EXIT.usage);
  const registerIndex = process.env.BASIS_REGISTER_INDEX ?? "on";
  if (registerIndex !== "on" && registerIndex !== "off")
    throw new CliError("BASIS_REGISTER_INDEX: use on or off", EXIT.usage);
  const { openStore } = await import("../../store/index.ts");
  const { buildServer } = await import("../../server/build-server.ts");
  const { signedPdfRenderer } = await import("../../server/signed-pdf.ts");
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore({
      dataDir: opts.dataDir,
      command: `basis serve (port ${opts.port})`,
      renderSigned: signedPdfRenderer(branding),
      readCache: readCache === "on",
      registerIndex: registerIndex === "on",
      // After a crash the lock may name a holder this process cannot check (another
      // container, another host): wait for it to go stale rather than refuse to start.
      lockWait: { waitMs: STALE_MS + RENEW_MS, onWait: (m) => io.err(`basis: ${m}`) },
    });
  } catch (e) {
    if (e instanceof DomainError) throw new CliError(e.message, EXIT.failed);
    throw e;
  }
  // One clock for the server and the reminder schedule.
  const now = () => new Date();
  await store.checkContentUpdates({ actor: "system:content", now: now() });
  const app = await buildServer({
    store,
    now,
    secureCookies: process.env.BASIS_SECURE_COOKIES === "1",
    branding,
    trustProxy,
    log: { level },
  });
  const address = await app.listen({ host: opts.host, port });
  const url = address.replace("[::1]", "localhost");
  io.out(
    `Basis listening on ${url} (database: ${store.database.kind} at ${store.database.location})`,
  );
  let closing = false;
  // Built in the background: until it is, the database answers the register's pages.
  const index = store.registerIndex;
  if (index) {
    const started = performance.now();
    void index.build().then((built) => {
      if (closing) return;
      io.out(
        built
          ? `Register index: ${index.size.toLocaleString("en-GB")} activities held in memory (built in ${Math.round(performance.now() - started)} ms)`
          : index.unsupported
            ? "Register index: not used, since the register's columns do not order text by code point (one was given a collation other than C); the database answers every register page"
            : "Register index: not built yet (the register could not be read); the database answers the register's pages until it is",
      );
    });
  }
  const setupToken = await store.accounts.issueSetupToken();
  if (setupToken)
    io.out(`No users yet. Create the first administrator at:\n  ${url}/setup?token=${setupToken}`);
  const { startReminderTimer } = await import("../../notify/timer.ts");
  const reminders = startReminderTimer({ store, now, log: (line) => io.err(line) });
  if (reminders) io.out(`Reminders: queued and sent every ${reminders.seconds} s`);
  const { startAnchorTimer } = await import("../../notify/anchor-timer.ts");
  let anchors: ReturnType<typeof startAnchorTimer>;
  try {
    anchors = startAnchorTimer({ store, now, log: (line) => io.err(line) });
  } catch (e) {
    await reminders?.stop();
    await app.close();
    await store.close();
    throw new CliError((e as Error).message, EXIT.usage);
  }
  if (anchors) io.out(`Audit anchors: written every ${anchors.seconds} s when the trail grew`);
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await anchors?.stop();
    await reminders?.stop();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

/** `BASIS_TRUST_PROXY`: comma-separated addresses, CIDR ranges or `loopback`; none when unset. */
export function trustedProxies(value: string | undefined): string[] {
  const list = (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list)
    if (!/^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/.test(entry))
      throw new CliError(
        `BASIS_TRUST_PROXY: "${entry}" is not an address, a CIDR range or loopback|linklocal|uniquelocal`,
        EXIT.usage,
      );
  return list;
}

export function serveCommand(io: Io): Command {
  return new Command("serve")
    .description("run the Basis server (embedded database in ./data, or DATABASE_URL)")
    .option("--host <host>", "address to bind; use 0.0.0.0 to expose", "127.0.0.1")
    .option("--port <port>", "port", process.env.PORT ?? "4000")
    .option("--data-dir <dir>", "embedded database directory (default ./data or BASIS_DATA_DIR)")
    .option("--brand <file>", "branding (name, colour, logo) for documents; default $BASIS_BRAND")
    .action(async (opts: ServeOptions) => {
      await runServe(io, opts);
    });
}
