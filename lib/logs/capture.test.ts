import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Pod } from "../k8s/types";
import { HistoryStore } from "../store/history-store";
import { crashPod, iso, setup, T0 } from "./capture.test-kit";

describe("log capture", () => {
  it("fetches each ended run once, previous=true once it restarted, with the default tail", async () => {
    const { capture, asked, store, clock } = setup({}, async () => `attempt log ${asked.length}\n`);
    capture.observe("ADDED", crashPod(0));
    for (let n = 1; n <= 6; n++) {
      await clock.advance(60_000);
      capture.observe("MODIFIED", crashPod(n));
      capture.observe("MODIFIED", crashPod(n)); // the same version again: nothing more
    }
    await clock.advance(1000);
    expect(asked).toHaveLength(6);
    expect(asked[0]).toEqual({
      namespace: "dev",
      pod: "web",
      container: "app",
      previous: true,
      tailLines: 200,
      limitBytes: 65536,
    });
    const runs = store.logs.of("uid-1");
    expect(runs.map((r) => [r.attempt, r.outcome])).toEqual(
      [1, 2, 3, 4, 5, 6].map((a) => [a, "captured"]),
    );
    expect(store.logs.get("uid-1", "app", 1)?.text).toBe("attempt log 1\n");
    expect(store.logs.get("uid-1", "app", 6)?.text).toBe("attempt log 6\n");
    store.close();
  });

  it("a terminated container not restarted is fetched as the current instance", async () => {
    const { capture, asked, store, clock } = setup();
    const pod = crashPod(0);
    pod.spec!.restartPolicy = "Never";
    pod.status!.containerStatuses![0].state = {
      terminated: {
        exitCode: 2,
        startedAt: iso(T0),
        finishedAt: iso(T0 + 5000),
        containerID: "containerd://app-0",
      },
    };
    capture.observe("MODIFIED", pod);
    await clock.advance(10);
    expect(asked.map((r) => r.previous)).toEqual([false]);
    expect(store.logs.of("uid-1")[0]).toMatchObject({
      attempt: 1,
      exitCode: 2,
      outcome: "captured",
    });
    store.close();
  });

  it("a terminated container about to restart is fetched once lastState names it (previous=true)", async () => {
    const { capture, asked, store, clock } = setup();
    const terminated = (restarts: number) => {
      const pod = crashPod(restarts);
      pod.status!.containerStatuses![0].state = {
        terminated: {
          exitCode: 1,
          startedAt: iso(T0 + restarts * 60_000),
          finishedAt: iso(T0 + restarts * 60_000 + 5000),
          containerID: `containerd://app-${restarts}`,
        },
      };
      return pod;
    };
    capture.observe("MODIFIED", terminated(0));
    await clock.advance(1000);
    // Asked now without previous, the kubelet might already serve the next instance's log.
    expect(asked).toHaveLength(0);
    capture.observe("MODIFIED", crashPod(1)); // restarted: lastState is app-0
    await clock.advance(10);
    expect(asked.map((r) => r.previous)).toEqual([true]);
    expect(store.logs.of("uid-1")).toMatchObject([{ attempt: 1, instance: "containerd://app-0" }]);
    // A restart that never comes (the pod stopped short of it): fetched as it stands after 30 s.
    capture.observe("MODIFIED", terminated(1));
    await clock.advance(29_000);
    expect(asked).toHaveLength(1);
    await clock.advance(1_000);
    expect(asked.map((r) => r.previous)).toEqual([true, false]);
    store.close();
  });

  it("LIFELINE_LOGS: failures skips a Job's run that ended 0, all takes it, off fetches nothing", async () => {
    // restartPolicy Never: a container that ended is not restarted; exit 0 is its success.
    const job = (exitCode: number, uid: string): Pod => {
      const p = crashPod(0, { uid });
      p.spec!.restartPolicy = "Never";
      p.status!.containerStatuses![0].state = {
        terminated: {
          exitCode,
          reason: exitCode ? "Error" : "Completed",
          startedAt: iso(T0),
          finishedAt: iso(T0 + 5000),
          containerID: `containerd://${uid}`,
        },
      };
      return p;
    };
    for (const [mode, fetched] of [
      ["failures", 0],
      ["all", 1],
      ["off", 0],
    ] as const) {
      const { capture, asked, clock, store } = setup({ LIFELINE_LOGS: mode });
      capture.observe("MODIFIED", job(0, "uid-1"));
      await clock.advance(10);
      expect(asked.length, mode).toBe(fetched);
      expect(store.logs.of("uid-1").length, mode).toBe(fetched);
      capture.observe("MODIFIED", job(137, "uid-2"));
      await clock.advance(10);
      expect(asked.length, mode).toBe(mode === "off" ? 0 : fetched + 1);
      store.close();
    }
  });

  it("starts at most LIFELINE_LOG_RATE fetches in any second; what waits too long says so", async () => {
    const { capture, asked, clock, store } = setup({ LIFELINE_LOG_WAIT: "10s" });
    const starts: number[] = [];
    for (let i = 0; i < 100; i++) capture.observe("MODIFIED", crashPod(1, { uid: `u${i}` }));
    for (let s = 0; s < 30; s++) {
      const before = asked.length;
      await clock.advance(1000);
      starts.push(asked.length - before);
    }
    // 5 at once, then 5 per second until the rest have waited 10 s.
    expect(Math.max(...starts)).toBeLessThanOrEqual(5);
    expect(asked.length).toBeGreaterThanOrEqual(50);
    expect(asked.length).toBeLessThanOrEqual(60);
    const st = capture.state();
    expect(st.captured).toBe(asked.length);
    expect(st.skipped.waited).toBe(100 - asked.length);
    expect(st.queued).toBe(0);
    // u0-u4 start as they are queued; then newest first: the earliest left waited and went.
    const skipped = store.logs.of("u5")[0];
    expect(skipped).toMatchObject({ outcome: "skipped", why: "waited" });
    expect(store.logs.of("u99")[0]).toMatchObject({ outcome: "captured" });
    store.close();
  });

  it("keeps the queue bounded: past LIFELINE_LOG_QUEUE the oldest go, each saying so", async () => {
    const { capture, clock, store } = setup({ LIFELINE_LOG_QUEUE: "10", LIFELINE_LOG_RATE: "1" });
    for (let i = 0; i < 1000; i++) capture.observe("MODIFIED", crashPod(1, { uid: `u${i}` }));
    const st = capture.state();
    expect(st.queued + st.fetching + st.captured).toBeLessThanOrEqual(11);
    expect(st.skipped["queue-full"]).toBeGreaterThanOrEqual(989);
    // The newest wait; the oldest were dropped (the first one had started already).
    expect(store.logs.of("u1")[0]).toMatchObject({ outcome: "skipped", why: "queue-full" });
    await clock.advance(20_000);
    expect(store.logs.of("u999")[0]).toMatchObject({ outcome: "captured" });
    store.close();
  });

  it("a run the container has moved past before its turn says it restarted again", async () => {
    const { capture, clock, store, asked } = setup({ LIFELINE_LOG_RATE: "1" });
    capture.observe("MODIFIED", crashPod(1, { uid: "a" }));
    capture.observe("MODIFIED", crashPod(1));
    capture.observe("MODIFIED", crashPod(2));
    await clock.advance(5000);
    // Attempt 1 was dropped when attempt 2 ended (the kubelet serves only the newest previous).
    expect(asked).toHaveLength(2);
    const runs = store.logs.of("uid-1");
    expect(runs.find((r) => r.attempt === 1)).toMatchObject({
      outcome: "skipped",
      why: "superseded",
    });
    expect(runs.find((r) => r.attempt === 2)).toMatchObject({ outcome: "captured" });
    store.close();
  });

  it("a 400 previous-not-found says the kubelet had rotated it", async () => {
    const { capture, clock, store } = setup({}, async () => {
      throw Object.assign(new Error('previous terminated container "app" in pod "web" not found'), {
        status: 400,
      });
    });
    capture.observe("MODIFIED", crashPod(1));
    await clock.advance(10);
    expect(store.logs.of("uid-1")[0]).toMatchObject({ outcome: "skipped", why: "rotated" });
    store.close();
  });

  it("a 403 is said once per namespace, and no more fetches are sent there", async () => {
    const { capture, clock, store, asked, lines } = setup({}, async () => {
      throw Object.assign(new Error('pods "web" is forbidden: cannot get resource "pods/log"'), {
        status: 403,
      });
    });
    for (let n = 1; n <= 4; n++) {
      capture.observe("MODIFIED", crashPod(n));
      await clock.advance(60_000);
    }
    expect(asked).toHaveLength(1);
    expect(lines.filter((l) => l.includes("403"))).toHaveLength(1);
    expect(capture.state().forbidden).toMatchObject([{ namespace: "dev" }]);
    expect(store.logs.of("uid-1").map((r) => r.why)).toEqual(Array(4).fill("forbidden"));
    store.close();
  });

  it("redacts a planted secret before it reaches the SQLite file", async () => {
    const secret = "hunter2-very-secret";
    const key = "AKIAIOSFODNN7EXAMPLE";
    const { capture, clock, store, dir } = setup(
      { LIFELINE_LOG_REDACT: "session=[0-9a-f]{12}" },
      async () =>
        `connecting with password=${secret}\nAuthorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def\naws key ${key}\nsession=0123456789ab ok\npanic: boom\n`,
    );
    capture.observe("MODIFIED", crashPod(1));
    await clock.advance(10);
    const text = store.logs.get("uid-1", "app", 1)!.text!;
    expect(text).toContain("password=[REDACTED]");
    expect(text).toContain("panic: boom");
    expect(text).not.toContain(secret);
    expect(text).not.toContain(key);
    expect(text).not.toContain("0123456789ab");
    store.close();
    // Every byte on disk (the database, its WAL), and its compressed blobs inflated too.
    for (const f of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, f));
      for (const s of [secret, key, "0123456789ab"]) expect(bytes.includes(s), f).toBe(false);
    }
    const reopened = new HistoryStore(join(dir, "history.db"));
    expect(reopened.logs.get("uid-1", "app", 1)!.text).not.toContain(secret);
    reopened.close();
  });

  it("retention removes a pod's tails with the pod", async () => {
    const { capture, clock, store } = setup();
    store.observe({ kind: "Pod", type: "ADDED", object: crashPod(1) as never, observedAt: T0 });
    capture.observe("MODIFIED", crashPod(1));
    await clock.advance(10);
    expect(store.logs.of("uid-1")).toHaveLength(1);
    store.observe({
      kind: "Pod",
      type: "DELETED",
      object: crashPod(1) as never,
      observedAt: T0 + 1,
    });
    store.prune(T0 + 2);
    expect(store.logs.of("uid-1")).toHaveLength(0);
    store.close();
  });
});
