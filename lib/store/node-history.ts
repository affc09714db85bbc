// Node history in the store: one row per change that matters of a node (its identity, conditions
// without heartbeats, taints, unschedulable — lib/nodes/node-state), none per kubelet heartbeat.
// A table of its own in the history file, used by HistoryStore; pruned with it.
import type Database from "better-sqlite3";
import type { Node } from "../k8s/types";
import type { Observation } from "../kube/reflector";
import { nodeOfState, nodeState, type NodeState } from "../nodes/node-state";
import type { NodeVersion } from "../nodes/node-timeline";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS node_versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, observed_at INTEGER NOT NULL, deleted INTEGER NOT NULL, state TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS node_versions_by_name ON node_versions(name, id);
`;

type VersionRow = { observed_at: number; deleted: number; state: string };

export class NodeHistory {
  private readonly stmts;
  /** The last stored state text per node (and whether it was a deletion), to skip unchanged versions. */
  private readonly last = new Map<string, { state: string; deleted: boolean } | null>();

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.stmts = {
      insert: db.prepare(
        "INSERT INTO node_versions (name, observed_at, deleted, state) VALUES (?, ?, ?, ?)",
      ),
      last: db.prepare<[string], VersionRow>(
        "SELECT observed_at, deleted, state FROM node_versions WHERE name = ? ORDER BY id DESC LIMIT 1",
      ),
      versions: db.prepare<[string, number], VersionRow>(
        "SELECT observed_at, deleted, state FROM node_versions WHERE name = ? AND observed_at <= ? ORDER BY id",
      ),
      at: db.prepare<[string, number], VersionRow>(
        "SELECT observed_at, deleted, state FROM node_versions WHERE name = ? AND observed_at <= ? ORDER BY id DESC LIMIT 1",
      ),
      names: db.prepare<[], { name: string }>(
        "SELECT DISTINCT name FROM node_versions ORDER BY name",
      ),
    };
    this.migrate();
  }

  /** Stores the node's state if it differs from the last one stored. Never throws on a malformed object. */
  observe(o: Observation): void {
    const state = nodeState(o.object as Node);
    if (!state || !Number.isFinite(o.observedAt)) return;
    const deleted = o.type === "DELETED";
    const text = JSON.stringify(state);
    const prev = this.lastOf(state.name);
    if (prev && prev.deleted === deleted && (deleted || prev.state === text)) return;
    this.stmts.insert.run(state.name, o.observedAt, deleted ? 1 : 0, text);
    this.last.set(state.name, { state: text, deleted });
  }

  /** Forgets what it remembers of the stored versions (after a rolled-back write): read again from the file. */
  forget(): void {
    this.last.clear();
  }

  /** Every stored version of a node, in order (up to `until`). */
  versions(name: string, until = Number.MAX_SAFE_INTEGER): NodeVersion[] {
    return this.stmts.versions.all(name, until).map(toVersion);
  }

  /** The node as it stood at `at` (default: its latest version); null if not known then or deleted. */
  at(name: string, at = Number.MAX_SAFE_INTEGER): Node | null {
    const row = this.stmts.at.get(name, at);
    const v = row ? toVersion(row) : null;
    return v && !v.deleted && v.state ? nodeOfState(v.state) : null;
  }

  names(): string[] {
    return this.stmts.names.all().map((r) => r.name);
  }

  /**
   * Retention: drops nodes deleted before `before`, and of the others every version older than the
   * last one before `before` (that one still says how the node stood at the cut).
   */
  prune(before: number): number {
    const gone = this.db
      .prepare(
        "DELETE FROM node_versions WHERE name IN (SELECT name FROM node_versions v WHERE v.id = (SELECT max(id) FROM node_versions w WHERE w.name = v.name) AND v.deleted = 1 AND v.observed_at < ?)",
      )
      .run(before).changes;
    const old = this.db
      .prepare(
        "DELETE FROM node_versions WHERE observed_at < ? AND id < (SELECT max(id) FROM node_versions w WHERE w.name = node_versions.name AND w.observed_at < ?)",
      )
      .run(before, before).changes;
    if (gone) this.last.clear();
    return gone + old;
  }

  private lastOf(name: string): { state: string; deleted: boolean } | null {
    if (!this.last.has(name)) {
      const row = this.stmts.last.get(name);
      this.last.set(name, row ? { state: row.state, deleted: row.deleted === 1 } : null);
    }
    return this.last.get(name)!;
  }

  /** Files written before node history kept one overwritten row per node (table `nodes`): keep it as a first version. */
  private migrate(): void {
    const legacy = this.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'nodes'")
      .get();
    if (!legacy) return;
    this.db.transaction(() => {
      for (const r of this.db.prepare("SELECT updated_at, body FROM nodes").all() as {
        updated_at: number;
        body: string;
      }[]) {
        try {
          this.observe({
            kind: "Node",
            type: "MODIFIED",
            object: JSON.parse(r.body),
            observedAt: r.updated_at,
          });
        } catch {
          // An unreadable legacy row is dropped with the table.
        }
      }
      this.db.exec("DROP TABLE nodes");
    })();
  }
}

function toVersion(r: VersionRow): NodeVersion {
  let state: NodeState | null = null;
  try {
    state = JSON.parse(r.state) as NodeState;
  } catch {
    state = null;
  }
  return { observedAt: r.observed_at, deleted: r.deleted === 1, state };
}
