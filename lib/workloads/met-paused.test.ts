// A Deployment Lifeline meets for the first time already paused with a changed template (kubectl
// rollout pause, then kubectl set image, before Lifeline started): there is one version, so no two
// templates to compare. Kubernetes' own truth is that no ReplicaSet has the Deployment's template
// (deployment/util/deployment_util.go FindNewReplicaSet: EqualIgnoreHash against every
// ReplicaSet; sync.go sync() makes none while paused), so the pending rollout opens at the first
// sighting. Objects as `kubectl get -o json` shows them; times are seconds after 10:00:00 UTC.
import { describe, expect, it } from "vitest";
import { buildWorkloadTimeline } from ".";
import type { OwnedHistory } from "./types";
import { workloadState, type WorkloadVersion } from "./workload-state";

const T0 = Date.parse("2026-11-24T10:00:00Z");
const at = (sec: number) => T0 + Math.round(sec * 1000);
const iso = (sec: number) => new Date(at(sec)).toISOString().replace(".000Z", "Z");
const IMAGE = "registry.example.com/shop/cart";
const DEPLOYMENT_UID = "3f0c6a52-8d0e-4b8e-9b7a-2f4f0d7c1a11";
/** A day before the first sighting: the Deployment and its first ReplicaSet. */
const CREATED = -86_400;

type Obj = Record<string, unknown>;

function podTemplate(image: string, hash?: string): Obj {
  return {
    metadata: {
      creationTimestamp: null,
      labels: { app: "cart", ...(hash ? { "pod-template-hash": hash } : {}) },
    },
    spec: {
      containers: [
        {
          image,
          imagePullPolicy: "IfNotPresent",
          name: "cart",
          ports: [{ containerPort: 8080, protocol: "TCP" }],
          resources: { requests: { cpu: "100m", memory: "128Mi" } },
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
        },
      ],
      dnsPolicy: "ClusterFirst",
      restartPolicy: "Always",
      schedulerName: "default-scheduler",
      securityContext: {},
      terminationGracePeriodSeconds: 30,
    },
  };
}

const condition = (type: string, status: string, reason: string, message: string, sec: number) => ({
  lastTransitionTime: iso(sec),
  lastUpdateTime: iso(sec),
  message,
  reason,
  status,
  type,
});

/** The Deployment as the API server returns it; `updated` 0 is left out (omitempty), as kube does. */
function cart(o: {
  sec: number;
  image: string;
  paused: boolean;
  generation: number;
  revision: number;
  updated: number;
  replicas?: number;
  progressing: ReturnType<typeof condition>;
}): WorkloadVersion {
  const object = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      annotations: { "deployment.kubernetes.io/revision": String(o.revision) },
      creationTimestamp: iso(CREATED),
      generation: o.generation,
      labels: { app: "cart" },
      name: "cart",
      namespace: "shop",
      resourceVersion: String(48_000 + Math.round(o.sec * 10)),
      uid: DEPLOYMENT_UID,
    },
    spec: {
      ...(o.paused ? { paused: true } : {}),
      progressDeadlineSeconds: 600,
      replicas: 3,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: "cart" } },
      strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 }, type: "RollingUpdate" },
      template: podTemplate(o.image),
    },
    status: {
      availableReplicas: 3,
      conditions: [
        condition(
          "Available",
          "True",
          "MinimumReplicasAvailable",
          "Deployment has minimum availability.",
          CREATED + 7,
        ),
        o.progressing,
      ],
      observedGeneration: o.generation,
      readyReplicas: 3,
      replicas: o.replicas ?? 3,
      ...(o.updated ? { updatedReplicas: o.updated } : {}),
    },
  };
  return { observedAt: at(o.sec) + 80, deleted: false, state: workloadState(object) };
}

const PAUSED = condition(
  "Progressing",
  "Unknown",
  "DeploymentPaused",
  "Deployment is paused",
  -1128,
);

/** First sighting: paused at 09:41:12 (generation 2), image 2.4 set after it (generation 3). */
const metPaused = (image = `${IMAGE}:2.4`) =>
  cart({
    sec: 0,
    image,
    paused: true,
    generation: 3,
    revision: 1,
    updated: 0,
    progressing: PAUSED,
  });

function replicaSet(o: {
  hash: string;
  image: string;
  revision: number;
  sec: number;
  replicas: number;
  observed: number;
}): OwnedHistory {
  const name = `cart-${o.hash}`;
  const object = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      annotations: {
        "deployment.kubernetes.io/desired-replicas": "3",
        "deployment.kubernetes.io/max-replicas": "4",
        "deployment.kubernetes.io/revision": String(o.revision),
      },
      creationTimestamp: iso(o.sec),
      generation: 1,
      labels: { app: "cart", "pod-template-hash": o.hash },
      name,
      namespace: "shop",
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          blockOwnerDeletion: true,
          controller: true,
          kind: "Deployment",
          name: "cart",
          uid: DEPLOYMENT_UID,
        },
      ],
      resourceVersion: String(1_000 + o.sec),
      uid: `7d1e2c44-${o.hash.slice(0, 4)}-4f1b-8a3e-0c5d9b6e2f10`,
    },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: { app: "cart", "pod-template-hash": o.hash } },
      template: podTemplate(o.image, o.hash),
    },
    status: {
      availableReplicas: o.replicas,
      fullyLabeledReplicas: o.replicas,
      observedGeneration: 1,
      readyReplicas: o.replicas,
      replicas: o.replicas,
    },
  };
  return {
    kind: "ReplicaSet",
    name,
    uid: object.metadata.uid,
    versions: [{ observedAt: at(o.observed), deleted: false, state: workloadState(object) }],
  };
}

/** Revision 1, made when the Deployment was created; Lifeline lists it at the first sighting. */
const RS1 = replicaSet({
  hash: "84f6d7c9b5",
  image: `${IMAGE}:2.3`,
  revision: 1,
  sec: CREATED,
  replicas: 3,
  observed: 0.05,
});

describe("a Deployment first seen already paused with its template changed", () => {
  it("opens the pending rollout from the first sighting: no ReplicaSet has the template", () => {
    const tl = buildWorkloadTimeline({ versions: [metPaused()], owned: [RS1], now: at(120) });
    expect(tl.warnings).toEqual([]);
    expect(tl.rollouts.map((r) => [r.from, r.to, r.outcome, r.pending])).toEqual([
      [null, 1, "superseded", false],
      [1, null, "paused", true],
    ]);
    expect(tl.rollouts[0]).toMatchObject({
      start: at(CREATED),
      end: at(0.08),
      evidence: [
        {
          kind: "revision",
          at: at(0.08),
          text: "first observed with a pod template none of its ReplicaSets has; no revision for it yet",
        },
      ],
    });
    expect(tl.rollouts[1]).toEqual({
      from: 1,
      fromName: "cart-84f6d7c9b5",
      to: null,
      toName: null,
      start: at(0.08),
      end: null,
      outcome: "paused",
      stalledAt: null,
      stalledUntil: null,
      pending: true,
      pausedSpans: [{ start: at(0.08), end: null }],
      rollback: false,
      durationMs: 119_920,
      evidence: [
        {
          kind: "observed",
          at: at(0.08),
          text: "first observed with a pod template none of its ReplicaSets has (cart-84f6d7c9b5 has revision 1's)",
        },
        {
          kind: "condition",
          at: at(-1128),
          text: "Progressing=Unknown DeploymentPaused: Deployment is paused",
        },
        {
          kind: "paused",
          at: at(0.08),
          text: "spec.paused: the pod template changed (generation 3); the controller makes no ReplicaSet for it until kubectl rollout resume",
        },
      ],
    });
    expect(tl.health).toEqual({
      level: "warning",
      reason: { key: "health.workload.paused", vars: {} },
    });
  });

  it("paused with the template its ReplicaSet has: no pending rollout", () => {
    const tl = buildWorkloadTimeline({
      versions: [metPaused(`${IMAGE}:2.3`)],
      owned: [RS1],
      now: at(120),
    });
    expect(tl.rollouts.map((r) => [r.to, r.pending])).toEqual([[1, false]]);
  });

  it("without its ReplicaSets (not listed, or no RBAC for them): no pending rollout, nothing to compare with", () => {
    const tl = buildWorkloadTimeline({ versions: [metPaused()], owned: [], now: at(120) });
    expect(tl.rollouts.map((r) => [r.to, r.pending])).toEqual([[1, false]]);
  });

  it("changed again while paused: still one pending rollout, from the first sighting", () => {
    const tl = buildWorkloadTimeline({
      versions: [
        metPaused(),
        cart({
          sec: 40,
          image: `${IMAGE}:2.5`,
          paused: true,
          generation: 4,
          revision: 1,
          updated: 0,
          progressing: PAUSED,
        }),
      ],
      owned: [RS1],
      now: at(120),
    });
    expect(tl.rollouts.map((r) => [r.to, r.outcome, r.pending, r.start])).toEqual([
      [1, "superseded", false, at(CREATED)],
      [null, "paused", true, at(0.08)],
    ]);
  });

  it("resumed: the rollout to revision 2 starts at the first sighting, paused until the resume", () => {
    const RS2 = replicaSet({
      hash: "5c7b9d4f86",
      image: `${IMAGE}:2.4`,
      revision: 2,
      sec: 60.4,
      replicas: 3,
      observed: 60.48,
    });
    const tl = buildWorkloadTimeline({
      versions: [
        metPaused(),
        cart({
          sec: 60,
          image: `${IMAGE}:2.4`,
          paused: false,
          generation: 4,
          revision: 1,
          updated: 0,
          progressing: condition(
            "Progressing",
            "Unknown",
            "DeploymentResumed",
            "Deployment is resumed",
            60,
          ),
        }),
        cart({
          sec: 60.5,
          image: `${IMAGE}:2.4`,
          paused: false,
          generation: 4,
          revision: 2,
          updated: 1,
          replicas: 4,
          progressing: condition(
            "Progressing",
            "True",
            "NewReplicaSetCreated",
            'Created new replica set "cart-5c7b9d4f86"',
            60,
          ),
        }),
        cart({
          sec: 80,
          image: `${IMAGE}:2.4`,
          paused: false,
          generation: 4,
          revision: 2,
          updated: 3,
          progressing: condition(
            "Progressing",
            "True",
            "NewReplicaSetAvailable",
            'ReplicaSet "cart-5c7b9d4f86" has successfully progressed.',
            60,
          ),
        }),
      ],
      owned: [RS1, RS2],
      now: at(120),
    });
    expect(
      tl.rollouts.map((r) => [r.from, r.to, r.outcome, r.pending, r.start, r.end, r.pausedSpans]),
    ).toEqual([
      [null, 1, "superseded", false, at(CREATED), at(0.08), []],
      [1, 2, "complete", false, at(0.08), at(80.08), [{ start: at(0.08), end: at(60.08) }]],
    ]);
  });
});
