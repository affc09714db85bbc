import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../demo-cluster/clock";
import { DemoCluster } from "../demo-cluster/cluster";
import { podManifest, T0 } from "../demo-cluster/cluster.test-kit";
import { KubeClient } from "./client";
import { Collector } from "./collector";
import { kubeConfigFor, loadKubeConfig, planConnection } from "./connection";
import type { Observation } from "./reflector";

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

describe("collector", () => {
  it("collects pods, events.k8s.io/v1 events and nodes, only in the namespaces asked for", async () => {
    const clock = new ManualClock(T0);
    const cluster = await DemoCluster.start({ scenarios: ["pod-liveness-httpget"], clock });
    stops.push(() => cluster.stop());
    cluster.apply({
      ...podManifest("elsewhere", {
        containers: [{ name: "app", image: "busybox:1.36", command: ["sleep", "infinity"] }],
      }),
      metadata: { name: "elsewhere", namespace: "default" },
    });
    const seen: Observation[] = [];
    const collector = new Collector({
      client: new KubeClient(kubeConfigFor(cluster.url)),
      namespaces: ["dev"],
      now: () => clock.now(),
      onObservation: (o) => seen.push(o),
    });
    stops.push(() => collector.stop());
    await collector.start();
    clock.advance(30_000);
    await vi.waitFor(
      () =>
        expect(seen.some((o) => o.kind === "Event" && o.object.reason === "Killing")).toBe(true),
      { timeout: 5000, interval: 5 },
    );
    // Each reflector reports on its own; wait until all three have connected.
    await vi.waitFor(() => expect(collector.state().phase).toBe("connected"), {
      timeout: 5000,
      interval: 5,
    });
    const state = collector.state();
    expect(state.eventsApi).toBe("events.k8s.io/v1");
    expect(state.reflectors.map((r) => r.path)).toEqual([
      "/api/v1/namespaces/dev/pods",
      "/apis/events.k8s.io/v1/namespaces/dev/events",
      "/api/v1/nodes",
      "/apis/apps/v1/namespaces/dev/deployments",
      "/apis/apps/v1/namespaces/dev/replicasets",
      "/apis/apps/v1/namespaces/dev/statefulsets",
      "/apis/apps/v1/namespaces/dev/daemonsets",
      "/apis/apps/v1/namespaces/dev/controllerrevisions",
      "/apis/batch/v1/namespaces/dev/jobs",
      "/apis/batch/v1/namespaces/dev/cronjobs",
    ]);
    expect(new Set(seen.map((o) => o.kind))).toEqual(new Set(["Pod", "Event", "Node"]));
    expect(seen.some((o) => o.object.metadata?.name === "elsewhere")).toBe(false);
    const unhealthy = seen.find((o) => o.kind === "Event" && o.object.reason === "Unhealthy")!;
    expect(unhealthy.object.note).toBe(
      "Liveness probe failed: HTTP probe failed with statuscode: 404",
    );
  });
});

describe("planConnection", () => {
  const none = () => false;
  it.each([
    [{ LIFELINE_DEMO: "1", KUBECONFIG: "/k" }, () => true, "demo"],
    [{}, none, "demo"],
    [{ KUBERNETES_SERVICE_HOST: "10.0.0.1" }, (p: string) => p.endsWith("/token"), "in-cluster"],
    [{}, (p: string) => p === "/home/ops/.kube/config", "kubeconfig"],
    [{ KUBECONFIG: "/a:/b" }, (p: string) => p === "/b", "kubeconfig"],
  ])("%j → %s", (env, exists, mode) => {
    expect(planConnection(env, exists, "/home/ops").mode).toBe(mode);
  });

  it("says clearly when KUBECONFIG points nowhere, or the context does not exist", () => {
    expect(() => planConnection({ KUBECONFIG: "/nope" }, none, "/home/ops")).toThrow(
      "KUBECONFIG names /nope, but no such file exists",
    );
    const dir = mkdtempSync(join(tmpdir(), "lifeline-kc-"));
    const file = join(dir, "config");
    writeFileSync(
      file,
      [
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: plain",
        "  cluster:",
        "    server: http://127.0.0.1:6443",
        "users:",
        "- name: u",
        "  user:",
        "    token: t",
        "contexts:",
        "- name: prod",
        "  context:",
        "    cluster: plain",
        "    user: u",
        "current-context: prod",
        "",
      ].join("\n"),
    );
    const plan = planConnection({ KUBECONFIG: file }, (p) => p === file, "/home/ops");
    const kc = loadKubeConfig(plan);
    expect(kc.getCurrentCluster()).toMatchObject({
      server: "http://127.0.0.1:6443",
      skipTLSVerify: true,
    });
    expect(() => loadKubeConfig({ ...plan, context: "staging" })).toThrow(
      'LIFELINE_CONTEXT is "staging", but the kubeconfig has no such context (it has: prod)',
    );
  });
});
