// The capture over the demo cluster's log endpoint (the real Kubernetes contract: GET
// …/pods/{name}/log with container, previous, tailLines, limitBytes): a crash-looping pod through
// 6 restarts keeps each run's tail, run 1's long after the kubelet forgot it, redacted.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { pipelineOnDemo, runUntil } from "../live/fidelity.test-kit";
import { T0 } from "../demo-cluster/cluster.test-kit";
import { kubeLogFetcher } from "./fetch";
import { leadingTime } from "../text/log-stamp";
import { rfc3339Nano } from "../demo-cluster/api-server/pod-log";
import { KubeClient } from "../kube/client";
import { kubeConfigFor } from "../kube/connection";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe("log capture over the demo cluster", () => {
  it("a crash-looping pod through 6 restarts: each run has its own tail, run 1 long after the kubelet forgot it", async () => {
    const { clock, demo, live, follower, stop } = await pipelineOnDemo({ scenarios: [] });
    cleanup.push(stop);
    demo.apply({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "crasher",
        namespace: "dev",
        annotations: {
          "lifeline.dev/script.app": "echo starting with password=hunter2; sleep 5; panic boom",
        },
      },
      spec: { containers: [{ name: "app", image: "busybox:1.36" }] },
    });
    // Each fetch answered before the clock moves on (a restart in between would change `previous`).
    const settled = () =>
      vi.waitFor(() => expect(live.logs!.state().fetching).toBe(0), { timeout: 5000, interval: 2 });
    await runUntil(clock, follower, T0 + 10 * 60_000, settled);
    await settled();

    live.flush();
    const [pod] = live.store.pods({ namespace: "dev", name: "crasher" });
    const timeline = live.store.timeline(pod.uid, live.now())!;
    const ended = timeline.containers[0].runs.filter((r) => r.end !== null);
    expect(ended.length).toBeGreaterThanOrEqual(6);
    const tails = live.store.logs.of(pod.uid);
    // One tail per ended run, numbered as the timeline numbers its runs, each its own instance.
    expect(tails.map((t) => t.attempt)).toEqual(ended.map((r) => r.attempt));
    expect(new Set(tails.map((t) => t.instance)).size).toBe(tails.length);
    for (const run of ended) {
      const tail = live.store.logs.get(pod.uid, "app", run.attempt)!;
      expect(tail.outcome, `run ${run.attempt}`).toBe("captured");
      expect(tail.startedAt, `run ${run.attempt}`).toBe(run.start);
      // Each line as `kubectl logs --timestamps` gives it: the kubelet's time, a space, the line.
      const lines = tail.text!.split("\n");
      expect(lines.pop()).toBe("");
      const stamps = lines.map((l) => leadingTime(l));
      expect(
        stamps.every((s) => s !== null),
        tail.text!,
      ).toBe(true);
      expect(stamps.map((s) => s!.rest).join("\n") + "\n").toBe(
        "starting with password=[REDACTED]\npanic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:12 +0x1d\n",
      );
      // On the cluster's clock: printed when the run started, the panic after its `sleep 5`.
      const at = stamps.map((s) => s!.at);
      expect(at[0]).toBeGreaterThanOrEqual(run.start);
      expect(at[0]).toBeLessThan(run.start + 1000);
      expect(at.slice(1)).toEqual(at.slice(1).map(() => at[0] + 5000));
      expect(lines[0]).toBe(`${rfc3339Nano(at[0])} starting with password=[REDACTED]`);
      expect(tail.exitCode).toBe(2);
    }
    // The kubelet serves only the current and the previous instance: run 1 is long gone there.
    const cs = (
      demo.store.get("pods", "dev", "crasher") as unknown as {
        status: {
          containerStatuses: {
            restartCount: number;
            containerID?: string;
            lastState: { terminated?: { containerID: string } };
          }[];
        };
      }
    ).status.containerStatuses[0];
    expect(cs.restartCount).toBeGreaterThanOrEqual(6);
    expect([cs.containerID, cs.lastState.terminated?.containerID]).not.toContain(tails[0].instance);
    const fetch = kubeLogFetcher(new KubeClient(kubeConfigFor(demo.url)));
    const ask = {
      namespace: "dev",
      pod: "crasher",
      container: "app",
      tailLines: 200,
      limitBytes: 65536,
    };
    // The cluster's own copy is not redacted; the one Lifeline keeps is.
    await expect(fetch({ ...ask, previous: true })).resolves.toContain("password=hunter2");
    // Nothing the pod printed reached the file unredacted.
    live.flush();
    const dir = join(live.store.file, "..");
    for (const f of readdirSync(dir))
      expect(readFileSync(join(dir, f)).includes("hunter2"), f).toBe(false);
  }, 60_000);
});
