// @vitest-environment happy-dom
// The pod timeline from the keyboard: a focused container track opens its latest run on Enter or
// Space (its last item is often a back-off bracket or a waiting box, which has no log).
import { cleanup, fireEvent, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { story, storyInput } from "@/lib/fixtures";
import { buildTimeline } from "@/lib/timeline";
import { layoutTimeline } from "@/lib/view/timeline-layout";
import { PodTimelineChart, type Picked } from "./PodTimelineChart";

afterEach(cleanup);

const input = storyInput(story("backoff-fast")!);
const layout = layoutTimeline(buildTimeline(input), input.now, {});
const row = layout.rows.find((r) => r.id === "container-cli")!;
const runs = row.boxes.filter((b) => b.kind === "run");

function chart() {
  const picked: Picked[] = [];
  const hovered: (Picked | null)[] = [];
  const { container } = render(
    <PodTimelineChart
      layout={layout}
      label="pod"
      summary="pod"
      onHover={(p) => hovered.push(p)}
      onSelect={(p) => picked.push(p)}
    />,
  );
  const track = container.querySelector<SVGGElement>('g[data-row="container-cli"]')!;
  track.focus();
  return { track, picked, hovered };
}

describe("PodTimelineChart, keyboard", () => {
  it("the fixture's track ends with something that is not a run (the case to fix)", () => {
    const items = [...row.boxes, ...row.brackets, ...row.ticks].sort((a, b) => a.start - b.start);
    expect(runs.length).toBeGreaterThan(1);
    expect(items.at(-1)).not.toBe(runs.at(-1));
  });

  it.each(["Enter", " "])("%j with nothing picked opens the track's latest run", (key) => {
    const { track, picked } = chart();
    fireEvent.keyDown(track, { key });
    expect(picked).toHaveLength(1);
    expect(picked[0].item.attempt).toBe(runs.at(-1)!.attempt);
    expect(picked[0].item).toMatchObject({ kind: "run", container: "cli" });
  });

  it("←/→ still step through every item; Enter then opens the item stepped to", () => {
    const { track, picked, hovered } = chart();
    fireEvent.keyDown(track, { key: "ArrowLeft" });
    fireEvent.keyDown(track, { key: "ArrowLeft" });
    const stepped = hovered.at(-1)!.item;
    fireEvent.keyDown(track, { key: "Enter" });
    expect(picked[0].item).toBe(stepped);
    fireEvent.keyDown(track, { key: "ArrowRight" });
    expect(hovered.at(-1)!.item).not.toBe(stepped);
  });

  it("after Enter opened the latest run, ← steps back from that run", () => {
    const { track, hovered, picked } = chart();
    fireEvent.keyDown(track, { key: "Enter" });
    fireEvent.keyDown(track, { key: "ArrowLeft" });
    const items = [...row.boxes, ...row.brackets.map((b) => ({ ...b, x: b.x1 })), ...row.ticks];
    items.sort((a, b) => a.start - b.start);
    const at = items.findIndex((i) => i === picked[0].item);
    expect(hovered.at(-1)!.item.start).toBe(items[at - 1].start);
  });
});

describe("PodTimelineChart, a run shorter than a pixel", () => {
  // Found by e2e/logs.spec.ts: `echo …; exit 1` starts and finishes in the same second, so its run
  // is 1 px wide, and the CrashLoopBackOff wait that begins that second was drawn over it: a click
  // on the run (to open its log) selected the wait.
  it("is drawn at least 3 px wide, above the boxes that start where it ends", () => {
    const first = runs[0];
    const wait = { ...first, kind: "waiting" as const, label: "CrashLoopBackOff", width: 80 };
    const narrow = {
      ...layout,
      rows: layout.rows.map((r) =>
        r === row
          ? { ...r, boxes: [{ ...first, width: 1 }, { ...wait, x: first.x }, ...r.boxes.slice(1)] }
          : r,
      ),
    };
    const { container } = render(<PodTimelineChart layout={narrow} label="pod" summary="pod" />);
    const groups = [
      ...container.querySelectorAll<SVGGElement>('g[data-row="container-cli"] g[data-kind]'),
    ];
    const run = groups.findIndex(
      (g) => g.dataset.label === first.label && g.dataset.kind === "run",
    );
    const waiting = groups.findIndex((g) => g.dataset.kind === "waiting");
    expect(run).toBeGreaterThan(waiting);
    expect(Number(groups[run].querySelector("rect")!.getAttribute("width"))).toBeGreaterThanOrEqual(
      3,
    );
  });
});
