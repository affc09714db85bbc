// A pod version the reflector did not parse (lib/kube/unchanged.ts): the same object as the version
// before it but for resourceVersion, managedFields and annotations, of which the store keeps only
// the resourceVersion. It is stored as the parsed version would have been (history-store.ts): a
// version whose meta carries the new resourceVersion and whose spec and status are unchanged, and
// the pod's last_seen moved on. So the history, and every timeline built from it, reads the same
// either way: the model sees the pod again, unchanged, at that moment. When the pod's stored
// resourceVersion is not the one the version repeats (the write queue dropped versions while the
// disk refused writes), nothing is claimed: the next parsed version brings the pod up to date.
import type Database from "better-sqlite3";
import type { Observation } from "../kube/reflector";

export class UnchangedVersions {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      // The pod's current meta: in the version its row points at, or in the row (pod-rows.ts).
      meta: db.prepare<[string], { meta: string; meta_v: number | null }>(
        "SELECT CASE WHEN meta_v IS NULL THEN meta ELSE (SELECT v.meta FROM versions v WHERE v.id = pods.meta_v) END AS meta, meta_v FROM pods WHERE uid = ?",
      ),
      update: db.prepare("UPDATE pods SET meta = ?, last_seen = ? WHERE uid = ?"),
      point: db.prepare(
        "UPDATE pods SET meta_v = COALESCE(?, meta_v), last_seen = ? WHERE uid = ?",
      ),
      insert: db.prepare(
        "INSERT INTO versions (uid, observed_at, type, meta, spec, status) VALUES (?, ?, 'MODIFIED', ?, NULL, NULL)",
      ),
    };
  }

  /** Records `o` (an observation with `unchanged`); false when the pod's history does not lead to it. */
  observe(o: Observation): boolean {
    const uid = o.object?.metadata?.uid;
    const version = o.object?.metadata?.resourceVersion;
    const previous = o.unchanged?.previous;
    if (!uid || !version || !previous) return false;
    const row = this.stmts.meta.get(uid);
    if (!row) return false;
    let meta: { resourceVersion?: unknown } | null;
    try {
      meta = JSON.parse(row.meta) as { resourceVersion?: unknown } | null;
    } catch {
      return false;
    }
    if (!meta || meta.resourceVersion !== previous) return false;
    // The projection's own text, its resourceVersion replaced (JSON.stringify reads back as written).
    meta.resourceVersion = version;
    const text = JSON.stringify(meta);
    const write = () => {
      const changed = version === previous ? null : text;
      const id = Number(this.stmts.insert.run(uid, o.observedAt, changed).lastInsertRowid);
      // A row that keeps its parts itself (written before pod-rows.ts's pointers) keeps doing so.
      if (row.meta_v === null) this.stmts.update.run(text, o.observedAt, uid);
      else this.stmts.point.run(changed === null ? null : id, o.observedAt, uid);
    };
    // Inside the store's batch: plain statements of its transaction. Alone: its own transaction.
    if (this.db.inTransaction) write();
    else this.db.transaction(write)();
    return true;
  }
}
