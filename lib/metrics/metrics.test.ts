// Each metric moves when what it counts happens, read from a pipeline following the demo cluster on
// a ManualClock, and no label carries cluster text.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../demo-cluster/clock";
import { DemoCluster } from "../demo-cluster/cluster";
import { podManifest, T0 } from "../demo-cluster/cluster.test-kit";
import { Follower, shortSleep } from "../live/fidelity.test-kit";
import { Live } from "../live/live";
import type { Sink } from "../stream/hub";
import { createMetrics, type Metrics } from "./metrics";

const running: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of running.splice(0).reverse()) await stop();
});

const sleeper = (name: string, namespace = "dev") => {
  const pod = podManifest(name, {
    containers: [{ name: "app", image: "busybox:1.36", command: ["sleep", "3600"] }],
  });
  pod.metadata.namespace = namespace;
  return pod;
};

async function pipeline() {
  const clock = new ManualClock(T0);
  const cluster = await DemoCluster.start({ clock, scenarios: [] });
  running.push(() => cluster.stop());
  const m = createMetrics();
  const live = await Live.start(
    {
      KUBECONFIG: cluster.kubeconfigPath,
      LIFELINE_DATA_DIR: join(mkdtempSync(join(tmpdir(), "lifeline-metrics-")), "data"),
    },
    { now: () => clock.now(), sleep: shortSleep, metrics: m },
  );
  running.push(() => live.stop());
  const follower = new Follower(cluster, live);
  await follower.waitCaughtUp();
  const caughtUp = async () => {
    await follower.waitCaughtUp();
    live.flush();
  };
  return { clock, cluster, live, m, caughtUp };
}

/** One sample's value (0 when the series is absent), as a scrape would read it. */
async function value(m: Metrics, name: string, labels: Record<string, string> = {}) {
  const metric = (await m.registry.getMetricsAsJSON()).find((x) => x.name === name);
  if (!metric) throw new Error(`no metric ${name}`);
  const wanted = Object.entries(labels);
  const hit = (metric.values as { value: number; labels: Record<string, unknown> }[]).find((v) =>
    wanted.every(([k, want]) => String(v.labels[k]) === want),
  );
  return hit?.value ?? 0;
}

/** A histogram's count or sum. */
async function histogram(m: Metrics, name: string, part: "count" | "sum") {
  const metric = (await m.registry.getMetricsAsJSON()).find((x) => x.name === name);
  if (!metric) throw new Error(`no metric ${name}`);
  const values = metric.values as { value: number; metricName?: string }[];
  return values.find((v) => v.metricName === `${name}_${part}`)?.value ?? 0;
}
const histogramCount = (m: Metrics, name: string) => histogram(m, name, "count");
const histogramSum = (m: Metrics, name: string) => histogram(m, name, "sum");

const isDelta = (frame: string) => /^id: \d+\nevent: (pod|removed)\n/.test(frame);

function sink(): Sink & { frames: string[] } {
  const frames: string[] = [];
  return { frames, write: (f) => (frames.push(f), true), close: () => {} };
}

describe("metrics of the watches", () => {
  it("count watch events by resource and type, relists, and restarts by reason", async () => {
    const { cluster, m, caughtUp, clock } = await pipeline();
    const added = await value(m, "lifeline_watch_events_total", {
      resource: "pods",
      type: "ADDED",
    });
    cluster.apply(sleeper("a"));
    await caughtUp();
    expect(await value(m, "lifeline_watch_events_total", { resource: "pods", type: "ADDED" })).toBe(
      added + 1,
    );
    clock.advance(3000); // scheduled, started, Ready: MODIFIED
    await caughtUp();
    expect(
      await value(m, "lifeline_watch_events_total", { resource: "pods", type: "MODIFIED" }),
    ).toBeGreaterThan(0);

    expect(await value(m, "lifeline_watch_relists_total", { resource: "pods" })).toBe(0);
    // A change no reflector watches, then the history forgotten: every watch's version is too old.
    cluster.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "later" } });
    cluster.compact();
    cluster.api.dropWatches();
    cluster.apply(sleeper("b"));
    await caughtUp();
    for (const resource of ["pods", "events", "nodes"]) {
      expect(
        await value(m, "lifeline_watch_restarts_total", { resource, reason: "connection_lost" }),
      ).toBeGreaterThan(0);
      // Back from a version the cluster no longer keeps: 410 Gone, a relist.
      expect(
        await value(m, "lifeline_watch_restarts_total", { resource, reason: "expired" }),
      ).toBeGreaterThan(0);
      expect(await value(m, "lifeline_watch_relists_total", { resource })).toBeGreaterThan(0);
    }
  });

  it("tell each resource's phase and how long since the API server last answered it", async () => {
    const { cluster, clock, live, m, caughtUp } = await pipeline();
    for (const resource of ["pods", "events", "nodes"]) {
      expect(await value(m, "lifeline_watch_reflectors", { resource, phase: "connected" })).toBe(1);
      expect(await value(m, "lifeline_watch_reflectors", { resource, phase: "retrying" })).toBe(0);
    }
    // Nothing happens to pods for a minute (nodes keep sending heartbeats).
    cluster.apply(sleeper("a"));
    await caughtUp();
    clock.advance(5000);
    await caughtUp();
    const quiet = await value(m, "lifeline_watch_last_sync_age_seconds", { resource: "pods" });
    clock.advance(60_000);
    await caughtUp();
    expect(await value(m, "lifeline_watch_last_sync_age_seconds", { resource: "pods" })).toBe(
      quiet + 60,
    );
    cluster.apply(sleeper("b"));
    await caughtUp();
    expect(await value(m, "lifeline_watch_last_sync_age_seconds", { resource: "pods" })).toBe(0);

    // The API server goes away: every watch retries, and the cluster is unreachable once the
    // threshold (2 minutes by default) has passed.
    expect(await value(m, "lifeline_cluster_reachable")).toBe(1);
    await cluster.stop();
    await vi.waitFor(
      () =>
        expect(live.info().connection.reflectors.every((r) => r.phase === "retrying")).toBe(true),
      { timeout: 5000, interval: 5 },
    );
    expect(
      await value(m, "lifeline_watch_reflectors", { resource: "pods", phase: "retrying" }),
    ).toBe(1);
    clock.advance(121_000);
    expect(await value(m, "lifeline_cluster_reachable")).toBe(0);
    expect(await value(m, "lifeline_cluster_unanswered_seconds")).toBeGreaterThanOrEqual(121);
  });
});

describe("metrics of the store, the streams and the pipeline", () => {
  it("time the store's writes, count what was written, and tell the file's size", async () => {
    const { cluster, m, caughtUp } = await pipeline();
    const before = await histogramCount(m, "lifeline_store_write_duration_seconds");
    const written = await value(m, "lifeline_store_written_observations_total");
    cluster.apply(sleeper("a"));
    await caughtUp();
    expect(await histogramCount(m, "lifeline_store_write_duration_seconds")).toBeGreaterThan(
      before,
    );
    expect(await value(m, "lifeline_store_written_observations_total")).toBeGreaterThan(written);
    expect(await value(m, "lifeline_store_file_size_bytes")).toBeGreaterThan(4096);
    expect(await value(m, "lifeline_store_used_bytes")).toBeGreaterThan(0);
    expect(await value(m, "lifeline_store_pending_observations")).toBe(0);
    for (const reason of ["full", "read-only", "io", "other"])
      expect(await value(m, "lifeline_store_failing", { reason })).toBe(0);
    expect(await value(m, "lifeline_store_dropped_observations_total")).toBe(0);
  });

  it("count subscribers and the deltas sent to them, and time each delta from its change", async () => {
    const { cluster, clock, live, m, caughtUp } = await pipeline();
    expect(await value(m, "lifeline_stream_subscribers")).toBe(0);
    const first = sink();
    const sub = live.hub.subscribe({}, first, null, () => ({ pods: [] }));
    expect(await value(m, "lifeline_stream_subscribers")).toBe(1);
    const lastId = live.hub.lastId;
    cluster.apply(sleeper("a"));
    await caughtUp();
    const sent = first.frames.filter(isDelta).length;
    expect(sent).toBeGreaterThan(0);
    expect(await value(m, "lifeline_stream_deltas_sent_total")).toBe(sent);
    expect(await histogramCount(m, "lifeline_stream_delta_delay_seconds")).toBe(sent);
    // Sent as they were observed: no time passed on the pipeline's clock.
    expect(await histogramSum(m, "lifeline_stream_delta_delay_seconds")).toBe(0);

    // A browser reconnecting 5 s later gets the same deltas replayed, 5 s after their change.
    clock.advance(5000);
    await caughtUp();
    const replayed = sink();
    live.hub.subscribe({ pod: "a" }, replayed, lastId, () => ({ pods: [] }));
    const again = replayed.frames.filter(isDelta).length;
    expect(again).toBeGreaterThan(0);
    // Those observed before the 5 s passed waited 5 s; those observed meanwhile, less.
    const delays = await histogramSum(m, "lifeline_stream_delta_delay_seconds");
    expect(delays).toBeGreaterThanOrEqual(5 * sent);
    expect(delays).toBeLessThanOrEqual(5 * again);
    expect(await value(m, "lifeline_stream_subscribers")).toBe(2);
    sub.cancel();
    expect(await value(m, "lifeline_stream_subscribers")).toBe(1);
  });

  it("say whether the pipeline runs and is ready, and how many pods there are", async () => {
    const { cluster, live, m, caughtUp } = await pipeline();
    expect(await value(m, "lifeline_pipeline_running")).toBe(1);
    expect(await value(m, "lifeline_ready")).toBe(1);
    const pods = await value(m, "lifeline_pods");
    cluster.apply(sleeper("a"));
    await caughtUp();
    expect(await value(m, "lifeline_pods")).toBe(pods + 1);
    // Workloads by kind: each kind's series, 0 until one is there.
    expect(await value(m, "lifeline_workloads", { kind: "CronJob" })).toBe(0);
    cluster.apply({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "nightly", namespace: "dev" },
      spec: {
        schedule: "0 3 * * *",
        jobTemplate: {
          spec: {
            template: {
              spec: {
                restartPolicy: "Never",
                containers: [{ name: "app", image: "busybox:1.36", command: ["true"] }],
              },
            },
          },
        },
      },
    } as never);
    await caughtUp();
    expect(await value(m, "lifeline_workloads", { kind: "CronJob" })).toBe(1);
    expect(await value(m, "lifeline_workloads", { kind: "Deployment" })).toBe(0);
    // Node's own metrics come along.
    expect(await value(m, "process_resident_memory_bytes")).toBeGreaterThan(0);
    await live.stop();
    expect(await value(m, "lifeline_pipeline_running")).toBe(0);
  });
});

describe("metrics of the log capture", () => {
  it("count the tails kept and the runs not captured, with the queue and fetches under way", async () => {
    const { cluster, clock, live, m, caughtUp } = await pipeline();
    expect(await value(m, "lifeline_logs_captured_total")).toBe(0);
    const pod = sleeper("crasher");
    pod.metadata.annotations = { "lifeline.dev/script.app": "echo up; sleep 2; panic boom" };
    cluster.apply(pod);
    for (let s = 0; s < 20; s++) {
      clock.advance(1000);
      await caughtUp();
      await vi.waitFor(() => expect(live.logs!.state().fetching).toBe(0));
    }
    expect(await value(m, "lifeline_logs_captured_total")).toBeGreaterThanOrEqual(2);
    expect(await value(m, "lifeline_logs_queued_runs")).toBe(0);
    expect(await value(m, "lifeline_logs_fetching")).toBe(0);
    expect(await value(m, "lifeline_logs_not_captured_total", { why: "rotated" })).toBe(0);
    expect(await value(m, "lifeline_logs_forbidden_namespaces")).toBe(0);
  });
});

describe("labels", () => {
  it("under a namespaced install's RBAC: nodes forbidden, and its watches told by resource, never by namespace", async () => {
    const clock = new ManualClock(T0);
    const cluster = await DemoCluster.start({
      clock,
      scenarios: [],
      rbac: { namespaces: ["dev"] },
    });
    running.push(() => cluster.stop());
    const m = createMetrics();
    // A retry's back-off passes at once; the forbidden nodes' re-check (minutes) only at the end.
    const sleep = (ms: number, signal: AbortSignal) =>
      ms < 60_000
        ? shortSleep(ms, signal)
        : new Promise<void>((r) => signal.addEventListener("abort", () => r(), { once: true }));
    const live = await Live.start(
      {
        KUBECONFIG: cluster.kubeconfigPath,
        LIFELINE_DATA_DIR: join(mkdtempSync(join(tmpdir(), "lifeline-metrics-")), "data"),
        LIFELINE_NAMESPACES: "dev",
      },
      { now: () => clock.now(), sleep, metrics: m },
    );
    running.push(() => live.stop());
    cluster.apply(sleeper("a"));
    await vi.waitFor(async () => expect(await value(m, "lifeline_pods")).toBe(1), {
      timeout: 5000,
      interval: 5,
    });
    await vi.waitFor(
      async () =>
        expect(
          await value(m, "lifeline_watch_reflectors", { resource: "nodes", phase: "forbidden" }),
        ).toBe(1),
      { timeout: 5000, interval: 5 },
    );
    expect(
      await value(m, "lifeline_watch_restarts_total", { resource: "nodes", reason: "forbidden" }),
    ).toBe(1);
    expect(
      await value(m, "lifeline_watch_reflectors", { resource: "pods", phase: "connected" }),
    ).toBe(1);
    const text = await m.registry.metrics();
    // Nodes are not expected to answer: no age for them.
    expect(text).toMatch(/^lifeline_watch_last_sync_age_seconds\{resource="pods"\} /m);
    expect(text).not.toMatch(/^lifeline_watch_last_sync_age_seconds\{resource="nodes"\}/m);
    expect(text).not.toContain('"dev"');
    expect(text).not.toContain("namespaces/");
  });

  it("never carry cluster text: a pod's name, namespace, labels or the server's address", async () => {
    const { cluster, clock, m, caughtUp } = await pipeline();
    // Its namespace is made after the reflectors' versions, then the history is forgotten and the
    // watches cut: every resource relists, and its pod is met in the relist and in the watch after.
    cluster.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "zq-weird-ns" } });
    cluster.compact();
    cluster.api.dropWatches();
    const pod = sleeper("zq-weird-pod", "zq-weird-ns");
    pod.metadata.labels = { "zq-label": "zq-value" };
    cluster.apply(pod);
    clock.advance(3000);
    await caughtUp();
    for (const resource of ["pods", "events", "nodes"])
      expect(await value(m, "lifeline_watch_relists_total", { resource })).toBeGreaterThan(0);
    expect(await value(m, "lifeline_pods")).toBe(1);
    const text = await m.registry.metrics();
    for (const word of ["zq-", '"dev"', "127.0.0.1", cluster.url, "lifeline-demo"])
      expect(text).not.toContain(word);
    // Every label value of ours is one of a few fixed words.
    const fixed =
      /^(pods|events|nodes|deployments|replicasets|statefulsets|daemonsets|controllerrevisions|jobs|cronjobs|Deployment|ReplicaSet|StatefulSet|DaemonSet|ControllerRevision|Job|CronJob|other|ADDED|MODIFIED|DELETED|BOOKMARK|ERROR|syncing|connected|retrying|forbidden|stopped|ended|expired|too_large_resource_version|connection_lost|error|full|read-only|io|rotated|superseded|queue-full|waited|pod-gone|refused|unreachable|[0-9.e+]+|\+Inf)$/;
    for (const line of text.split("\n").filter((l) => l.startsWith("lifeline_")))
      for (const [, v] of line.matchAll(/="([^"]*)"/g)) expect(v).toMatch(fixed);
  });
});
