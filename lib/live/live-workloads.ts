// The workloads the cluster has now, in memory: each one's WorkloadState by kind and uid, which
// workloads each one owns, and the pods each one owns (the pods' controller ownerReferences: Pod →
// ReplicaSet → Deployment, Pod → StatefulSet / DaemonSet / Job, Job → CronJob). Small by design: a
// state is a few hundred bytes, and of a pod only its identity, owner and revision labels are kept.
// Fed by Live.observe with what the collector delivers (lib/kube/workload-resources.ts: states,
// never objects), and pods as they are observed.
import type { Pod } from "../k8s/types";
import { rolloutKey, rolloutStreakStart, rolloutWaiting } from "./rollout-since";
import type { Observation } from "../kube/reflector";
import type { WorkloadObject } from "../kube/workload-resources";
import type {
  OwnerRef,
  WorkloadKind,
  WorkloadState,
  WorkloadVersion,
} from "../workloads/workload-state";

/** A pod as a workload page lists it: who owns it, and which revision it was made from. */
export interface OwnedPod {
  namespace: string;
  name: string;
  uid: string;
  owner: OwnerRef | null;
  /** The `pod-template-hash` label (a ReplicaSet's pods). */
  podTemplateHash: string | null;
  /** The `controller-revision-hash` label (a StatefulSet's or DaemonSet's pods). */
  controllerRevisionHash: string | null;
}

/** The pod's owner and revision labels, or null when no controller owns it. */
export function ownedPod(pod: Pod): OwnedPod | null {
  const m = pod?.metadata;
  if (!m?.uid || !m.name) return null;
  const ref = (m.ownerReferences ?? []).find((r) => r?.controller === true);
  if (!ref?.uid) return null;
  const labels = m.labels ?? {};
  return {
    namespace: m.namespace ?? "",
    name: m.name,
    uid: m.uid,
    owner: { kind: String(ref.kind ?? ""), name: String(ref.name ?? ""), uid: ref.uid },
    podTemplateHash: labels["pod-template-hash"] ?? null,
    controllerRevisionHash: labels["controller-revision-hash"] ?? null,
  };
}

/** Fewer available than desired (a Job's or CronJob's counts are runs, not pods that must stay up). */
function isShort(s: WorkloadState | null | undefined): boolean {
  if (!s || s.kind === "Job" || s.kind === "CronJob") return false;
  const { desired, available } = s.counts ?? {};
  return typeof desired === "number" && typeof available === "number" && available < desired;
}

/**
 * When the shortfall a workload is in at `at` began, from its stored versions (oldest first): the
 * first of the versions before `at` that have all been short since, or `at` when none were.
 */
export function shortStreakStart(versions: readonly WorkloadVersion[], at: number): number {
  let since = at;
  for (let i = versions.length - 1; i >= 0; i--) {
    const v = versions[i];
    if (v.observedAt > at) continue;
    if (v.deleted || !isShort(v.state)) break;
    since = Math.min(since, v.observedAt);
  }
  return since;
}

export class LiveWorkloads {
  private readonly byUid = new Map<string, WorkloadState>();
  /** uid → since when fewer are available than desired, for the ones short now. */
  private readonly short = new Map<string, number>();
  /** uid → since when its rollout has been open (null: none is) and the revision it rolls to (rollout-since.ts). */
  private readonly rolling = new Map<string, { since: number | null; key: string | null }>();

  /**
   * `history`: a workload's stored versions, read when one is first met short (Lifeline restarted
   * during the shortfall: it began before this process saw it).
   */
  constructor(private readonly history?: (uid: string) => readonly WorkloadVersion[]) {}
  private readonly kinds = new Map<WorkloadKind, Set<string>>();
  /** Owner uid → the uids of the workloads it controls. */
  private readonly children = new Map<string, Set<string>>();
  private readonly pods = new Map<string, OwnedPod>();
  /** Owner uid → the uids of the pods it controls. */
  private readonly podsOf = new Map<string, Set<string>>();

  /** A workload observation (its state, or a deletion). */
  observe(o: Observation): void {
    const object = o.object as WorkloadObject;
    const uid = object?.metadata?.uid;
    if (!uid) return;
    const before = this.byUid.get(uid);
    if (before) this.unlink(this.children, before.owner?.uid, uid);
    if (o.type === "DELETED" || !object.workload) {
      this.byUid.delete(uid);
      this.short.delete(uid);
      this.rolling.delete(uid);
      if (before) this.kinds.get(before.kind)?.delete(uid);
      return;
    }
    const state = object.workload;
    if (!isShort(state)) this.short.delete(uid);
    else if ((!this.short.has(uid) || !isShort(before)) && Number.isFinite(o.observedAt)) {
      const at = o.observedAt;
      // Short since this observation, unless this process meets it for the first time: then its
      // stored versions say since when.
      this.short.set(uid, !before && this.history ? shortStreakStart(this.history(uid), at) : at);
    }
    if (Number.isFinite(o.observedAt)) this.observeRollout(uid, state, o.observedAt);
    this.byUid.set(uid, state);
    let kind = this.kinds.get(state.kind);
    if (!kind) this.kinds.set(state.kind, (kind = new Set()));
    kind.add(uid);
    this.link(this.children, state.owner?.uid, uid);
  }

  private observeRollout(uid: string, state: WorkloadState, at: number): void {
    const key = rolloutKey(state);
    const cur = this.rolling.get(uid);
    if (!rolloutWaiting(state)) this.rolling.set(uid, { since: null, key });
    else if (!cur)
      this.rolling.set(uid, {
        since: this.history ? rolloutStreakStart(this.history(uid), at, key) : at,
        key,
      });
    // The same revision waits again after it rolled out: a dip, not a rollout.
    else if (cur.since === null) {
      if (key === null || key !== cur.key) this.rolling.set(uid, { since: at, key });
    } else if (cur.key === null) this.rolling.set(uid, { since: cur.since, key });
    else if (key !== null && key !== cur.key) this.rolling.set(uid, { since: at, key });
  }

  /** Since when the workload's current rollout has been open, if one is (rollout-since.ts). */
  rolloutSince(uid: string): number | null {
    return this.rolling.get(uid)?.since ?? null;
  }

  /** A pod observation: who owns it now (a pod may be adopted or orphaned), or its deletion. */
  observePod(type: Observation["type"], pod: Pod): void {
    const uid = pod?.metadata?.uid;
    if (!uid) return;
    const before = this.pods.get(uid);
    // A relist's tombstone has no labels nor owners: it only says the pod is gone.
    const now = type === "DELETED" ? null : ownedPod(pod);
    if (before) this.unlink(this.podsOf, before.owner?.uid, uid);
    if (!now) {
      this.pods.delete(uid);
      return;
    }
    this.pods.set(uid, now);
    this.link(this.podsOf, now.owner?.uid, uid);
  }

  get(uid: string): WorkloadState | undefined {
    return this.byUid.get(uid);
  }

  /** Since when the workload has had fewer available than desired, if it has now. */
  shortSince(uid: string): number | null {
    return this.short.get(uid) ?? null;
  }

  /** The workloads now, in these namespaces (null: all), of this kind (if given). */
  list(q: { namespaces?: readonly string[] | null; kind?: WorkloadKind } = {}): WorkloadState[] {
    const uids = q.kind
      ? [...(this.kinds.get(q.kind) ?? [])]
      : [...this.kinds.values()].flatMap((s) => [...s]);
    const out: WorkloadState[] = [];
    for (const uid of uids) {
      const s = this.byUid.get(uid)!;
      if (!q.namespaces || q.namespaces.includes(s.namespace)) out.push(s);
    }
    return out;
  }

  /** The workloads the one with `uid` controls now. */
  ownedBy(uid: string): WorkloadState[] {
    return [...(this.children.get(uid) ?? [])].map((u) => this.byUid.get(u)!).filter(Boolean);
  }

  /** The pods the workload controls now, directly or through what it controls (a Deployment's ReplicaSets' pods). */
  podsUnder(uid: string): OwnedPod[] {
    const owners = [uid, ...(this.children.get(uid) ?? [])];
    return owners.flatMap((o) => [...(this.podsOf.get(o) ?? [])].map((p) => this.pods.get(p)!));
  }

  /** The uid of the workload that controls the pod now, or null. */
  podOwner(uid: string): string | null {
    return this.pods.get(uid)?.owner?.uid ?? null;
  }

  /** How many pods `podsUnder(uid)` holds, without listing them (counted at every stream flush). */
  podCount(uid: string): number {
    let n = this.podsOf.get(uid)?.size ?? 0;
    for (const child of this.children.get(uid) ?? []) n += this.podsOf.get(child)?.size ?? 0;
    return n;
  }

  /** How many workloads of each kind are kept now. */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [kind, uids] of this.kinds) out[kind] = uids.size;
    return out;
  }

  private link(index: Map<string, Set<string>>, owner: string | null | undefined, uid: string) {
    if (!owner) return;
    let set = index.get(owner);
    if (!set) index.set(owner, (set = new Set()));
    set.add(uid);
  }

  private unlink(index: Map<string, Set<string>>, owner: string | null | undefined, uid: string) {
    if (!owner) return;
    const set = index.get(owner);
    set?.delete(uid);
    if (set && !set.size) index.delete(owner);
  }
}
