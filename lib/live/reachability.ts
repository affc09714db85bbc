// Whether Lifeline can reach the cluster, from its watches' states: "unreachable" once none of them
// has had an answer for longer than a threshold (LIFELINE_UNREACHABLE_AFTER, default 2 minutes),
// so a monitor can tell an outage from a blip. Pure: `now` comes in, nothing is read or written.
import type { CollectorState } from "../kube/collector";
import { parseDuration } from "../text/duration";

export interface Reachability {
  /** "unreachable" once no watch has had an answer for longer than `unreachableAfterMs`. */
  state: "reachable" | "unreachable";
  /** Since when no watch has had an answer from the cluster (epoch ms), also before the threshold; null while it answers. */
  unreachableSince: number | null;
  unreachableAfterMs: number;
}

export const DEFAULT_UNREACHABLE_AFTER_MS = 2 * 60_000;

/** LIFELINE_UNREACHABLE_AFTER ("90s", "5m" …); throws a sentence on anything else. */
export function unreachableAfterFrom(env: Record<string, string | undefined>): number {
  const text = env.LIFELINE_UNREACHABLE_AFTER;
  return text ? parseDuration(text, "LIFELINE_UNREACHABLE_AFTER") : DEFAULT_UNREACHABLE_AFTER_MS;
}

/**
 * No answer means a watch retrying with no HTTP status (refused, reset, timed out, DNS) or a 5xx
 * (a proxy or load balancer in front of an API server that is gone). A 401 or 403 is an answer: the
 * cluster is there and says no, which the banner explains on its own. A watch in the "forbidden"
 * state (an optional resource not granted) is left out.
 */
export function reachability(
  connection: CollectorState,
  now: number,
  unreachableAfterMs = DEFAULT_UNREACHABLE_AFTER_MS,
): Reachability {
  // A watch forbidden for good (nodes, to a namespaced install) is asked again only every few
  // minutes: its last answer says nothing about the cluster now.
  const reflectors = (Array.isArray(connection?.reflectors) ? connection.reflectors : []).filter(
    (r) => r?.phase !== "forbidden",
  );
  const silent = reflectors.filter(
    (r) =>
      r?.phase === "retrying" &&
      (r.lastStatus === null || r.lastStatus === 0 || r.lastStatus >= 500),
  );
  if (!reflectors.length || silent.length < reflectors.length)
    return { state: "reachable", unreachableSince: null, unreachableAfterMs };
  const since = Math.min(...silent.map((r) => (Number.isFinite(r.since) ? r.since : now)));
  return {
    state: now - since > unreachableAfterMs ? "unreachable" : "reachable",
    unreachableSince: since,
    unreachableAfterMs,
  };
}
