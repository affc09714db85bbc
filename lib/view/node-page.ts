// The node page's content as plain data: one track per node condition (Ready first), one per
// taint, one for cordons, each clipped to the window; the pods that ran on the node in it, each
// with its lane (lib/view/overview's laneOf, as the overview draws it); and, when the node is not
// Ready, what that took with it: the pods that were on it when it stopped being Ready and what
// became of each. Pure: `now` is passed in; the component draws the result.
import type { NodeTimeline } from "../nodes/node-timeline";
import type { PodRow } from "../rows/pod-row";
import { readyWord, taintText } from "./node-track";
import { laneOf, segmentAt, type Lane } from "./overview";
import { nodeReadyFill, PALETTE, taintFill } from "./palette";

export interface NodeBox {
  start: number;
  end: number;
  fill: string;
  hatched: boolean;
  /** A short word drawn inside the box when it is wide enough. */
  label: string;
  /** The box's whole story, for its tooltip. */
  detail: string;
}

export interface NodeTrack {
  key: string;
  /** Condition type, taint (key=value:effect) or "cordoned". */
  label: string;
  kind: "condition" | "taint" | "cordon";
  boxes: NodeBox[];
}

export interface NodePodLane {
  row: PodRow;
  lane: Lane;
}

export interface NodeLoss {
  /** When Ready stopped being True, for the stretch that lasts until the window's end. */
  since: number;
  status: string;
  reason: string | null;
  /** Pods on the node then (created before, not yet deleted), and what became of each. */
  pods: { row: PodRow; fate: "deleted" | "terminating" | "still-there" }[];
}

export interface NodePage {
  tracks: NodeTrack[];
  pods: NodePodLane[];
  loss: NodeLoss | null;
}

const FINISHED = new Set(["Succeeded", "Failed"]);

// The conditions kubelet reports, in `kubectl describe node`'s order; others follow by name.
const ORDER = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable"];

const rank = (type: string) => {
  const i = ORDER.indexOf(type);
  return i < 0 ? ORDER.length : i;
};

/** A pressure or NetworkUnavailable condition is a problem when True; Ready is one when not. */
function conditionBox(type: string, status: string): { fill: string; hatched: boolean } {
  if (type === "Ready") {
    const word = readyWord(status);
    return { fill: nodeReadyFill(word), hatched: word !== "Ready" };
  }
  if (status === "False") return { fill: PALETTE.green, hatched: false };
  if (status === "True") return { fill: PALETTE.vermillion, hatched: true };
  return { fill: PALETTE.grey, hatched: true };
}

function clip(start: number, end: number | null, from: number, to: number) {
  const s = Math.max(start, from);
  const e = Math.min(end ?? to, to);
  return e > s || (e === s && start >= from && start <= to) ? { start: s, end: e } : null;
}

export function nodePage(input: {
  node: NodeTimeline | null;
  pods: readonly PodRow[];
  from: number;
  to: number;
  now: number;
}): NodePage {
  const { node, from, to } = input;
  const tracks: NodeTrack[] = [];
  if (node) {
    const types = [...new Set(node.conditions.map((c) => c.type))].sort(
      (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
    );
    for (const type of types) {
      const boxes: NodeBox[] = [];
      for (const c of node.conditions) {
        if (c.type !== type) continue;
        const span = clip(c.start, c.end, from, to);
        if (!span) continue;
        const label = type === "Ready" ? readyWord(c.status) : c.status;
        boxes.push({
          ...span,
          ...conditionBox(type, c.status),
          label,
          detail: [`${type}=${c.status}`, c.reason, c.message].filter(Boolean).join(" · "),
        });
      }
      tracks.push({ key: `condition:${type}`, label: type, kind: "condition", boxes });
    }
    const taints = new Map<string, NodeBox[]>();
    for (const taint of node.taints) {
      const span = clip(taint.start, taint.end, from, to);
      if (!span) continue;
      const text = taintText(taint);
      const list = taints.get(text) ?? [];
      list.push({
        ...span,
        fill: taintFill(taint.effect),
        hatched: taint.effect === "NoExecute",
        label: taint.effect,
        detail: text,
      });
      taints.set(text, list);
    }
    for (const [text, boxes] of [...taints].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      tracks.push({ key: `taint:${text}`, label: text, kind: "taint", boxes });
    const cordons = node.unschedulable
      .map((u) => clip(u.start, u.end, from, to))
      .filter((s): s is { start: number; end: number } => s !== null)
      .map((s) => ({
        ...s,
        fill: PALETTE.orange,
        hatched: true,
        label: "SchedulingDisabled",
        detail: "unschedulable (cordoned)",
      }));
    if (cordons.length)
      tracks.push({ key: "cordon", label: "cordoned", kind: "cordon", boxes: cordons });
  }

  const alive = (r: PodRow) =>
    (r.createdAt ?? -Infinity) <= to && (r.deletedAt ?? Infinity) >= from;
  const rows = input.pods
    .filter(alive)
    .sort(
      (a, b) =>
        (a.createdAt ?? 0) - (b.createdAt ?? 0) ||
        (a.namespace + "/" + a.name < b.namespace + "/" + b.name ? -1 : 1),
    );
  const pods = rows.map((row) => ({ row, lane: laneOf(row, Math.min(input.now, to)) }));

  let loss: NodeLoss | null = null;
  const last = node?.conditions
    .filter((c) => c.type === "Ready" && c.start <= to)
    .sort((a, b) => a.start - b.start)
    .at(-1);
  if (last && last.status !== "True" && (last.end === null || last.end > to)) {
    const since = last.start;
    // On the node then: created, not deleted, and not finished (a completed Job's pod is not on
    // it, as `kubectl describe node` counts non-terminated pods).
    const on = rows.filter((r) => {
      if ((r.createdAt ?? -Infinity) > since || (r.deletedAt ?? Infinity) <= since) return false;
      const then = segmentAt(laneOf(r, Math.min(input.now, to)), since);
      return !then || !FINISHED.has(then.phase);
    });
    loss = {
      since,
      status: last.status,
      reason: last.reason,
      pods: on.map((row) => ({
        row,
        fate:
          row.deletedAt !== null && row.deletedAt <= to
            ? "deleted"
            : row.deletion
              ? "terminating"
              : "still-there",
      })),
    };
  }
  return { tracks, pods, loss };
}
