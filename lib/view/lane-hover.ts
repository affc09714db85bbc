// The sentence the overview's lane tooltip shows for a pod at a moment under the pointer: the
// restart near it, else the stretch it falls in (a stretch whose changes were not kept, or the
// pod's status and phase from when to when, "now" for the open one), else that the window has
// nothing there. Pure: the moment, the clock and the language are arguments.
import type { Translate } from "../i18n";
import type { PodRow } from "../rows/pod-row";
import { isolate } from "../text/bidi";
import { formatDuration, formatTime, type Tz } from "../text/format";
import { laneOf, restartNear, segmentAt } from "./overview";

export interface LaneHoverContext {
  /** The clock (the server's now, or the moment a frozen view stands for). */
  now: number;
  /** The window's end: the lane is cut there. */
  to: number;
  /** How far from `at` a restart still counts as under the pointer, in ms (a few pixels' worth). */
  tolerance: number;
  tz: Tz;
  t: Translate;
}

export function laneHoverText(row: PodRow, at: number, c: LaneHoverContext): string {
  const { now, tz, t } = c;
  const lane = laneOf(row, Math.min(now, c.to));
  const restart = restartNear(lane, at, c.tolerance);
  const seg = segmentAt(lane, at);
  if (restart)
    return `${row.name}: ${t("lg.restart")} → ${restart.count} · ${formatTime(restart.at, tz)}`;
  if (seg?.unkept)
    return `${row.name}: ${t("lg.lane.unkept")} · ${formatTime(seg.start, tz)} → ${formatTime(seg.end, tz)} (${formatDuration(seg.end - seg.start)})`;
  if (seg)
    return `${row.name}: ${isolate(seg.status)} (${seg.phase}) · ${formatTime(seg.start, tz)} → ${seg.end >= now ? t("tt.now") : formatTime(seg.end, tz)} (${formatDuration(seg.end - seg.start)})${seg.unobserved ? ` · ${t("lg.unobserved")}` : ""}`;
  return `${row.name}: ${t("ov.lane.empty")}`;
}
