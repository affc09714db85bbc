// The pods table: its schema, how a store written by an earlier version is brought up to it, and
// its rows as records. Used by history-store.ts.
import type Database from "better-sqlite3";

export interface PodRecord {
  uid: string;
  namespace: string;
  name: string;
  node: string | null;
  labels: Record<string, string>;
  /** kubectl STATUS at the last observation. */
  status: string;
  phase: string;
  createdAt: number | null;
  deletedAt: number | null;
  firstSeen: number;
  lastSeen: number;
}

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS pods (
  uid TEXT PRIMARY KEY, namespace TEXT NOT NULL, name TEXT NOT NULL, node TEXT, labels TEXT NOT NULL,
  status TEXT NOT NULL, phase TEXT NOT NULL, created_at INTEGER, deleted_at INTEGER,
  first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,
  meta TEXT NOT NULL, spec TEXT NOT NULL, pod_status TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pods_by_name ON pods(namespace, name);
CREATE TABLE IF NOT EXISTS versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL, observed_at INTEGER NOT NULL, type TEXT NOT NULL,
  meta TEXT, spec TEXT, status TEXT
);
CREATE INDEX IF NOT EXISTS versions_by_pod ON versions(uid, id);
`;

/**
 * The versions holding a pod's current parts (meta_v, spec_v, status_v: versions.id), so a part is
 * written once, in its version, and not again in the pods row (whose meta, spec and pod_status are
 * then ''). Rows an earlier version wrote have them NULL and their parts in the row; their next
 * version carries all three parts and points them there. `pods_by_seen` was read by no query and
 * cost every change an index update.
 */
export function migrate(db: Database.Database): void {
  const columns = new Set((db.pragma("table_info(pods)") as { name: string }[]).map((c) => c.name));
  for (const c of ["meta_v", "spec_v", "status_v"])
    if (!columns.has(c)) db.exec(`ALTER TABLE pods ADD COLUMN ${c} INTEGER`);
  db.exec("DROP INDEX IF EXISTS pods_by_seen");
}

/** A pod's current parts and where they are kept (see migrate). */
export type Current = {
  meta: string;
  spec: string;
  pod_status: string;
  meta_v: number | null;
  spec_v: number | null;
  status_v: number | null;
  first_seen: number;
  deleted_at: number | null;
};

/** A part from the version the row points at, or from the row itself when it points at none. */
const part = (column: string, versionColumn: string, pointer: string) =>
  `CASE WHEN ${pointer} IS NULL THEN pods.${column} ELSE (SELECT v.${versionColumn} FROM versions v WHERE v.id = pods.${pointer}) END AS ${column}`;

/** One pod's Current, by uid. */
export const CURRENT_SQL = `SELECT ${part("meta", "meta", "meta_v")}, ${part("spec", "spec", "spec_v")}, ${part("pod_status", "status", "status_v")}, meta_v, spec_v, status_v, first_seen, deleted_at FROM pods WHERE uid = ?`;

export type Row = {
  uid: string;
  namespace: string;
  name: string;
  node: string | null;
  labels: string;
  status: string;
  phase: string;
  created_at: number | null;
  deleted_at: number | null;
  first_seen: number;
  last_seen: number;
};

export function toRecord(r: Row): PodRecord {
  return {
    uid: r.uid,
    namespace: r.namespace,
    name: r.name,
    node: r.node,
    labels: JSON.parse(r.labels),
    status: r.status,
    phase: r.phase,
    createdAt: r.created_at,
    deletedAt: r.deleted_at,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  };
}
