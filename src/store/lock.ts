/**
 * @module store/lock
 * One writer per PGlite data directory. Two processes on one directory silently lose writes,
 * so the first takes a lock file (created exclusively) naming itself, and a second is
 * refused with the holder's pid, host and start time. A lock left by a process that no
 * longer runs (killed, crashed) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { DomainError } from "../core/errors.ts";

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

export interface DataDirLock {
  path: string;
  release(): void;
}

const LOCK_NAME = "basis.lock";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as LockHolder;
  } catch {
    return undefined;
  }
}

/** Take the data directory's lock or throw `data_dir_locked` naming the process that has it. */
export function lockDataDir(dir: string, command: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_NAME);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    command,
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (readHolder(path)?.pid === process.pid) rmSync(path, { force: true });
      };
      process.once("exit", release);
      return { path, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = readHolder(path);
      const sameHost = holder?.host === me.host;
      if (holder && (!sameHost || alive(holder.pid))) {
        throw new DomainError(
          "data_dir_locked",
          `data directory ${dir} is in use by process ${holder.pid} on ${holder.host} (${holder.command}, since ${holder.startedAt}); stop it, or point this one at the server with --server`,
          { holder },
        );
      }
      // The holder is gone (or the file is unreadable from a crash mid-write): take over.
      rmSync(path, { force: true });
    }
  }
  throw new DomainError("data_dir_locked", `could not lock data directory ${dir}`);
}
