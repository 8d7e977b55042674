/**
 * @module store/lock
 * One writer per PGlite data directory. Two processes on one directory silently lose writes,
 * so the first takes a lock file (created exclusively) naming itself, and a second is
 * refused with the holder's pid, host and start time.
 *
 * A lock left by a process that was killed (kill -9, the OOM killer, a container stop) is
 * taken over, and telling a dead holder from a live one must not rest on the pid alone: after
 * a restart the recorded pid is often alive again as another process (PID 1 in a container,
 * or the new process itself). So the holder is recognised, most certain first, by
 *   1. its pid and the kernel's start time of that pid (`/proc/<pid>/stat`, field 22), when
 *      the lock was taken in this kernel boot and this pid namespace;
 *   2. a Unix socket the holder listens on beside the lock file: the kernel refuses a
 *      connection the moment the process is gone, whichever container it ran in;
 *   3. otherwise (another host on a shared disk, no /proc): the holder renews the lock file's
 *      modification time every few seconds, and a lock not renewed for `STALE_MS` is stale.
 */
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { connect, createServer, type Server } from "node:net";
import { hostname } from "node:os";
import { join } from "node:path";
import { DomainError } from "../core/errors.ts";

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
  /** This kernel boot (`/proc/sys/kernel/random/boot_id`). */
  bootId?: string;
  /** The pid namespace the pid is counted in (`/proc/self/ns/pid`). */
  pidNamespace?: string;
  /** The pid's start time in clock ticks after boot (`/proc/<pid>/stat`, field 22). */
  startTicks?: number;
  /** Whether the holder listens on the lock's socket. */
  socket?: boolean;
}

export interface DataDirLock {
  path: string;
  release(): void;
}

export interface LockOptions {
  /** Wait this long for a lock whose holder cannot be checked to go stale, instead of failing. */
  waitMs?: number;
  /** Told once when waiting starts. */
  onWait?: (message: string) => void;
}

const LOCK_NAME = "basis.lock";
const SOCKET_NAME = "basis.lock.sock";
/** How often a holder renews its lock, and how long an unrenewed lock counts as held. */
export const RENEW_MS = 5_000;
export const STALE_MS = 30_000;

function readOr<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** The start time of a pid in clock ticks after boot, or undefined when it does not run. */
function startTicksOf(pid: number): number | undefined {
  const stat = readOr(() => readFileSync(`/proc/${pid}/stat`, "utf8"));
  if (!stat) return undefined;
  // The command name (field 2) may hold spaces and parentheses: count from its closing one.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[19]);
  return Number.isFinite(ticks) ? ticks : undefined;
}

function whoAmI(command: string, socket: boolean): LockHolder {
  const bootId = readOr(() => readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim());
  const pidNamespace = readOr(() => readlinkSync("/proc/self/ns/pid"));
  const startTicks = startTicksOf(process.pid);
  return {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    command,
    ...(bootId ? { bootId } : {}),
    ...(pidNamespace ? { pidNamespace } : {}),
    ...(startTicks !== undefined ? { startTicks } : {}),
    socket,
  };
}

function readHolder(path: string): LockHolder | undefined {
  return readOr(() => JSON.parse(readFileSync(path, "utf8")) as LockHolder);
}

function signalAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function answers(socketPath: string): Promise<boolean | undefined> {
  return new Promise((resolve) => {
    const s = connect(socketPath);
    const done = (v: boolean | undefined) => {
      s.destroy();
      resolve(v);
    };
    s.setTimeout(2_000, () => done(undefined));
    s.once("connect", () => done(true));
    s.once("error", (e: NodeJS.ErrnoException) =>
      done(e.code === "ECONNREFUSED" || e.code === "ENOENT" ? false : undefined),
    );
  });
}

type Liveness = { alive: boolean; certain: boolean; seenAgoMs?: number };

/** Whether the process a lock file names still holds it (see the module comment). */
async function holderLiveness(
  dir: string,
  path: string,
  holder: LockHolder,
  me: LockHolder,
): Promise<Liveness> {
  const sameKernel = holder.bootId !== undefined && holder.bootId === me.bootId;
  if (
    sameKernel &&
    holder.pidNamespace !== undefined &&
    holder.pidNamespace === me.pidNamespace &&
    holder.startTicks !== undefined &&
    me.startTicks !== undefined
  ) {
    return { alive: startTicksOf(holder.pid) === holder.startTicks, certain: true };
  }
  const sameMachine = sameKernel || (holder.bootId === undefined && holder.host === me.host);
  if (holder.socket && sameMachine) {
    const alive = await answers(join(dir, SOCKET_NAME));
    if (alive !== undefined) return { alive, certain: true };
  }
  if (holder.host === me.host && holder.bootId === undefined && !signalAlive(holder.pid))
    return { alive: false, certain: true };
  const seenAgoMs = seenAgo(path);
  return { alive: seenAgoMs < STALE_MS, certain: false, seenAgoMs };
}

/** Listen on the lock's socket so other processes can see this one is alive. */
function listenOnSocket(dir: string): Promise<Server | undefined> {
  if (process.platform === "win32") return Promise.resolve(undefined);
  const socketPath = join(dir, SOCKET_NAME);
  rmSync(socketPath, { force: true });
  return new Promise((resolve) => {
    const server = createServer((c) => c.destroy());
    server.once("error", () => resolve(undefined)); // e.g. a path too long for a socket
    server.listen(socketPath, () => {
      server.unref();
      resolve(server);
    });
  });
}

/**
 * Move a stale lock file aside, unless another process replaced it meanwhile: the file is
 * renamed (atomic), then compared with what was judged stale, and put back if it differs.
 */
function takeOver(path: string, stale: string): void {
  const aside = `${path}.${process.pid}.${Date.now()}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return; // gone already
  }
  const moved = readOr(() => readFileSync(aside, "utf8"));
  if (moved !== stale) readOr(() => linkSync(aside, path));
  rmSync(aside, { force: true });
}

function lockedError(dir: string, holder: LockHolder, seenAgoMs?: number): DomainError {
  const seen =
    seenAgoMs === undefined ? "" : `; last renewed ${Math.round(seenAgoMs / 1000)} s ago`;
  return new DomainError(
    "data_dir_locked",
    `data directory ${dir} is in use by process ${holder.pid} on ${holder.host} (${holder.command}, since ${holder.startedAt}${seen}); stop it, or point this one at the server with --server`,
    { holder },
  );
}

/** Take the data directory's lock or throw `data_dir_locked` naming the process that has it. */
export async function lockDataDir(
  dir: string,
  command: string,
  options: LockOptions = {},
): Promise<DataDirLock> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_NAME);
  const deadline = Date.now() + (options.waitMs ?? 0);
  let told = false;
  for (let attempt = 0; ; attempt++) {
    const text = readOr(() => readFileSync(path, "utf8"));
    if (text !== undefined) {
      const holder = readHolder(path);
      const me = whoAmI(command, false);
      const live = holder
        ? await holderLiveness(dir, path, holder, me)
        : { alive: seenAgo(path) < STALE_MS, certain: false, seenAgoMs: seenAgo(path) };
      if (live.alive) {
        const named = holder ?? { ...me, pid: 0, host: "an unknown host", command: "unknown" };
        if (live.certain || Date.now() >= deadline) throw lockedError(dir, named, live.seenAgoMs);
        if (!told) {
          told = true;
          options.onWait?.(
            `waiting for the lock of process ${named.pid} on ${named.host} to expire (it cannot be checked from here; last renewed ${Math.round((live.seenAgoMs ?? 0) / 1000)} s ago)`,
          );
        }
        await new Promise((r) => setTimeout(r, 1_000));
        continue;
      }
      takeOver(path, text);
    }
    // Written whole beside the lock, then linked into place: a reader never sees half a file,
    // and the link fails if another process took the lock first.
    const draft = `${path}.${process.pid}.new`;
    writeFileSync(draft, JSON.stringify(whoAmI(command, false)));
    try {
      createExclusively(draft, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 5) throw e;
      continue; // another process got there first: judge it like any holder
    } finally {
      rmSync(draft, { force: true });
    }
    const server = await listenOnSocket(dir);
    if (server) {
      writeFileSync(draft, JSON.stringify(whoAmI(command, true)));
      renameSync(draft, path);
    }
    return held(dir, path, server);
  }
}

/**
 * Put `draft` in place at `path` unless `path` exists (EEXIST). A hard link does it whole; on
 * a file system without hard links (some container bind mounts) the file is created
 * exclusively and written, and a reader that catches it half-written waits for it to go stale.
 */
function createExclusively(draft: string, path: string): void {
  try {
    linkSync(draft, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS")
      throw e;
    const fd = openSync(path, "wx");
    try {
      writeSync(fd, readFileSync(draft));
    } finally {
      closeSync(fd);
    }
  }
}

function seenAgo(path: string): number {
  return Date.now() - (readOr(() => statSync(path).mtimeMs) ?? 0);
}

function held(dir: string, path: string, server: Server | undefined): DataDirLock {
  const mine = () => readHolder(path)?.pid === process.pid;
  const renew = setInterval(() => {
    const now = new Date();
    readOr(() => utimesSync(path, now, now));
  }, RENEW_MS);
  renew.unref();
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    clearInterval(renew);
    server?.close();
    if (mine()) {
      rmSync(path, { force: true });
      rmSync(join(dir, SOCKET_NAME), { force: true });
    }
  };
  process.once("exit", release);
  return { path, release };
}
