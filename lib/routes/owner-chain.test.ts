// A pod page names its owners up the chain as recorded: a Deployment's pod names its ReplicaSet
// (the timeline's owner) and above it the Deployment; a bare pod none.
import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../demo-cluster/api-server/store";
import { T0 } from "../demo-cluster/cluster.test-kit";
import { WORKLOAD_RESOURCES } from "../kube/workload-resources";
import { pipelineOnDemo, runUntil } from "../live/fidelity.test-kit";
import { podTimeline } from "./pod-timeline";
import { workloadDetail } from "./workload-detail";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "checkout", namespace: "dev" },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: "checkout" } },
    template: {
      metadata: { labels: { app: "checkout" } },
      spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
    },
  },
} as unknown as KubeObject;

describe("a pod's owner chain", () => {
  it("is its ReplicaSet, then the Deployment that owns it", async () => {
    const { clock, demo, live, follower, stop } = await pipelineOnDemo({ scenarios: [] });
    cleanup.push(stop);
    demo.apply(deployment);
    await runUntil(clock, follower, T0 + 30_000);
    const resource = WORKLOAD_RESOURCES.find((r) => r.kind === "Deployment")!;
    const d = workloadDetail(live, { namespace: "dev", resource, name: "checkout" })!;
    const rs = d.owned.find((o) => o.kind === "ReplicaSet")!;
    const pod = d.pods[0];
    const answer = podTimeline(live, { namespace: "dev", name: pod.name })!;
    expect(answer.timeline.owner).toEqual({ kind: "ReplicaSet", name: rs.name });
    expect(answer.owners).toEqual([{ kind: "Deployment", name: "checkout" }]);
  }, 60_000);
});
