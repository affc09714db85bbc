// The default LIFELINE_LOGS=failures over the demo cluster's liveness story: nginx killed for a
// failed liveness probe exits 0 on SIGTERM (Completed), yet the kubelet restarts it as a "failed
// container" (the BackOff event "Back-off restarting failed container"): each such run is a
// failure and keeps its log. A Job-like pod (restartPolicy Never) whose container exits 0
// succeeded: nothing fetched for it.
import { afterEach, describe, expect, it, vi } from "vitest";
import { pipelineOnDemo, runUntil } from "../live/fidelity.test-kit";
import { T0 } from "../demo-cluster/cluster.test-kit";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe("LIFELINE_LOGS=failures over the demo cluster's liveness story", () => {
  it("each run of pod-liveness-httpget the kubelet killed and restarted (exit 0, Completed) keeps its log; a Never pod's exit 0 does not", async () => {
    const { clock, demo, live, follower, stop } = await pipelineOnDemo({
      scenarios: ["pod-liveness-httpget"],
    });
    cleanup.push(stop);
    expect(live.logs!.state().mode).toBe("failures");
    demo.apply({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "job-once",
        namespace: "dev",
        annotations: { "lifeline.dev/script.work": "echo working; sleep 3; echo done" },
      },
      spec: { restartPolicy: "Never", containers: [{ name: "work", image: "busybox:1.36" }] },
    });
    const settled = () =>
      vi.waitFor(() => expect(live.logs!.state().fetching).toBe(0), { timeout: 5000, interval: 2 });
    await runUntil(clock, follower, T0 + 6 * 60_000, settled);
    await settled();
    live.flush();

    // The kubelet's own words for these runs.
    const events = demo.store
      .list("events", "dev")
      .map((e) => String((e as { message?: string }).message));
    expect(events).toContain("Container nginx failed liveness probe, will be restarted");
    expect(events.some((m) => m.startsWith("Back-off restarting failed container nginx"))).toBe(
      true,
    );

    const [pod] = live.store.pods({ namespace: "dev", name: "pod-liveness-httpget" });
    const timeline = live.store.timeline(pod.uid, live.now())!;
    const ended = timeline.containers[0].runs.filter((r) => r.end !== null);
    expect(ended.length).toBeGreaterThanOrEqual(3);
    const tails = live.store.logs.of(pod.uid);
    expect(tails.map((t) => t.attempt)).toEqual(ended.map((r) => r.attempt));
    for (const run of ended) {
      const tail = live.store.logs.get(pod.uid, "nginx", run.attempt)!;
      expect(tail.outcome, `run ${run.attempt}`).toBe("captured");
      expect(tail.exitCode, `run ${run.attempt}`).toBe(0);
      expect(tail.text, `run ${run.attempt}`).toContain("signal 15 (SIGTERM) received, exiting");
    }

    const [job] = live.store.pods({ namespace: "dev", name: "job-once" });
    const jobRuns = live.store.timeline(job.uid, live.now())!.containers[0].runs;
    expect(jobRuns[0].end).not.toBeNull();
    expect(live.store.logs.of(job.uid)).toEqual([]);
  }, 60_000);
});
