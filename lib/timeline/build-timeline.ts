import { TimelineBuilder } from "./timeline-builder";
import type { Observation, PodTimeline, TimelineInput } from "./types";

/**
 * Whether the observations are objects with finite times already in observedAt order: then the
 * stable sort below would leave them as they are. Anything else (malformed items, times that
 * are not numbers) takes the sort, as before.
 */
function inOrder(observations: readonly unknown[]): boolean {
  let previous = -Infinity;
  for (let i = 0; i < observations.length; i++) {
    const o = observations[i] as Observation | null;
    if (!o || typeof o !== "object") return false;
    const t = o.observedAt;
    if (typeof t !== "number" || !Number.isFinite(t) || t < previous) return false;
    previous = t;
  }
  return true;
}

/**
 * Builds one pod's timeline from its observed versions, the events that name it, its node and
 * `now`. Pure: no clock reads, no I/O; never throws on partial objects (see `warnings`).
 */
export function buildTimeline(input: TimelineInput): PodTimeline {
  const builder = new TimelineBuilder();
  const observations = Array.isArray(input?.observations) ? input.observations : [];
  // A backfill's single version, or a store's versions read in order: nothing to sort.
  const ordered = inOrder(observations)
    ? observations
    : observations
        .filter((o): o is Observation => !!o && typeof o === "object")
        .map((o, i) => ({ o, i }))
        .sort((a, b) => a.o.observedAt - b.o.observedAt || a.i - b.i)
        .map(({ o }) => o);
  for (const o of ordered) builder.observe(o);
  // The builder is dropped here: its intervals can go to the timeline as they are, not copied.
  return builder.buildOnce({ events: input?.events, node: input?.node, now: input?.now });
}
