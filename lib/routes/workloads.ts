// The workloads the cluster has now, as GET /api/workloads answers: each one's kind, namespace,
// name, counts, conditions, owner and revision (lib/live/live-workloads.ts, in memory), with how
// many pods it controls now (directly, or through its ReplicaSets or Jobs), and which kinds are not
// listed (forbidden or not served) within the namespaces asked for.
import type { Live } from "../live/live";
import type { LiveWorkloads } from "../live/live-workloads";
import type { WorkloadDenial } from "../live/workload-access";
import type {
  OwnerRef,
  WorkloadCondition,
  WorkloadCounts,
  WorkloadKind,
  WorkloadState,
} from "../workloads/workload-state";

export interface WorkloadRow {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  uid: string | null;
  creationTimestamp: string | null;
  counts: WorkloadCounts;
  conditions: WorkloadCondition[];
  owner: OwnerRef | null;
  /** Deployment / ReplicaSet `deployment.kubernetes.io/revision`, ControllerRevision `.revision`. */
  revision: number | null;
  /** StatefulSet / DaemonSet status.currentRevision and updateRevision (ControllerRevision names). */
  currentRevision: string | null;
  updateRevision: string | null;
  paused: boolean;
  /** Pods it controls now, directly or through what it controls. */
  pods: number;
  /** Since when fewer are available than desired, as Lifeline observed it (ms), if so now. */
  shortSince: number | null;
  /** Since when its current rollout has been open, as Lifeline observed it (ms), if one is now. */
  rolloutSince: number | null;
  /** A Job's completions and results (kubectl's COMPLETIONS is succeeded/completions); else null. */
  job: { completions: number | null; succeeded: number; failed: number; active: number } | null;
}

export interface WorkloadsAnswer {
  workloads: WorkloadRow[];
  /** Kinds Lifeline cannot list in these namespaces (their rows are missing): /api/cluster's `workloads`. */
  omitted: WorkloadDenial[];
}

/** A workload's row as the list and the workload stream give it (lib/live/workload-stream.ts). */
export function workloadRow(w: LiveWorkloads, s: WorkloadState): WorkloadRow {
  return {
    kind: s.kind,
    namespace: s.namespace,
    name: s.name,
    uid: s.uid,
    creationTimestamp: s.creationTimestamp,
    counts: s.counts,
    conditions: s.conditions,
    owner: s.owner,
    revision: s.revision,
    currentRevision: s.currentRevision,
    updateRevision: s.updateRevision,
    paused: s.paused,
    pods: s.uid ? w.podCount(s.uid) : 0,
    shortSince: s.uid ? w.shortSince(s.uid) : null,
    rolloutSince: s.uid ? w.rolloutSince(s.uid) : null,
    job: s.job
      ? {
          completions: s.job.completions,
          succeeded: s.job.succeeded,
          failed: s.job.failed,
          active: s.job.active,
        }
      : null,
  };
}

/** Namespace, then kind, then name: the list's order (and the stream's snapshot's). */
const key = (r: WorkloadRow) => `${r.namespace}\u0000${r.kind}\u0000${r.name}`;

export function workloadsAnswer(
  l: Live,
  q: { namespaces: readonly string[] | null; kind?: WorkloadKind },
): WorkloadsAnswer {
  const rows = l.workloads.list(q).map((s) => workloadRow(l.workloads, s));
  rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { workloads: rows, omitted: workloadsOmitted(l, q) };
}

/** The answer's `omitted`: the kinds not listed in these namespaces (of this kind, if given). */
export function workloadsOmitted(
  l: Pick<Live, "workloadAccess">,
  q: { namespaces: readonly string[] | null; kind?: WorkloadKind },
): WorkloadDenial[] {
  return l.workloadAccess(q.namespaces).filter((d) => !q.kind || d.kind === q.kind);
}
