// "Why is this rollout stuck", one pod at a time: each reason is said with its own evidence (a
// container's waiting reason with that container's message, the node's state with the node's).
import { describe, expect, it } from "vitest";
import type { ContainerTimeline, NodeReady, PodTimeline } from "../timeline/types";
import { stuckPod } from "./pods";

const T0 = Date.parse("2026-11-24T10:00:00Z");
const at = (sec: number) => T0 + sec * 1000;
const NOW = at(300);

function container(over: Partial<ContainerTimeline> = {}): ContainerTimeline {
  return {
    name: "web",
    kind: "main",
    order: 0,
    image: "nginx:1.27-typo",
    runs: [],
    waiting: [],
    ready: [],
    backoffs: [],
    probes: [],
    probeConfig: {},
    specResources: null,
    restartCount: 0,
    unplacedRuns: 0,
    restartPolicy: null,
    restartRules: [],
    resources: [],
    ...over,
  };
}

const LOST: NodeReady = {
  node: "node-4",
  status: "Unknown",
  reason: "NodeStatusUnknown",
  message: "Kubelet stopped posting node status.",
  since: at(200),
};

function pod(over: Partial<PodTimeline> = {}): PodTimeline {
  return {
    uid: "u1",
    namespace: "shop",
    name: "web-7d9c5b8f4-lnbk9",
    node: "node-4",
    owner: { kind: "ReplicaSet", name: "web-7d9c5b8f4" },
    nodeReady: null,
    createdAt: at(60),
    deletedAt: null,
    observedFrom: at(60),
    phases: [{ start: at(60), end: null, phase: "Pending" }],
    status: [{ start: at(62), end: null, status: "ImagePullBackOff" }],
    conditions: [
      {
        type: "PodScheduled",
        status: "True",
        reason: null,
        message: null,
        start: at(60),
        end: null,
      },
      {
        type: "Ready",
        status: "False",
        reason: "ContainersNotReady",
        message: "containers with unready status: [web]",
        start: at(60),
        end: null,
      },
    ],
    containers: [
      container({
        waiting: [
          {
            start: at(62),
            end: null,
            reason: "ImagePullBackOff",
            message: 'Back-off pulling image "nginx:1.27-typo"',
          },
        ],
      }),
    ],
    markers: [],
    terminating: null,
    generations: [],
    reconstructed: false,
    warnings: [],
    ...over,
  };
}

describe("stuckPod: every reason with its own evidence", () => {
  it("the container's waiting reason with the container's message", () => {
    const p = stuckPod(pod(), NOW);
    expect(p.detail).toBe('Back-off pulling image "nginx:1.27-typo"');
    expect(p.text).toBe(
      'web-7d9c5b8f4-lnbk9: ImagePullBackOff — Back-off pulling image "nginx:1.27-typo"',
    );
  });

  it("on a lost node: the waiting reason keeps its message, the node's state gets the node's", () => {
    const p = stuckPod(pod({ nodeReady: LOST }), NOW);
    expect(p.health.reason).toEqual({
      key: "problem.failing",
      vars: { status: "ImagePullBackOff" },
    });
    expect(p.detail).toBe('Back-off pulling image "nginx:1.27-typo"');
    expect(p.text).toBe(
      'web-7d9c5b8f4-lnbk9: ImagePullBackOff — Back-off pulling image "nginx:1.27-typo"; ' +
        "node node-4 Unknown for 1m 40s — NodeStatusUnknown: Kubelet stopped posting node status.",
    );
  });

  it("a node reason is said with the node's message alone", () => {
    // Running and Ready by its last report, on a node lost since: the node is the whole story.
    const p = stuckPod(
      pod({
        nodeReady: LOST,
        phases: [{ start: at(60), end: null, phase: "Running" }],
        status: [{ start: at(62), end: null, status: "Running" }],
        conditions: [],
        containers: [container()],
      }),
      NOW,
    );
    expect(p.health.reason?.key).toBe("health.nodeNotReady");
    expect(p.detail).toBe("NodeStatusUnknown: Kubelet stopped posting node status.");
    expect(p.text).toBe(
      "web-7d9c5b8f4-lnbk9: node node-4 Unknown for 1m 40s — NodeStatusUnknown: Kubelet stopped posting node status.",
    );
  });

  it("a status no container gives as its reason gets no other container's words", () => {
    // Two containers: the sidecar waits (ContainerCreating, its own message); the pod's STATUS is
    // the app's ErrImagePull, whose message the app container carries.
    const p = stuckPod(
      pod({
        status: [{ start: at(62), end: null, status: "ErrImagePull" }],
        containers: [
          container({
            name: "proxy",
            order: 0,
            waiting: [
              { start: at(61), end: null, reason: "ContainerCreating", message: "pulling" },
            ],
          }),
          container({
            order: 1,
            waiting: [
              {
                start: at(62),
                end: null,
                reason: "ErrImagePull",
                message: "rpc error: not found",
              },
            ],
          }),
        ],
      }),
      NOW,
    );
    expect(p.text).toBe("web-7d9c5b8f4-lnbk9: ErrImagePull — rpc error: not found");
  });

  it("Unschedulable already carries the scheduler's message: not said twice", () => {
    const msg = "0/4 nodes are available: 4 Insufficient cpu.";
    const p = stuckPod(
      pod({
        node: null,
        status: [{ start: at(60), end: null, status: "Pending" }],
        conditions: [
          {
            type: "PodScheduled",
            status: "False",
            reason: "Unschedulable",
            message: msg,
            start: at(60),
            end: null,
          },
        ],
        containers: [container()],
      }),
      NOW,
    );
    expect(p.text).toBe(`web-7d9c5b8f4-lnbk9: Unschedulable: ${msg}`);
  });

  it("never throws on a partial timeline", () => {
    expect(() => stuckPod({} as never, NOW)).not.toThrow();
    expect(() => stuckPod({ nodeReady: {}, containers: [null] } as never, NOW)).not.toThrow();
  });
});
