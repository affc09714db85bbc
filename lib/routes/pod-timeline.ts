// One pod's timeline and events as they stood at the end of a window: what the pod view draws,
// what a snapshot freezes.
import { buildNodeTimeline, type NodeTimeline } from "../nodes/node-timeline";
import type { PodTimeline } from "../timeline";
import { clipTimeline, normalizeEvent, type NormalizedEvent } from "../timeline";
import type { Live } from "../live/live";
import type { Owner } from "../timeline/types";
import { ownerChain } from "./owner-chain";

export interface PodEventRow {
  type: string | null;
  reason: string | null;
  message: string | null;
  container: string | null;
  first: number | null;
  last: number | null;
  count: number;
}

export interface PodTimelineAnswer {
  timeline: PodTimeline;
  events: PodEventRow[];
  window: { from: number | null; to: number | null };
  /** The pod's node over the pod's life (or the window): its conditions and taints, for the node track. */
  node: NodeTimeline | null;
  otherUids: string[];
  /** The owners above timeline.owner, nearest first (a ReplicaSet's Deployment), as recorded. */
  owners: Owner[];
  /** The moment the answer stands for: now, or the window's end. */
  at: number;
}

/** null: Lifeline has never seen such a pod (or that uid). */
export function podTimeline(
  l: Live,
  q: { namespace: string; name: string; uid?: string; from?: number; to?: number },
): PodTimelineAnswer | null {
  l.flush(); // read what has just been observed, not only what the last batch wrote
  const { store } = l;
  const candidates = store.pods({ namespace: q.namespace, name: q.name });
  // A window's end before Lifeline's first record of the pod has nothing to show (podMissing says so);
  // without a uid, the newest incarnation already recorded by then.
  const record = q.uid
    ? candidates.find((c) => c.uid === q.uid)
    : candidates.find((c) => q.to === undefined || c.firstSeen <= q.to);
  if (!record || (q.to !== undefined && record.firstSeen > q.to)) return null;
  // The timeline as it stood at the window's end, without what had ended before its start.
  const now = Math.min(l.now(), q.to ?? Infinity);
  const built = store.timeline(record.uid, now, q.to)!;
  const timeline = q.from !== undefined ? clipTimeline(built, q.from) : built;
  // The pod's events for the table under the timeline: each as its last version observed by the
  // window's end (the store keeps every version), newest first.
  const latest = new Map<string, NormalizedEvent>();
  for (const raw of store.events(record.uid, q.to)) {
    const e = normalizeEvent(raw as never);
    if (e) latest.set(e.key, e);
  }
  const events = [...latest.values()]
    .filter((e) => e.last !== null && e.last <= now && (q.from === undefined || e.last >= q.from))
    .map((e) => ({
      type: e.type,
      reason: e.reason,
      message: e.message,
      container: e.container,
      first: e.first,
      last: e.last,
      count: e.count,
    }))
    .sort((a, b) => b.last! - a.last!);
  const nodeName = timeline.node;
  const node = nodeName
    ? buildNodeTimeline({
        name: nodeName,
        versions: store.nodes.versions(nodeName),
        now,
        until: q.to,
        from: q.from ?? timeline.createdAt ?? timeline.observedFrom ?? undefined,
      })
    : null;
  return {
    timeline,
    events,
    window: { from: q.from ?? null, to: q.to ?? null },
    node,
    otherUids: candidates.filter((c) => c.uid !== record.uid).map((c) => c.uid),
    owners: ownerChain(l, q.namespace, timeline.owner, now),
    at: now,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

/**
 * Why podTimeline found nothing, as the 404's body: never seen, no such uid, or nothing by the
 * window's end (then `firstRecord`: when Lifeline's record of the pod starts).
 */
export function podMissing(
  l: Live,
  q: { namespace: string; name: string; uid?: string; to?: number },
): { error: string; firstRecord?: number } {
  const candidates = l.store.pods({ namespace: q.namespace, name: q.name });
  const pod = `${q.namespace}/${q.name}`;
  if (candidates.length === 0) return { error: `Lifeline has never seen a pod ${pod}.` };
  const chosen = q.uid ? candidates.filter((c) => c.uid === q.uid) : candidates;
  if (chosen.length === 0) return { error: `Lifeline has no pod ${pod} with uid ${q.uid}.` };
  const first = Math.min(...chosen.map((c) => c.firstSeen));
  return {
    error: `Lifeline has no record of ${pod} at or before ${iso(q.to ?? first)}: its record of that pod starts at ${iso(first)}.`,
    firstRecord: first,
  };
}
