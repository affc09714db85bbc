// Lifeline's memory of the cluster: every pod version it observed (stored as the parts that
// changed), the events that name each pod and every change that matters of each node
// (node-history.ts), in one SQLite file (WAL). Keyed by pod
// uid, so a name reused by a new pod is a new history. Survives restarts; retention by age.
import Database from "better-sqlite3";
import type { CoreEvent, EventsV1Event, Pod } from "../k8s/types";
import type { Observation } from "../kube/reflector";
import { buildTimeline, kubectlStatus, normalizeEvent, type PodTimeline } from "../timeline";
import { privateFile } from "./data-dir";
import { joinEvent, splitEvent } from "./event-versions";
import { NodeHistory } from "./node-history";
import { assemble, project, type PodParts } from "./projection";

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

export interface PodQuery {
  namespace?: string;
  /** Only pods in these namespaces (an access scope); an empty list matches nothing. */
  namespaces?: readonly string[] | null;
  name?: string;
  /** Substring of the name. */
  search?: string;
  node?: string;
  status?: string;
  labels?: (labels: Record<string, string>) => boolean;
  /** Pods alive at some point in [from, to]. */
  from?: number;
  to?: number;
  limit?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS pods (
  uid TEXT PRIMARY KEY, namespace TEXT NOT NULL, name TEXT NOT NULL, node TEXT, labels TEXT NOT NULL,
  status TEXT NOT NULL, phase TEXT NOT NULL, created_at INTEGER, deleted_at INTEGER,
  first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,
  meta TEXT NOT NULL, spec TEXT NOT NULL, pod_status TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pods_by_name ON pods(namespace, name);
CREATE INDEX IF NOT EXISTS pods_by_seen ON pods(last_seen);
CREATE TABLE IF NOT EXISTS versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL, observed_at INTEGER NOT NULL, type TEXT NOT NULL,
  meta TEXT, spec TEXT, status TEXT
);
CREATE INDEX IF NOT EXISTS versions_by_pod ON versions(uid, id);
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

type Row = {
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

export class HistoryStore {
  private readonly db: Database.Database;
  private readonly stmts;
  /** Each node's changes (conditions, taints, cordon), not its heartbeats. */
  readonly nodes: NodeHistory;

  constructor(file: string) {
    if (file !== ":memory:") privateFile(file);
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.exec(SCHEMA);
    migrateEvents(this.db);
    this.stmts = {
      current: this.db.prepare<
        [string],
        {
          meta: string;
          spec: string;
          pod_status: string;
          first_seen: number;
          deleted_at: number | null;
        }
      >("SELECT meta, spec, pod_status, first_seen, deleted_at FROM pods WHERE uid = ?"),
      record: this.db.prepare<[string], Row>("SELECT * FROM pods WHERE uid = ?"),
      insertPod: this.db.prepare(
        "INSERT INTO pods (uid, namespace, name, node, labels, status, phase, created_at, deleted_at, first_seen, last_seen, meta, spec, pod_status) VALUES (@uid, @namespace, @name, @node, @labels, @status, @phase, @created_at, @deleted_at, @first_seen, @last_seen, @meta, @spec, @pod_status)",
      ),
      updatePod: this.db.prepare(
        "UPDATE pods SET node=@node, labels=@labels, status=@status, phase=@phase, deleted_at=@deleted_at, last_seen=@last_seen, meta=@meta, spec=@spec, pod_status=@pod_status WHERE uid=@uid",
      ),
      insertVersion: this.db.prepare(
        "INSERT INTO versions (uid, observed_at, type, meta, spec, status) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      versions: this.db.prepare<
        [string],
        {
          observed_at: number;
          type: string;
          meta: string | null;
          spec: string | null;
          status: string | null;
        }
      >("SELECT observed_at, type, meta, spec, status FROM versions WHERE uid = ? ORDER BY id"),
      versionsUntil: this.db.prepare<
        [string, number],
        {
          observed_at: number;
          type: string;
          meta: string | null;
          spec: string | null;
          status: string | null;
        }
      >(
        "SELECT observed_at, type, meta, spec, status FROM versions WHERE uid = ? AND observed_at <= ? ORDER BY id",
      ),
      eventHead: this.db.prepare<[string], { fingerprint: string | null; moving: string | null }>(
        "SELECT fingerprint, moving FROM events WHERE key = ?",
      ),
      upsertEvent: this.db.prepare(
        "INSERT INTO events (key, pod_uid, namespace, pod_name, last_at, body, fingerprint, moving) VALUES (?, ?, ?, ?, ?, '', ?, ?) ON CONFLICT(key) DO UPDATE SET pod_uid = COALESCE(excluded.pod_uid, events.pod_uid), last_at = excluded.last_at, fingerprint = excluded.fingerprint, moving = excluded.moving",
      ),
      insertEventVersion: this.db.prepare(
        "INSERT INTO event_versions (key, observed_at, last_at, count, moving, body) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      // Events in the pod's own namespace only: an Event elsewhere naming the pod is not about it.
      eventVersionsOf: this.db.prepare<
        [string, string, string],
        { key: string; observed_at: number; moving: string; body: string | null }
      >(
        "SELECT v.key, v.observed_at, v.moving, v.body FROM events e JOIN event_versions v ON v.key = e.key WHERE (e.pod_uid = ? OR (e.pod_uid IS NULL AND e.pod_name = ?)) AND e.namespace = ? ORDER BY e.rowid, v.id",
      ),
      uidByName: this.db.prepare<[string, string], { uid: string }>(
        "SELECT uid FROM pods WHERE namespace = ? AND name = ? ORDER BY first_seen DESC LIMIT 1",
      ),
      openPods: this.db.prepare<[], { uid: string; namespace: string }>(
        "SELECT uid, namespace FROM pods WHERE deleted_at IS NULL",
      ),
    };
    this.nodes = new NodeHistory(this.db);
  }

  close(): void {
    this.db.close();
  }

  /**
   * Records a batch of observations in one transaction (one commit instead of one per version),
   * all or nothing: when it throws (a full disk: SQLITE_FULL …) nothing of the batch is stored,
   * and the same batch may be given again (lib/store/write-queue.ts keeps and retries it).
   */
  observeMany(batch: Observation[]): void {
    try {
      this.db.transaction(() => {
        for (const o of batch) this.observe(o);
      })();
    } catch (err) {
      // Rolled back: what the node history remembers as stored may not be.
      this.nodes.forget();
      throw err;
    }
  }

  /** Records one observation from the collector. Never throws on a malformed object. */
  observe(o: Observation): void {
    if (!o?.object || typeof o.object !== "object") return;
    if (o.kind === "Pod") this.observePod(o);
    else if (o.kind === "Event") this.observeEvent(o);
    else if (o.kind === "Node") this.nodes.observe(o);
  }

  private observePod(o: Observation): void {
    const pod = o.object as Pod;
    const uid = pod.metadata?.uid;
    if (!uid || !pod.metadata?.name) return;
    const existing = this.stmts.current.get(uid);
    if (o.type === "DELETED" && !pod.spec && !pod.status) {
      // A tombstone (a reflector reporting a pod gone after a relist): close it, keep its last version.
      if (existing && existing.deleted_at === null) this.closePod(uid, o.observedAt);
      return;
    }
    const parts = project(pod);
    const k = kubectlStatus(pod, o.observedAt);
    const deletedAt = o.type === "DELETED" ? o.observedAt : (existing?.deleted_at ?? null);
    const row = {
      uid,
      namespace: pod.metadata.namespace ?? "",
      name: pod.metadata.name,
      node: pod.spec?.nodeName ?? null,
      labels: JSON.stringify(pod.metadata.labels ?? {}),
      status: o.type === "DELETED" ? "Deleted" : k.status,
      phase: pod.status?.phase ?? "",
      created_at: Date.parse(pod.metadata.creationTimestamp ?? "") || null,
      deleted_at: deletedAt,
      first_seen: existing?.first_seen ?? o.observedAt,
      last_seen: o.observedAt,
      meta: parts.meta,
      spec: parts.spec,
      pod_status: parts.status,
    };
    const write = this.db.transaction(() => {
      if (existing) this.stmts.updatePod.run(row);
      else this.stmts.insertPod.run(row);
      // Only the parts that changed since the last stored version.
      this.stmts.insertVersion.run(
        uid,
        o.observedAt,
        o.type,
        existing?.meta === parts.meta ? null : parts.meta,
        existing?.spec === parts.spec ? null : parts.spec,
        existing?.pod_status === parts.status ? null : parts.status,
      );
    });
    write();
  }

  /**
   * Records one version of an event: its moving fields (count, last time) always, its body only
   * when something else changed. A version already stored (a relist) is not stored again.
   */
  private observeEvent(o: Observation): void {
    const e = o.object as CoreEvent & EventsV1Event;
    const ref = e.regarding ?? e.involvedObject;
    if (!ref || typeof ref !== "object" || ref.kind !== "Pod") return;
    // kube-apiserver lets an Event with eventTime live in another namespace than the object it
    // names; it counts for a pod only in the pod's own namespace.
    const namespace = e.metadata?.namespace || ref.namespace || "";
    if (ref.namespace && namespace !== ref.namespace) return;
    const key = e.metadata?.uid || `${namespace}/${e.metadata?.name}`;
    const split = splitEvent(e as unknown as Record<string, unknown>);
    const head = this.stmts.eventHead.get(key);
    if (head && head.fingerprint === split.fingerprint && head.moving === split.moving) return;
    const podUid = ref.uid || this.stmts.uidByName.get(namespace, ref.name ?? "")?.uid || null;
    const n = normalizeEvent(e as never);
    const last = n?.last ?? o.observedAt;
    this.stmts.upsertEvent.run(
      key,
      podUid,
      namespace,
      ref.name ?? "",
      last,
      split.fingerprint,
      split.moving,
    );
    this.stmts.insertEventVersion.run(
      key,
      o.observedAt,
      last,
      n?.count ?? 1,
      split.moving,
      head?.fingerprint === split.fingerprint ? null : split.body,
    );
  }

  /** Every stored version of a pod, rebuilt, in order. */
  observations(uid: string): { type: Observation["type"]; object: Pod; observedAt: number }[] {
    const out: { type: Observation["type"]; object: Pod; observedAt: number }[] = [];
    let parts: PodParts = { meta: "{}", spec: "{}", status: "{}" };
    for (const v of this.stmts.versions.all(uid)) {
      parts = {
        meta: v.meta ?? parts.meta,
        spec: v.spec ?? parts.spec,
        status: v.status ?? parts.status,
      };
      out.push({
        type: v.type as Observation["type"],
        object: assemble(parts),
        observedAt: v.observed_at,
      });
    }
    return out;
  }

  /**
   * Every stored version of the pod's events, rebuilt, each event's versions in the order they
   * were observed (what a watch delivered). With `until`, only the versions observed by then.
   */
  events(uid: string, until?: number): (CoreEvent | EventsV1Event)[] {
    const pod = this.record(uid);
    if (!pod) return [];
    const out: (CoreEvent | EventsV1Event)[] = [];
    const bodies = new Map<string, string>();
    for (const v of this.stmts.eventVersionsOf.all(uid, pod.name, pod.namespace)) {
      if (v.body !== null) bodies.set(v.key, v.body);
      const body = bodies.get(v.key);
      if (body === undefined || (until !== undefined && v.observed_at > until)) continue;
      out.push(joinEvent(body, v.moving) as unknown as CoreEvent);
    }
    return out;
  }

  /** The last stored version of a pod (its lifecycle projection). */
  latest(uid: string): Pod | undefined {
    const row = this.stmts.current.get(uid);
    return row ? assemble({ meta: row.meta, spec: row.spec, status: row.pod_status }) : undefined;
  }

  /** When the history starts: the first observation of the oldest pod it keeps, or null when it has none. */
  firstSeen(): number | null {
    return (this.db.prepare("SELECT MIN(first_seen) AS t FROM pods").get() as { t: number | null })
      .t;
  }

  /**
   * A window's versions of a pod, in one walk: the one standing at `from` (the last observed then
   * or before), then each observed after `from` up to `until`, rebuilt in order. Versions before
   * `from` are only merged, not rebuilt. A tombstone (DELETED without parts) comes with the object
   * of the version before it.
   */
  versionsIn(
    uid: string,
    from: number,
    until: number,
  ): { type: Observation["type"]; object: Pod; observedAt: number }[] {
    const out: { type: Observation["type"]; object: Pod; observedAt: number }[] = [];
    let parts: PodParts = { meta: "{}", spec: "{}", status: "{}" };
    let head: { type: string; observedAt: number; parts: PodParts } | null = null;
    for (const v of this.stmts.versionsUntil.all(uid, until)) {
      parts = {
        meta: v.meta ?? parts.meta,
        spec: v.spec ?? parts.spec,
        status: v.status ?? parts.status,
      };
      if (v.observed_at <= from) {
        head = { type: v.type, observedAt: v.observed_at, parts };
        continue;
      }
      if (head)
        out.push({
          type: head.type as Observation["type"],
          object: assemble(head.parts),
          observedAt: head.observedAt,
        });
      head = null;
      out.push({
        type: v.type as Observation["type"],
        object: assemble(parts),
        observedAt: v.observed_at,
      });
    }
    if (head)
      out.push({
        type: head.type as Observation["type"],
        object: assemble(head.parts),
        observedAt: head.observedAt,
      });
    return out;
  }

  /**
   * The pod as it stood at `at`: its last version observed then or before (undefined when none
   * was). A window ending in the past shows this, not what came after.
   */
  podAt(uid: string, at: number): Pod | undefined {
    let parts: PodParts = { meta: "{}", spec: "{}", status: "{}" };
    let seen = false;
    for (const v of this.stmts.versionsUntil.all(uid, at)) {
      if (v.type === "DELETED" && !v.meta && !v.spec && !v.status) break;
      parts = {
        meta: v.meta ?? parts.meta,
        spec: v.spec ?? parts.spec,
        status: v.status ?? parts.status,
      };
      seen = true;
    }
    return seen ? assemble(parts) : undefined;
  }

  record(uid: string): PodRecord | undefined {
    const row = this.stmts.record.get(uid);
    return row ? toRecord(row) : undefined;
  }

  /** Pods matching a query, newest first. */
  pods(q: PodQuery = {}): PodRecord[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (q.namespace) {
      where.push("namespace = ?");
      args.push(q.namespace);
    }
    if (q.namespaces) {
      where.push(`namespace IN (${q.namespaces.map(() => "?").join(",") || "NULL"})`);
      args.push(...q.namespaces);
    }
    if (q.name) {
      where.push("name = ?");
      args.push(q.name);
    }
    if (q.search) {
      where.push("instr(name, ?) > 0");
      args.push(q.search);
    }
    if (q.node) {
      where.push("node = ?");
      args.push(q.node);
    }
    if (q.status) {
      where.push("status = ?");
      args.push(q.status);
    }
    if (q.to !== undefined) {
      where.push("first_seen <= ?");
      args.push(q.to);
    }
    if (q.from !== undefined) {
      where.push("(deleted_at IS NULL OR deleted_at >= ?)");
      args.push(q.from);
    }
    const sql = `SELECT * FROM pods ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY first_seen DESC`;
    let rows = this.db
      .prepare<(string | number)[], Row>(sql)
      .all(...args)
      .map(toRecord);
    if (q.labels) rows = rows.filter((r) => q.labels!(r.labels));
    return q.limit ? rows.slice(0, q.limit) : rows;
  }

  /**
   * One pod's timeline from everything stored, built by lib/timeline. With `until`, only what was
   * observed and what happened up to then: the timeline as it stood at that moment.
   */
  timeline(uid: string, now: number, until?: number): PodTimeline | undefined {
    const record = this.record(uid);
    if (!record) return undefined;
    // The node as it stood at the timeline's end.
    const node = record.node ? this.nodes.at(record.node, until ?? now) : null;
    let observations = this.observations(uid);
    let events = this.events(uid, until);
    if (until !== undefined) {
      observations = observations.filter((o) => o.observedAt <= until);
      events = events.filter((e) => (normalizeEvent(e as never)?.first ?? -Infinity) <= until);
    }
    return buildTimeline({ observations, events: events as never, node, now });
  }

  /**
   * After a relist at start-up: pods the store thinks alive but the cluster no longer lists were
   * deleted while Lifeline was down; close them at `at` (only in the namespaces watched, if limited).
   */
  closeVanished(alive: Set<string>, at: number, namespaces: string[] | null = null): string[] {
    const closed: string[] = [];
    for (const { uid, namespace } of this.stmts.openPods.all()) {
      if (alive.has(uid) || (namespaces && !namespaces.includes(namespace))) continue;
      this.closePod(uid, at);
      closed.push(uid);
    }
    return closed;
  }

  /** Marks a pod deleted at `at` with a version that changes nothing else. */
  private closePod(uid: string, at: number): void {
    this.db
      .prepare("UPDATE pods SET deleted_at = ?, status = 'Deleted', last_seen = ? WHERE uid = ?")
      .run(at, at, uid);
    this.stmts.insertVersion.run(uid, at, "DELETED", null, null, null);
  }

  /** Bytes the data occupies in the file (pages in use; freed pages are reused before the file grows). */
  usedBytes(): number {
    const pageSize = this.db.pragma("page_size", { simple: true }) as number;
    const pages = this.db.pragma("page_count", { simple: true }) as number;
    const free = this.db.pragma("freelist_count", { simple: true }) as number;
    return (pages - free) * pageSize;
  }

  /**
   * Keeps the store under `maxBytes`: drops the pods that ended longest ago (with their versions
   * and events), a chunk at a time, then events no pod still alive needs, oldest first. Pods still
   * running are never cut. Returns what it dropped and the bytes in use afterwards.
   */
  pruneToSize(maxBytes: number, chunk = 200): { pods: number; events: number; usedBytes: number } {
    let pods = 0;
    let events = 0;
    const oldestGone = this.db.prepare<[number], { deleted_at: number }>(
      "SELECT deleted_at FROM pods WHERE deleted_at IS NOT NULL ORDER BY deleted_at LIMIT 1 OFFSET ?",
    );
    const oldestEvent = this.db.prepare<[number], { last_at: number }>(
      "SELECT last_at FROM events WHERE pod_uid IS NULL OR pod_uid NOT IN (SELECT uid FROM pods WHERE deleted_at IS NULL) ORDER BY last_at LIMIT 1 OFFSET ?",
    );
    while (this.usedBytes() > maxBytes) {
      // Everything that ended up to the chunk-th oldest ending goes in one transaction.
      const cut = oldestGone.get(chunk - 1) ?? oldestGone.get(0);
      const cutEvents = cut ? undefined : (oldestEvent.get(chunk - 1) ?? oldestEvent.get(0));
      if (!cut && !cutEvents) break;
      const r = this.prune((cut?.deleted_at ?? cutEvents!.last_at) + 1);
      pods += r.pods;
      events += r.events;
      if (!r.pods && !r.events) break;
    }
    return { pods, events, usedBytes: this.usedBytes() };
  }

  /** Drops what is older than the retention: pods gone before `before`, events last seen before it, node versions older than the node's state at it. */
  prune(before: number): { pods: number; events: number } {
    const prune = this.db.transaction(() => {
      const gone = this.db
        .prepare<[number], { uid: string }>(
          "SELECT uid FROM pods WHERE deleted_at IS NOT NULL AND deleted_at < ?",
        )
        .all(before);
      for (const { uid } of gone) {
        this.db.prepare("DELETE FROM versions WHERE uid = ?").run(uid);
        this.db
          .prepare(
            "DELETE FROM event_versions WHERE key IN (SELECT key FROM events WHERE pod_uid = ?)",
          )
          .run(uid);
        this.db.prepare("DELETE FROM events WHERE pod_uid = ?").run(uid);
        this.db.prepare("DELETE FROM pods WHERE uid = ?").run(uid);
      }
      const stale =
        "last_at < ? AND (pod_uid IS NULL OR pod_uid NOT IN (SELECT uid FROM pods WHERE deleted_at IS NULL))";
      this.db
        .prepare(`DELETE FROM event_versions WHERE key IN (SELECT key FROM events WHERE ${stale})`)
        .run(before);
      const events = this.db.prepare(`DELETE FROM events WHERE ${stale}`).run(before).changes;
      this.nodes.prune(before);
      return { pods: gone.length, events };
    });
    return prune();
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

function toRecord(r: Row): PodRecord {
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
