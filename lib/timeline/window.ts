// A timeline seen through a time window. Build it with `now` = the window's end and only the
// observations and events up to then (so it says what was known at that moment), then clip:
// whatever ended before the window's start is left out; what overlaps it is kept whole.
import type { Interval, PodTimeline } from "./types";

export function clipTimeline(t: PodTimeline, from: number): PodTimeline {
  const keep = <T extends Interval>(items: T[]): T[] =>
    items.filter((i) => i.end === null || i.end >= from);
  return {
    ...t,
    phases: keep(t.phases),
    status: keep(t.status),
    conditions: keep(t.conditions),
    containers: t.containers.map((c) => ({
      ...c,
      runs: keep(c.runs),
      waiting: keep(c.waiting),
      ready: keep(c.ready),
      backoffs: keep(c.backoffs),
      probes: c.probes.filter((p) => p.at >= from),
    })),
    markers: t.markers.filter((m) => m.at >= from),
  };
}
