// What health reads, taken from a pod's timeline and its node's (the pod page, its link preview,
// a pod snapshot): the same facts a row carries, so podHealth judges the pod page as the overview.
// Pure; never throws on a partial timeline.
import type { NodeTimeline } from "../nodes/node-timeline";
import type { StatusChange } from "../rows/pod-row";
import type { Interval, PodTimeline } from "../timeline/types";
import { podHealth, type Health, type NodeReadiness, type PodFacts } from ".";

const UNREACHABLE = "node.kubernetes.io/unreachable";
const NOT_READY = "node.kubernetes.io/not-ready";
const list = <T>(v: T[] | null | undefined): T[] =>
  Array.isArray(v) ? v.filter((x) => x && typeof x === "object") : [];
const fin = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The interval holding at `t` (the last one started by then). */
function at<T extends Interval>(xs: T[], t: number): T | undefined {
  let found: T | undefined;
  for (const x of xs) if (fin(x.start) !== null && x.start <= t) found = x;
  return found;
}

/** A node's readiness at `t` from its timeline (the Ready condition, the controller's taints). */
export function nodeReadinessOfTimeline(
  node: NodeTimeline | null | undefined,
  t: number,
): NodeReadiness | null {
  if (!node || typeof node !== "object") return null;
  const ready = at(
    list(node.conditions).filter((c) => c.type === "Ready"),
    t,
  );
  const open = list(node.taints).filter((x) => x.start <= t && (x.end === null || x.end > t));
  return {
    ready: typeof ready?.status === "string" ? ready.status : (node.ready?.status ?? ""),
    since: fin(ready?.start) ?? fin(node.ready?.since),
    unreachable: open.some((x) => x.key === UNREACHABLE),
    notReady: open.some((x) => x.key === NOT_READY),
  };
}

/** A pod's facts at `t` from its timeline, as a row would carry them. */
export function podFactsOfTimeline(
  tl: PodTimeline,
  t: number,
  node: NodeReadiness | null = null,
): PodFacts {
  const status = list(tl?.status);
  const phases = list(tl?.phases);
  const conditions = list(tl?.conditions);
  const containers = list(tl?.containers);
  const phaseAt = (x: number) => at(phases, x)?.phase ?? "";
  const readyAt = (x: number) =>
    at(
      conditions.filter((c) => c.type === "Ready"),
      x,
    )?.status === "True";
  // Restarts: each run after a container's first; the restart is when the run before it ended.
  const restarts = containers.flatMap((c) =>
    list(c.runs)
      .slice(1)
      .map((r, i) => ({ start: r.start, prevEnd: list(c.runs)[i]?.end ?? r.start })),
  );
  const restartsBy = (x: number) => restarts.filter((r) => r.start <= x).length;
  const lastRestart = restarts
    .filter((r) => r.start <= t)
    .reduce<number | null>((m, r) => (m === null || r.prevEnd > m ? r.prevEnd : m), null);
  const recent: StatusChange[] = status
    .filter((s) => s.start <= t)
    .map((s) => ({
      status: s.status,
      start: s.start,
      phase: phaseAt(s.start),
      ready: readyAt(s.start),
      restarts: restartsBy(s.start),
    }));
  const scheduled = at(
    conditions.filter((c) => c.type === "PodScheduled"),
    t,
  );
  const deletedAt = fin(tl?.deletedAt);
  const term = tl?.terminating;
  const facts: PodFacts = {
    status: at(status, t)?.status ?? (phaseAt(t) || "Unknown"),
    phase: phaseAt(t),
    podReady: readyAt(t),
    createdAt: fin(tl?.createdAt),
    deletedAt: deletedAt !== null && deletedAt <= t ? deletedAt : null,
    restartCount: containers.reduce((n, c) => n + (fin(c.restartCount) ?? 0), 0),
    lastRestartAt: lastRestart,
    node: typeof tl?.node === "string" ? tl.node : null,
    recent,
  };
  if (scheduled?.status === "False" && scheduled.reason === "Unschedulable")
    facts.unschedulable = (scheduled.message ?? "").slice(0, 300);
  if (term && fin(term.deadline) !== null && term.start <= t)
    facts.deletion = { at: term.deadline!, grace: fin(term.gracePeriodSeconds) ?? 0 };
  if (node && facts.node) facts.nodeState = node;
  return facts;
}

/** A pod's health at `t` from its timeline and its node's: podHealth over the same facts a row carries. */
export function timelineHealth(
  tl: PodTimeline,
  node: NodeTimeline | null | undefined,
  t: number,
): Health {
  return podHealth(podFactsOfTimeline(tl, t, nodeReadinessOfTimeline(node, t)), t);
}
