import { TimelineBuilder } from "./timeline-builder";
import type { Observation, PodTimeline, TimelineInput } from "./types";

/**
 * Builds one pod's timeline from its observed versions, the events that name it, its node and
 * `now`. Pure: no clock reads, no I/O; never throws on partial objects (see `warnings`).
 */
export function buildTimeline(input: TimelineInput): PodTimeline {
  const builder = new TimelineBuilder();
  const observations = Array.isArray(input?.observations) ? input.observations : [];
  const ordered = observations
    .filter((o): o is Observation => !!o && typeof o === "object")
    .map((o, i) => ({ o, i }))
    .sort((a, b) => a.o.observedAt - b.o.observedAt || a.i - b.i);
  for (const { o } of ordered) builder.observe(o);
  return builder.build({ events: input?.events, node: input?.node, now: input?.now });
}
