// Projected service-account tokens rotate (the kubelet rewrites the file about hourly): Lifeline
// reads the file again when it changes, without a restart and without closing its watches. Played
// against the demo cluster made to reject the old token as soon as the new one is written.
import { mkdirSync, mkdtempSync, readlinkSync, renameSync, rmSync, symlinkSync } from "node:fs";
import { existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../demo-cluster/clock";
import { DemoCluster } from "../demo-cluster/cluster";
import { podManifest, T0 } from "../demo-cluster/cluster.test-kit";
import { KubeClient } from "./client";
import { Collector, type CollectorState } from "./collector";
import { loadKubeConfig, planConnection } from "./connection";
import type { Observation } from "./reflector";

const stops: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

const nextTurn = () => new Promise<void>((r) => setImmediate(r));
const SA = "var/run/secrets/kubernetes.io/serviceaccount";

/**
 * A projected volume as the kubelet's AtomicWriter keeps it (pkg/volume/util/atomic_writer.go):
 * the files in a timestamped directory, `..data` a symlink to it, and each visible name a symlink
 * into `..data`. An update writes a new directory, points a new symlink at it and renames that over
 * `..data` (one atomic step), then removes the old directory.
 */
function projectedVolume(dir: string) {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return (files: Record<string, string>) => {
    const stamp = `..2026_11_20_09_00_00.${String(++n).padStart(9, "0")}`;
    mkdirSync(join(dir, stamp));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, stamp, name), text);
    const old = existsSync(join(dir, "..data")) ? readlinkSync(join(dir, "..data")) : null;
    symlinkSync(stamp, join(dir, "..data_tmp"));
    renameSync(join(dir, "..data_tmp"), join(dir, "..data"));
    for (const name of Object.keys(files))
      if (!existsSync(join(dir, name))) symlinkSync(join("..data", name), join(dir, name));
    if (old) rmSync(join(dir, old), { recursive: true });
  };
}

/** A demo cluster that accepts only the tokens in `valid`, and notes the ones it refused. */
async function clusterAccepting(valid: Set<string>, onRefused?: (token: string) => void) {
  const clock = new ManualClock(T0);
  const refused: string[] = [];
  const cluster = await DemoCluster.start({
    scenarios: [],
    clock,
    authenticate: (token) => {
      if (valid.has(token)) return true;
      refused.push(token);
      onRefused?.(token);
      return false;
    },
  });
  stops.push(() => cluster.stop());
  return { clock, cluster, refused };
}

const sleeper = (name: string) =>
  podManifest(name, {
    containers: [{ name: "app", image: "busybox:1.36", command: ["sleep", "infinity"] }],
  });

async function inClusterCollector(root: string, cluster: DemoCluster, clock: ManualClock) {
  // The production in-cluster config (service-account files under `root`), with the demo
  // cluster's plain-http address in place of https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT.
  const kc = loadKubeConfig({ mode: "in-cluster", reason: "test" }, { root, server: cluster.url });
  const seen: Observation[] = [];
  const states: CollectorState[] = [];
  const sleeps: number[] = [];
  const collector = new Collector({
    client: new KubeClient(kc),
    namespaces: ["dev"],
    now: () => clock.now(),
    onObservation: (o) => seen.push(o),
    onState: (s) => states.push(s),
    sleep: (ms) => {
      sleeps.push(ms);
      return nextTurn();
    },
  });
  stops.push(() => collector.stop());
  await collector.start();
  const connected = () =>
    vi.waitFor(
      () => {
        expect(collector.state().phase).toBe("connected");
        // One watch per reflector: pods, events, nodes and the workload kinds.
        expect(cluster.api.openWatches()).toBe(collector.state().reflectors.length);
      },
      { timeout: 5000, interval: 5 },
    );
  const observed = (name: string) =>
    vi.waitFor(
      () =>
        expect(seen.some((o) => o.kind === "Pod" && o.object.metadata?.name === name)).toBe(true),
      { timeout: 5000, interval: 5 },
    );
  return { collector, states, sleeps, connected, observed, n: collector.state().reflectors.length };
}

describe("service-account token rotation", () => {
  it("reads a rotated token file for the next request: watches stay open, none is refused, nothing restarts", async () => {
    const root = mkdtempSync(join(tmpdir(), "lifeline-sa-"));
    stops.push(() => rmSync(root, { recursive: true, force: true }));
    const write = projectedVolume(join(root, SA));
    write({ token: "token-1", "ca.crt": "not used over http", namespace: "lifeline" });
    const valid = new Set(["token-1"]);
    const { clock, cluster, refused } = await clusterAccepting(valid);
    const { collector, states, sleeps, connected, observed, n } = await inClusterCollector(
      root,
      cluster,
      clock,
    );
    await connected();
    const opened = cluster.api.watchesOpened();
    expect(opened).toBe(n);

    // The kubelet rotates the token; the API server stops accepting the old one at once (a
    // harsher cluster than a real one, where the old token stays valid until it expires).
    write({ token: "token-2", "ca.crt": "not used over http", namespace: "lifeline" });
    valid.clear();
    valid.add("token-2");

    // The watches opened with the old token carry on: they were authenticated when they opened.
    cluster.apply(sleeper("during"));
    await observed("during");
    expect(cluster.api.openWatches()).toBe(n);
    expect(cluster.api.watchesOpened()).toBe(opened);

    // The next requests (the API server cut the watches) carry the new token.
    expect(cluster.api.dropWatches()).toBe(n);
    await connected();
    expect(cluster.api.watchesOpened()).toBe(opened + n);
    cluster.apply(sleeper("after"));
    await observed("after");

    // The next rotation, met by the watches ending at their timeout (300 s of cluster time).
    write({ token: "token-3", "ca.crt": "not used over http", namespace: "lifeline" });
    valid.clear();
    valid.add("token-3");
    clock.advance(300_000);
    await vi.waitFor(() => expect(cluster.api.watchesOpened()).toBe(opened + 2 * n), {
      timeout: 5000,
      interval: 5,
    });
    await connected();
    cluster.apply(sleeper("later"));
    await observed("later");

    expect(refused).toEqual([]);
    expect(sleeps).toEqual([]);
    expect(states.flatMap((s) => s.reflectors).filter((r) => r.lastStatus !== null)).toEqual([]);
    expect(collector.state().reflectors.map((r) => r.lastStatus)).toEqual(Array(n).fill(null));
  }, 20_000);

  it("retries a 401 at once when the token file changed while the request was on its way", async () => {
    const root = mkdtempSync(join(tmpdir(), "lifeline-sa-"));
    stops.push(() => rmSync(root, { recursive: true, force: true }));
    const write = projectedVolume(join(root, SA));
    write({ token: "token-1", "ca.crt": "-", namespace: "lifeline" });
    const valid = new Set(["token-1"]);
    let armed = false;
    // The rotation lands between Lifeline reading the file and the server checking the token.
    const { clock, cluster, refused } = await clusterAccepting(valid, () => {
      if (!armed) return;
      armed = false;
      write({ token: "token-2", "ca.crt": "-", namespace: "lifeline" });
    });
    const { collector, sleeps, connected, observed, n } = await inClusterCollector(
      root,
      cluster,
      clock,
    );
    await connected();
    valid.clear();
    armed = true;
    valid.add("token-2");
    cluster.api.dropWatches();
    await vi.waitFor(() => expect(cluster.api.watchesOpened()).toBe(2 * n), {
      timeout: 5000,
      interval: 5,
    });
    await connected();
    cluster.apply(sleeper("after"));
    await observed("after");
    // Each reflector's first request after the cut was refused (one, two or three of them carried
    // the old token, as they raced the rotation), and went again at once: no back-off.
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused)).toEqual(new Set(["token-1"]));
    expect(sleeps).toEqual([]);
    expect(collector.state().reflectors.map((r) => r.lastStatus)).toEqual(Array(n).fill(null));
  }, 20_000);

  it("uses and re-reads a kubeconfig user's tokenFile (a path relative to the kubeconfig)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lifeline-kc-"));
    stops.push(() => rmSync(dir, { recursive: true, force: true }));
    const write = projectedVolume(join(dir, "sa"));
    write({ token: "token-1" });
    const valid = new Set(["token-1"]);
    const { cluster, refused } = await clusterAccepting(valid);
    const file = join(dir, "config");
    writeFileSync(
      file,
      [
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: demo",
        "  cluster:",
        `    server: ${cluster.url}`,
        "users:",
        "- name: robot",
        "  user:",
        "    tokenFile: sa/token",
        "contexts:",
        "- name: demo",
        "  context:",
        "    cluster: demo",
        "    user: robot",
        "current-context: demo",
        "",
      ].join("\n"),
    );
    const client = new KubeClient(
      loadKubeConfig(planConnection({ KUBECONFIG: file }, (p) => p === file, "/home/ops")),
    );
    const list = () => client.get<{ kind: string }>("/api/v1/namespaces/dev/pods");
    expect((await list()).kind).toBe("PodList");
    write({ token: "token-2" });
    valid.clear();
    valid.add("token-2");
    expect((await list()).kind).toBe("PodList");
    expect(refused).toEqual([]);
  });
});
