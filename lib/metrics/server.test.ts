// The metrics server: its port setting, its answers, a port already taken, and a real scrape of a
// pipeline's metrics checked by promtool and read by a real Prometheus server on loopback (both
// from Debian's `prometheus` package; the tests that need them skip, saying so, without it).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../demo-cluster/clock";
import { DemoCluster } from "../demo-cluster/cluster";
import { T0 } from "../demo-cluster/cluster.test-kit";
import { Follower } from "../live/fidelity.test-kit";
import { Live } from "../live/live";
import { createMetrics } from "./metrics";
import { listenForMetrics, metricsPortFrom, serveMetrics } from "./server";

const running: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of running.splice(0).reverse()) await stop();
});

const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
const PROMTOOL = has("promtool");
const PROMETHEUS = has("prometheus");
const WITHOUT = (tool: string) =>
  ` (SKIPPED: ${tool} is not installed; apt-get install prometheus provides it)`;

const addressOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
const quiet = { info: () => {}, warn: () => {} };

async function served(m = createMetrics()) {
  const server = (await listenForMetrics("127.0.0.1", 0, { metrics: m, log: quiet }))!;
  running.push(() => new Promise<void>((r) => server.close(() => r())));
  return addressOf(server);
}

/** A pipeline following the demo cluster, its metrics served on a port of their own. */
async function pipelineServed() {
  const clock = new ManualClock(T0);
  const cluster = await DemoCluster.start({ clock, scenarios: ["replicaset"] });
  running.push(() => cluster.stop());
  const m = createMetrics();
  const live = await Live.start(
    {
      KUBECONFIG: cluster.kubeconfigPath,
      LIFELINE_DATA_DIR: join(mkdtempSync(join(tmpdir(), "lifeline-metrics-")), "data"),
    },
    { now: () => clock.now(), metrics: m },
  );
  running.push(() => live.stop());
  clock.advance(10_000);
  await new Follower(cluster, live).waitCaughtUp();
  live.flush();
  return served(m);
}

describe("LIFELINE_METRICS_PORT", () => {
  it("is 9090 by default, a port, or off; anything else is refused with a sentence", () => {
    expect(metricsPortFrom({})).toBe(9090);
    expect(metricsPortFrom({ LIFELINE_METRICS_PORT: "" })).toBe(9090);
    expect(metricsPortFrom({ LIFELINE_METRICS_PORT: "9100" })).toBe(9100);
    expect(metricsPortFrom({ LIFELINE_METRICS_PORT: "off" })).toBeNull();
    expect(metricsPortFrom({ LIFELINE_METRICS_PORT: "OFF" })).toBeNull();
    expect(metricsPortFrom({ LIFELINE_METRICS_PORT: "0" })).toBeNull();
    for (const bad of ["abc", "70000", "-1", "9090x", "90 90", "1e3"])
      expect(() => metricsPortFrom({ LIFELINE_METRICS_PORT: bad })).toThrow(
        `LIFELINE_METRICS_PORT must be a port number from 1 to 65535, or "off" to serve no metrics, not "${bad}".`,
      );
  });

  it("off: no server", async () => {
    expect(await serveMetrics({ LIFELINE_METRICS_PORT: "off" }, quiet)).toBeNull();
  });
});

describe("the metrics server", () => {
  it("answers GET /metrics in Prometheus' text format, 404 elsewhere and 405 for other methods, with sentences", async () => {
    const base = await served();
    const ok = await fetch(`${base}/metrics`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(await ok.text()).toContain("# TYPE lifeline_watch_events_total counter");
    const head = await fetch(`${base}/metrics`, { method: "HEAD" });
    expect(head.status).toBe(200);
    const elsewhere = await fetch(`${base}/`);
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.text()).toBe("Not found: Lifeline serves its metrics at /metrics.\n");
    const post = await fetch(`${base}/metrics`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect(await post.text()).toBe(
      "POST is not allowed here: read the metrics with GET /metrics.\n",
    );
  });

  it("goes without metrics, saying why in one warning, when its port is taken", async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, "127.0.0.1", r));
    running.push(() => new Promise<void>((r) => taken.close(() => r())));
    const port = (taken.address() as AddressInfo).port;
    const warnings: string[] = [];
    const server = await listenForMetrics("127.0.0.1", port, {
      metrics: createMetrics(),
      log: { info: () => {}, warn: (l) => warnings.push(l) },
    });
    expect(server).toBeNull();
    expect(warnings).toEqual([
      `serving no metrics: cannot listen on 127.0.0.1:${port}: the port is in use (another Lifeline, or another exporter?). Set LIFELINE_METRICS_PORT to a free port, or to "off".`,
    ]);
  });
});

describe("a real scrape", () => {
  it.skipIf(!PROMTOOL)(
    `passes promtool check metrics${PROMTOOL ? "" : WITHOUT("promtool")}`,
    async () => {
      const base = await pipelineServed();
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toContain("lifeline_watch_reflectors{");
      const check = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
      expect(`${check.stdout}${check.stderr}`).toBe("");
      expect(check.status).toBe(0);
    },
    // A pipeline on the demo cluster and a promtool process: past the default 5 s at load 12.
    30_000,
  );

  it.skipIf(!PROMETHEUS)(
    `is read by a Prometheus server on loopback${PROMETHEUS ? "" : WITHOUT("prometheus")}`,
    async () => {
      const base = await pipelineServed();
      const dir = mkdtempSync(join(tmpdir(), "lifeline-prometheus-"));
      writeFileSync(
        join(dir, "prometheus.yml"),
        [
          "global:",
          "  scrape_interval: 1s",
          "  scrape_timeout: 1s",
          "scrape_configs:",
          "  - job_name: lifeline",
          "    static_configs:",
          `      - targets: ["${new URL(base).host}"]`,
        ].join("\n"),
      );
      const port = await freePort();
      const prometheus: ChildProcess = spawn(
        "prometheus",
        [
          `--config.file=${join(dir, "prometheus.yml")}`,
          `--storage.tsdb.path=${join(dir, "data")}`,
          `--web.listen-address=127.0.0.1:${port}`,
        ],
        { stdio: "ignore" },
      );
      running.push(() => {
        if (prometheus.exitCode === null) prometheus.kill("SIGKILL");
      });
      const query = async (q: string) => {
        const res = await fetch(
          `http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(q)}`,
        ).catch(() => null);
        const body = (await res?.json().catch(() => null)) as {
          data?: { result?: { metric: Record<string, string>; value: [number, string] }[] };
        } | null;
        return body?.data?.result ?? [];
      };
      // Prometheus takes a few seconds to start and scrape once.
      await vi.waitFor(
        async () => expect((await query('up{job="lifeline"}'))[0]?.value[1]).toBe("1"),
        { timeout: 40_000, interval: 250 },
      );
      expect((await query("lifeline_pipeline_running"))[0]?.value[1]).toBe("1");
      const connected = await query('lifeline_watch_reflectors{phase="connected"}');
      expect(connected.map((r) => r.metric.resource).sort()).toEqual([
        "controllerrevisions",
        "cronjobs",
        "daemonsets",
        "deployments",
        "events",
        "jobs",
        "nodes",
        "pods",
        "replicasets",
        "statefulsets",
      ]);
      expect(connected.every((r) => r.value[1] === "1")).toBe(true);
    },
    60_000,
  );
});

function freePort(): Promise<number> {
  const s = createServer();
  return new Promise((resolve) =>
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    }),
  );
}
