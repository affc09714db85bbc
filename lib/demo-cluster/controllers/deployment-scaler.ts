// How the Deployment controller sizes its ReplicaSets: scaleReplicaSet and its ScalingReplicaSet
// event, proportional scaling while paused or mid-rollout (sync.go scale), and the rolling
// update's two halves (rolling.go reconcileNewReplicaSet, reconcileOldReplicaSets).
import type { KubeObject, ObjectStore } from "../api-server/store";
import {
  active,
  byCreation,
  canonical,
  DESIRED_REPLICAS,
  dspec,
  dstatus,
  isRolling,
  MAX_REPLICAS,
  maxSurge,
  maxUnavailable,
  newRSNewReplicas,
  replicasOf,
  rsStatus,
  setReplicasAnnotations,
  sumSpec,
  sumStatus,
} from "./deployment-util";

type Record_ = (d: KubeObject, reason: string, message: string) => void;

/** integer.RoundToInt32: halves away from zero. */
const round = (a: number) => (a < 0 ? Math.trunc(a - 0.5) : Math.trunc(a + 0.5));

export class DeploymentScaler {
  constructor(
    private readonly store: ObjectStore,
    private readonly record: Record_,
  ) {}

  /** Update of a ReplicaSet: a spec change moves its generation on, as the registry does. */
  updateRS(copy: KubeObject): KubeObject {
    const { namespace, name } = copy.metadata;
    return (
      this.store.mutate("replicasets", namespace, name, (o) => {
        const specChanged = canonical(o.spec) !== canonical(copy.spec);
        if (
          !specChanged &&
          canonical(o.metadata.annotations) === canonical(copy.metadata.annotations)
        )
          return false;
        if (specChanged) o.metadata.generation = (o.metadata.generation ?? 1) + 1;
        o.spec = structuredClone(copy.spec);
        o.metadata.annotations = { ...copy.metadata.annotations };
      }) ?? copy
    );
  }

  /** scaleReplicaSetAndRecordEvent. */
  scaleAndRecord(rs: KubeObject, to: number, d: KubeObject): { scaled: boolean; rs: KubeObject } {
    if (replicasOf(rs) === to) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, to, d, replicasOf(rs) < to ? "up" : "down");
  }

  /** scaleReplicaSet: size and the desired/max-replicas annotations; an event when the size moves. */
  scaleReplicaSet(
    rs: KubeObject,
    to: number,
    d: KubeObject,
    operation: string,
  ): { scaled: boolean; rs: KubeObject } {
    const from = replicasOf(rs);
    const annotations = rs.metadata.annotations ?? {};
    const annotationsStale =
      annotations[DESIRED_REPLICAS] !== String(dspec(d).replicas) ||
      annotations[MAX_REPLICAS] !== String(dspec(d).replicas + maxSurge(d));
    if (from === to && !annotationsStale) return { scaled: false, rs };
    const copy = structuredClone(rs);
    (copy.spec as { replicas: number }).replicas = to;
    setReplicasAnnotations(copy, d);
    const updated = this.updateRS(copy);
    if (from === to) return { scaled: false, rs: updated };
    this.record(
      d,
      "ScalingReplicaSet",
      `Scaled ${operation} replica set ${rs.metadata.name} from ${from} to ${to}`,
    );
    return { scaled: true, rs: updated };
  }

  /** sync.go scale: a scaling event (or a paused Deployment) spreads the change over the active ReplicaSets. */
  scale(d: KubeObject, newRS: KubeObject | undefined, oldRSs: KubeObject[]): void {
    const replicas = dspec(d).replicas;
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (replicasOf(activeOrLatest) !== replicas) this.scaleAndRecord(activeOrLatest, replicas, d);
      return;
    }
    if (newRS && isSaturated(d, newRS)) {
      for (const old of active(oldRSs)) this.scaleAndRecord(old, 0, d);
      return;
    }
    if (!isRolling(d)) return;
    const all = active(newRS ? [...oldRSs, newRS] : oldRSs);
    const allowed = replicas > 0 ? replicas + maxSurge(d) : 0;
    const toAdd = allowed - sumSpec(all);
    let operation = "";
    // Scaling up: bigger first, newer first among equals; down: bigger first, older first.
    if (toAdd > 0) {
      all.sort((a, b) => replicasOf(b) - replicasOf(a) || byCreation(b, a));
      operation = "up";
    } else if (toAdd < 0) {
      all.sort((a, b) => replicasOf(b) - replicasOf(a) || byCreation(a, b));
      operation = "down";
    }
    let added = 0;
    const sizes = new Map<KubeObject, number>();
    for (const rs of all) {
      if (toAdd === 0) {
        sizes.set(rs, replicasOf(rs));
        continue;
      }
      const p = proportion(rs, d, toAdd, added);
      sizes.set(rs, replicasOf(rs) + p);
      added += p;
    }
    all.forEach((rs, i) => {
      if (i === 0 && toAdd !== 0) sizes.set(rs, Math.max(0, sizes.get(rs)! + toAdd - added));
      this.scaleReplicaSet(rs, sizes.get(rs)!, d, operation);
    });
  }

  /** rolling.go reconcileNewReplicaSet: grow the new ReplicaSet as far as maxSurge lets it. */
  reconcileNewReplicaSet(all: KubeObject[], newRS: KubeObject, d: KubeObject): boolean {
    const replicas = dspec(d).replicas;
    if (replicasOf(newRS) === replicas) return false;
    if (replicasOf(newRS) > replicas) return this.scaleAndRecord(newRS, replicas, d).scaled;
    return this.scaleAndRecord(newRS, newRSNewReplicas(d, all, newRS), d).scaled;
  }

  /** rolling.go reconcileOldReplicaSets: shrink old ReplicaSets as far as maxUnavailable lets them. */
  reconcileOldReplicaSets(
    all: KubeObject[],
    oldRSs: KubeObject[],
    newRS: KubeObject,
    d: KubeObject,
  ): boolean {
    if (sumSpec(oldRSs) === 0) return false;
    const minAvailable = dspec(d).replicas - maxUnavailable(d);
    const newUnavailable = replicasOf(newRS) - (rsStatus(newRS).availableReplicas ?? 0);
    const maxScaledDown = sumSpec(all) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    // Unhealthy old replicas go first: deleting them does not lower availability (kubernetes#16737).
    const old = [...oldRSs].sort(byCreation);
    let cleaned = 0;
    for (let i = 0; i < old.length && cleaned < maxScaledDown; i++) {
      const rs = old[i];
      const unhealthy = replicasOf(rs) - (rsStatus(rs).availableReplicas ?? 0);
      if (replicasOf(rs) === 0 || unhealthy === 0) continue;
      const n = Math.min(maxScaledDown - cleaned, unhealthy);
      old[i] = this.scaleAndRecord(rs, replicasOf(rs) - n, d).rs;
      cleaned += n;
    }
    // scaleDownOldReplicaSetsForRollingUpdate: then as many as keep minAvailable available.
    const available = sumStatus([...old, newRS], "availableReplicas");
    let scaledDown = 0;
    if (available > minAvailable) {
      const total = available - minAvailable;
      for (const rs of [...old].sort(byCreation)) {
        if (scaledDown >= total) break;
        if (replicasOf(rs) === 0) continue;
        const n = Math.min(replicasOf(rs), total - scaledDown);
        this.scaleAndRecord(rs, replicasOf(rs) - n, d);
        scaledDown += n;
      }
    }
    return cleaned + scaledDown > 0;
  }
}

/** FindActiveOrLatest: the one active ReplicaSet, or the newest when none is active. */
function findActiveOrLatest(
  newRS: KubeObject | undefined,
  oldRSs: KubeObject[],
): KubeObject | undefined {
  if (!newRS && !oldRSs.length) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => byCreation(b, a));
  const all = active(newRS ? [...newestFirst, newRS] : newestFirst);
  if (all.length === 0) return newRS ?? newestFirst[0];
  return all.length === 1 ? all[0] : undefined;
}

function isSaturated(d: KubeObject, rs: KubeObject): boolean {
  const desired = Number(rs.metadata.annotations?.[DESIRED_REPLICAS]);
  const r = dspec(d).replicas;
  return replicasOf(rs) === r && desired === r && (rsStatus(rs).availableReplicas ?? 0) === r;
}

/** GetProportion / getReplicaSetFraction: this ReplicaSet's share of the change. */
function proportion(rs: KubeObject, d: KubeObject, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (dspec(d).replicas === 0) fraction = -replicasOf(rs);
  else {
    const max = dspec(d).replicas + maxSurge(d);
    let before = Number(rs.metadata.annotations?.[MAX_REPLICAS]);
    if (!Number.isInteger(before) || before === 0) before = dstatus(d).replicas ?? 0;
    fraction = round((replicasOf(rs) * max) / before) - replicasOf(rs);
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}
