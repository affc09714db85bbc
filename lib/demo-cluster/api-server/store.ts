// The demo cluster's "etcd": objects by resource, one cluster-wide resourceVersion counter, and a
// bounded window of recent changes per resource that watches replay from. Clients must treat
// resourceVersion as opaque; here it happens to be a decimal counter.
import { randomUUID } from "node:crypto";
import { formatTime } from "../../k8s/time";
import { log } from "../../log/logger";
import { ApiError } from "./api-error";

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string | null;
    deletionGracePeriodSeconds?: number | null;
    generateName?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: {
      apiVersion: string;
      kind: string;
      name: string;
      uid: string;
      controller?: boolean;
      blockOwnerDeletion?: boolean;
    }[];
    finalizers?: string[];
    generation?: number;
  };
  [field: string]: unknown;
}

export type WatchType = "ADDED" | "MODIFIED" | "DELETED";

export interface Change {
  type: WatchType;
  resource: string;
  object: KubeObject;
  /** The version before this change, for selector transitions (a MODIFIED that leaves a selector is a DELETED to that watcher). */
  previous?: KubeObject;
  rv: number;
}

export interface Subscription {
  cancel(): void;
}

interface History {
  changes: Change[];
  /** Oldest resourceVersion a watch may still start from (exclusive lower bound of the window). */
  floor: number;
}

export interface StoreOptions {
  /** Changes kept per resource for watches to replay. */
  historyLimit?: number;
  /** Makes each new object's uid; default a random RFC 4122 version 4 uuid, new on every start, as a real cluster's. */
  uid?: () => string;
}

export class ObjectStore {
  private rv = 1;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly histories = new Map<string, History>();
  private readonly subscribers = new Map<string, Set<(change: Change) => void>>();
  private readonly historyLimit: number;
  private readonly outbox: Change[] = [];
  private delivering = false;
  private readonly makeUid: () => string;

  constructor(opts: StoreOptions = {}) {
    this.historyLimit = opts.historyLimit ?? 10_000;
    this.makeUid = opts.uid ?? randomUUID;
  }

  /** A uid for an object about to be created whose defaults need it (a Job's selector). */
  newUid(): string {
    return this.makeUid();
  }

  /** The newest resourceVersion, as the opaque string clients see. */
  version(): string {
    return String(this.rv);
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.bucket(resource).get(key(namespace, name));
  }

  list(resource: string, namespace?: string): KubeObject[] {
    const all = [...this.bucket(resource).values()];
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }

  count(resource: string): number {
    return this.bucket(resource).size;
  }

  /** Stores a new object: uid, creationTimestamp and resourceVersion are assigned here. */
  create(resource: string, object: KubeObject, now: number): KubeObject {
    const bucket = this.bucket(resource);
    const k = key(object.metadata.namespace, object.metadata.name);
    if (bucket.has(k)) {
      throw new ApiError(
        409,
        "AlreadyExists",
        `${resource} "${object.metadata.name}" already exists`,
        { name: object.metadata.name, kind: resource },
      );
    }
    const stored = structuredClone(object);
    stored.metadata.uid ||= this.makeUid();
    stored.metadata.creationTimestamp = formatTime(now);
    stored.metadata.resourceVersion = String(++this.rv);
    bucket.set(k, stored);
    this.record({ type: "ADDED", resource, object: stored, rv: this.rv });
    return stored;
  }

  /**
   * Stores `object` itself, not a copy (uid, creationTimestamp and resourceVersion are set on its
   * own metadata): for the light scale set's pods, whose spec is shared by every pod on a node.
   * The caller never writes to it again; a later version comes through `replace` (or `mutate`,
   * which copies it whole).
   */
  adopt(resource: string, object: KubeObject, now: number): KubeObject {
    const bucket = this.bucket(resource);
    const k = key(object.metadata.namespace, object.metadata.name);
    if (bucket.has(k)) throw new Error(`${resource} ${k} already exists`);
    object.metadata.uid = this.makeUid();
    object.metadata.creationTimestamp = formatTime(now);
    object.metadata.resourceVersion = String(++this.rv);
    bucket.set(k, object);
    this.record({ type: "ADDED", resource, object, rv: this.rv });
    return object;
  }

  /**
   * Makes `next` the new version of the stored object of the same name: `next.metadata` must be a
   * fresh object (its resourceVersion is set here); the rest may share parts with the old version,
   * which no one writes to. Returns undefined when the object is gone.
   */
  replace(resource: string, next: KubeObject): KubeObject | undefined {
    const bucket = this.bucket(resource);
    const k = key(next.metadata.namespace, next.metadata.name);
    const current = bucket.get(k);
    if (!current) return undefined;
    next.metadata.resourceVersion = String(++this.rv);
    bucket.set(k, next);
    this.record({ type: "MODIFIED", resource, object: next, previous: current, rv: this.rv });
    return next;
  }

  /**
   * Changes a stored object through a copy: `change` edits the copy, which becomes the new version.
   * Returns undefined when the object is gone; returns the old version untouched when `change` returns false.
   */
  mutate(
    resource: string,
    namespace: string | undefined,
    name: string,
    change: (copy: KubeObject) => void | false,
  ): KubeObject | undefined {
    const bucket = this.bucket(resource);
    const k = key(namespace, name);
    const current = bucket.get(k);
    if (!current) return undefined;
    const copy = structuredClone(current);
    if (change(copy) === false) return current;
    copy.metadata.resourceVersion = String(++this.rv);
    bucket.set(k, copy);
    this.record({ type: "MODIFIED", resource, object: copy, previous: current, rv: this.rv });
    return copy;
  }

  remove(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const bucket = this.bucket(resource);
    const k = key(namespace, name);
    const current = bucket.get(k);
    if (!current) return undefined;
    bucket.delete(k);
    const gone = structuredClone(current);
    gone.metadata.resourceVersion = String(++this.rv);
    this.record({ type: "DELETED", resource, object: gone, previous: current, rv: this.rv });
    return gone;
  }

  /**
   * Replays every retained change after `since` and then follows new ones. Throws 410 Gone when
   * `since` is older than the retained window, as kube-apiserver does for compacted versions.
   */
  watch(resource: string, since: number, listener: (change: Change) => void): Subscription {
    const history = this.history(resource);
    if (since < history.floor) {
      throw new ApiError(
        410,
        "Expired",
        `too old resource version: ${since} (${history.floor + 1})`,
      );
    }
    for (const change of history.changes) if (change.rv > since) listener(change);
    const set = this.subscribers.get(resource) ?? new Set();
    this.subscribers.set(resource, set);
    set.add(listener);
    return { cancel: () => void set.delete(listener) };
  }

  /** Forgets all history: every watch from an older version now gets 410 Gone. */
  compact(): void {
    for (const history of this.histories.values()) {
      history.changes = [];
      history.floor = this.rv;
    }
    for (const resource of this.objects.keys()) this.history(resource).floor = this.rv;
  }

  private record(change: Change): void {
    const history = this.history(change.resource);
    history.changes.push(change);
    // Trimmed in chunks (a quarter of the limit at a time) so a busy resource does not copy its
    // whole window on every change; the window holds between limit and 1.25 × limit changes (exactly limit when it is under 4).
    if (history.changes.length > this.historyLimit + Math.floor(this.historyLimit / 4)) {
      const dropped = history.changes.splice(0, history.changes.length - this.historyLimit);
      history.floor = dropped[dropped.length - 1].rv;
    }
    // Deliver in resourceVersion order even when a listener writes while being told of a change.
    this.outbox.push(change);
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let next = this.outbox.shift(); next; next = this.outbox.shift()) {
        for (const listener of [...(this.subscribers.get(next.resource) ?? [])]) {
          try {
            listener(next);
          } catch (err) {
            // One broken controller must not stop the others or fail the client's request.
            log.error(
              { err, resource: next.resource },
              `demo cluster: a ${next.resource} watcher failed`,
            );
          }
        }
      }
    } finally {
      this.delivering = false;
    }
  }

  private history(resource: string): History {
    let history = this.histories.get(resource);
    if (!history) {
      // A resource first touched now has no retained past: its window starts at the current version.
      history = { changes: [], floor: this.rv - 1 };
      this.histories.set(resource, history);
    }
    return history;
  }

  private bucket(resource: string): Map<string, KubeObject> {
    let bucket = this.objects.get(resource);
    if (!bucket) {
      bucket = new Map();
      this.objects.set(resource, bucket);
      this.history(resource);
    }
    return bucket;
  }
}

function key(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}
