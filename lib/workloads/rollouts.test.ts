// Rollout outcomes the scenarios do not reach: superseded, paused, and a Deployment met mid-life.
import { describe, expect, it } from "vitest";
import { buildWorkloadTimeline } from ".";
import type { OwnedHistory } from "./types";
import { workloadState, type WorkloadVersion } from "./workload-state";

const T0 = Date.parse("2026-11-24T10:00:00Z");
const s = (sec: number) => T0 + sec * 1000;
const iso = (sec: number) => new Date(s(sec)).toISOString().replace(".000Z", "Z");

function deploy(
  sec: number,
  o: {
    rev: number;
    image: string;
    gen: number;
    observed: number;
    updated: number;
    available: number;
    replicas?: number;
    paused?: boolean;
    /** Progressing: status, reason, lastTransitionTime in seconds. */
    progressing?: [string, string, number];
  },
): WorkloadVersion {
  return {
    observedAt: s(sec),
    deleted: false,
    state: workloadState({
      kind: "Deployment",
      metadata: {
        name: "web",
        namespace: "shop",
        generation: o.gen,
        creationTimestamp: iso(0),
        annotations: { "deployment.kubernetes.io/revision": String(o.rev) },
      },
      spec: {
        replicas: 2,
        paused: o.paused,
        template: { spec: { containers: [{ name: "web", image: o.image }] } },
      },
      status: {
        observedGeneration: o.observed,
        replicas: o.replicas ?? o.updated,
        updatedReplicas: o.updated,
        availableReplicas: o.available,
        conditions: o.progressing && [
          {
            type: "Progressing",
            status: o.progressing[0],
            reason: o.progressing[1],
            message: `ReplicaSet "web-b" ${o.progressing[1] === "ProgressDeadlineExceeded" ? "has timed out progressing." : "is progressing."}`,
            lastUpdateTime: iso(sec),
            lastTransitionTime: iso(o.progressing[2]),
          },
        ],
      },
    }),
  };
}
function rs(name: string, sec: number, rev: number, image: string): OwnedHistory {
  return {
    versions: [
      {
        observedAt: s(sec),
        deleted: false,
        state: workloadState({
          kind: "ReplicaSet",
          metadata: {
            name,
            namespace: "shop",
            creationTimestamp: iso(sec),
            labels: { "pod-template-hash": name.split("-")[1] },
            annotations: { "deployment.kubernetes.io/revision": String(rev) },
          },
          spec: { template: { spec: { containers: [{ name: "web", image }] } } },
        }),
      },
    ],
  };
}

describe("rollouts", () => {
  const owned = [rs("web-a", 0, 1, "v1"), rs("web-b", 60, 2, "v2"), rs("web-c", 90, 3, "v3")];

  it("a rollout overtaken by a newer one is superseded where the newer one starts", () => {
    const tl = buildWorkloadTimeline({
      versions: [
        deploy(1, { rev: 1, image: "v1", gen: 1, observed: 1, updated: 2, available: 2 }),
        deploy(60, { rev: 1, image: "v2", gen: 2, observed: 1, updated: 2, available: 2 }),
        deploy(61, {
          rev: 2,
          image: "v2",
          gen: 2,
          observed: 2,
          updated: 1,
          available: 2,
          replicas: 3,
        }),
        deploy(90, {
          rev: 2,
          image: "v3",
          gen: 3,
          observed: 2,
          updated: 1,
          available: 2,
          replicas: 3,
        }),
        deploy(91, {
          rev: 3,
          image: "v3",
          gen: 3,
          observed: 3,
          updated: 1,
          available: 2,
          replicas: 3,
        }),
        deploy(99, { rev: 3, image: "v3", gen: 3, observed: 3, updated: 2, available: 2 }),
      ],
      owned,
      now: s(120),
    });
    expect(
      tl.rollouts.map((r) => [
        r.from,
        r.to,
        r.outcome,
        (r.start - T0) / 1000,
        r.end && (r.end - T0) / 1000,
      ]),
    ).toEqual([
      [null, 1, "complete", 0, 1],
      [1, 2, "superseded", 60, 90],
      [2, 3, "complete", 90, 99],
    ]);
    expect(tl.rollouts[1].evidence).toEqual([
      { kind: "revision", at: s(90), text: "revision 3 began" },
    ]);
  });

  it("a paused rollout stays open as paused, and the workload says so", () => {
    const tl = buildWorkloadTimeline({
      versions: [
        deploy(1, { rev: 1, image: "v1", gen: 1, observed: 1, updated: 2, available: 2 }),
        deploy(60, { rev: 1, image: "v2", gen: 2, observed: 1, updated: 2, available: 2 }),
        deploy(61, {
          rev: 2,
          image: "v2",
          gen: 2,
          observed: 2,
          updated: 1,
          available: 2,
          replicas: 3,
        }),
        deploy(70, {
          rev: 2,
          image: "v2",
          gen: 3,
          observed: 3,
          updated: 1,
          available: 2,
          replicas: 3,
          paused: true,
        }),
      ],
      owned: owned.slice(0, 2),
      now: s(120),
    });
    expect(tl.rollouts[1]).toMatchObject({ outcome: "paused", end: null, durationMs: 60_000 });
    expect(tl.health.reason?.key).toBe("health.workload.paused");
  });

  it("met mid-life already rolled out: the rollout runs from its ReplicaSet's creation to the first observation", () => {
    const tl = buildWorkloadTimeline({
      versions: [
        deploy(500, { rev: 2, image: "v2", gen: 2, observed: 2, updated: 2, available: 2 }),
      ],
      owned: owned.slice(0, 2),
      now: s(600),
    });
    expect(tl.rollouts).toEqual([
      expect.objectContaining({
        from: null,
        to: 2,
        start: s(60),
        end: s(500),
        outcome: "complete",
        evidence: [
          { kind: "observed", at: s(500), text: "already rolled out when first observed" },
        ],
      }),
    ]);
    expect(tl.revisions.map((r) => r.number)).toEqual([1, 2]);
  });

  it("a rollout that stalls and then progresses again: the stall ends when Progressing leaves ProgressDeadlineExceeded", () => {
    const v = (sec: number, updated: number, available: number, p: [string, string, number]) =>
      deploy(sec, {
        rev: 2,
        image: "v2",
        gen: 2,
        observed: 2,
        updated,
        available,
        replicas: updated === 2 && available === 2 ? 2 : 3,
        progressing: p,
      });
    const tl = buildWorkloadTimeline({
      versions: [
        deploy(1, { rev: 1, image: "v1", gen: 1, observed: 1, updated: 2, available: 2 }),
        deploy(60, { rev: 1, image: "v2", gen: 2, observed: 1, updated: 2, available: 2 }),
        v(61, 1, 2, ["True", "ReplicaSetUpdated", 61]),
        // progress.go: DeploymentTimedOut, observed a little after the controller wrote it.
        v(185, 1, 2, ["False", "ProgressDeadlineExceeded", 181]),
        // The image became pullable: progress again (status True, a new transition time).
        v(250, 2, 1, ["True", "ReplicaSetUpdated", 248]),
        v(260, 2, 2, ["True", "NewReplicaSetAvailable", 248]),
      ],
      owned: owned.slice(0, 2),
      now: s(300),
    });
    expect(tl.rollouts[1]).toMatchObject({
      outcome: "complete",
      start: s(60),
      stalledAt: s(181),
      stalledUntil: s(248),
      end: s(260),
    });
  });
});
