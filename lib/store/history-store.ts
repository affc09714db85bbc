// Lifeline's memory of the cluster: every pod version it observed (stored as the parts that
// changed; the pods row points at the versions holding its current parts: pod-rows.ts), the events
// that name each pod (event-history.ts) and every change that matters of each node
// (node-history.ts), every change of each workload's state (workload-history.ts), and the
// captured end of each run's log (log-tails.ts), in one SQLite file
// (WAL). Keyed by pod uid, so a name reused by a new pod is a new history. Survives restarts;
// retention by age.
import Database from "better-sqlite3";
import type { CoreEvent, EventsV1Event, Observation as PodObservation, Pod } from "../k8s/types";
import type { Observation } from "../kube/reflector";
import { buildTimeline, kubectlStatus, normalizeEvent, type PodTimeline } from "../timeline";
import { privateFile } from "./data-dir";
import { EventHistory } from "./event-history";
import { LogTails } from "./log-tails";
import { NodeHistory } from "./node-history";
import { WorkloadHistory } from "./workload-history";
import { isWorkloadKind } from "../kube/workload-resources";
import { assemble, project, type PodParts } from "./projection";
import {
  migrate,
  CURRENT_SQL,
  SCHEMA,
  toRecord,
  type Current,
  type PodRecord,
  type Row,
} from "./pod-rows";
import { UnchangedVersions } from "./unchanged-version";

export type { PodRecord } from "./pod-rows";

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

/** A stored version of a pod: the parts that changed since the one before (null: unchanged). */
type VersionRow = {
  observed_at: number;
  type: string;
  meta: string | null;
  spec: string | null;
  status: string | null;
};

/** The pod's parts after a stored version. */
const after = (parts: PodParts, v: VersionRow): PodParts => ({
  meta: v.meta ?? parts.meta,
  spec: v.spec ?? parts.spec,
  status: v.status ?? parts.status,
});

/** WAL pages between checkpoints (4 KiB pages: 4 MiB). */
export const WAL_AUTOCHECKPOINT_PAGES = 1000;

export class HistoryStore {
  private readonly db: Database.Database;
  private readonly stmts;
  /** Each node's changes (conditions, taints, cordon), not its heartbeats. */
  readonly nodes: NodeHistory;
  /** Each workload's state changes (Deployments … ControllerRevisions), not its status renewals. */
  readonly workloads: WorkloadHistory;
  /** Each pod's events, every version of each. */
  private readonly podEvents: EventHistory;
  /** Pod versions the reflector did not parse (they repeat the one before). */
  private readonly unchanged: UnchangedVersions;
  /** The captured end of each run's log (lib/logs), kept and dropped with its pod. */
  readonly logs: LogTails;

  /** `file`: the SQLite file (":memory:" for none). */
  constructor(readonly file: string) {
    if (file !== ":memory:") privateFile(file);
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    // SQLite's default, a checkpoint per 4 MiB of WAL (WAL_AUTOCHECKPOINT_PAGES). A checkpoint runs
    // on the event loop: at 64 MiB each one held it long enough that bench:sse's change → SSE p99
    // at 150,000 pods went from 10.8 ms to 162 ms (docs/performance.md), for a first sync a few
    // seconds faster in wall time and no faster in CPU.
    this.db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    this.db.exec(SCHEMA);
    migrate(this.db);
    this.stmts = {
      current: this.db.prepare<[string], Current>(CURRENT_SQL),
      record: this.db.prepare<[string], Row>("SELECT * FROM pods WHERE uid = ?"),
      insertPod: this.db.prepare(
        "INSERT INTO pods (uid, namespace, name, node, labels, status, phase, created_at, deleted_at, first_seen, last_seen, meta, spec, pod_status, meta_v, spec_v, status_v) VALUES (@uid, @namespace, @name, @node, @labels, @status, @phase, @created_at, @deleted_at, @first_seen, @last_seen, '', '', '', @meta_v, @spec_v, @status_v)",
      ),
      updatePod: this.db.prepare(
        "UPDATE pods SET node=@node, labels=@labels, status=@status, phase=@phase, deleted_at=@deleted_at, last_seen=@last_seen, meta='', spec='', pod_status='', meta_v=@meta_v, spec_v=@spec_v, status_v=@status_v WHERE uid=@uid",
      ),
      insertVersion: this.db.prepare(
        "INSERT INTO versions (uid, observed_at, type, meta, spec, status) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      versions: this.db.prepare<[string], VersionRow>(
        "SELECT observed_at, type, meta, spec, status FROM versions WHERE uid = ? ORDER BY id",
      ),
      versionsUntil: this.db.prepare<[string, number], VersionRow>(
        "SELECT observed_at, type, meta, spec, status FROM versions WHERE uid = ? AND observed_at <= ? ORDER BY id",
      ),
      uidByName: this.db.prepare<[string, string], { uid: string }>(
        "SELECT uid FROM pods WHERE namespace = ? AND name = ? ORDER BY first_seen DESC LIMIT 1",
      ),
      openPods: this.db.prepare<[], { uid: string; namespace: string }>(
        "SELECT uid, namespace FROM pods WHERE deleted_at IS NULL",
      ),
    };
    this.nodes = new NodeHistory(this.db);
    this.workloads = new WorkloadHistory(this.db);
    this.unchanged = new UnchangedVersions(this.db);
    this.logs = new LogTails(this.db);
    this.podEvents = new EventHistory(
      this.db,
      (namespace, name) => this.stmts.uidByName.get(namespace, name)?.uid,
    );
  }

  close(): void {
    this.db.close();
  }

  /**
   * Records a batch of observations in one transaction (one commit instead of one per version),
   * all or nothing: when it throws (a full disk: SQLITE_FULL …) nothing of the batch is stored,
   * and the same batch may be given again (lib/store/write-queue.ts keeps and retries it; when the
   * error is not the disk's it writes the batch one observation at a time and sets aside the one
   * refused). Each pod's statements run as plain statements of the batch, no savepoint each.
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
    if (o.kind === "Pod" && o.unchanged) this.unchanged.observe(o);
    else if (o.kind === "Pod") this.observePod(o);
    else if (o.kind === "Event") this.podEvents.observe(o);
    else if (o.kind === "Node") this.nodes.observe(o);
    else if (isWorkloadKind(o.kind)) this.workloads.observe(o);
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
    const row: Record<string, unknown> = {
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
    };
    const write = () => {
      // Only the parts that changed since the last stored version; all three when the row kept
      // them itself (written by an earlier version), so that from now on it points at versions.
      const legacy =
        existing &&
        (existing.meta_v === null || existing.spec_v === null || existing.status_v === null);
      const changed = {
        meta: legacy || existing?.meta !== parts.meta,
        spec: legacy || existing?.spec !== parts.spec,
        status: legacy || existing?.pod_status !== parts.status,
      };
      const id = Number(
        this.stmts.insertVersion.run(
          uid,
          o.observedAt,
          o.type,
          changed.meta ? parts.meta : null,
          changed.spec ? parts.spec : null,
          changed.status ? parts.status : null,
        ).lastInsertRowid,
      );
      row.meta_v = changed.meta ? id : existing!.meta_v;
      row.spec_v = changed.spec ? id : existing!.spec_v;
      row.status_v = changed.status ? id : existing!.status_v;
      if (existing) this.stmts.updatePod.run(row);
      else this.stmts.insertPod.run(row);
    };
    // Inside observeMany's transaction: plain statements. Alone: its own transaction.
    if (this.db.inTransaction) write();
    else this.db.transaction(write)();
  }

  /** Every stored version of a pod, rebuilt, in order. */
  observations(uid: string): PodObservation[] {
    const out: PodObservation[] = [];
    let parts: PodParts = { meta: "{}", spec: "{}", status: "{}" };
    for (const v of this.stmts.versions.all(uid)) {
      parts = after(parts, v);
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
    return pod ? this.podEvents.of(pod, until) : [];
  }

  /** The events naming a workload-kind object, each as its last version observed by `until`. */
  objectEvents(
    o: { kind: string; namespace: string; name: string; uid: string },
    until?: number,
  ): (CoreEvent | EventsV1Event)[] {
    return this.podEvents.ofObject(o, until);
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
  versionsIn(uid: string, from: number, until: number): PodObservation[] {
    const out: PodObservation[] = [];
    let parts: PodParts = { meta: "{}", spec: "{}", status: "{}" };
    let head: { type: string; observedAt: number; parts: PodParts } | null = null;
    for (const v of this.stmts.versionsUntil.all(uid, until)) {
      parts = after(parts, v);
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
      parts = after(parts, v);
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
   * and events, and the workloads deleted before them), a chunk at a time, then events no pod still
   * alive needs, oldest first, then the workloads deleted longest ago. Pods and workloads still
   * there are never cut. Returns what it dropped and the bytes in use afterwards.
   */
  pruneToSize(maxBytes: number, chunk = 200): Pruned & { usedBytes: number } {
    let pods = 0;
    let events = 0;
    let workloads = 0;
    const oldestGone = this.db.prepare<[number], { deleted_at: number }>(
      "SELECT deleted_at FROM pods WHERE deleted_at IS NOT NULL ORDER BY deleted_at LIMIT 1 OFFSET ?",
    );
    while (this.usedBytes() > maxBytes) {
      // Everything that ended up to the chunk-th oldest ending goes in one transaction.
      const cut = oldestGone.get(chunk - 1) ?? oldestGone.get(0);
      const cutEvents = cut
        ? undefined
        : (this.podEvents.oldestUnneeded(chunk - 1) ?? this.podEvents.oldestUnneeded(0));
      const cutWorkloads =
        cut || cutEvents !== undefined
          ? undefined
          : (this.workloads.oldestGone(chunk - 1) ?? this.workloads.oldestGone(0));
      if (!cut && cutEvents === undefined && cutWorkloads === undefined) break;
      const r = this.prune((cut?.deleted_at ?? cutEvents ?? cutWorkloads!) + 1);
      pods += r.pods;
      events += r.events;
      workloads += r.workloads;
      if (!r.pods && !r.events && !r.workloads) break;
    }
    return { pods, events, workloads, usedBytes: this.usedBytes() };
  }

  /** Drops what is older than the retention: pods and workloads gone before `before`, events last seen before it, node and workload versions older than their state at it. */
  prune(before: number): Pruned {
    const prune = this.db.transaction(() => {
      const gone = this.db
        .prepare<[number], { uid: string }>(
          "SELECT uid FROM pods WHERE deleted_at IS NOT NULL AND deleted_at < ?",
        )
        .all(before);
      for (const { uid } of gone) {
        this.db.prepare("DELETE FROM versions WHERE uid = ?").run(uid);
        this.podEvents.dropPod(uid);
        this.logs.dropPod(uid);
        this.db.prepare("DELETE FROM pods WHERE uid = ?").run(uid);
      }
      const events = this.podEvents.prune(before);
      this.nodes.prune(before);
      const workloads = this.workloads.prune(before);
      return { pods: gone.length, events, workloads };
    });
    return prune();
  }
}

/** What a pruning dropped: pods (with their versions, events and logs), events, workloads (with their versions). */
export interface Pruned {
  pods: number;
  events: number;
  workloads: number;
}
