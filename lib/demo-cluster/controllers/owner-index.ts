// Objects of one resource by the uid of their controller owner, kept up to date from the store's
// watch (client-go's informer indexer by owner, as the deployment controller's getReplicaSetsForDeployment
// reads it through its rsLister): a Deployment's sync reads its own ReplicaSets instead of listing
// and filtering every ReplicaSet of the namespace (17.9 % self time of bench:workloads at 2,000
// Deployments, docs/performance.md). An owner reference added, moved or removed (an Orphan delete
// strips it) moves the object in the index; a deleted object leaves it.
import type { Change, KubeObject, ObjectStore, Subscription } from "../api-server/store";

interface Entry {
  namespace: string | undefined;
  name: string;
}

/** The uids of an object's controller references, once each even if a malformed object repeats one. */
const controllers = (o: KubeObject | undefined): Set<string> =>
  new Set(
    (o?.metadata.ownerReferences ?? [])
      .filter((r) => r.controller && typeof r.uid === "string")
      .map((r) => r.uid),
  );

/** Not a uid (uids have no spaces): the key orphans of a namespace are filed under. */
const orphanKey = (namespace: string | undefined) => `orphans in ${namespace ?? ""}`;

export class OwnerIndex {
  /** owner uid → object uid → where the object is stored. */
  private readonly byOwner = new Map<string, Map<string, Entry>>();
  /** object uid → the owner uids it is filed under, to take it out again. */
  private readonly filed = new Map<string, Set<string>>();
  private sub: Subscription | null = null;

  constructor(
    private readonly store: ObjectStore,
    private readonly resource: string,
  ) {}

  /** Files every stored object, then follows the watch from the same version (nothing in between: the store is synchronous). */
  start(): void {
    const version = Number(this.store.version());
    for (const o of this.store.list(this.resource)) this.file(o);
    this.sub = this.store.watch(this.resource, version, (c) => this.apply(c));
  }

  stop(): void {
    this.sub?.cancel();
    this.sub = null;
  }

  get started(): boolean {
    return this.sub !== null;
  }

  apply(change: Change): void {
    this.unfile(change.object.metadata.uid);
    if (change.type !== "DELETED") this.file(change.object);
  }

  /** Files an object the caller just wrote (its watch event may come later, when a write is made inside a delivery). */
  file(o: KubeObject): void {
    const uid = o.metadata.uid;
    if (!uid) return;
    this.unfile(uid);
    const owners = controllers(o);
    // An object with no controller is filed under its namespace's orphan key: a controller claims
    // orphans its selector matches (ControllerRefManager), without listing the namespace.
    if (!owners.size) owners.add(orphanKey(o.metadata.namespace));
    this.filed.set(uid, owners);
    for (const owner of owners) {
      let entries = this.byOwner.get(owner);
      if (!entries) this.byOwner.set(owner, (entries = new Map()));
      entries.set(uid, { namespace: o.metadata.namespace, name: o.metadata.name });
    }
  }

  private unfile(uid: string | undefined): void {
    if (!uid) return;
    for (const owner of this.filed.get(uid) ?? []) {
      const entries = this.byOwner.get(owner);
      entries?.delete(uid);
      if (entries && !entries.size) this.byOwner.delete(owner);
    }
    this.filed.delete(uid);
  }

  /**
   * The current version of each object `owner` controls, in its namespace: each entry is read again
   * from the store and checked, so an entry the watch has not yet moved is never returned wrongly.
   */
  controlledBy(owner: KubeObject): KubeObject[] {
    const uid = owner.metadata.uid;
    const ns = owner.metadata.namespace;
    const ours = (o: KubeObject | undefined, objectUid: string): o is KubeObject =>
      !!o &&
      o.metadata.uid === objectUid &&
      o.metadata.namespace === ns &&
      !!o.metadata.ownerReferences?.some((r) => r.controller && r.uid === uid);
    if (!uid) return [];
    const found: KubeObject[] = [];
    for (const [objectUid, at] of this.byOwner.get(uid) ?? []) {
      const now = this.store.get(this.resource, at.namespace, at.name);
      if (ours(now, objectUid)) found.push(now);
    }
    return found;
  }

  /** The current version of each object in `namespace` that has no controller (an orphan). */
  orphansIn(namespace: string | undefined): KubeObject[] {
    const found: KubeObject[] = [];
    for (const [objectUid, at] of this.byOwner.get(orphanKey(namespace)) ?? []) {
      const now = this.store.get(this.resource, at.namespace, at.name);
      if (
        now?.metadata.uid === objectUid &&
        !now.metadata.ownerReferences?.some((r) => r.controller)
      )
        found.push(now);
    }
    return found;
  }

  /** How many objects are filed under `ownerUid` (for tests). */
  size(ownerUid: string): number {
    return this.byOwner.get(ownerUid)?.size ?? 0;
  }
}
