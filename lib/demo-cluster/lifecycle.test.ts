import { describe, expect, it } from "vitest";
import { findResource } from "./api-server/resources";
import { Kit, podManifest, runs, T0 } from "./cluster.test-kit";

const BUSYBOX = "busybox:1.36";
const NGINX = "nginx:1.27";
const PODS = findResource("", "v1", "pods")!;

function del(kit: Kit, name: string, gracePeriodSeconds?: number) {
  return kit.cluster.registry.delete(PODS, "dev", name, { gracePeriodSeconds, dryRun: false });
}

describe("hooks", () => {
  it("postStart exec that fails: FailedPostStartHook, the container is killed and waits as PostStartHookError", () => {
    const kit = new Kit();
    const cmd = "echo hi > /usr/share/nginx/html/missing/index.html";
    kit.apply(
      podManifest("hook-fail", {
        containers: [
          {
            name: "main-container",
            image: NGINX,
            lifecycle: { postStart: { exec: { command: ["/bin/sh", "-c", cmd] } } },
          },
        ],
      }),
    );
    kit.at(5);
    const uid = kit.pod("hook-fail")!.metadata!.uid;
    const hookEvent = kit.events("hook-fail", "FailedPostStartHook")[0];
    expect(hookEvent.type).toBe("Warning");
    expect(hookEvent.message).toBe(
      `Exec lifecycle hook ([/bin/sh -c ${cmd}]) for Container "main-container" in Pod "hook-fail_dev(${uid})" failed - error: command '/bin/sh -c ${cmd}' exited with 1: sh: 1: cannot create /usr/share/nginx/html/missing/index.html: Directory nonexistent\n, message: "sh: 1: cannot create /usr/share/nginx/html/missing/index.html: Directory nonexistent\\n"`,
    );
    expect(kit.events("hook-fail", "Killing")[0].message).toBe("FailedPostStartHook");
    expect(kit.container("hook-fail", "main-container")!.state!.waiting!.reason).toBe(
      "PostStartHookError",
    );
    expect(kit.status("hook-fail")).toBe("PostStartHookError");
  });

  it("postStart exec that succeeds changes the container's files (the seed's pod-hook-exec)", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("hook-ok", {
        containers: [
          {
            name: "main-container",
            image: NGINX,
            lifecycle: {
              postStart: {
                exec: {
                  command: [
                    "/bin/sh",
                    "-c",
                    "echo postStart... > /usr/share/nginx/html/index.html",
                  ],
                },
              },
            },
            readinessProbe: {
              exec: {
                command: [
                  "sh",
                  "-c",
                  "test -f /usr/share/nginx/html/index.html && cat /usr/share/nginx/html/index.html",
                ],
              },
              periodSeconds: 2,
            },
          },
        ],
      }),
    );
    kit.at(10);
    expect(kit.status("hook-ok")).toBe("Running");
    expect(kit.container("hook-ok", "main-container")!.ready).toBe(true);
    expect(kit.cluster.truth.query({ name: "hook-ok", what: "probe" })[0].detail).toEqual({
      probe: "readiness",
      output: "postStart...",
    });
  });

  it("preStop runs before SIGTERM: `nginx -s quit` ends nginx gracefully and the pod goes away", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("hook-exec", {
        containers: [
          {
            name: "main-container",
            image: NGINX,
            lifecycle: { preStop: { exec: { command: ["/usr/sbin/nginx", "-s", "quit"] } } },
          },
        ],
      }),
    );
    kit.at(10);
    del(kit, "hook-exec");
    expect(kit.status("hook-exec")).toBe("Terminating");
    kit.at(11);
    expect(kit.pod("hook-exec")).toBeUndefined();
    const [run] = runs(kit, "hook-exec", "main-container");
    expect(run).toMatchObject({ end: 10_300, to: "terminated:Completed(0)" });
    expect(kit.truth("hook-exec", "pod.deleted")[0].at - T0).toBe(10_300);
  });

  it("a preStop sleep delays SIGTERM within the grace period", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("drain", {
        containers: [
          { name: "web", image: NGINX, lifecycle: { preStop: { sleep: { seconds: 5 } } } },
        ],
      }),
    );
    kit.at(10);
    del(kit, "drain");
    kit.at(20);
    expect(runs(kit, "drain", "web")[0]).toMatchObject({
      end: 15_300,
      to: "terminated:Completed(0)",
    });
  });
});

describe("graceful termination", () => {
  it("a process that ignores SIGTERM is killed when the grace period ends", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("stubborn", {
        terminationGracePeriodSeconds: 10,
        containers: [{ name: "app", image: BUSYBOX, command: ["sleep", "3600"] }],
      }),
    );
    kit.at(5);
    del(kit, "stubborn");
    expect(kit.pod("stubborn")!.metadata!.deletionGracePeriodSeconds).toBe(10);
    expect(kit.sec(kit.pod("stubborn")!.metadata!.deletionTimestamp)).toBe(15);
    expect(kit.events("stubborn", "Killing")[0].message).toBe("Stopping container app");
    kit.at(14.9);
    expect(kit.status("stubborn")).toBe("Terminating");
    kit.at(15);
    expect(kit.pod("stubborn")).toBeUndefined();
    expect(runs(kit, "stubborn", "app")[0]).toMatchObject({
      end: 15_000,
      to: "terminated:Error(137)",
    });
  });

  it("a trap on TERM exits at once with its own code", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("polite", {
        containers: [
          { name: "app", image: BUSYBOX, command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600"] },
        ],
      }),
    );
    kit.at(5);
    del(kit, "polite", 30);
    kit.at(6);
    expect(kit.pod("polite")).toBeUndefined();
    expect(runs(kit, "polite", "app")[0]).toMatchObject({
      end: 5000,
      to: "terminated:Completed(0)",
    });
  });

  it("grace period 0 removes the pod from the API at once; a pod that never got a node also goes at once", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("forced", {
        containers: [{ name: "app", image: BUSYBOX, command: ["sleep", "3600"] }],
      }),
    );
    kit.apply(
      podManifest("nowhere", {
        nodeSelector: { disk: "none" },
        containers: [{ name: "app", image: BUSYBOX }],
      }),
    );
    kit.at(5);
    del(kit, "forced", 0);
    del(kit, "nowhere");
    expect(kit.pod("forced")).toBeUndefined();
    expect(kit.pod("nowhere")).toBeUndefined();
  });
});

describe("scheduling", () => {
  it("explains why no node fits, retries, and binds once a node with room appears", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("big", {
        containers: [
          {
            name: "app",
            image: BUSYBOX,
            command: ["sleep", "infinity"],
            resources: { requests: { cpu: "6" } },
          },
        ],
      }),
    );
    kit.at(1);
    const message =
      "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.";
    const cond = kit.pod("big")!.status!.conditions!.find((c) => c.type === "PodScheduled")!;
    expect(cond).toMatchObject({ status: "False", reason: "Unschedulable", message });
    expect(kit.status("big")).toBe("Pending");
    const failed = kit.events("big", "FailedScheduling")[0];
    expect(failed).toMatchObject({
      type: "Warning",
      message,
      reportingComponent: "default-scheduler",
      firstTimestamp: null,
      eventTime: "2026-11-20T09:00:00.000000Z",
    });
    kit.at(301);
    expect(kit.events("big", "FailedScheduling")[0].series).toEqual({
      count: 2,
      lastObservedTime: "2026-11-20T09:05:00.000000Z",
    });
    kit.cluster.addNode({ name: "node-big", cpu: "8" });
    kit.at(302);
    expect(kit.pod("big")!.spec!.nodeName).toBe("node-big");
    expect(kit.events("big", "Scheduled")[0].message).toBe(
      "Successfully assigned dev/big to node-big",
    );
  });

  it.each([
    [
      { nodeSelector: { disk: "ssd" } },
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    ],
    [
      {
        containers: [
          { name: "app", image: BUSYBOX, resources: { requests: { cpu: "1", memory: "64Gi" } } },
        ],
      },
      "0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    ],
  ])("FailedScheduling message for %j", (spec, message) => {
    const kit = new Kit();
    kit.apply(podManifest("picky", { containers: [{ name: "app", image: BUSYBOX }], ...spec }));
    kit.at(1);
    expect(kit.events("picky", "FailedScheduling")[0].message).toBe(message);
  });

  it("does not schedule onto a node with an untolerated NoSchedule taint", () => {
    const kit = new Kit({ nodes: [{ name: "only" }] });
    kit.cluster.store.mutate("nodes", undefined, "only", (n) => {
      n.spec = { taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] };
    });
    kit.apply(podManifest("plain", { containers: [{ name: "app", image: BUSYBOX }] }));
    kit.apply(
      podManifest("tolerant", {
        tolerations: [{ key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" }],
        containers: [{ name: "app", image: BUSYBOX }],
      }),
    );
    kit.at(1);
    expect(kit.events("plain", "FailedScheduling")[0].message).toBe(
      "0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
    );
    expect(kit.pod("tolerant")!.spec!.nodeName).toBe("only");
  });

  it("prefers the node a preferred node affinity names, the busier one too", () => {
    const kit = new Kit({ nodes: [{ name: "a" }, { name: "b" }] });
    kit.apply(
      podManifest("first", { nodeName: "b", containers: [{ name: "app", image: BUSYBOX }] }),
    );
    const prefer = (weight: number) => ({
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight,
            preference: {
              matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["b"] }],
            },
          },
        ],
      },
    });
    kit.apply(
      podManifest("keen", { affinity: prefer(100), containers: [{ name: "app", image: BUSYBOX }] }),
    );
    kit.apply(podManifest("plain", { containers: [{ name: "app", image: BUSYBOX }] }));
    kit.at(1);
    expect(kit.pod("keen")!.spec!.nodeName).toBe("b");
    // Without the preference, least-allocated: a, with fewer pods.
    expect(kit.pod("plain")!.spec!.nodeName).toBe("a");
  });

  it("orders the reasons as kube-scheduler's FitError does: the strings with their counts, sorted", () => {
    // sort.Strings over "3 Insufficient cpu" and "1 node(s) had untolerated taint …": the count
    // leads, so the taint (1) comes first though "Insufficient" sorts before "node(s)".
    const kit = new Kit({
      nodes: [{ name: "a" }, { name: "b" }, { name: "c" }, { name: "d" }],
    });
    kit.cluster.store.mutate("nodes", undefined, "d", (n) => {
      n.spec = { taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] };
    });
    kit.apply(
      podManifest("big", {
        containers: [{ name: "app", image: BUSYBOX, resources: { requests: { cpu: "64" } } }],
      }),
    );
    kit.at(1);
    expect(kit.events("big", "FailedScheduling")[0].message).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
    );
  });
});

describe("images", () => {
  it("an unknown image: ErrImagePull, then ImagePullBackOff, pulling again after 10 s, 20 s, 40 s", () => {
    const kit = new Kit();
    kit.apply(podManifest("typo", { containers: [{ name: "web", image: "ngnix:1.27" }] }));
    const reasons: string[] = [];
    for (let s = 0; s <= 120; s++) {
      kit.at(s);
      const r = kit.container("typo", "web")?.state?.waiting?.reason;
      if (r && reasons[reasons.length - 1] !== r) reasons.push(r);
    }
    expect(reasons.slice(0, 5)).toEqual([
      "ContainerCreating",
      "ErrImagePull",
      "ImagePullBackOff",
      "ErrImagePull",
      "ImagePullBackOff",
    ]);
    const pulling = kit
      .truth("typo", "container.state")
      .filter((e) => e.to === "waiting:ErrImagePull")
      .map((e) => (e.at - T0) / 1000);
    // Pull at 1 s fails at 2 s; back-off 10 s → pull at 12 fails at 13; 20 s → 33/34; 40 s → 74/75.
    expect(pulling).toEqual([2, 13, 34, 75]);
    expect(kit.events("typo", "Pulling")[0].count).toBe(4);
    const failed = kit.events("typo", "Failed").map((e) => e.message);
    expect(failed).toContain(
      'Failed to pull image "ngnix:1.27": failed to pull and unpack image "docker.io/library/ngnix:1.27": failed to resolve reference "docker.io/library/ngnix:1.27": pull access denied, repository does not exist or may require authorization',
    );
    expect(failed).toContain("Error: ImagePullBackOff");
    expect(kit.status("typo")).toBe("ImagePullBackOff");
  });

  it("a known image with a tag the registry has not: ErrImagePull, NotFound, as containerd says it", () => {
    const kit = new Kit();
    kit.apply(podManifest("bad-tag", { containers: [{ name: "web", image: "nginx:typo" }] }));
    kit.at(5);
    expect(kit.status("bad-tag")).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
    const ref = "docker.io/library/nginx:typo";
    expect(kit.events("bad-tag", "Failed").map((e) => e.message)).toContain(
      `Failed to pull image "nginx:typo": failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`,
    );
    // Tags the registry does have: versions, their variants, and the named ones.
    for (const image of [
      "nginx:1.27",
      "nginx:1.27.3-alpine",
      "nginx:latest",
      "nginx:stable",
      "busybox:1.36",
    ]) {
      kit.apply(
        podManifest(`ok-${image.replace(/[:.]/g, "-")}`, { containers: [{ name: "c", image }] }),
      );
    }
    kit.at(20);
    for (const image of ["nginx:1.27", "nginx:1.27.3-alpine", "nginx:latest", "nginx:stable"])
      expect(kit.status(`ok-${image.replace(/[:.]/g, "-")}`)).toBe("Running");
  });

  it("a malformed reference is InvalidImageName and is never pulled", () => {
    const kit = new Kit();
    kit.apply(podManifest("bad-ref", { containers: [{ name: "app", image: "Nginx:Latest" }] }));
    kit.at(30);
    expect(kit.status("bad-ref")).toBe("InvalidImageName");
    expect(kit.events("bad-ref", "Pulling")).toEqual([]);
    expect(kit.events("bad-ref", "InspectFailed")[0].message).toBe(
      'Failed to apply default image tag "Nginx:Latest": couldn\'t parse image name "Nginx:Latest": invalid reference format: repository name (library/Nginx) must be lowercase',
    );
  });

  it("a second pod on the node finds the image already present", () => {
    const kit = new Kit({ nodes: [{ name: "solo" }] });
    kit.apply(
      podManifest("a", {
        containers: [{ name: "app", image: BUSYBOX, command: ["sleep", "infinity"] }],
      }),
    );
    kit.at(5);
    kit.apply(
      podManifest("b", {
        containers: [{ name: "app", image: BUSYBOX, command: ["sleep", "infinity"] }],
      }),
    );
    kit.at(10);
    expect(kit.events("b", "Pulled")[0].message).toBe(
      'Container image "busybox:1.36" already present on machine',
    );
    expect(kit.events("b", "Pulling")).toEqual([]);
  });
});

describe("node loss and eviction", () => {
  it("Ready=Unknown after the grace period, pods marked not ready, evicted after tolerationSeconds, replaced by their ReplicaSet", () => {
    const kit = new Kit({ nodes: [{ name: "node-a" }, { name: "node-b" }] });
    kit.apply({
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "web", namespace: "dev" },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: {
            tolerations: [
              {
                key: "node.kubernetes.io/unreachable",
                operator: "Exists",
                effect: "NoExecute",
                tolerationSeconds: 60,
              },
            ],
            containers: [{ name: "nginx", image: NGINX }],
          },
        },
      },
    });
    kit.apply(
      podManifest("db-0", {
        nodeName: "node-a",
        containers: [{ name: "redis", image: "redis:7.4" }],
      }),
    );
    kit.at(20);
    const victim = kit.cluster.store
      .list("pods", "dev")
      .find(
        (p) =>
          (p.spec as { nodeName?: string }).nodeName === "node-a" &&
          p.metadata.name.startsWith("web-"),
      )!;
    expect(victim).toBeDefined();
    kit.cluster.loseNode("node-a");
    kit.at(20 + 49);
    expect(kit.cluster.store.get("nodes", undefined, "node-a")!.status).toMatchObject({
      conditions: expect.arrayContaining([
        expect.objectContaining({ type: "Ready", status: "True" }),
      ]),
    });
    kit.at(20 + 56);
    const node = kit.cluster.store.get("nodes", undefined, "node-a")!;
    const ready = (
      node.status as { conditions: { type: string; status: string; reason: string }[] }
    ).conditions.find((c) => c.type === "Ready")!;
    expect(ready).toMatchObject({ status: "Unknown", reason: "NodeStatusUnknown" });
    const taints = (node.spec as { taints: { key: string; effect: string; timeAdded: string }[] })
      .taints;
    expect(taints.map((t) => `${t.key}:${t.effect}`)).toEqual([
      "node.kubernetes.io/unreachable:NoSchedule",
      "node.kubernetes.io/unreachable:NoExecute",
    ]);
    const taintedAt = kit.sec(taints[1].timeAdded)!;
    expect(kit.condition(victim.metadata.name, "Ready")).toBe("False");
    expect(kit.events(victim.metadata.name, "NodeNotReady")[0].message).toBe("Node is not ready");
    // Evicted once the 60 s toleration has run out (checked every 5 s).
    kit.at(taintedAt + 59);
    expect(kit.pod(victim.metadata.name)!.metadata!.deletionTimestamp).toBeFalsy();
    kit.at(taintedAt + 65);
    const evicted = kit.pod(victim.metadata.name)!;
    expect(evicted.metadata!.deletionTimestamp).toBeTruthy();
    expect(evicted.status!.conditions!.find((c) => c.type === "DisruptionTarget")).toMatchObject({
      status: "True",
      reason: "DeletionByTaintManager",
    });
    expect(kit.status(victim.metadata.name)).toBe("Terminating");
    expect(kit.events(victim.metadata.name, "TaintManagerEviction")[0].message).toBe(
      `Marking for deletion Pod dev/${victim.metadata.name}`,
    );
    // The ReplicaSet no longer counts it and starts a replacement on the healthy node.
    kit.at(taintedAt + 75);
    const live = kit.cluster.store
      .list("pods", "dev")
      .filter((p) => p.metadata.name.startsWith("web-") && !p.metadata.deletionTimestamp);
    expect(live).toHaveLength(2);
    expect(live.every((p) => (p.spec as { nodeName?: string }).nodeName === "node-b")).toBe(true);
    // db-0 has the default 300 s toleration.
    expect(kit.pod("db-0")!.metadata!.deletionTimestamp).toBeFalsy();
    kit.at(taintedAt + 305);
    expect(kit.status("db-0")).toBe("Terminating");
    // The pods stay Terminating until the node comes back; then the kubelet finishes the deletion.
    kit.at(taintedAt + 600);
    expect(kit.pod("db-0")).toBeDefined();
    kit.cluster.restoreNode("node-a");
    kit.at(taintedAt + 610);
    expect(kit.pod("db-0")).toBeUndefined();
    expect(kit.pod(victim.metadata.name)).toBeUndefined();
    expect(
      (kit.cluster.store.get("nodes", undefined, "node-a")!.spec as { taints: unknown[] }).taints,
    ).toEqual([]);
  });
});

describe("deletion while an image is still pulling", () => {
  it("does not start the container whose pull finishes after the deletion", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("half", {
        terminationGracePeriodSeconds: 10,
        containers: [
          { name: "fast", image: BUSYBOX, command: ["sleep", "3600"] },
          { name: "slow", image: "mysql:8.4" },
        ],
      }),
    );
    kit.at(3);
    del(kit, "half");
    kit.at(20);
    expect(kit.pod("half")).toBeUndefined();
    expect(runs(kit, "half", "slow")).toEqual([]);
    expect(runs(kit, "half", "fast")[0]).toMatchObject({
      end: 13_000,
      to: "terminated:Error(137)",
    });
  });
});
