// One workload's pods among neighbours whose names start like its own: app-1's page reads the
// pods of app-1's ReplicaSet, not those of app-10 and app-11 (bench:workloads-built found app-1's
// page 25-40× slower than app-0's at 2,000 Deployments: every pod named app-1… was read).
import { afterEach, describe, expect, it, vi } from "vitest";
import type { KubeObject } from "../demo-cluster/api-server/store";
import { T0 } from "../demo-cluster/cluster.test-kit";
import { WORKLOAD_RESOURCES } from "../kube/workload-resources";
import { pipelineOnDemo, runUntil } from "../live/fidelity.test-kit";
import { workloadDetail } from "./workload-detail";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

const deployment = (name: string): KubeObject =>
  ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "dev" },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
      },
    },
  }) as unknown as KubeObject;

describe("a workload's pods", () => {
  it("are read only where the names can be its own: the owner's name and a dash", async () => {
    const { clock, demo, live, follower, stop } = await pipelineOnDemo({ scenarios: [] });
    cleanup.push(stop);
    for (const name of ["app-1", "app-10", "app-11"]) demo.apply(deployment(name));
    await runUntil(clock, follower, T0 + 30_000);
    live.flush();
    const read = vi.spyOn(live.store, "podAt");
    const resource = WORKLOAD_RESOURCES.find((r) => r.kind === "Deployment")!;
    const d = workloadDetail(live, { namespace: "dev", resource, name: "app-1" })!;
    const rs = d.owned.find((o) => o.kind === "ReplicaSet")!;
    expect(d.pods.map((p) => p.name)).toHaveLength(2);
    expect(d.pods.every((p) => p.name.startsWith(`${rs.name}-`))).toBe(true);
    // Only app-1's two pods were read to learn their owner (the timeline's own reads come after).
    const owners = read.mock.calls.map(([uid]) => uid);
    expect(new Set(owners.slice(0, 2))).toEqual(new Set(d.pods.map((p) => p.uid)));
    expect(owners.filter((uid) => !d.pods.some((p) => p.uid === uid))).toEqual([]);
  }, 60_000);
});

describe("a workload's events", () => {
  it("are the Deployment's and its ReplicaSet's, as kubectl describe lists them, newest first", async () => {
    const { clock, demo, live, follower, stop } = await pipelineOnDemo({ scenarios: [] });
    cleanup.push(stop);
    demo.apply(deployment("checkout"));
    await runUntil(clock, follower, T0 + 30_000);
    const resource = WORKLOAD_RESOURCES.find((r) => r.kind === "Deployment")!;
    const d = workloadDetail(live, { namespace: "dev", resource, name: "checkout" })!;
    const rs = d.owned.find((o) => o.kind === "ReplicaSet")!;
    const rows = d.events.map((e) => [e.object, e.type, e.reason, e.from, e.message]);
    expect(rows).toContainEqual([
      "Deployment/checkout",
      "Normal",
      "ScalingReplicaSet",
      "deployment-controller",
      `Scaled up replica set ${rs.name} from 0 to 2`,
    ]);
    const created = rows.filter((r) => r[2] === "SuccessfulCreate");
    expect(created).toHaveLength(2);
    expect(
      created.every((r) => r[0] === `ReplicaSet/${rs.name}` && r[3] === "replicaset-controller"),
    ).toBe(true);
    // No pod's events (Scheduled, Pulled …) on the workload's page.
    expect(d.events.every((e) => !e.object.startsWith("Pod/"))).toBe(true);
    const lasts = d.events.map((e) => e.last!);
    expect(lasts).toEqual([...lasts].sort((a, b) => b - a));
    // A window starting after the last of them holds none of them.
    const from = Math.max(...lasts) + 1;
    expect(
      workloadDetail(live, { namespace: "dev", resource, name: "checkout", from })!.events,
    ).toEqual([]);
  }, 60_000);
});
