// Rollouts as intervals. A rollout begins when the revision the workload rolls to changes — a
// Deployment's `deployment.kubernetes.io/revision`, a StatefulSet's status.updateRevision, a
// DaemonSet's newest ControllerRevision (its status names none) — and starts at the first version
// whose template differs from the previous target's (the user's change, before the controller
// answers). It ends when `kubectl rollout status` would say so (rollout-status.ts), when a newer
// rollout begins (superseded, or rolled-back when the newer one returns to an older template), or
// stays open: stalled (Progressing=False ProgressDeadlineExceeded: DeploymentTimedOut), paused
// (spec.paused) or in-progress. A Deployment's template changed while paused gets a pending
// rollout with no revision yet: pkg/controller/deployment/sync.go sync() only scales and cleans
// up a paused Deployment, so the new ReplicaSet and revision come on resume. Pure; never throws.
import { parseTime } from "../k8s/time";
import { numberAt, type RevisionOwner } from "./revisions";
import {
  conditionOf,
  deploymentTimedOut,
  NEW_RS_AVAILABLE_REASON,
  PAUSED_REASON,
  rolloutDone,
  rolloutStatus,
} from "./rollout-status";
import type { Revision, Rollout, RolloutEvidence } from "./types";
import type { WorkloadVersion } from "./workload-state";

/** A workload first met more than this after its creation was met mid-life. */
const MID_LIFE_MS = 2_000;

interface Target {
  /** Index of the workload version that first names it. */
  index: number;
  at: number;
  number: number | null;
  name: string | null;
  /** A template change with no revision yet (a paused Deployment, or before the controller answers). */
  pending?: boolean;
  /** Pending since the version that first names its revision: none of the ReplicaSets has that template (unrolled()). */
  unrolled?: { owner: string; number: number };
}

function ownerWithNumber(owners: RevisionOwner[], n: number): RevisionOwner | null {
  let best: RevisionOwner | null = null;
  for (const o of owners)
    if (
      o.numbers.some((x) => x.number === n) &&
      (!best || (o.createdAt ?? 0) > (best.createdAt ?? 0))
    )
      best = o;
  return best;
}

/** What the workload rolls to at version `i`, or null when this version does not say. */
function targetOf(v: WorkloadVersion, owners: RevisionOwner[]): Omit<Target, "index"> | null {
  const s = v.state;
  if (v.deleted || !s) return null;
  const at = v.observedAt;
  if (s.kind === "Deployment") {
    if (typeof s.revision !== "number") return null;
    return { at, number: s.revision, name: ownerWithNumber(owners, s.revision)?.name ?? null };
  }
  if (s.kind === "StatefulSet") {
    if (!s.updateRevision) return null;
    const o = owners.find((x) => x.name === s.updateRevision);
    return { at, number: o ? numberAt(o, at) : null, name: s.updateRevision };
  }
  if (s.kind === "DaemonSet") {
    let best: { n: number; o: RevisionOwner } | null = null;
    for (const o of owners) {
      if (o.createdAt !== null && o.createdAt > at) continue;
      if (o.deletedAt !== null && o.deletedAt <= at) continue;
      const n = numberAt(o, at);
      if (n !== null && (!best || n > best.n)) best = { n, o };
    }
    return best ? { at, number: best.n, name: best.o.name } : null;
  }
  return null;
}

const digestOf = (v: WorkloadVersion | undefined) => v?.state?.template?.digest ?? null;

/**
 * Whether the Deployment at version `i` wants a template none of its ReplicaSets had then: the
 * controller's own test for "not rolled out" (deployment_util.go FindNewReplicaSet compares the
 * template with every ReplicaSet's, EqualIgnoreHash; the digest also leaves pod-template-hash
 * out). Met already paused after kubectl set image, this is the only sign of the change: there is
 * one version, no two templates to compare. Only when the ReplicaSet carrying the version's
 * revision is known (without ReplicaSets — none listed yet, no RBAC — nothing is concluded).
 * Returns that ReplicaSet's name and number. The digest leaves out env values, commands and args,
 * so a change only there is not seen.
 */
function unrolled(
  versions: WorkloadVersion[],
  i: number,
  owners: RevisionOwner[],
): { owner: string; number: number } | null {
  const v = versions[i];
  const digest = digestOf(v);
  const number = v?.state?.revision;
  if (v?.state?.kind !== "Deployment" || digest === null || typeof number !== "number") return null;
  const current = ownerWithNumber(owners, number);
  if (!current?.template?.digest || current.template.digest === digest) return null;
  const t = v.observedAt;
  const alive = (o: RevisionOwner) =>
    (o.createdAt === null || o.createdAt <= t) && (o.deletedAt === null || o.deletedAt > t);
  if (owners.some((o) => alive(o) && o.template?.digest === digest)) return null;
  return { owner: current.name, number };
}

/**
 * The Deployment's template changed after the last target and no revision answers it: from the
 * first of the last run of versions whose template differs from the target's. Kubectl set image on
 * a paused Deployment bumps generation and template only; the controller observes the generation
 * but makes no ReplicaSet (sync.go sync(), getAllReplicaSetsAndSyncRevision(createIfNotExisted=false)).
 */
function pendingChange(
  versions: WorkloadVersion[],
  last: Target,
  owners: RevisionOwner[],
): Target | null {
  const base = versions[last.index];
  if (base?.state?.kind !== "Deployment" || digestOf(base) === null) return null;
  const since = unrolled(versions, last.index, owners);
  if (since)
    return {
      index: last.index,
      at: base.observedAt,
      number: null,
      name: null,
      pending: true,
      unrolled: since,
    };
  let index = -1;
  for (let j = versions.length - 1; j > last.index; j--) {
    const v = versions[j];
    if (v.deleted || !v.state) continue;
    const d = digestOf(v);
    if (d === null || d === digestOf(base) || v.state.revision !== last.number) break;
    index = j;
  }
  if (index === -1) return null;
  return { index, at: versions[index].observedAt, number: null, name: null, pending: true };
}

/** When spec.paused was set, by observation (kubectl rollout pause … resume). */
function pausedSpans(versions: WorkloadVersion[]): { start: number; end: number | null }[] {
  const spans: { start: number; end: number | null }[] = [];
  let open: number | null = null;
  for (const v of versions) {
    const paused = !v.deleted && v.state?.kind === "Deployment" && v.state.paused === true;
    if (paused && open === null) open = v.observedAt;
    else if (!paused && open !== null) {
      spans.push({ start: open, end: v.observedAt });
      open = null;
    }
  }
  if (open !== null) spans.push({ start: open, end: null });
  return spans;
}

/** The rollouts of a Deployment, StatefulSet or DaemonSet, oldest first. */
export function rolloutsOf(
  versions: WorkloadVersion[],
  owners: RevisionOwner[],
  revisions: Revision[],
  now: number,
): Rollout[] {
  const targets: Target[] = [];
  versions.forEach((v, index) => {
    const t = targetOf(v, owners);
    if (!t) return;
    const last = targets[targets.length - 1];
    if (last && last.number === t.number && last.name === t.name) return;
    targets.push({ ...t, index });
  });
  const pending = targets.length
    ? pendingChange(versions, targets[targets.length - 1], owners)
    : null;
  if (pending) targets.push(pending);
  const paused = pausedSpans(versions);
  const first = versions.find((v) => v.state);
  const createdAt = parseTime(first?.state?.creationTimestamp);
  const metMidLife = createdAt !== null && !!first && first.observedAt - createdAt > MID_LIFE_MS;
  // Starts first: a rollout ends where the next one starts.
  const starts: number[] = [];
  targets.forEach((t, k) => {
    const prev = k > 0 ? targets[k - 1] : null;
    const rev = revisions.find((r) => r.number === t.number && r.name === t.name) ?? null;
    let start = t.at;
    if (!prev) {
      // From the workload's creation; met mid-life, from its revision's (an older one came before).
      const from = metMidLife ? (rev?.firstSeen ?? createdAt) : (createdAt ?? rev?.firstSeen);
      start = Math.min(t.at, from ?? t.at);
    } else {
      const before = digestOf(versions[prev.index]);
      for (let j = prev.index + 1; j <= t.index; j++)
        if (before !== null && digestOf(versions[j]) !== null && digestOf(versions[j]) !== before) {
          start = Math.min(start, versions[j].observedAt);
          break;
        }
      // Met with a template no ReplicaSet had: the change came before that sighting.
      if (!prev.pending && unrolled(versions, prev.index, owners))
        start = Math.min(start, versions[prev.index].observedAt);
      if (rev?.firstSeen != null && rev.firstSeen > starts[k - 1])
        start = Math.min(start, rev.firstSeen);
      start = Math.max(start, starts[k - 1]);
    }
    starts.push(start);
  });
  const out: Rollout[] = [];
  targets.forEach((t, k) => {
    const prev = k > 0 ? targets[k - 1] : null;
    const rev = revisions.find((r) => r.number === t.number && r.name === t.name) ?? null;
    const start = starts[k];
    const evidence: RolloutEvidence[] = [];
    const r: Rollout = {
      from: prev?.number ?? null,
      fromName: prev?.name ?? null,
      to: t.number,
      toName: t.name,
      start,
      end: null,
      outcome: "in-progress",
      stalledAt: null,
      stalledUntil: null,
      pending: !!t.pending,
      pausedSpans: [],
      rollback: !!rev && rev.rollbackOf !== null,
      durationMs: 0,
      evidence,
    };
    const next = targets[k + 1];
    const stop = next ? next.index : versions.length;
    let lastState = null as WorkloadVersion["state"];
    for (let j = t.index; j < stop; j++) {
      const v = versions[j];
      if (v.deleted || !v.state) {
        r.end = v.observedAt;
        evidence.push({ kind: "observed", at: v.observedAt, text: "deleted" });
        break;
      }
      const s = v.state;
      if (s.kind === "Deployment" && s.revision !== t.number && !t.pending) continue;
      lastState = s;
      // Its Progressing condition still speaks of the previous revision: no stall, never done.
      if (t.pending) continue;
      const progressing = conditionOf(s, "Progressing");
      if (s.kind === "Deployment" && deploymentTimedOut(s) && r.stalledAt === null) {
        const lt = parseTime(progressing?.lastTransitionTime);
        r.stalledAt = lt !== null && lt <= v.observedAt && lt >= start ? lt : v.observedAt;
        evidence.push({
          kind: "condition",
          at: r.stalledAt,
          text: `Progressing=False ${progressing?.reason ?? ""}: ${progressing?.message ?? ""}`.trim(),
        });
      } else if (r.stalledAt !== null && r.stalledUntil === null && !deploymentTimedOut(s)) {
        const lt = parseTime(progressing?.lastTransitionTime);
        r.stalledUntil = lt !== null && lt <= v.observedAt && lt >= r.stalledAt ? lt : v.observedAt;
      }
      if (rolloutDone(s)) {
        const midLifeDone = !prev && metMidLife && j === versions.indexOf(first!);
        r.end = v.observedAt;
        r.outcome = "complete";
        evidence.push({
          kind: midLifeDone ? "observed" : "status",
          at: v.observedAt,
          text: midLifeDone
            ? "already rolled out when first observed"
            : (rolloutStatus(s)?.message ?? "rolled out"),
        });
        if (progressing?.reason === NEW_RS_AVAILABLE_REASON)
          evidence.push({
            kind: "condition",
            at: v.observedAt,
            text: `Progressing=True ${NEW_RS_AVAILABLE_REASON}: ${progressing.message ?? ""}`.trim(),
          });
        break;
      }
    }
    if (r.end === null && next) {
      r.end = starts[k + 1];
      const back = revisions.find((x) => x.number === next.number && x.name === next.name);
      r.outcome = back && back.rollbackOf !== null ? "rolled-back" : "superseded";
      evidence.push({
        kind: "revision",
        at: r.end,
        text: next.unrolled
          ? "first observed with a pod template none of its ReplicaSets has; no revision for it yet"
          : next.pending
            ? "the pod template changed again; no revision for it yet"
            : `revision ${next.number ?? next.name ?? "?"} began${r.outcome === "rolled-back" ? ` (rollback to revision ${back!.rollbackOf})` : ""}`,
      });
    } else if (r.end === null) {
      if (t.unrolled)
        evidence.push({
          kind: "observed",
          at: t.at,
          text: `first observed with a pod template none of its ReplicaSets has (${t.unrolled.owner} has revision ${t.unrolled.number}'s)`,
        });
      const progressing = conditionOf(lastState, "Progressing");
      if (t.pending && lastState?.paused && progressing?.reason === PAUSED_REASON) {
        const lt = parseTime(progressing.lastTransitionTime);
        evidence.push({
          kind: "condition",
          at: lt ?? versions[stop - 1].observedAt,
          text: `Progressing=${progressing.status} ${PAUSED_REASON}: ${progressing.message ?? ""}`.trim(),
        });
      }
      if (t.pending && lastState?.paused) {
        r.outcome = "paused";
        evidence.push({
          kind: "paused",
          at: start,
          text: `spec.paused: the pod template changed (generation ${versions[t.index].state?.generation ?? "?"}); the controller makes no ReplicaSet for it until kubectl rollout resume`,
        });
      } else if (lastState?.paused) {
        r.outcome = "paused";
        evidence.push({ kind: "paused", at: versions[stop - 1].observedAt, text: "spec.paused" });
      } else if (r.stalledAt !== null && deploymentTimedOut(lastState)) r.outcome = "stalled";
      else {
        const st = rolloutStatus(lastState);
        if (st?.message)
          evidence.push({ kind: "status", at: versions[stop - 1].observedAt, text: st.message });
      }
    }
    for (const p of paused) {
      const from = Math.max(p.start, r.start);
      const to = Math.min(p.end ?? Infinity, r.end ?? Infinity);
      if (to > from) r.pausedSpans.push({ start: from, end: to === Infinity ? null : to });
    }
    r.durationMs = Math.max(0, (r.end ?? now) - r.start);
    out.push(r);
  });
  return out;
}
