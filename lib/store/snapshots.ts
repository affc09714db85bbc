// Snapshots: a frozen copy of what a view showed (a pod's timeline and events in a window), kept
// in their own SQLite file with their own retention (LIFELINE_SNAPSHOT_RETENTION, default 90
// days), so they outlive the pod, its history and the cluster. Written once, never changed;
// deleted on request or when they age out. The id is the capability: 144 random bits.
import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { log } from "../log/logger";
import { privateFile } from "./data-dir";
import { parseDuration } from "../text/duration";
import { storageFailure } from "./write-queue";

export const SNAPSHOT_ID = /^[A-Za-z0-9_-]{24}$/;

export interface SnapshotMeta {
  id: string;
  /**
   * pod: one pod's timeline and events; overview: the overview's rows in a window; workload: one
   * workload's page (its timeline, its pods' rows, its versions) in a window; node: one node's
   * page (its conditions and taints, the pods that ran there) in a window.
   */
  kind: SnapshotKind;
  /** The namespaces its data comes from (a pod's one; an overview's, or null for all of them). */
  namespaces: string[] | null;
  /** The pod (kind pod) or the workload (kind workload), else "" (a node's name is in `name`). */
  namespace: string;
  name: string;
  uid: string;
  /** When it was taken (the server's clock) and the moment the data stands for. */
  createdAt: number;
  at: number;
  window: { from: number | null; to: number | null };
  /** Who took it, when known (a proxy's user). */
  createdBy: string | null;
  /** When retention will drop it. */
  expiresAt: number;
}

export const SNAPSHOT_KINDS = ["pod", "overview", "workload", "node"] as const;
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number];

/** The most one snapshot's data may weigh as JSON: more is refused (413) rather than stored. */
export const MAX_SNAPSHOT_BYTES = 16 * 1024 * 1024;

const mib = (n: number) => `${(n / 1048576).toFixed(n < 1048576 ? 3 : 1)} MiB`;

/** A snapshot whose data is heavier than the store keeps; nothing was stored. */
export class SnapshotTooLarge extends Error {
  constructor(
    readonly bytes: number,
    readonly max: number,
  ) {
    super(
      `This view holds ${mib(bytes)} of data, more than a snapshot keeps (${mib(max)}): take it over a shorter window.`,
    );
  }
}

export interface Snapshot<Body = unknown> extends SnapshotMeta {
  body: Body;
}

export class SnapshotStore {
  private readonly db: Database.Database;

  constructor(
    file: string,
    readonly retentionMs: number,
    readonly maxBytes = MAX_SNAPSHOT_BYTES,
  ) {
    if (file !== ":memory:") privateFile(file);
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.exec(`CREATE TABLE IF NOT EXISTS snapshots (
      id TEXT PRIMARY KEY, kind TEXT NOT NULL, namespaces TEXT, namespace TEXT NOT NULL, name TEXT NOT NULL, uid TEXT NOT NULL,
      created_at INTEGER NOT NULL, at INTEGER NOT NULL, window_from INTEGER, window_to INTEGER,
      created_by TEXT, body TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS snapshots_by_age ON snapshots(created_at);`);
  }

  /** Throws SnapshotTooLarge (storing nothing) when the body is heavier than maxBytes. */
  create(meta: Omit<SnapshotMeta, "id" | "expiresAt">, body: unknown): SnapshotMeta {
    const text = JSON.stringify(body);
    const bytes = Buffer.byteLength(text);
    if (bytes > this.maxBytes) throw new SnapshotTooLarge(bytes, this.maxBytes);
    const id = randomBytes(18).toString("base64url");
    this.db
      .prepare(
        "INSERT INTO snapshots (id, kind, namespaces, namespace, name, uid, created_at, at, window_from, window_to, created_by, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(
        id,
        meta.kind,
        meta.namespaces ? JSON.stringify(meta.namespaces) : null,
        meta.namespace,
        meta.name,
        meta.uid,
        meta.createdAt,
        meta.at,
        meta.window.from,
        meta.window.to,
        meta.createdBy,
        text,
      );
    return { ...meta, id, expiresAt: meta.createdAt + this.retentionMs };
  }

  get<Body = unknown>(id: string, now: number): Snapshot<Body> | null {
    if (!SNAPSHOT_ID.test(id)) return null;
    const r = this.db.prepare("SELECT * FROM snapshots WHERE id = ?").get(id) as Row | undefined;
    // Past its retention it is gone, even before the next pruning pass.
    if (!r || r.created_at + this.retentionMs <= now) return null;
    return { ...meta(r, this.retentionMs), body: JSON.parse(r.body) as Body };
  }

  delete(id: string): boolean {
    return (
      SNAPSHOT_ID.test(id) &&
      this.db.prepare("DELETE FROM snapshots WHERE id = ?").run(id).changes > 0
    );
  }

  prune(now: number): number {
    return this.db
      .prepare("DELETE FROM snapshots WHERE created_at <= ?")
      .run(now - this.retentionMs).changes;
  }

  count(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM snapshots").get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}

type Row = {
  id: string;
  kind: string;
  namespaces: string | null;
  namespace: string;
  name: string;
  uid: string;
  created_at: number;
  at: number;
  window_from: number | null;
  window_to: number | null;
  created_by: string | null;
  body: string;
};

function meta(r: Row, retentionMs: number): SnapshotMeta {
  return {
    id: r.id,
    // Rows written before kinds were stored as more than pod and overview read as a pod's.
    kind: (SNAPSHOT_KINDS as readonly string[]).includes(r.kind) ? (r.kind as SnapshotKind) : "pod",
    namespaces: r.namespaces ? (JSON.parse(r.namespaces) as string[]) : null,
    namespace: r.namespace,
    name: r.name,
    uid: r.uid,
    createdAt: r.created_at,
    at: r.at,
    window: { from: r.window_from, to: r.window_to },
    createdBy: r.created_by,
    expiresAt: r.created_at + retentionMs,
  };
}

type Holder = { __lifelineSnapshots?: SnapshotStore };

/** LIFELINE_SNAPSHOT_RETENTION (default 90 days) in ms; throws a sentence on anything else. */
export function snapshotRetentionFrom(env: Record<string, string | undefined>): number {
  return parseDuration(env.LIFELINE_SNAPSHOT_RETENTION || "90d", "LIFELINE_SNAPSHOT_RETENTION");
}

/** The process's snapshot store (data/snapshots.db), opened on first use, pruned every hour. */
export function snapshots(env: Record<string, string | undefined> = process.env): SnapshotStore {
  const g = globalThis as Holder;
  if (!g.__lifelineSnapshots) {
    const store = new SnapshotStore(
      join(env.LIFELINE_DATA_DIR || "data", "snapshots.db"),
      snapshotRetentionFrom(env),
    );
    const prune = () => {
      try {
        const n = store.prune(Date.now());
        if (n) log.info({ dropped: n }, `snapshot retention dropped ${n} snapshot(s)`);
      } catch (err) {
        log.error({ err }, "snapshot retention could not run");
      }
    };
    prune();
    setInterval(prune, 3600_000).unref();
    g.__lifelineSnapshots = store;
  }
  return g.__lifelineSnapshots;
}

/**
 * The snapshot behind a /s/{id} link: null when there is none (a mistyped id included), or why the
 * snapshots cannot be read now (a full disk refused to create their file): the page says so
 * instead of failing with a 500.
 */
export function readSnapshot<Body = unknown>(
  id: string,
  now: number,
  open: () => SnapshotStore = () => snapshots(),
): { snapshot: Snapshot<Body> | null } | { unavailable: string } {
  if (!SNAPSHOT_ID.test(id)) return { snapshot: null };
  try {
    return { snapshot: open().get<Body>(id, now) };
  } catch (err) {
    const disk = storageFailure(err);
    // The data folder itself cannot be used (ENOTDIR, EACCES, ENOSPC … when it is made): the page
    // is open to anyone, so the code is said, not the path.
    const code = (err as { code?: unknown })?.code;
    const folder =
      !disk && typeof code === "string" && /^E[A-Z]+$/.test(code)
        ? `Lifeline's data folder cannot be used (${code})`
        : null;
    if (!disk && !folder) throw err;
    log.error({ err }, "snapshots cannot be read");
    return { unavailable: disk ? disk.sentence : `${folder}.` };
  }
}
