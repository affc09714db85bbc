// @vitest-environment happy-dom
// The legend says what the chart draws: a failed run is solid vermillion (hatching is for waiting
// and for what is not True), so its swatch is solid too; a waiting stretch is hatched orange.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { story, storyInput } from "@/lib/fixtures";
import { translator } from "@/lib/i18n";
import { buildTimeline } from "@/lib/timeline";
import { hatchSwatch, runFill, WAITING_FILL } from "@/lib/view/palette";
import { layoutTimeline } from "@/lib/view/timeline-layout";
import { PodLegend } from "./PodLegend";

const t = translator("en");

afterEach(cleanup);

function swatch(label: string): string {
  const item = screen.getByText(label).closest("li");
  const span = item?.querySelector("span");
  if (!span) throw new Error(`no swatch beside "${label}"`);
  // The style as written, without the spaces the DOM adds and in one case.
  return (span.getAttribute("style") ?? "").replace(/\s+/g, "").toLowerCase();
}

describe("the pod page's legend", () => {
  it("draws a failed run and a waiting stretch the way the chart does", () => {
    const input = storyInput(story("backoff-fast")!);
    const layout = layoutTimeline(buildTimeline(input), input.now, { width: 1200, t });
    const boxes = layout.rows.flatMap((r) => r.boxes);
    const failed = boxes.find((b) => b.kind === "run" && b.fill === runFill(1, "Error"));
    const waiting = boxes.find((b) => b.kind === "waiting");
    expect(failed?.hatched ?? false).toBe(false);
    expect(waiting?.hatched).toBe(true);

    render(<PodLegend />);
    const failedSwatch = swatch(t("lg.run.failed"));
    expect(failedSwatch).not.toContain("gradient");
    expect(failedSwatch).toContain(runFill(1, "Error").toLowerCase());
    expect(swatch(t("lg.waiting"))).toContain(
      hatchSwatch("orange").replace(/\s+/g, "").toLowerCase(),
    );
    expect(WAITING_FILL).toBe(waiting?.fill);
  });
});
