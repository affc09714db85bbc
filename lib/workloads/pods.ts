// A workload's pods grouped by the revision they were made from, and "why is this rollout stuck":
// the new revision's pods that are not available and what each one says, judged by the one pod
// health rule (lib/health podHealth over the pod's timeline, as the pod page does). Pure.
import { nodeTroubled, podHealth, type Health, type NodeReadiness } from "../health";
import { podFactsOfTimeline } from "../health/timeline-facts";
import { translate } from "../i18n";
import { formatDuration } from "../text/format";
import type { PodTimeline } from "../timeline/types";
import { numberAt, type RevisionOwner } from "./revisions";
import { conditionOf, rolloutStatus } from "./rollout-status";
import type { PodGroup, PodRef, Rollout, StuckExplanation, StuckPod, WorkloadPod } from "./types";
import type { WorkloadState } from "./workload-state";

const fin = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const arr = <T>(v: T[] | null | undefined): T[] =>
  Array.isArray(v) ? v.filter((x) => x && typeof x === "object") : [];

/** The pod's StatefulSet ordinal: `apps.kubernetes.io/pod-index` (1.28+), else the name's suffix. */
export function ordinalOf(
  name: string,
  labels: Record<string, string> | null | undefined,
): number | null {
  const label = labels?.["apps.kubernetes.io/pod-index"];
  if (typeof label === "string" && /^\d+$/.test(label)) return Number(label);
  const m = /-(\d+)$/.exec(name);
  return m ? Number(m[1]) : null;
}

/** The owner (ReplicaSet, ControllerRevision, Job) a pod was made from. */
function ownerOfPod(kind: string, p: WorkloadPod, owners: RevisionOwner[]): RevisionOwner | null {
  const labels = p.labels && typeof p.labels === "object" ? p.labels : {};
  const tl = p.timeline;
  if (kind === "Deployment") {
    const h = labels["pod-template-hash"];
    return (
      owners.find((o) => h && o.hash === h) ??
      owners.find((o) => tl?.owner?.kind === "ReplicaSet" && o.name === tl.owner.name) ??
      null
    );
  }
  if (kind === "StatefulSet" || kind === "DaemonSet") {
    // A StatefulSet's pods carry the revision's name, a DaemonSet's only its hash.
    const h = labels["controller-revision-hash"];
    return h
      ? (owners.find((o) => o.name === h) ?? owners.find((o) => o.hash === h) ?? null)
      : null;
  }
  if (kind === "CronJob") {
    const job = labels["batch.kubernetes.io/job-name"] ?? labels["job-name"];
    return (
      owners.find((o) => job && o.name === job) ??
      owners.find((o) => tl?.owner?.kind === "Job" && o.name === tl.owner.name) ??
      null
    );
  }
  return null;
}

const readyIntervals = (tl: PodTimeline) =>
  arr(tl.conditions).filter((c) => c.type === "Ready" && c.status === "True");

function podRef(p: WorkloadPod, kind: string): PodRef {
  const tl = p.timeline;
  const name = typeof tl.name === "string" ? tl.name : "";
  return {
    uid: typeof tl.uid === "string" ? tl.uid : "",
    name,
    start: fin(tl.createdAt) ?? fin(tl.observedFrom),
    end: fin(tl.deletedAt),
    node: typeof tl.node === "string" ? tl.node : null,
    ordinal: kind === "StatefulSet" ? ordinalOf(name, p.labels) : null,
    readyAt: readyIntervals(tl)[0]?.start ?? null,
  };
}

/** Pods by revision, oldest revision first; StatefulSet pods by ordinal, others by start. */
export function podGroups(
  kind: string,
  pods: WorkloadPod[],
  owners: RevisionOwner[],
  current: string | null,
  now: number,
): { groups: PodGroup[]; unclaimed: number } {
  const groups = new Map<string, PodGroup>();
  let unclaimed = 0;
  for (const p of arr(pods)) {
    if (!p.timeline || typeof p.timeline !== "object") continue;
    const o = kind === "Job" ? null : ownerOfPod(kind, p, owners);
    if (!o && kind !== "Job") unclaimed++;
    const key = o ? o.name : "";
    let g = groups.get(key);
    if (!g) {
      g = {
        revision: o ? numberAt(o, now) : null,
        name: o?.name ?? null,
        hash: o?.hash ?? null,
        current: !!o && o.name === current,
        pods: [],
      };
      groups.set(key, g);
    }
    g.pods.push(podRef(p, kind));
  }
  const startOf = (g: PodGroup) => Math.min(...g.pods.map((x) => x.start ?? Infinity), Infinity);
  const out = [...groups.values()].sort(
    (a, b) =>
      (a.revision ?? Infinity) - (b.revision ?? Infinity) ||
      startOf(a) - startOf(b) ||
      String(a.name).localeCompare(String(b.name)),
  );
  for (const g of out)
    g.pods.sort(
      (a, b) =>
        (kind === "StatefulSet" ? (a.ordinal ?? Infinity) - (b.ordinal ?? Infinity) : 0) ||
        (a.start ?? Infinity) - (b.start ?? Infinity) ||
        a.name.localeCompare(b.name),
    );
  return { groups: out, unclaimed };
}

/** podutil.IsPodAvailable: Ready for longer than minReadySeconds (at once when it is 0), not deleted. */
export function podAvailable(tl: PodTimeline, minReadySeconds: number, now: number): boolean {
  if (fin(tl.deletedAt) !== null && tl.deletedAt! <= now) return false;
  if (tl.terminating && tl.terminating.start <= now) return false;
  const r = readyIntervals(tl).find((c) => c.start <= now && (c.end === null || c.end > now));
  if (!r) return false;
  return minReadySeconds <= 0 || r.start + minReadySeconds * 1000 < now;
}

const openAt = <T extends { start: number; end: number | null }>(xs: T[], now: number) =>
  xs.find((x) => x.start <= now && (x.end === null || x.end > now));

/** The node's own words: its Ready condition's reason and message ("NodeStatusUnknown: Kubelet stopped posting node status."). */
function nodeEvidence(tl: PodTimeline): string | null {
  const n = tl.nodeReady;
  if (!n || typeof n !== "object" || typeof n.message !== "string" || !n.message) return null;
  return typeof n.reason === "string" && n.reason ? `${n.reason}: ${n.message}` : n.message;
}

/** The message of the container whose waiting (else last terminated) reason is `reason`, at `now`. */
function containerEvidence(tl: PodTimeline, reason: string, now: number): string | null {
  // An init container's reason reaches STATUS as "Init:<reason>" (kubectl's printPod).
  const want = reason.replace(/^Init:/, "");
  const containers = arr(tl.containers);
  for (const c of containers) {
    const w = openAt(arr(c.waiting), now);
    if (w?.reason === want) return w.message || null;
  }
  for (const c of containers) {
    const runs = arr(c.runs).filter((r) => r.start <= now && r.end !== null && r.end <= now);
    const last = runs[runs.length - 1];
    if (last?.reason === want) return last.message || null;
  }
  return null;
}

/** The last readiness probe failure by `now`, else the Ready condition's message. */
function readinessEvidence(tl: PodTimeline, now: number): string | null {
  let probe: { at: number; message: string } | null = null;
  for (const c of arr(tl.containers))
    for (const p of arr(c.probes))
      if (p.probe === "readiness" && p.at <= now && (!probe || p.at > probe.at)) probe = p;
  if (probe) return probe.message;
  const ready = arr(tl.conditions).filter((c) => c.type === "Ready" && c.start <= now);
  return ready[ready.length - 1]?.message ?? null;
}

/**
 * The evidence for the reason the health rule gave, and only for it: a container's waiting reason
 * with that container's message, the node's state with the node's message. A message that belongs
 * to another reason would put words in the wrong mouth.
 */
function evidenceOf(health: Health, tl: PodTimeline, now: number): string | null {
  const key = health.reason?.key;
  switch (key) {
    case "health.stuckOnLostNode":
    case "health.nodeNotReady":
    case "health.nodeNotReadyNoTime":
      return nodeEvidence(tl);
    case "problem.failing":
      return containerEvidence(tl, String(health.reason!.vars.status ?? ""), now);
    case "health.crashLooping":
      return containerEvidence(tl, "CrashLoopBackOff", now);
    case "problem.pending": {
      const scheduled = arr(tl.conditions).filter(
        (c) => c.type === "PodScheduled" && c.start <= now,
      );
      const last = scheduled[scheduled.length - 1];
      if (last?.status === "False" && last.message) return last.message;
      const status = arr(tl.status).filter((s) => s.start <= now);
      const word = status[status.length - 1]?.status;
      return typeof word === "string" ? containerEvidence(tl, word, now) : null;
    }
    case "problem.notReady":
    case "health.readinessFlapping":
      return readinessEvidence(tl, now);
    default:
      // Unschedulable already quotes the scheduler; the rest (restarted, past its grace period,
      // ready but not yet available) are facts of the timeline with no message of their own.
      return null;
  }
}

function nodeOf(tl: PodTimeline): NodeReadiness | null {
  const n = tl.nodeReady;
  if (!n || typeof n !== "object") return null;
  return { ready: n.status ?? "", since: fin(n.since), unreachable: false, notReady: false };
}

const NODE_KEYS = new Set([
  "health.stuckOnLostNode",
  "health.nodeNotReady",
  "health.nodeNotReadyNoTime",
]);

/** The node's state as a fact of its own, when it is troubled but the pod's reason is another. */
function nodeFact(
  tl: PodTimeline,
  node: NodeReadiness | null,
  health: Health,
  now: number,
): StuckPod["node"] {
  if (!nodeTroubled(node) || (health.reason && NODE_KEYS.has(health.reason.key))) return null;
  const name = typeof tl.node === "string" ? tl.node : "";
  if (!name) return null;
  const since = fin(node.since);
  const state = node.ready === "False" ? "NotReady" : node.ready || "Unknown";
  const reason: NonNullable<Health["reason"]> =
    since !== null
      ? {
          key: "health.nodeNotReady",
          vars: { node: name, state, d: formatDuration(now - since, "elapsed") },
        }
      : { key: "health.nodeNotReadyNoTime", vars: { node: name, state } };
  return { reason, evidence: nodeEvidence(tl) };
}

/** One pod of the new revision that holds the rollout up, in words. */
export function stuckPod(tl: PodTimeline, now: number): StuckPod {
  const node = nodeOf(tl);
  const health = podHealth(podFactsOfTimeline(tl, now, node), now);
  const detail = evidenceOf(health, tl, now);
  const said = health.reason
    ? health.reason.key === "problem.failing"
      ? String(health.reason.vars.status)
      : translate("en", health.reason.key, health.reason.vars)
    : "ready, not yet available";
  const name = typeof tl.name === "string" ? tl.name : "";
  const second = nodeFact(tl, node, health, now);
  const facts = [detail ? `${said} — ${detail}` : said];
  if (second) {
    const nodeSaid = translate("en", second.reason.key, second.reason.vars);
    facts.push(second.evidence ? `${nodeSaid} — ${second.evidence}` : nodeSaid);
  }
  return {
    uid: typeof tl.uid === "string" ? tl.uid : "",
    name,
    health,
    detail,
    node: second,
    text: `${name}: ${facts.join("; ")}`,
  };
}

const RESOURCE: Record<string, string> = {
  Deployment: "deployment",
  StatefulSet: "statefulset",
  DaemonSet: "daemonset",
};

/** Why the last rollout is not done, when it is in progress or stalled; null otherwise. */
export function stuckExplanation(
  state: WorkloadState | null,
  rollout: Rollout | undefined,
  pods: WorkloadPod[],
  owners: RevisionOwner[],
  now: number,
): StuckExplanation | null {
  if (!state || !rollout || (rollout.outcome !== "in-progress" && rollout.outcome !== "stalled"))
    return null;
  const kind = state.kind;
  const target = owners.find((o) => o.name === rollout.toName) ?? null;
  const minReady = fin(state.minReadySeconds) ?? 0;
  const live = arr(pods).filter(
    (p) => p.timeline && (fin(p.timeline.deletedAt) === null || p.timeline.deletedAt! > now),
  );
  const isMine = (p: WorkloadPod) => !!target && ownerOfPod(kind, p, owners) === target;
  const mine = live.filter(isMine);
  const unavailable = (xs: WorkloadPod[]) =>
    xs
      .filter((p) => !podAvailable(p.timeline, minReady, now))
      .sort((a, b) =>
        kind === "StatefulSet"
          ? (ordinalOf(a.timeline.name, a.labels) ?? 0) -
            (ordinalOf(b.timeline.name, b.labels) ?? 0)
          : String(a.timeline.name).localeCompare(String(b.timeline.name)),
      )
      .map((p) => stuckPod(p.timeline, now));
  const blocking = unavailable(mine);
  const failure = conditionOf(state, "ReplicaFailure");
  const st = rolloutStatus(state);
  const ref = `${RESOURCE[kind] ?? kind.toLowerCase()}/${state.name}`;
  return {
    to: rollout.to,
    toName: rollout.toName,
    since: rollout.stalledAt ?? rollout.start,
    status: st?.error ?? st?.message ?? "",
    pods: blocking,
    others: unavailable(live.filter((p) => !isMine(p))),
    noPods:
      mine.length === 0
        ? failure?.status === "True" && failure.message
          ? failure.message
          : `no pod of ${rollout.toName ?? "the new revision"} exists`
        : null,
    replicaFailure: mine.length === 0 && failure?.status === "True" && !!failure.message,
    // Undo needs an earlier revision (kubectl: "no last revision to roll back to" otherwise).
    commands: (rollout.from !== null || owners.length > 1
      ? ["status", "history", "undo"]
      : ["status", "history"]
    ).map((verb) => `kubectl rollout ${verb} ${ref} -n ${state.namespace}`),
  };
}
