// The rows the server keeps live: one per pod the cluster has now, the last rows of pods removed
// lately, and what a change of either sends: a delta to the hub's streams and the new row to the
// windowed overview's views (lib/live/views.ts). Fed by Live with each pod observation and each
// change of a node's state.
import type { Pod } from "../k8s/types";
import type { Observation } from "../kube/reflector";
import { matches, type Filter, type StreamHub } from "../stream/hub";
import {
  laneState,
  noteStatus,
  podRow,
  rowAt,
  rowMatches,
  type PodRow,
  type RowFilter,
} from "../rows/pod-row";
import type { NodeFacts } from "./node-facts";
import { Views } from "./views";

/** Removed pods whose last rows are kept for the live overview (about 2 KB each). */
export const REMOVED_KEPT = 10_000;

export class LiveRows {
  /** Pods the cluster has now, by uid, as rows (all a list needs; a fraction of a pod's size). */
  readonly current = new Map<string, PodRow>();
  /** The last rows of pods removed lately (the newest REMOVED_KEPT): a live overview draws them while its window covers them. */
  private readonly removed = new Map<string, PodRow>();
  /** The live overview's windowed streams. */
  readonly views: Views;

  constructor(
    private readonly hub: StreamHub<PodRow>,
    private readonly nodes: NodeFacts,
    now: () => number,
  ) {
    this.views = new Views({
      hub,
      rows: () => [...this.current.values(), ...this.removed.values()],
      now,
    });
  }

  /** Current pods matching `filter`, as stored: no copies, in no order. */
  stored(filter: Filter & RowFilter = {}): PodRow[] {
    const out: PodRow[] = [];
    for (const r of this.current.values())
      if (matches(filter, r) && rowMatches(filter, r)) out.push(r);
    return out;
  }

  observePod(o: Observation): void {
    const pod = o.object as Pod;
    const uid = pod.metadata?.uid;
    if (!uid) return;
    const base = {
      uid,
      namespace: pod.metadata?.namespace ?? "",
      name: pod.metadata?.name ?? "",
      labels: pod.metadata?.labels ?? {},
      resourceVersion: pod.metadata?.resourceVersion,
    };
    if (o.type === "DELETED") {
      // A tombstone (DELETED after a relist) carries only the pod's identity: use the last row kept.
      const last = this.current.get(uid) ?? podRow(pod, o.observedAt);
      this.current.delete(uid);
      const recent = noteStatus(
        last.recent,
        { ...laneState(last), status: "Deleted", ready: false },
        o.observedAt,
      );
      const row: PodRow = {
        ...rowAt(last, o.observedAt),
        status: "Deleted",
        podReady: false,
        deletedAt: o.observedAt,
        recent,
      };
      this.hub.publish({
        ...base,
        namespace: last.namespace,
        name: last.name,
        labels: last.labels,
        type: "removed",
        row,
      });
      this.keepRemoved(row);
    } else {
      const prev = this.current.get(uid);
      const row = podRow(
        pod,
        o.observedAt,
        null,
        prev?.recent,
        this.nodes.troubled(pod.spec?.nodeName),
      );
      row.recent = noteStatus(row.recent, laneState(row), o.observedAt);
      row.watchedFrom = prev?.watchedFrom ?? o.observedAt;
      this.current.set(uid, row);
      this.removed.delete(uid);
      this.hub.publish({ ...base, type: "pod", row });
      this.views.changed(row);
    }
  }

  /** A node's state changed: the rows of its pods carry the new state (health reads it there). */
  nodeChanged(name: string): void {
    const state = this.nodes.troubled(name);
    for (const [uid, r] of this.current) {
      if (r.node !== name || (!state && !r.nodeState)) continue;
      const row: PodRow = { ...r };
      if (state) row.nodeState = state;
      else delete row.nodeState;
      this.current.set(uid, row);
      this.views.changed(row);
      this.hub.publish({
        uid,
        namespace: r.namespace,
        name: r.name,
        labels: r.labels,
        type: "pod",
        row,
      });
    }
  }

  close(): void {
    this.views.close();
  }

  /** A removed pod's last row, for the live overview's window; the oldest go past REMOVED_KEPT. */
  private keepRemoved(row: PodRow): void {
    this.removed.set(row.uid, row);
    this.views.changed(row);
    for (const uid of this.removed.keys()) {
      if (this.removed.size <= REMOVED_KEPT) break;
      this.removed.delete(uid);
      this.views.forget(uid);
    }
  }
}
