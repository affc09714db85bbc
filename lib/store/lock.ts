// One writer per data folder. The process that writes a data folder holds an OS lock on
// <dir>/lifeline.lock for as long as it runs: SQLite's own file lock (a write transaction begun and
// never committed: fcntl on Unix, LockFileEx on Windows), taken through better-sqlite3, which
// Lifeline already uses. The kernel drops the lock when the process ends, however it ends (SIGKILL,
// a crash, a power cut), so a dead holder never blocks the next start, and a pid reused by another
// process (a container restarting under the same pid) cannot look like a holder either. Who holds it
// (pid, host, start time) is written beside it in lifeline.lock.json, for the refusal's sentence
// only: the lock itself never depends on that file.
//
// Never open lifeline.lock by any other means in a process that may hold it: closing any other
// descriptor of the file drops a POSIX lock (SQLite guards its own descriptors, not ours).
import Database from "better-sqlite3";
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { privateDir, privateFile } from "./data-dir";

export interface LockHolder {
  pid: number;
  host: string;
  /** When it took the lock (ms since the epoch, wall clock). */
  since: number;
}

export interface DataDirLock {
  readonly dir: string;
  readonly holder: LockHolder;
  /** Lets the next process in (also done by the OS when this one ends). */
  release(): void;
}

/** Another process writes this data folder; the message is the sentence to show. */
export class DataDirLocked extends Error {
  /** For callers that meet it through another copy of this module (Next bundles instrumentation apart). */
  readonly code = "LIFELINE_DATA_DIR_LOCKED";
  constructor(
    readonly dir: string,
    readonly holder: LockHolder | null,
  ) {
    super(lockedSentence(dir, holder));
  }
}

/**
 * The connections holding locks, referenced here so that a caller dropping its DataDirLock cannot
 * let the garbage collector close the connection, and with it the lock, while the process runs.
 */
const holding = new Set<Database.Database>();

export function lockDataDir(dir: string): DataDirLock {
  const abs = resolve(dir);
  privateDir(abs);
  const file = join(abs, "lifeline.lock");
  const info = join(abs, "lifeline.lock.json");
  privateFile(file);
  const db = new Database(file, { timeout: 0 });
  try {
    db.exec("BEGIN IMMEDIATE");
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === "SQLITE_BUSY")
      throw new DataDirLocked(abs, readHolder(info));
    throw err;
  }
  const holder: LockHolder = { pid: process.pid, host: hostname(), since: Date.now() };
  const tmp = `${info}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(holder) + "\n", { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, info);
  } catch (err) {
    // Held but not announced (a full disk, a path in the way): let it go, or this process would
    // meet its own lock on every later try and blame "another Lifeline process".
    db.close(); // ends the write transaction unfinished: the lock is free
    try {
      rmSync(tmp, { force: true }); // what a full disk let us create; never a folder in the way
    } catch {
      // not ours to remove
    }
    if (diskFull(err)) throw new DataDirFull(abs, err);
    throw err;
  }
  holding.add(db);
  let released = false;
  return {
    dir: abs,
    holder,
    release() {
      if (released) return;
      released = true;
      // The note first: once the lock is free the next holder writes its own.
      const now = readHolder(info);
      if (now && now.pid === holder.pid && now.since === holder.since && now.host === holder.host)
        rmSync(info, { force: true });
      holding.delete(db);
      db.close();
    },
  };
}

function readHolder(info: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(info, "utf8")) as Partial<LockHolder>;
    if (!Number.isInteger(h.pid) || typeof h.host !== "string" || typeof h.since !== "number")
      return null;
    const holder = { pid: h.pid!, host: h.host, since: h.since };
    // A note left by a holder that has died (its successor has not written its own yet) names nobody.
    if (holder.host === hostname() && !alive(holder.pid)) return null;
    return holder;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === "EPERM";
  }
}

export function lockedSentence(dir: string, holder: LockHolder | null): string {
  const who = holder
    ? `another Lifeline process (pid ${holder.pid} on ${holder.host}, running since ${new Date(
        holder.since,
      )
        .toISOString()
        .replace(/\.\d{3}Z$/, " UTC")
        .replace("T", " ")})`
    : "another Lifeline process";
  return `The data folder ${dir} is in use by ${who}: one process writes a data folder at a time. Stop that one, or give this one a folder of its own with LIFELINE_DATA_DIR.`;
}

/** A failure that more space would cure: ENOSPC, EDQUOT (a quota), SQLite's SQLITE_FULL. */
export function diskFull(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return (
    typeof code === "string" &&
    (code === "ENOSPC" || code === "EDQUOT" || code.startsWith("SQLITE_FULL"))
  );
}

/** The data folder's disk is full (ENOSPC, EDQUOT): the lock could not be taken; the message says so. */
export class DataDirFull extends Error {
  readonly code = "LIFELINE_DATA_DIR_FULL";
  constructor(
    readonly dir: string,
    cause: unknown,
  ) {
    super(
      `The data folder ${dir} cannot be written: its disk is full (${String((cause as Error)?.message ?? cause).replace(/\.+$/, "")}). Free some space there.`,
      { cause },
    );
  }
}
