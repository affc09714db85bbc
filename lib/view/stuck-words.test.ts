// The stuck panel's words in the reader's language: the health rule's reasons and Lifeline's own
// sentences are translated; what the cluster said (a container's message, the node's) and
// Kubernetes identifiers (ImagePullBackOff, Unknown, NodeStatusUnknown) stay as they are.
import { describe, expect, it } from "vitest";
import { translator } from "../i18n";
import { stuckPod } from "../workloads/pods";
import type { StuckExplanation } from "../workloads/types";
import { noPodsWords, stuckPodWords } from "./stuck-words";

const T0 = Date.parse("2026-11-24T10:00:00Z");
const at = (sec: number) => T0 + sec * 1000;
const en = translator("en");
const zh = translator("zh");

const lost = {
  node: "node-4",
  status: "Unknown" as const,
  reason: "NodeStatusUnknown",
  message: "Kubelet stopped posting node status.",
  since: at(200),
};

function timeline(over: Record<string, unknown>) {
  return {
    uid: "u1",
    namespace: "infra",
    name: "node-agent-r8t5w",
    node: "node-4",
    owner: null,
    nodeReady: null,
    createdAt: at(0),
    deletedAt: null,
    observedFrom: at(0),
    phases: [{ start: at(0), end: null, phase: "Running" }],
    status: [{ start: at(1), end: null, status: "Running" }],
    conditions: [],
    containers: [],
    markers: [],
    terminating: null,
    generations: [],
    reconstructed: false,
    warnings: [],
    ...over,
  } as never;
}

describe("stuckPodWords", () => {
  it("says a lost node's reason in Chinese, the node's own words as they are", () => {
    const p = stuckPod(
      timeline({
        nodeReady: lost,
        terminating: { start: at(250), deadline: at(280), gracePeriodSeconds: 30 },
      }),
      at(300),
    );
    expect(stuckPodWords(p, en)).toBe(p.text.slice(p.name.length + 2));
    expect(stuckPodWords(p, zh)).toBe(
      "卡在 Terminating：节点 node-4 已失联 — NodeStatusUnknown: Kubelet stopped posting node status.",
    );
  });

  it("a container's reason stays an identifier; the node's state as a second fact is translated", () => {
    const p = stuckPod(
      timeline({
        nodeReady: lost,
        phases: [{ start: at(0), end: null, phase: "Pending" }],
        status: [{ start: at(1), end: null, status: "ImagePullBackOff" }],
        containers: [
          {
            name: "agent",
            waiting: [
              { start: at(1), end: null, reason: "ImagePullBackOff", message: "Back-off pulling" },
            ],
          },
        ],
      }),
      at(300),
    );
    expect(stuckPodWords(p, zh)).toBe(
      "ImagePullBackOff — Back-off pulling；节点 node-4 为 Unknown 已 1m 40s — NodeStatusUnknown: Kubelet stopped posting node status.",
    );
  });

  it("ready but not yet available (minReadySeconds), in both languages", () => {
    const p = stuckPod(
      timeline({
        conditions: [
          { type: "Ready", status: "True", reason: null, message: null, start: at(290), end: null },
        ],
      }),
      at(300),
    );
    expect(stuckPodWords(p, en)).toBe("ready, not yet available");
    expect(stuckPodWords(p, zh)).toBe("已就绪，尚未可用");
  });
});

describe("noPodsWords", () => {
  const base = { toName: "node-agent-5c7d9f8b6", replicaFailure: false } as StuckExplanation;
  it("Lifeline's sentence is translated; the ReplicaFailure condition's message stays", () => {
    expect(noPodsWords({ ...base, noPods: "no pod of node-agent-5c7d9f8b6 exists" }, zh)).toBe(
      "修订版本 node-agent-5c7d9f8b6 还没有任何 Pod",
    );
    expect(noPodsWords({ ...base, noPods: "no pod of node-agent-5c7d9f8b6 exists" }, en)).toBe(
      "no pod of node-agent-5c7d9f8b6 exists",
    );
    const quota = 'pods "web-1" is forbidden: exceeded quota';
    expect(noPodsWords({ ...base, noPods: quota, replicaFailure: true }, zh)).toBe(quota);
    expect(noPodsWords({ ...base, noPods: null }, zh)).toBeNull();
  });
});
