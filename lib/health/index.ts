// One rule for a pod's health: ok, warning or failing, with the reason as a message key and its
// values. The overview's order and cells, the kiosk's cards and counts, /api/pods rows, link
// previews and snapshots all ask this function and nothing else. Pure: `now` comes in, no I/O,
// and a partial row (an old snapshot's, a malformed pod's) never makes it throw.
import type { MessageKey, Vars } from "../i18n";
import type { PodRow } from "../rows/pod-row";
import { formatDuration } from "../text/format";

export { workloadFactsOfTimeline, workloadHealth, type WorkloadFacts } from "./workload";

export type HealthLevel = "ok" | "warning" | "failing";

export interface Health {
  level: HealthLevel;
  /** Why, in words (null when ok and nothing to say). */
  reason: { key: MessageKey; vars: Vars } | null;
}

/** What is known of a node, as far as its pods' health goes. */
export interface NodeReadiness {
  /** The node's Ready condition: "True", "False", "Unknown", or "" when it reports none. */
  ready: string;
  /** When Ready last changed (its lastTransitionTime), or null. */
  since: number | null;
  /** node.kubernetes.io/unreachable: the node controller has lost the kubelet. */
  unreachable: boolean;
  /** node.kubernetes.io/not-ready. */
  notReady: boolean;
}

/** What health reads of a pod (the row's facts; the node's state is passed beside them). */
export type PodFacts = Pick<
  PodRow,
  | "status"
  | "phase"
  | "podReady"
  | "createdAt"
  | "deletedAt"
  | "lastRestartAt"
  | "restartCount"
  | "node"
> &
  Partial<Pick<PodRow, "recent" | "unschedulable" | "deletion" | "nodeState">>;

/** Pending, creating or initialising for longer than this is worth a look. */
export const PENDING_TOO_LONG_MS = 5 * 60_000;
/** A restart within this long ago is worth a look. */
export const RECENT_RESTART_MS = 3_600_000;
/**
 * Crash-looping: a back-off, or two restarts, within this long. The kubelet forgets a container's
 * back-off once it has run this long (10 minutes) without a crash, so a pod that stays up that long
 * is out of the loop.
 */
export const CRASH_LOOP_WINDOW_MS = 10 * 60_000;

/** Statuses that are fine on their own (the rest of the rules still apply). */
const FINE = new Set(["Running", "Completed", "Succeeded", "Terminating", "Deleted"]);
const STARTING = new Set(["Pending", "ContainerCreating", "PodInitializing"]);
const isStarting = (status: string) => STARTING.has(status) || /^Init:\d+\/\d+$/.test(status);
/** Waiting reasons of a container in back-off (the kubelet's CrashLoopBackOff, image pull back-off …). */
const BACK_OFF = /BackOff$/;

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const ok: Health = { level: "ok", reason: null };
const failing = (key: MessageKey, vars: Vars = {}): Health => ({
  level: "failing",
  reason: { key, vars },
});
const warning = (key: MessageKey, vars: Vars = {}): Health => ({
  level: "warning",
  reason: { key, vars },
});

/** The node is lost or not ready: its Ready is not True, or the node controller tainted it so. */
export function nodeTroubled(n: NodeReadiness | null | undefined): n is NodeReadiness {
  return !!n && (n.ready !== "True" || n.unreachable || n.notReady);
}

/** The node controller has lost the node: Ready Unknown, or the unreachable taint. */
export function nodeLost(n: NodeReadiness | null | undefined): boolean {
  return !!n && (n.ready === "Unknown" || n.unreachable);
}

/** What the node's Ready says, for words: "Unknown", "NotReady" (False), or "unreachable". */
function nodeWord(n: NodeReadiness): string {
  if (n.ready === "Unknown") return "Unknown";
  if (n.ready === "False" || n.notReady) return "NotReady";
  if (n.unreachable) return "unreachable";
  return typeof n.ready === "string" && n.ready ? n.ready : "Unknown";
}

/** Restarts and back-offs the pod's lane shows within the crash-loop window before `now`. */
function crashLoop(p: PodFacts, now: number): { restarts: number; backOff: boolean } {
  const from = now - CRASH_LOOP_WINDOW_MS;
  const recent = Array.isArray(p.recent) ? p.recent : [];
  let restarts = 0;
  let backOff = false;
  for (let i = 0; i < recent.length; i++) {
    const c = recent[i];
    if (!c || typeof c.start !== "number") continue;
    const end = i + 1 < recent.length ? (recent[i + 1]?.start ?? now) : now;
    if (end > from && typeof c.status === "string" && BACK_OFF.test(c.status)) backOff = true;
    if (
      c.start > from &&
      i > 0 &&
      num(c.restarts) !== null &&
      num(recent[i - 1]?.restarts) !== null &&
      c.restarts > recent[i - 1].restarts
    )
      restarts += c.restarts - recent[i - 1].restarts;
  }
  // The lane may begin after the last restart (a server that just started): RESTARTS' time still counts it.
  const last = num(p.lastRestartAt);
  if (restarts === 0 && last !== null && last > from) restarts = 1;
  return { restarts, backOff };
}

/** Times the pod's lane shows its readiness lost while Running within the crash-loop window, and the last. */
function readinessDrops(p: PodFacts, now: number): { n: number; last: number | null } {
  const from = now - CRASH_LOOP_WINDOW_MS;
  const recent = Array.isArray(p.recent) ? p.recent : [];
  let n = 0;
  let last: number | null = null;
  for (let i = 1; i < recent.length; i++) {
    const c = recent[i];
    if (!c || typeof c.start !== "number" || c.start <= from || c.phase !== "Running") continue;
    if (c.ready === false && recent[i - 1]?.ready === true) {
      n++;
      last = c.start;
    }
  }
  return { n, last };
}

/**
 * A pod's health at `now`, from its row and its node's state (`node`; by default the one the row
 * carries). The first rule that holds decides:
 * failing: stuck Terminating on a lost node, Unschedulable, a failure STATUS, crash-looping;
 * warning: on a node that is not Ready, Terminating past its grace period, starting for too long,
 * Running but not ready, readiness lost within 10 minutes, restarted within the hour; else ok.
 */
export function podHealth(p: PodFacts, now: number, nodeGiven?: NodeReadiness | null): Health {
  if (!p || typeof p !== "object") return ok;
  const node = nodeGiven === undefined ? p.nodeState : nodeGiven;
  const status = typeof p.status === "string" ? p.status : "";
  if (num(p.deletedAt) !== null || status === "Deleted") return ok;
  const nodeName = typeof p.node === "string" ? p.node : "";
  const deleteBy = num(p.deletion?.at);
  const pastGrace = deleteBy !== null && now > deleteBy;
  if (pastGrace && nodeName && nodeLost(node))
    return failing("health.stuckOnLostNode", {
      node: nodeName,
      d: formatDuration(now - deleteBy, "elapsed"),
    });
  if (typeof p.unschedulable === "string" && p.phase === "Pending" && !nodeName) {
    return failing(p.unschedulable ? "health.unschedulable" : "health.unschedulableBare", {
      message: p.unschedulable,
    });
  }
  const starting = isStarting(status);
  if (!FINE.has(status) && !starting)
    return failing("problem.failing", { status: status || "Unknown" });
  const loop = deleteBy === null ? crashLoop(p, now) : { restarts: 0, backOff: false };
  if (loop.backOff || loop.restarts >= 2) {
    const last = num(p.lastRestartAt);
    return failing("health.crashLooping", {
      n: num(p.restartCount) ?? loop.restarts,
      d: last !== null ? formatDuration(now - last, "elapsed") : "—",
    });
  }
  if (nodeName && nodeTroubled(node)) {
    const since = num(node.since);
    const vars = {
      node: nodeName,
      state: nodeWord(node),
      d: since !== null ? formatDuration(now - since, "elapsed") : "",
    };
    return warning(since !== null ? "health.nodeNotReady" : "health.nodeNotReadyNoTime", vars);
  }
  if (pastGrace)
    return warning("health.terminatingLong", { d: formatDuration(now - deleteBy, "elapsed") });
  if (starting) {
    const since = num(p.createdAt) ?? now;
    if (now - since > PENDING_TOO_LONG_MS)
      return warning("problem.pending", { d: formatDuration(now - since, "elapsed") });
  }
  if (status === "Running" && !p.podReady) return warning("problem.notReady");
  // Ready at this moment, but a readiness probe that keeps failing takes it out of its Services again
  // and again: not fine between two failures. Only a pod Ready now (a Completed one is not flapping).
  const drops = p.podReady === true ? readinessDrops(p, now) : { n: 0, last: null };
  if (drops.n > 0 && drops.last !== null)
    return warning("health.readinessFlapping", {
      n: drops.n,
      d: formatDuration(now - drops.last, "elapsed"),
    });
  const last = num(p.lastRestartAt);
  if (last !== null && now - last < RECENT_RESTART_MS)
    return warning("problem.restarted", { d: formatDuration(now - last, "elapsed") });
  return ok;
}

/** Failing first, then warning, then ok. */
export function healthRank(h: Health): number {
  return h.level === "failing" ? 2 : h.level === "warning" ? 1 : 0;
}

export interface HealthCounts {
  failing: number;
  warning: number;
  ok: number;
  /** Distinct nodes under these pods whose Ready is not True (or that are tainted so). */
  nodesNotReady: string[];
}

/** The counts a header shows for a set of rows. */
export function healthCounts(rows: PodFacts[], now: number): HealthCounts {
  const out: HealthCounts = { failing: 0, warning: 0, ok: 0, nodesNotReady: [] };
  const nodes = new Set<string>();
  for (const r of rows) {
    out[podHealth(r, now).level]++;
    if (typeof r.node === "string" && r.node && nodeTroubled(r.nodeState)) nodes.add(r.node);
  }
  out.nodesNotReady = [...nodes].sort();
  return out;
}
