// Workload history in the store: one row per change of a workload's WorkloadState (what
// lib/kube/workload-resources.ts delivers: never the object, never an env value), none for an
// unchanged one (a Deployment's status.lastUpdateTime renewed on every sync is not in the state).
// `workloads` holds each object's current row (its last state, its owner, when it went), keyed by
// uid: a name reused by a new object is a new history. A workload first met mid-life gets what its
// list shows (a ReplicaSet's revision and creationTimestamp are in its state): stored as listed,
// the model reads the rollout history's start points from it. Tables beside node_versions in the
// history file, used by HistoryStore; pruned with it.
import type Database from "better-sqlite3";
import type { Observation } from "../kube/reflector";
import type { WorkloadObject } from "../kube/workload-resources";
import type { WorkloadState, WorkloadVersion } from "../workloads/workload-state";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS workloads (
  uid TEXT PRIMARY KEY, kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
  owner_uid TEXT, first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, deleted_at INTEGER,
  state TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS workloads_by_name ON workloads(namespace, kind, name);
CREATE INDEX IF NOT EXISTS workloads_by_owner ON workloads(owner_uid);
CREATE TABLE IF NOT EXISTS workload_versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL, observed_at INTEGER NOT NULL,
  deleted INTEGER NOT NULL, owner_uid TEXT, state TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS workload_versions_by_uid ON workload_versions(uid, id);
CREATE INDEX IF NOT EXISTS workload_versions_by_owner ON workload_versions(owner_uid);
`;

/** A workload as the store knows it: identity, owner, when it was seen, and its last state. */
export interface WorkloadRecord {
  uid: string;
  kind: string;
  namespace: string;
  name: string;
  ownerUid: string | null;
  firstSeen: number;
  lastSeen: number;
  deletedAt: number | null;
  state: WorkloadState | null;
}

type Row = {
  uid: string;
  kind: string;
  namespace: string;
  name: string;
  owner_uid: string | null;
  first_seen: number;
  last_seen: number;
  deleted_at: number | null;
  state: string;
};
type VersionRow = { observed_at: number; deleted: number; state: string };

export class WorkloadHistory {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.stmts = {
      record: db.prepare<[string], Row>("SELECT * FROM workloads WHERE uid = ?"),
      insert: db.prepare(
        "INSERT INTO workloads (uid, kind, namespace, name, owner_uid, first_seen, last_seen, deleted_at, state) VALUES (@uid, @kind, @namespace, @name, @owner_uid, @first_seen, @last_seen, @deleted_at, @state)",
      ),
      update: db.prepare(
        "UPDATE workloads SET owner_uid = @owner_uid, last_seen = @last_seen, deleted_at = @deleted_at, state = @state WHERE uid = @uid",
      ),
      version: db.prepare(
        "INSERT INTO workload_versions (uid, observed_at, deleted, owner_uid, state) VALUES (?, ?, ?, ?, ?)",
      ),
      byName: db.prepare<[string, string, string], Row>(
        "SELECT * FROM workloads WHERE namespace = ? AND kind = ? AND name = ? ORDER BY first_seen DESC",
      ),
      versionsUntil: db.prepare<[string, number], VersionRow>(
        "SELECT observed_at, deleted, state FROM workload_versions WHERE uid = ? AND observed_at <= ? ORDER BY id",
      ),
      owned: db.prepare<[{ owner: string }], Row>(
        "SELECT * FROM workloads WHERE uid IN (SELECT uid FROM workloads WHERE owner_uid = @owner UNION SELECT uid FROM workload_versions WHERE owner_uid = @owner) ORDER BY namespace, kind, name, first_seen",
      ),
      open: db.prepare<[string], { uid: string; namespace: string }>(
        "SELECT uid, namespace FROM workloads WHERE kind = ? AND deleted_at IS NULL",
      ),
    };
  }

  /**
   * Stores the workload's state if it differs from the last one stored; a deletion closes it (a
   * relist's tombstone with the last state stored). Never throws on a malformed object.
   */
  observe(o: Observation): void {
    const object = o.object as WorkloadObject;
    const uid = object.metadata?.uid;
    if (!uid || !Number.isFinite(o.observedAt)) return;
    const existing = this.stmts.record.get(uid);
    const deleted = o.type === "DELETED";
    const state = object.workload ?? null;
    if (!state && (!deleted || !existing)) return; // nothing readable, and nothing to close
    const text = state ? JSON.stringify(state) : existing!.state;
    if (existing && (existing.deleted_at !== null) === deleted && existing.state === text) return;
    const owner = state ? (state.owner?.uid ?? null) : existing!.owner_uid;
    const row = {
      uid,
      kind: state?.kind ?? existing!.kind,
      namespace: state?.namespace ?? existing!.namespace,
      name: state?.name ?? existing!.name,
      owner_uid: owner,
      first_seen: existing?.first_seen ?? o.observedAt,
      last_seen: o.observedAt,
      deleted_at: deleted ? o.observedAt : null,
      state: text,
    };
    this.stmts.version.run(uid, o.observedAt, deleted ? 1 : 0, owner, text);
    if (existing) this.stmts.update.run(row);
    else this.stmts.insert.run(row);
  }

  record(uid: string): WorkloadRecord | undefined {
    const row = this.stmts.record.get(uid);
    return row ? toRecord(row) : undefined;
  }

  /** Every incarnation of a workload by name (a name reused after a deletion is another uid), newest first. */
  named(namespace: string, kind: string, name: string): WorkloadRecord[] {
    return this.stmts.byName.all(namespace, kind, name).map(toRecord);
  }

  /**
   * A window's versions of one workload, as the pod timeline reads a pod's: the one standing at
   * `from` (the last observed then or before), then each observed after `from` up to `until`.
   */
  versionsIn(uid: string, from = -Infinity, until = Number.MAX_SAFE_INTEGER): WorkloadVersion[] {
    const out: WorkloadVersion[] = [];
    let head: WorkloadVersion | null = null;
    for (const r of this.stmts.versionsUntil.all(uid, until)) {
      const v = toVersion(r);
      if (r.observed_at <= from) head = v;
      else {
        if (head) out.push(head);
        head = null;
        out.push(v);
      }
    }
    if (head) out.push(head);
    return out;
  }

  /**
   * The objects that have at some point had `ownerUid` as their controller (a Deployment's
   * ReplicaSets, a CronJob's Jobs, a StatefulSet's ControllerRevisions), orphaned ones included.
   */
  owned(ownerUid: string): WorkloadRecord[] {
    return this.stmts.owned.all({ owner: ownerUid }).map(toRecord);
  }

  /** The workloads not deleted, in these namespaces (null: all) and of this kind (if given). */
  current(q: { namespaces?: readonly string[] | null; kind?: string } = {}): WorkloadRecord[] {
    const where = ["deleted_at IS NULL"];
    const args: string[] = [];
    if (q.namespaces) {
      where.push(`namespace IN (${q.namespaces.map(() => "?").join(",") || "NULL"})`);
      args.push(...q.namespaces);
    }
    if (q.kind) {
      where.push("kind = ?");
      args.push(q.kind);
    }
    return this.db
      .prepare<string[], Row>(
        `SELECT * FROM workloads WHERE ${where.join(" AND ")} ORDER BY namespace, kind, name`,
      )
      .all(...args)
      .map(toRecord);
  }

  /**
   * After a list of `kind` (in `namespace`, or all): the ones stored as alive but not listed went
   * away while Lifeline was not watching; closed at `at`. Returns their uids.
   */
  closeVanished(kind: string, namespace: string | null, alive: Set<string>, at: number): string[] {
    const closed: string[] = [];
    for (const w of this.stmts.open.all(kind)) {
      if (alive.has(w.uid) || (namespace !== null && w.namespace !== namespace)) continue;
      this.observe({
        kind,
        type: "DELETED",
        object: { metadata: { uid: w.uid }, kind, workload: null },
        observedAt: at,
      });
      closed.push(w.uid);
    }
    return closed;
  }

  /** When the oldest deletion among the `offset`+1 oldest stands (for pruning by size), or undefined. */
  oldestGone(offset: number): number | undefined {
    return (
      this.db
        .prepare<[number], { deleted_at: number }>(
          "SELECT deleted_at FROM workloads WHERE deleted_at IS NOT NULL ORDER BY deleted_at LIMIT 1 OFFSET ?",
        )
        .get(offset)?.deleted_at ?? undefined
    );
  }

  /**
   * Retention: drops the workloads deleted before `before` with their versions, and of the others
   * every version older than the last one before `before` (that one still says how it stood then).
   * Returns the workloads dropped.
   */
  prune(before: number): number {
    const gone = this.db
      .prepare<[number], { uid: string }>(
        "SELECT uid FROM workloads WHERE deleted_at IS NOT NULL AND deleted_at < ?",
      )
      .all(before);
    for (const { uid } of gone) {
      this.db.prepare("DELETE FROM workload_versions WHERE uid = ?").run(uid);
      this.db.prepare("DELETE FROM workloads WHERE uid = ?").run(uid);
    }
    this.db
      .prepare(
        "DELETE FROM workload_versions WHERE observed_at < @before AND id < (SELECT max(id) FROM workload_versions w WHERE w.uid = workload_versions.uid AND w.observed_at < @before)",
      )
      .run({ before });
    return gone.length;
  }
}

function parse(text: string): WorkloadState | null {
  try {
    return JSON.parse(text) as WorkloadState;
  } catch {
    return null;
  }
}

function toRecord(r: Row): WorkloadRecord {
  return {
    uid: r.uid,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    ownerUid: r.owner_uid,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    deletedAt: r.deleted_at,
    state: parse(r.state),
  };
}

function toVersion(r: VersionRow): WorkloadVersion {
  return { observedAt: r.observed_at, deleted: r.deleted === 1, state: parse(r.state) };
}
