// Whether Lifeline has any record of a workload or a node (the pages' 404), over the pipeline on
// the demo cluster.
import { afterEach, describe, expect, it } from "vitest";
import { T0 } from "../demo-cluster/cluster.test-kit";
import type { KubeObject } from "../demo-cluster/api-server/store";
import { pipelineOnDemo, runUntil } from "../live/fidelity.test-kit";
import { nodeEverSeen, workloadEverSeen } from "./object-records";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe("workloadEverSeen and nodeEverSeen", () => {
  it("false only for what the store has never held; a namespaced reader knows nodes by their pods", async () => {
    const { clock, demo, live, follower, stop } = await pipelineOnDemo({ scenarios: [] });
    cleanup.push(stop);
    demo.apply({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "dev" },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
        },
      },
    } as unknown as KubeObject);
    await runUntil(clock, follower, T0 + 30_000);
    expect(live.synced).toBe(true);

    const seen = (namespace: string, kind: "Deployment" | "StatefulSet", name: string) =>
      workloadEverSeen(live, { namespace, kind, name });
    expect(seen("dev", "Deployment", "web")).toBe(true);
    expect(seen("dev", "Deployment", "no-such-thing")).toBe(false);
    expect(seen("dev", "StatefulSet", "web")).toBe(false);
    expect(seen("other", "Deployment", "web")).toBe(false);

    const web = live.rows().find((r) => r.namespace === "dev" && r.name.startsWith("web-"));
    expect(web?.node).toBeTruthy();
    expect(nodeEverSeen(live, web!.node!, null)).toBe(true);
    expect(nodeEverSeen(live, "no-such-node", null)).toBe(false);
    expect(nodeEverSeen(live, web!.node!, ["dev"])).toBe(true);
    // The node exists, but no pod of this reader's ran on it: nothing they may see of it.
    expect(nodeEverSeen(live, web!.node!, ["nowhere"])).toBe(false);
  }, 60_000);
});
