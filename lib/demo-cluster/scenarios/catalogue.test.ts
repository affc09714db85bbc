// The whole catalogue together, as `npm start` runs it: one story must not end another. Found by
// the e2e rehearsal: with the workload stories added, the scheduler put api-flappy (then
// pod-liveness-exec and memory-hog) on the node the node-lost story takes; following api-flappy's
// log answered 500, "no route to host", and the other stories froze three minutes in.
import { describe, expect, it } from "vitest";
import { Kit } from "../cluster.test-kit";

function ready(kit: Kit, node: string): string | undefined {
  const n = kit.cluster.store.get("nodes", undefined, node) as
    { status?: { conditions?: { type: string; status: string }[] } } | undefined;
  return n?.status?.conditions?.find((c) => c.type === "Ready")?.status;
}

const podsOn = (kit: Kit, node: string) =>
  kit.cluster.store
    .list("pods")
    .filter((p) => (p.spec as { nodeName?: string }).nodeName === node)
    .map((p) => `${p.metadata.namespace}/${p.metadata.name}`)
    .sort();

describe("every story at once", () => {
  it("the node-lost story loses a node of its own: only its pods were there, every other node stays Ready", () => {
    const kit = new Kit({ scenarios: undefined });
    kit.at(170);
    const lost = kit.pod("db-0")!.spec!.nodeName!;
    expect(lost).toBe("node-4");
    // db-0, my-nginx's two replicas, and the node agent every node runs (the DaemonSet story).
    const mine = podsOn(kit, lost);
    expect(mine).toHaveLength(4);
    expect(
      mine.every(
        (p) =>
          p === "dev/db-0" || p.startsWith("dev/my-nginx-") || p.startsWith("infra/node-agent-"),
      ),
    ).toBe(true);
    // Lost at 180 s, Unknown 50 s later; the others (and api-flappy's run on one) go on.
    kit.at(240);
    expect(ready(kit, lost)).toBe("Unknown");
    for (const node of ["node-1", "node-2", "node-3"]) expect(ready(kit, node)).toBe("True");
    expect(kit.status("api-flappy")).toBe("Running");
    // my-nginx's two evicted pods were replaced elsewhere.
    const nginx = kit.cluster.store
      .list("pods", "dev")
      .filter((p) => p.metadata.labels?.app === "my-nginx" && !p.metadata.deletionTimestamp);
    expect(nginx).toHaveLength(2);
    for (const p of nginx) expect((p.spec as { nodeName?: string }).nodeName).not.toBe(lost);
    kit.cluster.stop();
  });
});
