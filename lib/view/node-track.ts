// The pod page's node track: the pod's node Ready / NotReady / Unknown over time as boxes and its
// taints added and removed as markers, laid out on the pod timeline's axis (timeline-layout.ts).
import { isolate } from "../text/bidi";
import type { Translate } from "../i18n";
import type { NodeTimeline } from "../nodes/node-timeline";
import { PALETTE, type Box, type Item, type Tick } from "./timeline-layout";

/** kubectl get nodes' words for the Ready condition's status. */
export function readyWord(status: string): "Ready" | "NotReady" | "Unknown" {
  return status === "True" ? "Ready" : status === "False" ? "NotReady" : "Unknown";
}

// Read when drawing, not at import: timeline-layout.ts (PALETTE) imports this module.
const readyFill = (word: ReturnType<typeof readyWord>) =>
  word === "Ready" ? PALETTE.green : word === "NotReady" ? PALETTE.vermillion : PALETTE.grey;

export function taintText(t: { key: string; value: string | null; effect: string }): string {
  return `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`;
}

interface Helpers {
  t: Translate;
  px: (v: number | null) => number;
  box: (i: Item, rest: Omit<Box, keyof Item | "x" | "width" | "title">) => Box;
  title: (i: Item) => string;
}

export function nodeTrack(
  node: NodeTimeline,
  { t, px, box, title }: Helpers,
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
        { kind: "node-ready", fill: readyFill(word), hatched: word !== "Ready", label: word },
      );
    });
  const ticks: Tick[] = [];
  for (const taint of node.taints) {
    const text = taintText(taint);
    const fill = taint.effect === "NoExecute" ? PALETTE.vermillion : PALETTE.orange;
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
