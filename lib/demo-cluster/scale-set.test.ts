// The light scale set: real-shaped pods without kubelets, a spec shared per node, kills that read
// as a kubelet's reports (Terminated 137, then Running with a restart more), every change a store
// change with a higher resourceVersion, and what the timeline model makes of them.
import { describe, expect, it } from "vitest";
import type { Pod } from "../k8s/types";
import { kubectlStatus } from "../timeline";
import { ManualClock } from "./clock";
import { DemoCluster } from "./cluster";
import { Kit, T0 } from "./cluster.test-kit";
import type { Change } from "./api-server/store";

const pod = (kit: Kit, i: number) =>
  kit.cluster.store.get("pods", "scale", `load-${i}`) as unknown as Pod;

describe("light scale set", () => {
  it("creates bound pods that turn Running, sharing one spec per node", () => {
    const kit = new Kit({ scale: { pods: 250, light: true } });
    expect(kit.cluster.store.count("nodes")).toBe(3 + 3);
    expect(pod(kit, 0).status?.phase).toBe("Pending");
    expect(pod(kit, 0).spec).toBe(pod(kit, 99).spec);
    expect(pod(kit, 100).spec?.nodeName).toBe("scale-node-2");
    // Defaulted as the API server defaults a pod (the first went through admission).
    expect(pod(kit, 7).spec?.tolerations?.map((t) => t.key)).toContain(
      "node.kubernetes.io/not-ready",
    );
    kit.at(1);
    expect(kit.cluster.light!.runningCount()).toBe(250);
    const p = pod(kit, 42);
    expect(p.status?.phase).toBe("Running");
    expect(p.status?.podIP).toBeTruthy();
    expect(p.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
    expect(p.status?.containerStatuses?.[0]).toMatchObject({
      name: "pause",
      ready: true,
      restartCount: 0,
      state: { running: {} },
    });
    expect(kubectlStatus(p, kit.clock.now())).toMatchObject({ status: "Running", ready: "1/1" });
  });

  it("a kill is a kubelet's two reports, each with a higher resourceVersion; a second one backs off", () => {
    const kit = new Kit({ scale: { pods: 10, light: true } });
    kit.at(1);
    const changes: Change[] = [];
    kit.cluster.store.watch("pods", Number(kit.cluster.store.version()), (c) => changes.push(c));
    expect(kit.cluster.light!.kill(3)).toBe(true);
    expect(kit.cluster.light!.kill(3)).toBe(false); // nothing left to kill
    let p = pod(kit, 3);
    expect(p.status?.containerStatuses?.[0].state?.terminated).toMatchObject({
      exitCode: 137,
      reason: "Error",
    });
    expect(p.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("False");
    kit.at(2);
    p = pod(kit, 3);
    expect(p.status?.containerStatuses?.[0]).toMatchObject({
      ready: true,
      restartCount: 1,
      lastState: { terminated: { exitCode: 137 } },
    });
    // Killed again within 10 minutes: CrashLoopBackOff for 10 s before it runs again.
    kit.cluster.light!.kill(3);
    kit.at(3);
    expect(pod(kit, 3).status?.containerStatuses?.[0].state?.waiting?.reason).toBe(
      "CrashLoopBackOff",
    );
    kit.at(13);
    expect(pod(kit, 3).status?.containerStatuses?.[0]).toMatchObject({
      restartCount: 2,
      ready: true,
    });
    expect(changes.map((c) => c.type)).toEqual(Array(5).fill("MODIFIED"));
    const versions = changes.map((c) => Number(c.object.metadata.resourceVersion));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(5);
  });

  it("churns at the rate asked, on the cluster clock", () => {
    const kit = new Kit({ scale: { pods: 2_000, light: true, churn: 50 } });
    kit.at(1);
    let changes = 0;
    kit.cluster.store.watch("pods", Number(kit.cluster.store.version()), () => changes++);
    for (let s = 2; s <= 11; s++) kit.at(s);
    // 50 kills a second for 10 s, each a Terminated and a Running report (a repeat kill backs off).
    expect(changes).toBeGreaterThanOrEqual(2 * 50 * 9);
    expect(changes).toBeLessThanOrEqual(3 * 50 * 10);
  });

  it("keeps the rate when its clock's timers fire late (a fast clock's timers cannot fire sooner than 1 ms)", () => {
    // Every timer 50 ms late: the churn's 100 ms tick comes every 150 ms.
    const clock = new (class extends ManualClock {
      at(at: number, fn: () => void) {
        return super.at(at + 50, fn);
      }
    })(T0);
    const cluster = DemoCluster.inProcess({
      scenarios: [],
      clock,
      scale: { pods: 2_000, light: true, churn: 50 },
    });
    clock.advanceTo(T0 + 2_000);
    const light = cluster.light!;
    let kills = 0;
    const kill = light.kill.bind(light);
    light.kill = (i) => {
      const killed = kill(i);
      if (killed) kills++;
      return killed;
    };
    clock.advanceTo(T0 + 12_000);
    // 50 a second for 10 s of the cluster's time, however late the ticks.
    expect(kills).toBeGreaterThanOrEqual(490);
    expect(kills).toBeLessThanOrEqual(510);
    cluster.stop();
  });
});
