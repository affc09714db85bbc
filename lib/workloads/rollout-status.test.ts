// kubectl rollout status, ported: each branch of rollout_status.go gives kubectl's words and verdict.
import { describe, expect, it } from "vitest";
import { rolloutDone, rolloutStatus } from "./rollout-status";
import { workloadState } from "./workload-state";

const deploy = (status: object, spec: object = {}, generation = 2) =>
  workloadState({
    kind: "Deployment",
    metadata: { name: "web", namespace: "shop", generation },
    spec: { replicas: 3, ...spec },
    status,
  });
const sts = (status: object, updateStrategy: object = { type: "RollingUpdate" }) =>
  workloadState({
    kind: "StatefulSet",
    metadata: { name: "db", namespace: "data", generation: 2 },
    spec: { replicas: 3, updateStrategy },
    status,
  });
const ds = (status: object, type = "RollingUpdate") =>
  workloadState({
    kind: "DaemonSet",
    metadata: { name: "agent", namespace: "m", generation: 2 },
    spec: { updateStrategy: { type } },
    status: { observedGeneration: 2, desiredNumberScheduled: 3, ...status },
  });

describe("rolloutStatus", () => {
  it.each([
    [
      "spec not yet observed",
      deploy({ observedGeneration: 1 }),
      false,
      "Waiting for deployment spec update to be observed...",
    ],
    [
      "updated < replicas",
      deploy({ observedGeneration: 2, replicas: 4, updatedReplicas: 1 }),
      false,
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
    ],
    [
      "old replicas left",
      deploy({ observedGeneration: 2, replicas: 4, updatedReplicas: 3 }),
      false,
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
    ],
    [
      "not all available",
      deploy({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 2 }),
      false,
      'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...',
    ],
    [
      "rolled out",
      deploy({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }),
      true,
      'deployment "web" successfully rolled out',
    ],
    [
      "sts not ready",
      sts({ observedGeneration: 2, readyReplicas: 2 }),
      false,
      "Waiting for 1 pods to be ready...",
    ],
    [
      "sts revisions differ",
      sts({
        observedGeneration: 2,
        readyReplicas: 3,
        updatedReplicas: 1,
        currentRevision: "db-a",
        updateRevision: "db-b",
      }),
      false,
      "waiting for statefulset rolling update to complete 1 pods at revision db-b...",
    ],
    [
      "sts partition",
      sts(
        { observedGeneration: 2, readyReplicas: 3, updatedReplicas: 1 },
        { type: "RollingUpdate", rollingUpdate: { partition: 1 } },
      ),
      false,
      "Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...",
    ],
    [
      "sts partition done",
      sts(
        { observedGeneration: 2, readyReplicas: 3, updatedReplicas: 2 },
        { type: "RollingUpdate", rollingUpdate: { partition: 1 } },
      ),
      true,
      "partitioned roll out complete: 2 new pods have been updated...",
    ],
    [
      "ds updating",
      ds({ updatedNumberScheduled: 1, numberAvailable: 3 }),
      false,
      'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...',
    ],
    [
      "ds unavailable",
      ds({ updatedNumberScheduled: 3, numberAvailable: 2 }),
      false,
      'Waiting for daemon set "agent" rollout to finish: 2 of 3 updated pods are available...',
    ],
    [
      "ds done",
      ds({ updatedNumberScheduled: 3, numberAvailable: 3 }),
      true,
      'daemon set "agent" successfully rolled out',
    ],
  ])("%s", (_name, state, done, message) => {
    expect(rolloutStatus(state)).toEqual({ done, message, error: null });
    expect(rolloutDone(state)).toBe(done);
  });

  it("a Deployment past its progress deadline is kubectl's error, never done", () => {
    const s = deploy({
      observedGeneration: 2,
      conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }],
    });
    expect(rolloutStatus(s)).toEqual({
      done: false,
      message: "",
      error: 'deployment "web" exceeded its progress deadline',
    });
    expect(rolloutDone(s)).toBe(false);
  });

  it("OnDelete: kubectl gives up; the controller's revisions decide", () => {
    const waiting = sts(
      { observedGeneration: 2, readyReplicas: 3, currentRevision: "db-a", updateRevision: "db-b" },
      { type: "OnDelete" },
    );
    expect(rolloutStatus(waiting)!.error).toBe(
      "rollout status is only available for RollingUpdate strategy type",
    );
    expect(rolloutDone(waiting)).toBe(false);
    expect(
      rolloutDone(
        sts(
          { observedGeneration: 2, currentRevision: "db-b", updateRevision: "db-b" },
          { type: "OnDelete" },
        ),
      ),
    ).toBe(true);
  });

  it("says nothing of other kinds and never throws", () => {
    expect(
      rolloutStatus(workloadState({ kind: "Job", metadata: { name: "j", namespace: "n" } })),
    ).toBeNull();
    expect(rolloutStatus(null)).toBeNull();
    // kubectl itself calls a Deployment with no replicas and no status rolled out.
    expect(rolloutStatus({ kind: "Deployment" } as never)).toMatchObject({ done: true });
  });
});
