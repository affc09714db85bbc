// The Deployment controller (pkg/controller/deployment: deployment_controller.go syncDeployment,
// sync.go, rolling.go, recreate.go, progress.go). It owns one ReplicaSet per pod template, named
// `<deployment>-<pod-template-hash>`, and moves replicas between them. As in kube, each step works
// on the objects it listed at the start of the round; the writes it makes start another round,
// which sees them (the informer's resync). Rollout arithmetic is in deployment-util.ts.
import type { Clock, Timer } from "../clock";
import type { EventRecorder } from "../events";
import { ApiError } from "../api-server/api-error";
import type { Registry } from "../api-server/registry";
import { RESOURCES } from "../api-server/resources";
import type { KubeObject, ObjectStore } from "../api-server/store";
import { parseTime } from "../../k8s/time";
import {
  active,
  byCreation,
  calculateStatus,
  canonical,
  DESIRED_REPLICAS,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  dspec,
  dstatus,
  equalIgnoreHash,
  getCondition,
  HASH_LABEL,
  hasProgressDeadline,
  newCondition,
  newRSNewReplicas,
  removeCondition,
  replicasOf,
  REVISION,
  revisionOf,
  setCondition,
  setNewReplicaSetAnnotations,
  podTemplateHash,
} from "./deployment-util";
import { claimReplicaSets } from "./deployment-claim";
import { DeploymentScaler } from "./deployment-scaler";
import { OwnerIndex } from "./owner-index";
import { Controller } from "./workload-controllers";

const REPLICASETS = RESOURCES.find((r) => r.plural === "replicasets")!;
const COMPONENT = "deployment-controller";

export class DeploymentController extends Controller {
  private readonly scaler: DeploymentScaler;
  private rsWatch: { cancel(): void } | null = null;
  private readonly wakeups = new Map<number, Timer>();
  /** The ReplicaSets by their controller's uid (getReplicaSetsForDeployment reads the informer's). */
  private readonly replicaSets: OwnerIndex;

  constructor(store: ObjectStore, clock: Clock, events: EventRecorder, registry: Registry) {
    super(store, clock, events, registry, "deployments");
    this.replicaSets = new OwnerIndex(store, "replicasets");
    this.scaler = new DeploymentScaler(store, (d, reason, message) =>
      this.events.record(this.ref(d), reason, message, { component: COMPONENT }),
    );
  }

  start(): void {
    this.replicaSets.start();
    this.rsWatch = this.store.watch("replicasets", Number(this.store.version()), (c) => {
      // A Deployment's ReplicaSet, or an orphan one may adopt (kube's addReplicaSet/updateReplicaSet).
      const kind = (o?: KubeObject) =>
        !!o &&
        (o.metadata.ownerReferences?.some((r) => r.controller && r.kind === "Deployment") ||
          !o.metadata.ownerReferences?.some((r) => r.controller));
      if (kind(c.object) || kind(c.previous)) this.queue();
    });
    super.start();
  }

  stop(): void {
    super.stop();
    this.rsWatch?.cancel();
    this.replicaSets.stop();
    for (const t of this.wakeups.values()) t.cancel();
    this.wakeups.clear();
  }

  protected reconcile(stored: KubeObject): void {
    if (stored.metadata.deletionTimestamp) return;
    const d: KubeObject = { ...structuredClone(stored), apiVersion: "apps/v1", kind: "Deployment" };
    claimReplicaSets(this.store, this.replicaSets, d);
    const rsList = this.replicaSets.controlledBy(d);
    this.checkPausedConditions(d);
    if (dspec(d).paused || this.isScalingEvent(d, rsList)) return this.sync(d, rsList);
    if (dspec(d).strategy.type === "Recreate") return this.rolloutRecreate(d, rsList);
    return this.rolloutRolling(d, rsList);
  }

  // ---- sync.go --------------------------------------------------------------------------------

  /** Paused or scaling: proportional scaling only, no new ReplicaSet. */
  private sync(d: KubeObject, rsList: KubeObject[]): void {
    const { newRS, oldRSs } = this.allReplicaSets(d, rsList, false);
    this.scaler.scale(d, newRS, oldRSs);
    if (dspec(d).paused) this.cleanup(oldRSs, d);
    const all = newRS ? [...oldRSs, newRS] : oldRSs;
    const status = calculateStatus(all, newRS, d, this.clock.now());
    if (canonical(status) !== canonical(dstatus(d))) this.updateStatus(d, status);
  }

  private checkPausedConditions(d: KubeObject): void {
    if (!hasProgressDeadline(d)) return;
    const status = structuredClone(dstatus(d));
    const cond = getCondition(status, "Progressing");
    if (cond?.reason === "ProgressDeadlineExceeded") return;
    const pausedExists = cond?.reason === "DeploymentPaused";
    const now = this.clock.now();
    if (dspec(d).paused && !pausedExists)
      setCondition(
        status,
        newCondition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", now),
      );
    else if (!dspec(d).paused && pausedExists)
      setCondition(
        status,
        newCondition("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed", now),
      );
    else return;
    this.updateStatus(d, status);
  }

  /** isScalingEvent: an active ReplicaSet was sized for another replica count. */
  private isScalingEvent(d: KubeObject, rsList: KubeObject[]): boolean {
    const { newRS, oldRSs } = this.allReplicaSets(d, rsList, false);
    return active(newRS ? [...oldRSs, newRS] : oldRSs).some((rs) => {
      const desired = rs.metadata.annotations?.[DESIRED_REPLICAS];
      return desired !== undefined && Number(desired) !== dspec(d).replicas;
    });
  }

  /** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created if asked) and all the others. */
  private allReplicaSets(d: KubeObject, rsList: KubeObject[], create: boolean) {
    const sorted = [...rsList].sort(byCreation);
    const existing = sorted.find((rs) =>
      equalIgnoreHash((rs.spec as { template?: never }).template, dspec(d).template),
    );
    const oldRSs = sorted.filter((rs) => rs !== existing);
    const newRS = this.newReplicaSet(d, existing, oldRSs, create);
    return { newRS, oldRSs };
  }

  private newReplicaSet(
    d: KubeObject,
    existing: KubeObject | undefined,
    oldRSs: KubeObject[],
    create: boolean,
  ): KubeObject | undefined {
    const newRevision = Math.max(0, ...oldRSs.map(revisionOf)) + 1;
    const minReady = dspec(d).minReadySeconds ?? 0;
    const now = this.clock.now();
    if (existing) {
      const copy = structuredClone(existing);
      const spec = copy.spec as { minReadySeconds?: number };
      const annotated = setNewReplicaSetAnnotations(d, copy, newRevision, true);
      if (annotated || (spec.minReadySeconds ?? 0) !== minReady) {
        if (minReady) spec.minReadySeconds = minReady;
        else delete spec.minReadySeconds;
        return this.updateRS(copy);
      }
      const status = structuredClone(dstatus(d));
      let needsUpdate = this.setRevision(d, copy.metadata.annotations?.[REVISION] ?? "");
      if (hasProgressDeadline(d) && !getCondition(status, "Progressing")) {
        const msg = `Found new replica set "${copy.metadata.name}"`;
        setCondition(status, newCondition("Progressing", "True", "FoundNewReplicaSet", msg, now));
        needsUpdate = true;
      }
      if (needsUpdate) this.updateStatus(d, status);
      return copy;
    }
    if (!create) return undefined;
    const spec = dspec(d);
    for (;;) {
      const hash = podTemplateHash(spec.template, dstatus(d).collisionCount);
      const template = structuredClone(spec.template);
      template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels } };
      template.metadata.labels![HASH_LABEL] = hash;
      const rs: KubeObject = {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: {
          name: `${d.metadata.name}-${hash}`,
          namespace: d.metadata.namespace,
          labels: { ...template.metadata.labels },
          ownerReferences: [
            {
              apiVersion: "apps/v1",
              kind: "Deployment",
              name: d.metadata.name,
              uid: d.metadata.uid!,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: {
          replicas: 0,
          ...(minReady ? { minReadySeconds: minReady } : {}),
          selector: {
            ...spec.selector,
            matchLabels: { ...spec.selector.matchLabels, [HASH_LABEL]: hash },
          },
          template,
        },
      };
      const count = newRSNewReplicas(d, [...oldRSs, rs], rs);
      (rs.spec as { replicas: number }).replicas = count;
      setNewReplicaSetAnnotations(d, rs, newRevision, false);
      let created: KubeObject;
      try {
        created = this.registry.create(REPLICASETS, d.metadata.namespace, rs, false);
        this.replicaSets.file(created);
      } catch (err) {
        if (!(err instanceof ApiError) || err.code !== 409) throw err;
        const clash = this.store.get("replicasets", d.metadata.namespace, rs.metadata.name)!;
        const ours = clash.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid);
        if (ours && equalIgnoreHash((clash.spec as { template?: never }).template, spec.template))
          return clash;
        // A hash collision: kube bumps collisionCount and hashes again.
        const status = { ...dstatus(d), collisionCount: (dstatus(d).collisionCount ?? 0) + 1 };
        this.updateStatus(d, status);
        continue;
      }
      if (count > 0)
        this.record(d, `Scaled up replica set ${created.metadata.name} from 0 to ${count}`);
      const status = structuredClone(dstatus(d));
      this.setRevision(d, String(newRevision));
      if (hasProgressDeadline(d)) {
        const msg = `Created new replica set "${created.metadata.name}"`;
        setCondition(status, newCondition("Progressing", "True", "NewReplicaSetCreated", msg, now));
      }
      this.updateStatus(d, status);
      return created;
    }
  }

  private setRevision(d: KubeObject, revision: string): boolean {
    const annotations = (d.metadata.annotations ??= {});
    if (annotations[REVISION] === revision) return false;
    annotations[REVISION] = revision;
    return true;
  }

  /** cleanupDeployment: old ReplicaSets at 0 beyond revisionHistoryLimit go, lowest revision first. */
  private cleanup(oldRSs: KubeObject[], d: KubeObject): void {
    const limit = dspec(d).revisionHistoryLimit;
    if (limit === undefined) return;
    const alive = oldRSs
      .filter((rs) => !rs.metadata.deletionTimestamp)
      .sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (const rs of alive.slice(0, Math.max(0, alive.length - limit))) {
      const observed = (rs.status as { observedGeneration?: number })?.observedGeneration ?? 0;
      if ((rs.status as { replicas?: number })?.replicas || replicasOf(rs)) continue;
      if ((rs.metadata.generation ?? 1) > observed) continue;
      this.registry.delete(REPLICASETS, rs.metadata.namespace, rs.metadata.name, { dryRun: false });
    }
  }

  // ---- rolling.go -----------------------------------------------------------------------------

  private rolloutRolling(d: KubeObject, rsList: KubeObject[]): void {
    const { newRS, oldRSs } = this.allReplicaSets(d, rsList, true);
    if (!newRS) return;
    const all = [...oldRSs, newRS];
    if (this.scaler.reconcileNewReplicaSet(all, newRS, d))
      return this.syncRolloutStatus(all, newRS, d);
    if (this.scaler.reconcileOldReplicaSets(all, active(oldRSs), newRS, d))
      return this.syncRolloutStatus(all, newRS, d);
    if (deploymentComplete(d, dstatus(d))) this.cleanup(oldRSs, d);
    this.syncRolloutStatus(all, newRS, d);
  }

  // ---- recreate.go ----------------------------------------------------------------------------

  private rolloutRecreate(d: KubeObject, rsList: KubeObject[]): void {
    let { newRS, oldRSs } = this.allReplicaSets(d, rsList, false);
    let all = newRS ? [...oldRSs, newRS] : oldRSs;
    let scaledDown = false;
    for (const rs of active(oldRSs))
      if (this.scaler.scaleAndRecord(rs, 0, d).scaled) scaledDown = true;
    if (scaledDown || this.oldPodsRunning(newRS, oldRSs))
      return this.syncRolloutStatus(all, newRS, d);
    if (!newRS) {
      ({ newRS, oldRSs } = this.allReplicaSets(d, rsList, true));
      all = newRS ? [...oldRSs, newRS] : oldRSs;
    }
    if (newRS) this.scaler.scaleAndRecord(newRS, dspec(d).replicas, d);
    if (deploymentComplete(d, dstatus(d))) this.cleanup(oldRSs, d);
    this.syncRolloutStatus(all, newRS, d);
  }

  /** oldPodsRunning: old ReplicaSets still report pods, or own a pod not yet Succeeded/Failed (terminating ones count). */
  private oldPodsRunning(newRS: KubeObject | undefined, oldRSs: KubeObject[]): boolean {
    if (oldRSs.some((rs) => (rs.status as { replicas?: number })?.replicas)) return true;
    const old = new Set(oldRSs.map((rs) => rs.metadata.uid));
    return this.store
      .list("pods", newRS?.metadata.namespace ?? oldRSs[0]?.metadata.namespace)
      .some((p) => {
        const owner = p.metadata.ownerReferences?.find((r) => r.controller)?.uid;
        const phase = (p.status as { phase?: string } | undefined)?.phase;
        return old.has(owner) && phase !== "Succeeded" && phase !== "Failed";
      });
  }

  // ---- progress.go ----------------------------------------------------------------------------

  private syncRolloutStatus(all: KubeObject[], newRS: KubeObject | undefined, d: KubeObject): void {
    const now = this.clock.now();
    const status = calculateStatus(all, newRS, d, now);
    if (!hasProgressDeadline(d)) removeCondition(status, "Progressing");
    const current = getCondition(dstatus(d), "Progressing");
    const complete =
      status.replicas === status.updatedReplicas && current?.reason === "NewReplicaSetAvailable";
    const name = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
    if (hasProgressDeadline(d) && !complete) {
      if (deploymentComplete(d, status)) {
        const msg = `${name} has successfully progressed.`;
        setCondition(
          status,
          newCondition("Progressing", "True", "NewReplicaSetAvailable", msg, now),
        );
      } else if (deploymentProgressing(d, status)) {
        const msg = `${name} is progressing.`;
        const c = newCondition("Progressing", "True", "ReplicaSetUpdated", msg, now);
        // Progress moves lastUpdateTime even when the reason stays (progress.go handles it apart).
        if (current) {
          if (current.status === "True") c.lastTransitionTime = current.lastTransitionTime;
          removeCondition(status, "Progressing");
        }
        setCondition(status, c);
      } else if (deploymentTimedOut(d, status, now)) {
        const msg = `${name} has timed out progressing.`;
        setCondition(
          status,
          newCondition("Progressing", "False", "ProgressDeadlineExceeded", msg, now),
        );
      }
    }
    if (canonical(status) === canonical(dstatus(d))) return this.requeueStuck(d, status);
    this.updateStatus(d, status);
  }

  /** requeueStuckDeployment: look again just after the deadline would pass. */
  private requeueStuck(d: KubeObject, status: ReturnType<typeof dstatus>): void {
    const current = getCondition(dstatus(d), "Progressing");
    if (!hasProgressDeadline(d) || !current) return;
    if (deploymentComplete(d, status) || current.reason === "ProgressDeadlineExceeded") return;
    const from = parseTime(current.lastUpdateTime);
    if (from === null) return;
    const deadline = from + dspec(d).progressDeadlineSeconds! * 1000;
    const after = deadline - this.clock.now();
    this.wakeAt(after < 1000 ? deadline + 1 : deadline + 1000);
  }

  private wakeAt(at: number): void {
    if (this.wakeups.has(at)) return;
    this.wakeups.set(
      at,
      this.clock.at(at, () => {
        this.wakeups.delete(at);
        this.queue();
      }),
    );
  }

  // ---- writes ---------------------------------------------------------------------------------

  /** UpdateStatus: the status and, as kube's status strategy lets through, the annotations. */
  private updateStatus(d: KubeObject, status: ReturnType<typeof dstatus>): void {
    d.status = status;
    this.store.mutate("deployments", d.metadata.namespace, d.metadata.name, (o) => {
      if (
        canonical(o.status) === canonical(status) &&
        canonical(o.metadata.annotations ?? {}) === canonical(d.metadata.annotations ?? {})
      )
        return false;
      o.status = structuredClone(status);
      if (d.metadata.annotations) o.metadata.annotations = { ...d.metadata.annotations };
    });
  }

  private updateRS(copy: KubeObject): KubeObject {
    return this.scaler.updateRS(copy);
  }

  private record(d: KubeObject, message: string): void {
    this.events.record(this.ref(d), "ScalingReplicaSet", message, { component: COMPONENT });
  }
}
