// ControllerRevisions, as the StatefulSet and DaemonSet controllers keep them
// (pkg/controller/history/controller_history.go, statefulset/stateful_set_utils.go getPatch,
// daemon/update.go constructHistory). A revision's `data` is the strategic-merge patch that puts
// its template back: {"spec":{"template":{"$patch":"replace",…}}}, keys sorted as Go's json.Marshal
// of a map writes them, with the template's `metadata.creationTimestamp: null` as the codec writes
// a zero time. Its name is `<owner>-<hash>`: the StatefulSet's hash is history's
// HashControllerRevision exactly (FNV-32 of those bytes and the collision count, written with
// rand.SafeEncodeString); the DaemonSet's real hash (controller.ComputeHash) hashes Go's spew dump
// of the template, which cannot be reproduced here, so it uses the same FNV-32 of the patch.
import type { KubeObject, ObjectStore } from "../api-server/store";

export const REVISIONS = "controllerrevisions";
/** history.ControllerRevisionHashLabel, on every revision. */
export const REVISION_HASH_LABEL = "controller.kubernetes.io/hash";

const ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

export interface Template {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

/** Go's hash/fnv New32 (FNV-1, not 1a) over the UTF-8 bytes of `text`. */
export function fnv32(text: string, hash = 0x811c9dc5): number {
  for (const byte of new TextEncoder().encode(text)) {
    hash = Math.imul(hash, 0x01000193) >>> 0;
    hash = (hash ^ byte) >>> 0;
  }
  return hash;
}

/** apimachinery's rand.SafeEncodeString: each byte picks from consonants and digits no word is made of. */
export function safeEncode(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) out += ALPHANUMS[text.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/** The revision's patch bytes as Go writes them (sorted keys; <, > and & escaped). */
export function revisionData(template: Template | undefined): string {
  const t = structuredClone(template ?? {});
  const metadata = { creationTimestamp: null, ...(t.metadata ?? {}) };
  return goJson({ spec: { template: { ...t, metadata, $patch: "replace" } } });
}

function goJson(value: unknown): string {
  return JSON.stringify(sorted(value))
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026");
}

/** HashControllerRevision(revision, collisionCount). */
export function revisionHash(data: string, collisionCount = 0): string {
  const h = fnv32(String(collisionCount), fnv32(data));
  return safeEncode(String(h));
}

/** The template a revision restores (its patch without the `$patch` directive). */
export function templateOf(revision: KubeObject): Template {
  const t = structuredClone(
    ((revision.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec
      ?.template ?? {}) as Record<string, unknown>,
  );
  delete t.$patch;
  const meta = t.metadata as Record<string, unknown> | undefined;
  if (meta && meta.creationTimestamp === null) delete meta.creationTimestamp;
  return t as Template;
}

export const revisionNumber = (r: KubeObject) => Number(r.revision ?? 0);

/** The owner's revisions, oldest revision number first (history.SortControllerRevisions). */
export function ownedRevisions(store: ObjectStore, owner: KubeObject): KubeObject[] {
  return store
    .list(REVISIONS, owner.metadata.namespace)
    .filter((r) => r.metadata.ownerReferences?.some((o) => o.uid === owner.metadata.uid))
    .sort(
      (a, b) =>
        revisionNumber(a) - revisionNumber(b) ||
        (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0),
    );
}

/** A controller reference to `owner` (metav1.NewControllerRef). */
export function controllerRef(owner: KubeObject, apiVersion: string, kind: string) {
  return {
    apiVersion,
    kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * The revision for the owner's template now: an existing one with the same data (the newest
 * revision, or an older one, which gets the next revision number, as a rollback does), else a new
 * one (`name` and `labels` given by the controller). Returns it and the whole history, sorted.
 */
export function updateRevision(
  store: ObjectStore,
  owner: KubeObject,
  make: (data: string, next: number) => KubeObject,
  now: number,
): { update: KubeObject; revisions: KubeObject[] } {
  const revisions = ownedRevisions(store, owner);
  const data = revisionData((owner.spec as { template?: Template } | undefined)?.template);
  const next = revisions.length ? revisionNumber(revisions[revisions.length - 1]) + 1 : 1;
  // history.FindEqualRevisions compares the raw bytes.
  const equal = revisions.filter((r) => goJson(r.data) === data);
  const latest = equal[equal.length - 1];
  if (latest && latest === revisions[revisions.length - 1]) return { update: latest, revisions };
  if (latest) {
    const bumped = store.mutate(REVISIONS, latest.metadata.namespace, latest.metadata.name, (o) => {
      o.revision = next;
    })!;
    return { update: bumped, revisions: ownedRevisions(store, owner) };
  }
  const created = store.create(REVISIONS, make(data, next), now);
  return { update: created, revisions: ownedRevisions(store, owner) };
}

/** Deletes the oldest revisions no live pod or status names, beyond `limit` (truncateHistory / cleanupHistory). */
export function truncateHistory(
  store: ObjectStore,
  revisions: KubeObject[],
  live: (r: KubeObject) => boolean,
  limit: number,
): void {
  const historic = revisions.filter((r) => !live(r));
  for (const r of historic.slice(0, Math.max(0, historic.length - limit)))
    store.remove(REVISIONS, r.metadata.namespace, r.metadata.name);
}
