// The data folder's layout and its permissions. Everything Lifeline writes there is readable by
// its own user only: folders 0700, files 0600 (SQLite gives a database's -wal, -shm and -journal
// files the mode of the database file, so creating that one 0600 covers them).
//
//   <data>/lifeline.lock, lifeline.lock.json   the writer's lock and who holds it (lock.ts)
//   <data>/snapshots.db                         snapshots, self-contained, shared by every cluster
//   <data>/clusters/<id>/history.db             one history per cluster identity
//   <data>/clusters/<id>/cluster.json           which cluster that is, and when it was last opened
import Database from "better-sqlite3";
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";

/** Creates `dir` (and its missing parents) 0700. A folder that already exists keeps its mode. */
export function privateDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700); // whatever the umask
}

/**
 * Makes sure `file` exists and is 0600, with its SQLite companions (-wal, -shm, -journal) if any
 * are there from an older version. Never opens an existing file (a descriptor closed in this
 * process would drop the POSIX locks SQLite holds on it).
 */
export function privateFile(file: string): void {
  privateDir(dirname(file));
  try {
    closeSync(openSync(file, "wx", 0o600));
  } catch (err) {
    if ((err as { code?: string }).code !== "EEXIST") throw err;
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      if ((statSync(f).mode & 0o077) !== 0) chmodSync(f, 0o600);
    } catch (err) {
      if ((err as { code?: string }).code !== "ENOENT") throw err;
    }
  }
}

export interface ClusterIdentity {
  /** A folder name: the kube-system namespace's uid, or "server-" and a hash of the API server URL and context. */
  id: string;
  /** What the id comes from. */
  source: "kube-system-uid" | "server-and-context";
  server: string;
  context: string | null;
}

interface ClusterNote extends ClusterIdentity {
  firstOpened: number;
  lastOpened: number;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * The history file of `identity` inside `dataDir`, its folder created and its note written. A
 * history.db left directly in the data folder by a version before per-cluster histories is moved
 * into the first cluster opened (it adopts it). Returns the file and whether it adopted one.
 */
export function clusterHistory(
  dataDir: string,
  identity: ClusterIdentity,
  now = Date.now(),
): { file: string; adopted: boolean } {
  if (!ID.test(identity.id) || identity.id === "..")
    throw new Error(`"${identity.id.slice(0, 80)}" cannot name a cluster's folder`);
  const dir = join(dataDir, "clusters", identity.id);
  privateDir(dir);
  const file = join(dir, "history.db");
  const legacy = join(dataDir, "history.db");
  let adopted = false;
  if (existsSync(legacy) && !existsSync(file)) {
    // Fold the write-ahead log into the file, so the one file moved holds everything.
    const db = new Database(legacy);
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
    renameSync(legacy, file);
    for (const ext of ["-wal", "-shm"]) rmSync(legacy + ext, { force: true });
    adopted = true;
  }
  const noteFile = join(dir, "cluster.json");
  const before = readNote(noteFile);
  const note: ClusterNote = {
    ...identity,
    firstOpened: before?.firstOpened ?? now,
    lastOpened: now,
  };
  writeFileSync(noteFile, JSON.stringify(note, null, 2) + "\n", { mode: 0o600 });
  return { file, adopted };
}

/** The cluster last opened through this API server URL and context (for a start while the cluster cannot be reached). */
export function rememberedCluster(
  dataDir: string,
  server: string,
  context: string | null,
): ClusterIdentity | null {
  let best: ClusterNote | null = null;
  for (const note of notes(dataDir)) {
    if (
      note.server === server &&
      note.context === context &&
      (!best || note.lastOpened > best.lastOpened)
    )
      best = note;
  }
  return best
    ? { id: best.id, source: best.source, server: best.server, context: best.context }
    : null;
}

/**
 * Drops the histories of clusters not opened for `olderThanMs` (wall clock): everything in them is
 * past the retention. Never the one open now. Returns the ids dropped.
 */
export function dropStaleClusters(
  dataDir: string,
  keep: string,
  olderThanMs: number,
  now = Date.now(),
): string[] {
  const dropped: string[] = [];
  for (const note of notes(dataDir)) {
    if (note.id === keep || note.lastOpened > now - olderThanMs) continue;
    const dir = join(dataDir, "clusters", note.id);
    // The history's own files may have been written after the note (a long run).
    const newest = Math.max(
      note.lastOpened,
      ...["history.db", "history.db-wal"].map((f) => mtime(join(dir, f))),
    );
    if (newest > now - olderThanMs) continue;
    rmSync(dir, { recursive: true, force: true });
    dropped.push(note.id);
  }
  return dropped;
}

function notes(dataDir: string): ClusterNote[] {
  let ids: string[];
  try {
    ids = readdirSync(join(dataDir, "clusters"));
  } catch {
    return [];
  }
  return ids
    .filter((id) => ID.test(id))
    .flatMap((id) => {
      const note = readNote(join(dataDir, "clusters", id, "cluster.json"));
      return note && note.id === id ? [note] : [];
    });
}

function readNote(file: string): ClusterNote | null {
  try {
    const n = JSON.parse(readFileSync(file, "utf8")) as ClusterNote;
    return typeof n.id === "string" &&
      typeof n.lastOpened === "number" &&
      typeof n.server === "string"
      ? n
      : null;
  } catch {
    return null;
  }
}

function mtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
