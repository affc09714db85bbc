// The owners above a pod's own controller, as Lifeline has recorded them: a ReplicaSet's
// Deployment, a Job's CronJob (each workload's controller ownerReference, WorkloadState.owner), so
// the pod page can link each one's workload page. Pure reads of the store; stops at an owner it
// has not recorded, a kind without a page, or a loop.
import { isWorkloadKind } from "../kube/workload-resources";
import type { Live } from "../live/live";
import type { Owner } from "../timeline/types";
import type { OwnerRef } from "../workloads/workload-state";

/** Deployment → ReplicaSet → Pod is the deepest built-in chain; a little room for custom ones. */
const MAX_DEPTH = 4;

export function ownerChain(l: Live, namespace: string, owner: Owner | null, at: number): Owner[] {
  const out: Owner[] = [];
  let ref: OwnerRef | null = owner ? { kind: owner.kind, name: owner.name, uid: null } : null;
  for (let i = 0; ref && isWorkloadKind(ref.kind) && i < MAX_DEPTH; i++) {
    const record =
      (ref.uid ? l.store.workloads.record(ref.uid) : undefined) ??
      l.store.workloads.named(namespace, ref.kind, ref.name).find((r) => r.firstSeen <= at);
    const next: OwnerRef | null | undefined = record?.state?.owner;
    if (!next || out.some((o) => o.kind === next.kind && o.name === next.name)) break;
    out.push({ kind: next.kind, name: next.name });
    ref = next;
  }
  return out;
}
