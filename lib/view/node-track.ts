// The pod page's node track: the pod's node Ready / NotReady / Unknown over time as boxes and its
// taints added and removed as markers, laid out on the pod timeline's axis (timeline-layout.ts).
import { isolate } from "../text/bidi";
import type { NodeTimeline } from "../nodes/node-timeline";
import { nodeReadyFill, taintFill } from "./palette";
import type { Box, Item, LayoutHelpers, Tick } from "./timeline-types";

/** kubectl get nodes' words for the Ready condition's status. */
export function readyWord(status: string): "Ready" | "NotReady" | "Unknown" {
  return status === "True" ? "Ready" : status === "False" ? "NotReady" : "Unknown";
}

export function taintText(t: { key: string; value: string | null; effect: string }): string {
  return `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`;
}

export function nodeTrack(
  node: NodeTimeline,
  { t, px, box, title }: LayoutHelpers,
): { label: string; boxes: Box[]; ticks: Tick[] } {
  const name = node.name;
  const boxes = node.conditions
    .filter((c) => c.type === "Ready")
    .map((c) => {
      const word = readyWord(c.status);
      const what = c.reason
        ? t("tt.node.readyReason", { name, state: word, reason: isolate(c.reason) })
        : t("tt.node.ready", { name, state: word });
      return box(
        { what, start: c.start, end: c.end, message: c.message },
        { kind: "node-ready", fill: nodeReadyFill(word), hatched: word !== "Ready", label: word },
      );
    });
  const ticks: Tick[] = [];
  for (const taint of node.taints) {
    const text = taintText(taint);
    const fill = taintFill(taint.effect);
    const short = `${taint.key.split("/").at(-1)}:${taint.effect}`;
    const added: Item = {
      what: t("tt.taint.added", { taint: text, name }),
      start: taint.start,
      end: taint.start,
    };
    ticks.push({
      ...added,
      x: px(taint.start),
      kind: "taint-added",
      fill,
      shape: "down",
      label: short,
      title: title(added),
    });
    if (taint.end !== null) {
      const removed: Item = {
        what: t("tt.taint.removed", { taint: text, name }),
        start: taint.end,
        end: taint.end,
      };
      ticks.push({
        ...removed,
        x: px(taint.end),
        kind: "taint-removed",
        fill,
        shape: "down-open",
        title: title(removed),
      });
    }
  }
  ticks.sort((a, b) => a.start - b.start);
  return { label: t("tr.node", { name }), boxes, ticks };
}
