import { describe, expect, it } from "vitest";
import { selectorText, templateSummary, workloadState } from "./workload-state";

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "checkout",
    namespace: "shop",
    uid: "0d5e6c1a-1111-4c3b-9a55-0f1f6b8f0a01",
    generation: 3,
    creationTimestamp: "2026-11-24T08:00:00Z",
    annotations: { "deployment.kubernetes.io/revision": "2", "kubernetes.io/change-cause": "v2" },
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: "checkout" } },
    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
    progressDeadlineSeconds: 600,
    revisionHistoryLimit: 10,
    template: {
      metadata: {
        labels: { app: "checkout" },
        annotations: { "kubectl.kubernetes.io/restartedAt": "2026-11-24T09:00:00Z" },
      },
      spec: {
        containers: [
          {
            name: "web",
            image: "shop/checkout:2.1",
            command: ["/bin/app", "--token=hunter2"],
            env: [
              { name: "DB_PASSWORD", value: "hunter2" },
              { name: "MODE", valueFrom: { configMapKeyRef: { name: "cfg", key: "mode" } } },
            ],
            envFrom: [{ secretRef: { name: "db" } }],
            resources: { requests: { cpu: "250m" }, limits: { memory: "256Mi" } },
          },
        ],
      },
    },
  },
  status: {
    observedGeneration: 3,
    replicas: 4,
    updatedReplicas: 1,
    readyReplicas: 3,
    availableReplicas: 3,
    unavailableReplicas: 1,
    conditions: [
      {
        type: "Progressing",
        status: "True",
        reason: "ReplicaSetUpdated",
        message: 'ReplicaSet "checkout-5d8f7c9b6" is progressing.',
        lastUpdateTime: "2026-11-24T09:00:05Z",
        lastTransitionTime: "2026-11-24T09:00:00Z",
      },
    ],
  },
};

describe("workloadState", () => {
  it("keeps a Deployment's identity, counts, strategy and template summary", () => {
    const s = workloadState(deployment)!;
    expect(s).toMatchObject({
      kind: "Deployment",
      namespace: "shop",
      name: "checkout",
      revision: 2,
      changeCause: "v2",
      generation: 3,
      observedGeneration: 3,
      selector: "app=checkout",
      strategy: { type: "RollingUpdate", maxSurge: "25%", maxUnavailable: "0", partition: null },
      counts: { desired: 3, current: 4, updated: 1, ready: 3, available: 3 },
    });
    expect(s.template!.containers).toEqual([
      {
        name: "web",
        image: "shop/checkout:2.1",
        kind: "main",
        envNames: ["DB_PASSWORD", "MODE", "secret:db"],
        requests: { cpu: "250m" },
        limits: { memory: "256Mi" },
      },
    ]);
    expect(s.template!.restartedAt).toBe("2026-11-24T09:00:00Z");
    expect(s.conditions[0]).not.toHaveProperty("lastUpdateTime");
  });

  it("never keeps an env value, a command or an argument", () => {
    expect(JSON.stringify(workloadState(deployment))).not.toContain("hunter2");
  });

  it("changes the digest when the template changes where the summary is silent, not when env values change", () => {
    const base = templateSummary(deployment.spec.template)!;
    const t = structuredClone(deployment.spec.template) as typeof deployment.spec.template & {
      spec: { terminationGracePeriodSeconds?: number };
    };
    t.spec.terminationGracePeriodSeconds = 5;
    expect(templateSummary(t)!.digest).not.toBe(base.digest);
    const v = structuredClone(deployment.spec.template);
    v.spec.containers[0].env[0].value = "other";
    expect(templateSummary(v)!.digest).toBe(base.digest);
  });

  it("reads DaemonSet, Job, CronJob and ControllerRevision shapes", () => {
    expect(
      workloadState({
        kind: "DaemonSet",
        metadata: { name: "agent", namespace: "kube-system" },
        spec: { updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } } },
        status: {
          desiredNumberScheduled: 3,
          currentNumberScheduled: 3,
          updatedNumberScheduled: 2,
          numberReady: 2,
          numberAvailable: 2,
          numberMisscheduled: 1,
          updateRevision: "agent-6b7c",
        },
      }),
    ).toMatchObject({
      counts: { desired: 3, current: 3, updated: 2, ready: 2, available: 2, misscheduled: 1 },
      strategy: { type: "RollingUpdate", maxUnavailable: "1" },
      updateRevision: "agent-6b7c",
    });
    // A rollout just begun: the API server leaves out the omitempty counts that are 0.
    expect(
      workloadState({
        kind: "DaemonSet",
        metadata: { name: "agent", namespace: "kube-system", generation: 2 },
        spec: { updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } } },
        status: {
          currentNumberScheduled: 1,
          desiredNumberScheduled: 1,
          numberMisscheduled: 0,
          numberReady: 0,
          numberUnavailable: 1,
          observedGeneration: 2,
        },
      })?.counts,
    ).toEqual({ desired: 1, current: 1, updated: 0, ready: 0, available: 0, misscheduled: 0 });
    // No status yet: nothing is known.
    expect(
      workloadState({ kind: "DaemonSet", metadata: { name: "agent", namespace: "x" }, spec: {} })
        ?.counts,
    ).toEqual({
      desired: null,
      current: null,
      updated: null,
      ready: null,
      available: null,
      misscheduled: null,
    });
    expect(
      workloadState({
        kind: "Job",
        metadata: {
          name: "report-29400000",
          namespace: "batch",
          ownerReferences: [{ kind: "CronJob", name: "report", uid: "u1", controller: true }],
        },
        spec: { completions: 1, parallelism: 1, backoffLimit: 6 },
        status: { failed: 2, startTime: "2026-11-24T10:00:00Z" },
      }),
    ).toMatchObject({
      owner: { kind: "CronJob", name: "report", uid: "u1" },
      job: { completions: 1, backoffLimit: 6, failed: 2, succeeded: 0, active: 0 },
    });
    expect(
      workloadState({
        kind: "CronJob",
        metadata: { name: "report", namespace: "batch" },
        spec: {
          schedule: "*/1 * * * *",
          concurrencyPolicy: "Forbid",
          jobTemplate: {
            spec: { template: { spec: { containers: [{ name: "r", image: "busybox" }] } } },
          },
        },
        status: { active: [{ kind: "Job", name: "report-29400000" }] },
      }),
    ).toMatchObject({
      cronJob: {
        schedule: "*/1 * * * *",
        concurrencyPolicy: "Forbid",
        active: ["report-29400000"],
      },
      template: { containers: [{ name: "r", image: "busybox" }] },
    });
    expect(
      workloadState({
        kind: "ControllerRevision",
        metadata: { name: "web-7f9c", namespace: "shop" },
        revision: 4,
        data: {
          spec: { template: { spec: { containers: [{ name: "w", image: "nginx:1.27" }] } } },
        },
      }),
    ).toMatchObject({ revision: 4, template: { containers: [{ image: "nginx:1.27" }] } });
  });

  it("answers null for other kinds and nameless objects, and never throws on junk", () => {
    expect(workloadState({ kind: "Pod", metadata: { name: "p", namespace: "d" } })).toBeNull();
    expect(workloadState({ kind: "Deployment", metadata: {} })).toBeNull();
    for (const junk of [
      null,
      7,
      "x",
      [],
      { kind: "Deployment", metadata: { name: "a", namespace: "b" }, spec: 5, status: [] },
    ])
      expect(() => workloadState(junk)).not.toThrow();
  });

  it("writes selectors as kubectl does", () => {
    expect(
      selectorText({
        matchLabels: { tier: "web", app: "a" },
        matchExpressions: [
          { key: "env", operator: "In", values: ["prod", "stage"] },
          { key: "canary", operator: "DoesNotExist" },
        ],
      }),
    ).toBe("app=a,tier=web,env in (prod,stage),!canary");
  });
});
