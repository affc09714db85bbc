import { describe, expect, it } from "vitest";
import { crash, Kit, podManifest, runs, T0 } from "../cluster.test-kit";

const BUSYBOX = "busybox:1.36";

describe("restart back-off", () => {
  it("restarts at once after the first exit, then waits 10s, 20s, 40s … capped at 5m0s, with the kubelet's message", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("crasher", {
        containers: [{ name: "app", image: BUSYBOX, command: ["sh", "-c", "sleep 5; exit 1"] }],
      }),
    );
    const messages = new Set<string>();
    for (let s = 1; s <= 1500; s++) {
      kit.at(s);
      const m = kit.container("crasher", "app")?.state?.waiting?.message;
      if (m) messages.add(m);
    }
    const r = runs(kit, "crasher", "app");
    const gaps = r.slice(1).map((run, i) => run.start - r[i].end!);
    expect(gaps.slice(0, 8)).toEqual([
      1000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000,
    ]);
    expect(r.every((run) => run.end === null || run.end - run.start === 5000)).toBe(true);
    expect([...messages].map((m) => m.split(" restarting")[0])).toEqual([
      "back-off 10s",
      "back-off 20s",
      "back-off 40s",
      "back-off 1m20s",
      "back-off 2m40s",
      "back-off 5m0s",
    ]);
    const uid = kit.pod("crasher")!.metadata!.uid;
    expect([...messages][0]).toBe(
      `back-off 10s restarting failed container=app pod=crasher_dev(${uid})`,
    );
    expect(kit.container("crasher", "app")!.lastState!.terminated).toMatchObject({
      exitCode: 1,
      reason: "Error",
    });
    expect(kit.container("crasher", "app")!.restartCount).toBe(r.length - 1);
    const backoff = kit.events("crasher", "BackOff")[0];
    expect(backoff.message).toBe(
      `Back-off restarting failed container app in pod crasher_dev(${uid})`,
    );
    // Every exit but the first met a back-off; the last one is still being waited out at 1500 s.
    expect(kit.status("crasher")).toBe("CrashLoopBackOff");
    expect(backoff.count).toBe(r.length - 1);
  });

  it("forgets the back-off once a container has run for 10 minutes", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("steady", {
        containers: [{ name: "app", image: BUSYBOX, command: ["sleep", "infinity"] }],
      }),
    );
    kit.at(10);
    crash(kit, "steady", "app");
    kit.at(15);
    crash(kit, "steady", "app");
    kit.at(30);
    crash(kit, "steady", "app");
    kit.at(100);
    expect(runs(kit, "steady", "app").map((r) => r.start)).toEqual([1800, 11_000, 25_000, 50_000]);
    // Back-off counts from the exit: 15 s + 10 s, then 30 s + 20 s.
    // Ran from 50 s to 750 s (over 600 s since the last back-off decision): the next restart is immediate.
    kit.at(750);
    crash(kit, "steady", "app");
    kit.at(760);
    crash(kit, "steady", "app");
    kit.at(800);
    const r = runs(kit, "steady", "app");
    expect(r.slice(4).map((x) => x.start)).toEqual([751_000, 770_000]);
    expect(r[3].to).toBe("terminated:Error(137)");
  });
});

describe("init containers and sidecars", () => {
  it("runs init containers one at a time, in order, before the main container", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("init", {
        initContainers: [
          { name: "first", image: BUSYBOX, command: ["sh", "-c", "sleep 3"] },
          { name: "second", image: BUSYBOX, command: ["sleep", "2"] },
        ],
        containers: [{ name: "main", image: "nginx:1.27" }],
      }),
    );
    const seen: string[] = [kit.status("init")];
    for (let s = 0; s <= 12; s += 0.5) {
      kit.clock.advanceTo(T0 + s * 1000);
      const st = kit.status("init");
      if (seen[seen.length - 1] !== st) seen.push(st);
    }
    expect(seen).toEqual(["Pending", "Init:0/2", "Init:1/2", "PodInitializing", "Running"]);
    const [first] = runs(kit, "init", "first");
    const [second] = runs(kit, "init", "second");
    const [main] = runs(kit, "init", "main");
    expect(second.start).toBeGreaterThanOrEqual(first.end!);
    expect(main.start).toBeGreaterThanOrEqual(second.end!);
    expect(kit.condition("init", "Initialized")).toBe("True");
    expect(kit.container("init", "first")!.state!.terminated).toMatchObject({
      exitCode: 0,
      reason: "Completed",
    });
  });

  it("fails the pod when an init container fails under restartPolicy Never", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("init-fail", {
        restartPolicy: "Never",
        initContainers: [{ name: "migrate", image: BUSYBOX, command: ["sh", "-c", "exit 2"] }],
        containers: [{ name: "main", image: BUSYBOX, command: ["sleep", "infinity"] }],
      }),
    );
    kit.at(30);
    expect(kit.pod("init-fail")!.status!.phase).toBe("Failed");
    expect(kit.status("init-fail")).toBe("Init:Error");
    expect(runs(kit, "init-fail", "main")).toEqual([]);
  });

  it("waits for each init container to resolve a host the cluster knows (until ping … do … done)", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("waiter", {
        initContainers: [
          {
            name: "wait-db",
            image: BUSYBOX,
            command: ["sh", "-c", "until ping db -c 1; do echo waiting for db; sleep 2; done"],
          },
        ],
        containers: [{ name: "app", image: BUSYBOX, command: ["sleep", "infinity"] }],
      }),
    );
    kit.at(40);
    expect(kit.status("waiter")).toBe("Init:0/1");
    kit.apply(podManifest("db", { containers: [{ name: "redis", image: "redis:7.4" }] }));
    kit.at(50);
    expect(kit.status("waiter")).toBe("Running");
  });

  it("starts a sidecar before the next init container and keeps it running beside the main container", () => {
    const kit = new Kit();
    kit.apply(
      podManifest(
        "with-sidecar",
        {
          initContainers: [
            {
              name: "proxy",
              image: BUSYBOX,
              restartPolicy: "Always",
              command: ["sh", "-c", "sleep 3; listen 9000; sleep infinity"],
              startupProbe: { tcpSocket: { port: 9000 }, periodSeconds: 1, failureThreshold: 30 },
            },
            { name: "setup", image: BUSYBOX, command: ["sleep", "1"] },
          ],
          containers: [{ name: "app", image: BUSYBOX, command: ["sleep", "infinity"] }],
        },
        { "lifeline.dev/script.proxy": "sleep 3; listen 9000; sleep infinity" },
      ),
    );
    kit.at(30);
    const [proxy] = runs(kit, "with-sidecar", "proxy");
    const [setup] = runs(kit, "with-sidecar", "setup");
    const [app] = runs(kit, "with-sidecar", "app");
    // The startup probe passes once the port opens 3 s in; only then does `setup` start.
    expect(setup.start).toBeGreaterThanOrEqual(proxy.start + 3000);
    expect(app.start).toBeGreaterThanOrEqual(setup.end!);
    expect(proxy.end).toBeNull();
    expect(kit.status("with-sidecar")).toBe("Running");
    expect(kit.container("with-sidecar", "proxy")).toMatchObject({ started: true, ready: true });
  });
});

describe("pod phase by restart policy", () => {
  it.each([
    ["OnFailure", "exit 0", "Succeeded", "Completed"],
    ["Never", "exit 1", "Failed", "Error"],
    ["Never", "exit 0", "Succeeded", "Completed"],
  ])("restartPolicy %s with `%s` ends %s (%s)", (policy, script, phase, status) => {
    const kit = new Kit();
    kit.apply(
      podManifest("once", {
        restartPolicy: policy,
        containers: [{ name: "app", image: BUSYBOX, command: ["sh", "-c", `sleep 2; ${script}`] }],
      }),
    );
    kit.at(60);
    expect(kit.pod("once")!.status!.phase).toBe(phase);
    expect(kit.status("once")).toBe(status);
    expect(kit.container("once", "app")!.restartCount).toBe(0);
    expect(kit.condition("once", "Ready")).toBe("False");
    // The kubelet's terminal-phase reason (pkg/kubelet/status/generate.go).
    const ready = kit.pod("once")!.status!.conditions!.find((c) => c.type === "Ready")!;
    expect(ready.reason).toBe(phase === "Succeeded" ? "PodCompleted" : "PodFailed");
  });

  it("OnFailure restarts a failing container", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("retry", {
        restartPolicy: "OnFailure",
        containers: [{ name: "app", image: BUSYBOX, command: ["sh", "-c", "sleep 2; exit 1"] }],
      }),
    );
    kit.at(60);
    expect(kit.pod("retry")!.status!.phase).toBe("Running");
    expect(kit.container("retry", "app")!.restartCount).toBeGreaterThanOrEqual(2);
  });
});

describe("OOMKilled", () => {
  it("kills a container whose scripted memory passes its limit, with reason OOMKilled and exit 137", () => {
    const kit = new Kit();
    kit.apply(
      podManifest(
        "hog",
        {
          containers: [
            { name: "stress", image: BUSYBOX, resources: { limits: { memory: "64Mi" } } },
          ],
        },
        { "lifeline.dev/script.stress": "alloc 40Mi; sleep 4; alloc 40Mi; sleep infinity" },
      ),
    );
    kit.at(8);
    const [first] = runs(kit, "hog", "stress");
    expect(first.end! - first.start).toBe(4000);
    expect(first.to).toBe("terminated:OOMKilled(137)");
    kit.at(20);
    expect(kit.status("hog")).toBe("CrashLoopBackOff");
    expect(kit.container("hog", "stress")!.lastState!.terminated).toMatchObject({
      exitCode: 137,
      reason: "OOMKilled",
    });
  });
});
