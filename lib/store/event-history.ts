// Event history in the store: every observed version of each event that names a pod or a workload
// (its moving fields, count and last time, always; its body only when something else changed), so
// the timeline from the store, after a reopen too, is the one the live feed gives. Tables of its
// own in the history file, used by HistoryStore; pruned with it. A workload's events (kind column
// set, pod_uid holding the workload's uid) are no live pod's, so they go with retention.
import type Database from "better-sqlite3";
import type { CoreEvent, EventsV1Event } from "../k8s/types";
import type { Observation } from "../kube/reflector";
import { isWorkloadKind } from "../kube/workload-resources";
import { normalizeEvent } from "../timeline";
import { joinEvent, splitEvent } from "./event-versions";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  key TEXT PRIMARY KEY, pod_uid TEXT, namespace TEXT, pod_name TEXT, last_at INTEGER NOT NULL, body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_pod ON events(pod_uid);
CREATE INDEX IF NOT EXISTS events_by_name ON events(namespace, pod_name);
CREATE TABLE IF NOT EXISTS event_versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL, observed_at INTEGER NOT NULL, last_at INTEGER NOT NULL,
  count INTEGER NOT NULL, moving TEXT NOT NULL, body TEXT
);
CREATE INDEX IF NOT EXISTS event_versions_by_key ON event_versions(key, id);
`;

/** Events no pod still alive needs (the pods table is HistoryStore's). */
const UNNEEDED =
  "(pod_uid IS NULL OR pod_uid NOT IN (SELECT uid FROM pods WHERE deleted_at IS NULL))";

export class EventHistory {
  private readonly stmts;

  /** `uidByName`: the uid of the newest pod stored under a name, for events that name no uid. */
  constructor(
    private readonly db: Database.Database,
    private readonly uidByName: (namespace: string, name: string) => string | undefined,
  ) {
    db.exec(SCHEMA);
    migrateEvents(db);
    this.stmts = {
      head: db.prepare<[string], { fingerprint: string | null; moving: string | null }>(
        "SELECT fingerprint, moving FROM events WHERE key = ?",
      ),
      upsert: db.prepare(
        "INSERT INTO events (key, pod_uid, namespace, pod_name, last_at, body, fingerprint, moving, kind) VALUES (?, ?, ?, ?, ?, '', ?, ?, ?) ON CONFLICT(key) DO UPDATE SET pod_uid = COALESCE(excluded.pod_uid, events.pod_uid), last_at = excluded.last_at, fingerprint = excluded.fingerprint, moving = excluded.moving",
      ),
      insertVersion: db.prepare(
        "INSERT INTO event_versions (key, observed_at, last_at, count, moving, body) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      // Events in the pod's own namespace only: an Event elsewhere naming the pod is not about it.
      versionsOf: db.prepare<
        [string, string, string],
        { key: string; observed_at: number; moving: string; body: string | null }
      >(
        "SELECT v.key, v.observed_at, v.moving, v.body FROM events e JOIN event_versions v ON v.key = e.key WHERE (e.pod_uid = ? OR (e.pod_uid IS NULL AND e.pod_name = ?)) AND e.namespace = ? AND (e.kind IS NULL OR e.kind = 'Pod') ORDER BY e.rowid, v.id",
      ),
      versionsOfObject: db.prepare<
        [string, string, string],
        { key: string; observed_at: number; moving: string; body: string | null }
      >(
        "SELECT v.key, v.observed_at, v.moving, v.body FROM events e JOIN event_versions v ON v.key = e.key WHERE e.namespace = ? AND e.pod_name = ? AND e.kind = ? ORDER BY e.rowid, v.id",
      ),
      oldestUnneeded: db.prepare<[number], { last_at: number }>(
        `SELECT last_at FROM events WHERE ${UNNEEDED} ORDER BY last_at LIMIT 1 OFFSET ?`,
      ),
    };
  }

  /**
   * Records one version of an event: its moving fields (count, last time) always, its body only
   * when something else changed. A version already stored (a relist) is not stored again.
   */
  observe(o: Observation): void {
    const e = o.object as CoreEvent & EventsV1Event;
    const ref = e.regarding ?? e.involvedObject;
    if (!ref || typeof ref !== "object") return;
    const kind = typeof ref.kind === "string" ? ref.kind : "";
    if (kind !== "Pod" && !isWorkloadKind(kind)) return;
    // kube-apiserver lets an Event with eventTime live in another namespace than the object it
    // names; it counts for a pod only in the pod's own namespace.
    const namespace = e.metadata?.namespace || ref.namespace || "";
    if (ref.namespace && namespace !== ref.namespace) return;
    const key = e.metadata?.uid || `${namespace}/${e.metadata?.name}`;
    const split = splitEvent(e as unknown as Record<string, unknown>);
    const head = this.stmts.head.get(key);
    if (head && head.fingerprint === split.fingerprint && head.moving === split.moving) return;
    const podUid =
      ref.uid || (kind === "Pod" ? this.uidByName(namespace, ref.name ?? "") : undefined) || null;
    const n = normalizeEvent(e as never);
    const last = n?.last ?? o.observedAt;
    this.stmts.upsert.run(
      key,
      podUid,
      namespace,
      ref.name ?? "",
      last,
      split.fingerprint,
      split.moving,
      kind === "Pod" ? null : kind,
    );
    this.stmts.insertVersion.run(
      key,
      o.observedAt,
      last,
      n?.count ?? 1,
      split.moving,
      head?.fingerprint === split.fingerprint ? null : split.body,
    );
  }

  /**
   * Every stored version of the pod's events, rebuilt, each event's versions in the order they
   * were observed (what a watch delivered). With `until`, only the versions observed by then.
   */
  of(
    pod: { uid: string; name: string; namespace: string },
    until?: number,
  ): (CoreEvent | EventsV1Event)[] {
    const out: (CoreEvent | EventsV1Event)[] = [];
    const bodies = new Map<string, string>();
    for (const v of this.stmts.versionsOf.all(pod.uid, pod.name, pod.namespace)) {
      if (v.body !== null) bodies.set(v.key, v.body);
      const body = bodies.get(v.key);
      if (body === undefined || (until !== undefined && v.observed_at > until)) continue;
      out.push(joinEvent(body, v.moving) as unknown as CoreEvent);
    }
    return out;
  }

  /**
   * The events naming a workload-kind object (`kind` as Kubernetes spells it), each as its last
   * version observed by `until`; an event naming another uid (an earlier object of that name) is
   * not its.
   */
  ofObject(
    o: { kind: string; namespace: string; name: string; uid: string },
    until?: number,
  ): (CoreEvent | EventsV1Event)[] {
    const bodies = new Map<string, string>();
    const latest = new Map<string, CoreEvent | EventsV1Event>();
    for (const v of this.stmts.versionsOfObject.all(o.namespace, o.name, o.kind)) {
      if (v.body !== null) bodies.set(v.key, v.body);
      const body = bodies.get(v.key);
      if (body === undefined || (until !== undefined && v.observed_at > until)) continue;
      const e = joinEvent(body, v.moving) as unknown as CoreEvent & EventsV1Event;
      const uid = (e.regarding ?? e.involvedObject)?.uid;
      if (!uid || uid === o.uid) latest.set(v.key, e);
    }
    return [...latest.values()];
  }

  /** The last time of the `offset`-th oldest event no pod still alive needs (what a size cut drops next). */
  oldestUnneeded(offset: number): number | undefined {
    return this.stmts.oldestUnneeded.get(offset)?.last_at;
  }

  /** Drops the events of a pod the store drops. */
  dropPod(uid: string): void {
    this.db
      .prepare("DELETE FROM event_versions WHERE key IN (SELECT key FROM events WHERE pod_uid = ?)")
      .run(uid);
    this.db.prepare("DELETE FROM events WHERE pod_uid = ?").run(uid);
  }

  /** Drops the events last seen before `before` that no pod still alive needs; returns how many. */
  prune(before: number): number {
    const stale = `last_at < ? AND ${UNNEEDED}`;
    this.db
      .prepare(`DELETE FROM event_versions WHERE key IN (SELECT key FROM events WHERE ${stale})`)
      .run(before);
    return this.db.prepare(`DELETE FROM events WHERE ${stale}`).run(before).changes;
  }
}

/**
 * Files written before event versions were kept hold one full body per event in `events.body`:
 * each becomes the event's first stored version (seen at its last time), once.
 */
function migrateEvents(db: Database.Database): void {
  const columns = new Set(
    (db.pragma("table_info(events)") as { name: string }[]).map((c) => c.name),
  );
  if (!columns.has("fingerprint")) db.exec("ALTER TABLE events ADD COLUMN fingerprint TEXT");
  if (!columns.has("moving")) db.exec("ALTER TABLE events ADD COLUMN moving TEXT");
  // Files written before workloads' events were kept hold only pods' (kind NULL).
  if (!columns.has("kind")) db.exec("ALTER TABLE events ADD COLUMN kind TEXT");
  const legacy = db
    .prepare<[], { key: string; last_at: number; body: string }>(
      "SELECT key, last_at, body FROM events WHERE fingerprint IS NULL AND body != ''",
    )
    .all();
  if (!legacy.length) return;
  const version = db.prepare(
    "INSERT INTO event_versions (key, observed_at, last_at, count, moving, body) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const head = db.prepare("UPDATE events SET body = '', fingerprint = ?, moving = ? WHERE key = ?");
  db.transaction(() => {
    for (const row of legacy) {
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(row.body) as Record<string, unknown>;
      } catch {
        continue;
      }
      const split = splitEvent(event);
      version.run(
        row.key,
        row.last_at,
        row.last_at,
        normalizeEvent(event as never)?.count ?? 1,
        split.moving,
        split.body,
      );
      head.run(split.fingerprint, split.moving, row.key);
    }
  })();
}
