// One pod's lane over a window, as the overview draws it (lib/view/lanes' fills): its kubectl
// STATUS stretches, readiness under them, restarts as ticks.
import type { Lane } from "@/lib/view/overview";
import { segmentFill, segmentHatched } from "@/lib/view/lanes";
import { READY_FILL } from "@/lib/view/palette";
import { Strip } from "./Strip";

export function PodLane({
  lane,
  from,
  to,
  label,
  describe,
}: {
  lane: Lane;
  from: number;
  to: number;
  label: string;
  /** A stretch's tooltip text (its status and times, in the page's words and zone). */
  describe: (what: string, start: number, end: number) => string;
}) {
  const boxes = lane.segments
    .filter((s) => s.end >= from && s.start <= to)
    .map((s) => ({
      start: s.start,
      end: s.end,
      fill: segmentFill(s),
      hatched: segmentHatched(s),
      detail: describe(s.unkept ? "…" : s.status || s.phase, s.start, s.end),
    }));
  return (
    <Strip
      boxes={boxes}
      from={from}
      to={to}
      label={label}
      under={lane.ready.map((r) => ({
        ...r,
        fill: READY_FILL,
        detail: describe("Ready", r.start, r.end),
      }))}
      ticks={lane.restarts.map((r) => ({
        at: r.at,
        detail: describe(`restart ${r.count}`, r.at, r.at),
      }))}
    />
  );
}
