// The demo kubelet follows 1.34–1.35 restart behaviour: a container's own restartPolicy and
// restartPolicyRules (KEP-5307), and a node's CrashLoopBackOff settings (kubelet.go
// newCrashLoopBackOff: ReduceDefaultCrashLoopBackOffDecay, crashLoopBackOff.maxContainerRestartPeriod).
import { describe, expect, it } from "vitest";
import { crashLoopBackOffFor } from "./backoff";
import { Kit, podManifest, runs } from "../cluster.test-kit";

const BUSYBOX = "busybox:1.36";

describe("container restart rules", () => {
  it("restarts a container whose exit code a rule names, under pod restartPolicy Never; the pod stays Running", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("retry-42", {
        restartPolicy: "Never",
        containers: [
          {
            name: "worker",
            image: BUSYBOX,
            command: ["sh", "-c", "sleep 2; exit 42"],
            restartPolicy: "Never",
            restartPolicyRules: [
              { action: "Restart", exitCodes: { operator: "In", values: [42] } },
            ],
          },
        ],
      }),
    );
    kit.at(40);
    const cs = kit.container("retry-42", "worker")!;
    expect(cs.restartCount).toBeGreaterThanOrEqual(2);
    expect(kit.pod("retry-42")!.status!.phase).toBe("Running");
    expect(cs.lastState?.terminated?.exitCode).toBe(42);
  });

  it("does not restart on an exit code no rule names: the pod Failed", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("retry-other", {
        restartPolicy: "Never",
        containers: [
          {
            name: "worker",
            image: BUSYBOX,
            command: ["sh", "-c", "sleep 2; exit 1"],
            restartPolicy: "Never",
            restartPolicyRules: [
              { action: "Restart", exitCodes: { operator: "In", values: [42] } },
            ],
          },
        ],
      }),
    );
    kit.at(40);
    expect(kit.container("retry-other", "worker")!.restartCount).toBe(0);
    expect(kit.pod("retry-other")!.status!.phase).toBe("Failed");
    expect(kit.status("retry-other")).toBe("Error");
  });
});

describe("per-node CrashLoopBackOff", () => {
  it("computes initial and maximum delays as kubelet.go newCrashLoopBackOff does", () => {
    expect(crashLoopBackOffFor({})).toEqual({ initialMs: 10_000, maxMs: 300_000 });
    expect(crashLoopBackOffFor({ reduceDefaultDecay: true })).toEqual({
      initialMs: 1_000,
      maxMs: 60_000,
    });
    expect(crashLoopBackOffFor({ maxContainerRestartPeriodMs: 30_000 })).toEqual({
      initialMs: 10_000,
      maxMs: 30_000,
    });
    expect(crashLoopBackOffFor({ maxContainerRestartPeriodMs: 4_000 })).toEqual({
      initialMs: 4_000,
      maxMs: 4_000,
    });
    expect(
      crashLoopBackOffFor({ reduceDefaultDecay: true, maxContainerRestartPeriodMs: 8_000 }),
    ).toEqual({ initialMs: 1_000, maxMs: 8_000 });
  });

  it("announces 1s, 2s, 4s, then the node's 8s cap in the waiting message", () => {
    const kit = new Kit({
      nodes: [
        {
          name: "node-1",
          crashLoopBackOff: { reduceDefaultDecay: true, maxContainerRestartPeriodMs: 8_000 },
        },
      ],
    });
    kit.apply(
      podManifest("fast-crash", {
        containers: [{ name: "cli", image: BUSYBOX, command: ["sh", "-c", "exit 2"] }],
      }),
    );
    const seen: string[] = [];
    for (let sec = 1; sec <= 90; sec += 0.25) {
      kit.at(sec);
      const message = kit.container("fast-crash", "cli")?.state?.waiting?.message ?? "";
      const delay = /back-off (\S+) restarting/.exec(message)?.[1];
      if (delay && seen[seen.length - 1] !== delay) seen.push(delay);
    }
    // Consecutive duplicates are folded: the cap holds once reached. A 1 s delay is over by the
    // time the kubelet's 1 s relist notices the exit, so it restarts without announcing it.
    expect(seen).toEqual(["2s", "4s", "8s"]);
    // Measured from the runtime's truth: finishedAt → next start.
    const r = runs(kit, "fast-crash", "cli");
    const gaps = r.slice(1).map((run, i) => Math.round((run.start - r[i].end!) / 1000));
    expect(gaps.slice(0, 7)).toEqual([1, 1, 2, 4, 8, 8, 8]);
  });
});
