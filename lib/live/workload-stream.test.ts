// The workload channel's streams: a snapshot, then one frame per workload whose row changed, made
// on a later turn (what arrives together makes one round, at most one round per gapMs); nothing for
// a change no row holds (a pod's readiness), nothing marked while no stream is open.
import { describe, expect, it } from "vitest";
import type { Pod } from "../k8s/types";
import type { Observation } from "../kube/reflector";
import { projectWorkload } from "../kube/workload-resources";
import { workloadRow } from "../routes/workloads";
import { StreamHub, type Sink } from "../stream/hub";
import type { WorkloadDenial } from "./workload-access";
import { LiveWorkloads } from "./live-workloads";
import { WorkloadStreams, type WorkloadQuery } from "./workload-stream";

const T = Date.parse("2026-11-25T10:00:00Z");
const NS = "shop";

function deployment(replicas: number, available = replicas, namespace = NS, name = "web") {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name,
      namespace,
      uid: `dep-${namespace}-${name}`,
      generation: 1,
      resourceVersion: "100",
      creationTimestamp: "2026-11-25T09:00:00Z",
      labels: { app: name },
      annotations: { "deployment.kubernetes.io/revision": "1" },
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
      },
      strategy: {
        type: "RollingUpdate",
        rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" },
      },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 1,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: available,
      availableReplicas: available,
      conditions: [
        {
          type: "Available",
          status: available >= replicas ? "True" : "False",
          reason: available >= replicas ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
          message:
            available >= replicas
              ? "Deployment has minimum availability."
              : "Deployment does not have minimum availability.",
          lastTransitionTime: "2026-11-25T09:00:10Z",
          lastUpdateTime: "2026-11-25T09:00:10Z",
        },
      ],
    },
  };
}

function replicaSet(replicas: number) {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: "web-7d9c5b8f4",
      namespace: NS,
      uid: "rs-1",
      generation: 1,
      resourceVersion: "101",
      creationTimestamp: "2026-11-25T09:00:00Z",
      labels: { app: "web", "pod-template-hash": "7d9c5b8f4" },
      annotations: { "deployment.kubernetes.io/revision": "1" },
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          name: "web",
          uid: `dep-${NS}-web`,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: "web", "pod-template-hash": "7d9c5b8f4" } },
      template: {
        metadata: { labels: { app: "web", "pod-template-hash": "7d9c5b8f4" } },
        spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
      },
    },
    status: {
      replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      observedGeneration: 1,
    },
  };
}

function pod(i: number, ready = true): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `web-7d9c5b8f4-p${i}`,
      namespace: NS,
      uid: `pod-${i}`,
      resourceVersion: String(1000 + i),
      labels: { app: "web", "pod-template-hash": "7d9c5b8f4" },
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          name: "web-7d9c5b8f4",
          uid: "rs-1",
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: { containers: [{ name: "web", image: "nginx:1.27" }], nodeName: "node-1" },
    status: {
      phase: "Running",
      conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
    },
  } as unknown as Pod;
}

const seen = (object: Record<string, unknown>, type: Observation["type"] = "MODIFIED") =>
  projectWorkload({ type, kind: String(object.kind), object, observedAt: T });

interface Frame {
  event: string;
  data: Record<string, unknown>;
}

function setup(omitted: WorkloadDenial[] = [], slices?: { size: number }) {
  const workloads = new LiveWorkloads();
  let beat = () => {};
  const hub = new StreamHub({
    setInterval: (fn) => {
      beat = fn;
      return { clear() {} };
    },
  });
  const turns: (() => void)[] = [];
  const deferred: { fn: () => void; ms: number }[] = [];
  const timers: (() => void)[] = [];
  let now = 0;
  const denials = { now: omitted };
  const streams = new WorkloadStreams({
    hub,
    workloads,
    answer: (q) => ({
      workloads: workloads.list(q).map((s) => workloadRow(workloads, s)),
      omitted: denials.now,
    }),
    omitted: () => denials.now,
    defer: (fn, ms) => void deferred.push({ fn, ms }),
    now: () => now,
    setInterval: (fn) => {
      timers.push(fn);
      return { clear: () => timers.splice(timers.indexOf(fn), 1) };
    },
    ...(slices ? { snapshotSlice: slices.size, schedule: (fn) => void turns.push(fn) } : {}),
  });
  /** Runs the rounds that are due (the clock moved to each one's time). */
  const run = () => {
    while (deferred.length) {
      const d = deferred.shift()!;
      now += d.ms;
      d.fn();
    }
  };
  const open = (q: WorkloadQuery) => {
    const frames: Frame[] = [];
    let carry = "";
    const sink: Sink = {
      write: (text) => {
        const parts = (carry + text).split("\n\n");
        carry = parts.pop()!;
        for (const chunk of parts.filter(Boolean)) {
          const event = /^event: (.*)$/m.exec(chunk)![1];
          const data = JSON.parse(/^data: (.*)$/m.exec(chunk)![1]);
          frames.push({ event, data });
        }
        return true;
      },
      close: () => {},
    };
    const sub = streams.subscribe(q, sink);
    return { frames, sub };
  };
  return {
    workloads,
    hub,
    streams,
    deferred,
    timers,
    run,
    open,
    denials,
    turns,
    beat: () => beat(),
  };
}

const rows = (f: Frame) => (f.data.workloads as { name: string; pods: number }[]) ?? [];

describe("WorkloadStreams", () => {
  it("sends the snapshot on connect: GET /api/workloads' rows and omitted for the query", () => {
    const denial = {
      resource: "statefulsets.apps",
      kind: "StatefulSet",
      reason: "forbidden",
      namespaces: [NS],
      since: T,
      error: null,
      sentence:
        "Lifeline may not list statefulsets.apps in shop: workload pages omit StatefulSets there.",
    } satisfies WorkloadDenial;
    const t = setup([denial]);
    t.streams.observe(seen(deployment(3)));
    t.streams.observe(seen(replicaSet(3)));
    t.streams.observePod("ADDED", pod(1));
    t.streams.observe(seen(deployment(1, 1, "other", "api")));
    const { frames } = t.open({ namespaces: [NS] });
    expect(frames.map((f) => f.event)).toEqual(["snapshot"]);
    expect(rows(frames[0]).map((r) => [r.name, r.pods])).toEqual([
      ["web", 1],
      ["web-7d9c5b8f4", 1],
    ]);
    expect(frames[0].data.omitted).toEqual([denial]);
    // Nothing was marked before the stream opened: no round is waiting.
    expect(t.deferred).toEqual([]);
  });

  it("coalesces 10,000 pods arriving together into one frame per workload whose row changed", () => {
    const t = setup();
    t.streams.observe(seen(deployment(10_000)));
    t.streams.observe(seen(replicaSet(10_000)));
    const { frames } = t.open({ namespaces: null });
    for (let i = 0; i < 10_000; i++) t.streams.observePod("ADDED", pod(i));
    expect(t.deferred).toHaveLength(1);
    t.run();
    const sent = frames.slice(1);
    expect(sent.map((f) => [f.event, (f.data.row as { name: string; pods: number }).name])).toEqual(
      [
        ["workload", "web-7d9c5b8f4"],
        ["workload", "web"],
      ],
    );
    expect(sent.map((f) => (f.data.row as { pods: number }).pods)).toEqual([10_000, 10_000]);
    expect(t.streams.stats).toEqual({ rounds: 1, frames: 2 });
  });

  it("sends nothing for a pod's readiness, nor for a workload observed again unchanged", () => {
    const t = setup();
    t.streams.observe(seen(deployment(1)));
    t.streams.observe(seen(replicaSet(1)));
    t.streams.observePod("ADDED", pod(1));
    const { frames } = t.open({ namespaces: null });
    t.streams.observePod("MODIFIED", pod(1, false));
    expect(t.deferred).toEqual([]);
    t.streams.observe(seen(deployment(1)));
    t.run();
    // Marked, but the row is the one sent: nothing was sent before, so it goes once...
    expect(frames.slice(1).map((f) => f.event)).toEqual(["workload"]);
    t.streams.observe(seen(deployment(1)));
    t.run();
    // ...and not again.
    expect(frames.slice(1).map((f) => f.event)).toEqual(["workload"]);
  });

  it("sends a scale's new counts, at most one round per gapMs, the later change in the later round", () => {
    const t = setup();
    t.streams.observe(seen(deployment(3)));
    const { frames } = t.open({ namespaces: [NS] });
    t.streams.observe(seen(deployment(5, 3)));
    expect(t.deferred.map((d) => d.ms)).toEqual([0]);
    t.run();
    t.streams.observe(seen(deployment(5, 4)));
    t.streams.observe(seen(deployment(5, 5)));
    // The round just ran: the next waits the gap (25 ms), and both changes make one frame.
    expect(t.deferred.map((d) => d.ms)).toEqual([25]);
    t.run();
    const counts = frames
      .slice(1)
      .map((f) => (f.data.row as { counts: { desired: number; available: number } }).counts);
    expect(counts.map((c) => [c.desired, c.available])).toEqual([
      [5, 3],
      [5, 5],
    ]);
  });

  it("tells each stream only its namespaces and kind, and a deleted workload as removed", () => {
    const t = setup();
    t.streams.observe(seen(deployment(1)));
    t.streams.observe(seen(replicaSet(1)));
    t.streams.observe(seen(deployment(1, 1, "other", "api")));
    const shop = t.open({ namespaces: [NS] });
    const other = t.open({ namespaces: ["other"] });
    const deploys = t.open({ namespaces: null, kind: "Deployment" });
    t.streams.observe(seen(deployment(2, 1)));
    t.streams.observe(seen(replicaSet(2)));
    t.streams.observe(seen(deployment(1, 1, "other", "api"), "DELETED"));
    t.run();
    const told = (s: { frames: Frame[] }) =>
      s.frames
        .slice(1)
        .map(
          (f) =>
            `${f.event} ${f.data.uid} ${(f.data.row as { name?: string } | null)?.name ?? "-"}`,
        );
    expect(told(shop)).toEqual(["workload dep-shop-web web", "workload rs-1 web-7d9c5b8f4"]);
    expect(told(other)).toEqual(["removed dep-other-api -"]);
    expect(told(deploys)).toEqual(["workload dep-shop-web web", "removed dep-other-api -"]);
  });

  it("moves the Deployment's pod count when a ReplicaSet goes, and a pod's when it leaves", () => {
    const t = setup();
    t.streams.observe(seen(deployment(2)));
    t.streams.observe(seen(replicaSet(2)));
    t.streams.observePod("ADDED", pod(1));
    t.streams.observePod("ADDED", pod(2));
    const { frames } = t.open({ namespaces: null, kind: "Deployment" });
    t.streams.observePod("DELETED", pod(2));
    t.run();
    expect(frames.slice(1).map((f) => (f.data.row as { pods: number }).pods)).toEqual([1]);
    t.streams.observe(seen(replicaSet(2), "DELETED"));
    t.run();
    expect(frames.slice(1).map((f) => (f.data.row as { pods: number }).pods)).toEqual([1, 0]);
  });

  it("says when the kinds not listed change (checked on its timer), once", () => {
    const t = setup();
    const { frames } = t.open({ namespaces: [NS] });
    expect(t.timers).toHaveLength(1);
    t.timers[0]();
    expect(frames).toHaveLength(1);
    const denial = {
      resource: "cronjobs.batch",
      kind: "CronJob",
      reason: "not-served",
      namespaces: null,
      since: T,
      error: null,
      sentence: "The cluster does not serve cronjobs.batch: workload pages omit CronJobs.",
    } satisfies WorkloadDenial;
    t.denials.now = [denial];
    t.timers[0]();
    t.timers[0]();
    expect(frames.slice(1)).toEqual([{ event: "omitted", data: { omitted: [denial] } }]);
  });

  it("forgets everything once its last stream leaves: no rounds, no timer", () => {
    const t = setup();
    t.streams.observe(seen(deployment(1)));
    const { frames, sub } = t.open({ namespaces: null });
    sub.cancel();
    expect(t.streams.size).toBe(0);
    expect(t.hub.size).toBe(0);
    expect(t.timers).toEqual([]);
    t.streams.observe(seen(deployment(4)));
    expect(t.deferred).toEqual([]);
    expect(frames).toHaveLength(1);
  });

  it("ends with the hub: a stream opened while it shuts down gets the goodbye", () => {
    const t = setup();
    t.hub.goodbye();
    const { frames } = t.open({ namespaces: null });
    expect(frames.map((f) => f.event)).toEqual(["goodbye"]);
    expect(t.streams.size).toBe(0);
  });

  it("writes a large snapshot a slice per turn, what comes meanwhile (a ping, a change) after it", () => {
    const t = setup([], { size: 2 });
    const names = ["a", "b", "c", "d", "e"];
    for (const n of names) t.streams.observe(seen(deployment(1, 1, NS, n)));
    const { frames } = t.open({ namespaces: null });
    expect(frames).toEqual([]);
    expect(t.turns).toHaveLength(1);
    t.beat();
    t.streams.observe(seen(deployment(2, 1, NS, "c")));
    t.run();
    expect(frames).toEqual([]);
    while (t.turns.length) t.turns.shift()!();
    expect(frames.map((f) => f.event)).toEqual(["snapshot", "ping", "workload"]);
    expect(rows(frames[0]).map((r) => r.name)).toEqual(names);
    expect(frames[0].data.omitted).toEqual([]);
    expect((frames[2].data.row as { counts: { desired: number } }).counts.desired).toBe(2);
  });
});
