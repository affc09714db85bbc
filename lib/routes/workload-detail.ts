// One workload's history as GET /api/workloads/{namespace}/{kind}/{name} answers it, read from
// the store with the pod timeline's window semantics (pod-timeline.ts): the workload's versions,
// the versions of each object it controls (a Deployment's ReplicaSets, a CronJob's Jobs, a
// StatefulSet's or DaemonSet's ControllerRevisions) grouped by object, and the pods it controls
// (directly, or through those objects) with their revision labels; and the workload's timeline,
// the model (lib/workloads) over all of it (workload-timeline.ts).
import type { Pod } from "../k8s/types";
import type { WorkloadEvent } from "../rows/workload-event";
import type { WorkloadResource } from "../kube/workload-resources";
import type { Live } from "../live/live";
import { ownedPod, type OwnedPod } from "../live/live-workloads";
import type { WorkloadRecord } from "../store/workload-history";
import type { WorkloadVersion } from "../workloads/workload-state";
import { workloadEvents } from "./workload-events";
import { workloadTimelineOf, type WorkloadTimelineParts } from "./workload-timeline";

/** An object the workload controls (or controlled), and its versions in the window. */
export interface OwnedObject {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  firstSeen: number;
  deletedAt: number | null;
  versions: WorkloadVersion[];
}

/** A pod the workload controls, with when Lifeline saw it. */
export interface WorkloadPod extends OwnedPod {
  firstSeen: number;
  deletedAt: number | null;
}

/** What the route reads from the store: the model's input. */
export interface WorkloadHistoryInput {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  versions: WorkloadVersion[];
  owned: OwnedObject[];
  pods: WorkloadPod[];
}

export interface WorkloadDetailAnswer extends WorkloadHistoryInput, WorkloadTimelineParts {
  window: { from: number | null; to: number | null };
  /** The moment the answer stands for: now, or the window's end. */
  at: number;
  /** Earlier objects that had the same kind and name (deleted and made again). */
  otherUids: string[];
  /** Events naming the workload or the objects it controls, in the window, newest first. */
  events: WorkloadEvent[];
}

export interface WorkloadQuery {
  namespace: string;
  resource: WorkloadResource;
  name: string;
  uid?: string;
  from?: number;
  to?: number;
}

/** Alive at some point in [from, to]: seen by `to`, not deleted before `from`. */
const inWindow = (w: { firstSeen: number; deletedAt: number | null }, from?: number, to?: number) =>
  (to === undefined || w.firstSeen <= to) &&
  (from === undefined || w.deletedAt === null || w.deletedAt >= from);

/** null: Lifeline has never seen such a workload (or that uid), or not by the window's end. */
export function workloadDetail(l: Live, q: WorkloadQuery): WorkloadDetailAnswer | null {
  l.flush(); // read what has just been observed, not only what the last batch wrote
  const history = l.store.workloads;
  const candidates = history.named(q.namespace, q.resource.kind, q.name);
  const record = q.uid
    ? candidates.find((c) => c.uid === q.uid)
    : candidates.find((c) => q.to === undefined || c.firstSeen <= q.to);
  if (!record || (q.to !== undefined && record.firstSeen > q.to)) return null;
  const at = Math.min(l.now(), q.to ?? Infinity);
  const until = q.to ?? Number.MAX_SAFE_INTEGER;
  const owned = history
    .owned(record.uid)
    .filter((o) => inWindow(o, q.from, q.to))
    .map((o) => ({
      kind: o.kind,
      namespace: o.namespace,
      name: o.name,
      uid: o.uid,
      firstSeen: o.firstSeen,
      deletedAt: o.deletedAt,
      versions: history.versionsIn(o.uid, q.from, until),
    }));
  const input: WorkloadHistoryInput = {
    kind: record.kind,
    namespace: record.namespace,
    name: record.name,
    uid: record.uid,
    versions: history.versionsIn(record.uid, q.from, until),
    owned,
    pods: podsOf(l, record, owned, { from: q.from, to: q.to, at }),
  };
  return {
    ...input,
    // The model (lib/workloads) over what the store holds, `at` as its now.
    ...workloadTimelineOf(l, input, { at, from: q.from, to: q.to }),
    window: { from: q.from ?? null, to: q.to ?? null },
    at,
    otherUids: candidates.filter((c) => c.uid !== record.uid).map((c) => c.uid),
    events: workloadEvents(l, [record, ...owned], { from: q.from, to: q.to }),
  };
}

/**
 * The pods alive in the window whose controller is the workload or one of the objects it controls.
 * Pod names start with their controller's name and a dash (generateName, cut to 58 characters by
 * the API server's name generator, or a StatefulSet's ordinal), so the store is asked for those
 * names first, and only a candidate whose name starts with one owner's name and dash has its owner
 * read from its version at `at` (app-1's page does not read app-10's and app-11's pods).
 */
function podsOf(
  l: Live,
  workload: WorkloadRecord,
  owned: OwnedObject[],
  w: { from?: number; to?: number; at: number },
): WorkloadPod[] {
  const owners = new Set([workload.uid, ...owned.map((o) => o.uid)]);
  // Kubernetes cuts a generateName base to 58 characters; the shortest owner name's start matches them all.
  const prefix = [workload.name, ...owned.map((o) => o.name)]
    .map((n) => n.slice(0, 50))
    .reduce((a, b) => (b.length < a.length ? b : a));
  const starts = [workload.name, ...owned.map((o) => o.name)].map((n) => `${n}-`.slice(0, 58));
  const out: WorkloadPod[] = [];
  for (const r of l.store.pods({
    namespace: workload.namespace,
    search: prefix,
    from: w.from,
    to: w.to,
  })) {
    if (!starts.some((s) => r.name.startsWith(s))) continue;
    const pod = (l.store.podAt(r.uid, w.at) ?? l.store.latest(r.uid)) as Pod | undefined;
    const p = pod && ownedPod(pod);
    if (!p?.owner?.uid || !owners.has(p.owner.uid)) continue;
    out.push({ ...p, firstSeen: r.firstSeen, deletedAt: r.deletedAt });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

/** Why workloadDetail found nothing, as the 404's body (as podMissing says it of a pod). */
export function workloadMissing(
  l: Live,
  q: Pick<WorkloadQuery, "namespace" | "resource" | "name" | "uid" | "to">,
): { error: string; firstRecord?: number } {
  const candidates = l.store.workloads.named(q.namespace, q.resource.kind, q.name);
  const what = `${q.resource.singular} ${q.namespace}/${q.name}`;
  if (candidates.length === 0) return { error: `Lifeline has never seen a ${what}.` };
  const chosen = q.uid ? candidates.filter((c) => c.uid === q.uid) : candidates;
  if (chosen.length === 0) return { error: `Lifeline has no ${what} with uid ${q.uid}.` };
  const first = Math.min(...chosen.map((c) => c.firstSeen));
  return {
    error: `Lifeline has no record of ${what} at or before ${iso(q.to ?? first)}: its record of it starts at ${iso(first)}.`,
    firstRecord: first,
  };
}
