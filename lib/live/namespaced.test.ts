// Lifeline under a namespaced install's RBAC (deploy/'s `namespaced` overlay: a Role and a
// RoleBinding in each listed namespace, nothing cluster-wide) with LIFELINE_NAMESPACES: it becomes
// ready and connected, sees the pods and events of its namespaces, reports the nodes forbidden
// (not a connection retrying), asks for them again only every few minutes (so a role bound later
// is picked up without a restart), and keeps one history across restarts though the cluster's
// identity (kube-system's uid) cannot be read.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as clusterGET } from "@/app/api/cluster/route";
import { GET as nodesGET } from "@/app/api/nodes/route";
import { GET as readyGET } from "@/app/api/readyz/route";
import { withAccess } from "../auth/access.test-kit";
import { captureLog } from "../log/capture.test-kit";
import { ManualClock } from "../demo-cluster/clock";
import { DemoCluster } from "../demo-cluster/cluster";
import { podManifest, T0 } from "../demo-cluster/cluster.test-kit";
import { Live } from "./live";

const LIVE_KEY = Symbol.for("lifeline.live");
const running: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of running.splice(0).reverse()) await stop();
});

// Well inside the test's own 5 s, so a wait that fails says what it waited for.
const WAIT = { timeout: 2000, interval: 5 };
const USER = '"system:serviceaccount:lifeline:lifeline"';
const NODES_DENIED = `nodes is forbidden: User ${USER} cannot list resource "nodes" in API group "" at the cluster scope`;

const sleeper = (name: string, namespace = "dev") => {
  const pod = podManifest(name, {
    containers: [{ name: "app", image: "busybox:1.36", command: ["sleep", "3600"] }],
  });
  pod.metadata.namespace = namespace;
  return pod;
};

/**
 * The watches' wait between retries: a retry's back-off (under a minute) passes after a real
 * millisecond; a longer wait (a forbidden resource's re-check) runs on the cluster's clock, so the
 * test decides when it is over. Every wait asked for is recorded.
 */
function sleepOn(clock: ManualClock, asked: number[]) {
  return (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      asked.push(ms);
      if (signal.aborted) return resolve();
      let cancel = () => {};
      const done = () => {
        cancel();
        resolve();
      };
      if (ms < 60_000) {
        const t = setTimeout(done, 1);
        cancel = () => clearTimeout(t);
      } else cancel = clock.at(clock.now() + ms, done).cancel;
      signal.addEventListener("abort", done, { once: true });
    });
}

async function pipeline(
  cluster: DemoCluster,
  clock: ManualClock,
  dataDir: string,
  asked: number[],
  namespaces = "dev",
) {
  const live = await Live.start(
    {
      KUBECONFIG: cluster.kubeconfigPath,
      LIFELINE_DATA_DIR: dataDir,
      LIFELINE_NAMESPACES: namespaces,
    },
    { now: () => clock.now(), sleep: sleepOn(clock, asked) },
  );
  const holder = globalThis as Record<symbol, unknown>;
  holder[LIVE_KEY] = Promise.resolve(live);
  const stop = async () => {
    delete holder[LIVE_KEY];
    await live.stop();
  };
  running.push(stop);
  return { live, stop };
}

async function clusterInfo() {
  const res = await clusterGET(new Request("http://lifeline.test/api/cluster", withAccess()));
  return (await res.json()) as {
    ready: boolean;
    watching: string[] | null;
    connection: {
      phase: string;
      reflectors: {
        path: string;
        phase: string;
        since: number;
        lastError: string | null;
        lastStatus: number;
      }[];
    };
    nodes?: { state: string; since: number | null; error: string | null };
    history: { cluster: string; identifiedBy: string; verified: boolean };
  };
}
const readyz = async () => {
  const res = await readyGET();
  return { status: res.status, body: await res.json() };
};

/** A demo cluster whose RBAC binds Lifeline in "dev" only, running dev/web-1 (and `more`) for 5 s. */
async function namespacedCluster(...more: ReturnType<typeof sleeper>[]) {
  const clock = new ManualClock(T0);
  const cluster = await DemoCluster.start({ clock, scenarios: [], rbac: { namespaces: ["dev"] } });
  running.push(() => cluster.stop());
  for (const pod of [sleeper("web-1"), ...more]) cluster.apply(pod);
  clock.advance(5_000);
  return { clock, cluster };
}
const dataFolder = () => join(mkdtempSync(join(tmpdir(), "lifeline-ns-")), "data");

describe("a namespaced install (a Role in dev, nothing cluster-wide)", () => {
  it("is ready and connected, sees dev's pods and events, and says the nodes are forbidden", async () => {
    const { clock, cluster } = await namespacedCluster(sleeper("elsewhere", "default"));
    const logged = captureLog();
    running.push(logged.restore);
    const asked: number[] = [];
    const { live } = await pipeline(cluster, clock, dataFolder(), asked);

    await vi.waitFor(
      async () =>
        expect(await readyz()).toEqual({ status: 200, body: { ready: true, synced: true } }),
      WAIT,
    );
    const info = await clusterInfo();
    expect(info.ready).toBe(true);
    expect(info.connection.phase).toBe("connected");
    // The kiosk's header names what is watched rather than "all namespaces".
    expect(info.watching).toEqual(["dev"]);
    const nodes = info.connection.reflectors.find((r) => r.path === "/api/v1/nodes")!;
    expect(nodes.phase).toBe("forbidden");
    expect(nodes.lastStatus).toBe(403);
    expect(nodes.lastError).toContain(NODES_DENIED);
    expect(info.nodes).toEqual({
      state: "forbidden",
      since: nodes.since,
      error: nodes.lastError,
    });
    for (const r of info.connection.reflectors.filter((x) => x !== nodes))
      expect(r.phase, r.path).toBe("connected");

    // dev's pods and their events; nothing of the namespace it is not bound in.
    expect(live.rows().map((r) => `${r.namespace}/${r.name}`)).toEqual(["dev/web-1"]);
    live.flush();
    const uid = live.rows()[0].uid;
    expect(live.store.events(uid).length).toBeGreaterThan(0);

    // The nodes answer says why it knows only the node names its pods carry, with no conditions.
    const answer = await (
      await nodesGET(new Request("http://lifeline.test/api/nodes", withAccess()))
    ).json();
    expect(
      answer.nodes.map((n: { name: string; pods: number; observedFrom: number | null }) => [
        n.name,
        n.pods,
        n.observedFrom,
      ]),
    ).toEqual([[live.rows()[0].node, 1, null]]);
    expect(answer.access).toEqual(info.nodes);

    // Not a tight loop: real time passes, the cluster's clock does not; the denied requests stay
    // the first watch-list of nodes, the paged list tried after it (as client-go falls back), and
    // the one read of kube-system (the cluster's identity).
    await new Promise((r) => setTimeout(r, 200));
    expect(cluster.rbac.denied.map((d) => `${d.verb} ${d.path}`)).toEqual([
      "get /api/v1/namespaces/kube-system",
      "watch /api/v1/nodes",
      "list /api/v1/nodes",
    ]);
    expect(Math.max(...asked)).toBeGreaterThanOrEqual(60_000);
    // The log says it once, with the API server's sentence.
    const said = logged.lines.filter((l) => l.includes("nodes are not visible"));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain("cannot list resource");
    // A failure's text is the `err` field, as everywhere in the log (docs/live-pipeline.md#logs).
    expect(said[0]).toMatch(/ err="Lifeline may not list nodes.*cannot list resource/);
  });

  it("picks up a role bound later at the next re-check, without a restart", async () => {
    const { clock, cluster } = await namespacedCluster();
    const logged = captureLog();
    running.push(logged.restore);
    const { live } = await pipeline(cluster, clock, dataFolder(), []);
    await vi.waitFor(
      async () => expect((await clusterInfo()).nodes?.state).toBe("forbidden"),
      WAIT,
    );
    cluster.rbac.set(null);
    clock.advance(5 * 60_000);
    await vi.waitFor(
      async () =>
        expect((await clusterInfo()).nodes).toEqual({ state: "watched", since: null, error: null }),
      WAIT,
    );
    expect(live.nodes.size).toBeGreaterThan(0);
    expect(logged.lines.filter((l) => l.includes("nodes are visible again"))).toHaveLength(1);
  });

  it("says nothing about the nodes when it stops (a stopped watch is not a visible one)", async () => {
    const { clock, cluster } = await namespacedCluster();
    const logged = captureLog();
    running.push(logged.restore);
    const { stop } = await pipeline(cluster, clock, dataFolder(), []);
    await vi.waitFor(
      async () => expect((await clusterInfo()).nodes?.state).toBe("forbidden"),
      WAIT,
    );
    await stop();
    expect(logged.lines.filter((l) => l.includes("nodes are visible again"))).toEqual([]);
  });

  it("logs a namespace it may not watch once, not on every retry, again after 5 minutes, and when it is granted", async () => {
    const { clock, cluster } = await namespacedCluster();
    const logged = captureLog();
    running.push(logged.restore);
    await pipeline(cluster, clock, dataFolder(), [], "dev,team-b");
    // The workload kinds are optional: refused there, each is said once (and not retried).
    const kinds = () => logged.lines.filter((l) => l.includes("workload pages"));
    const teamB = () =>
      logged.lines.filter((l) => l.includes("in team-b") && !l.includes("workload pages"));
    await vi.waitFor(() => expect(teamB()).toHaveLength(2), WAIT);
    expect(teamB().map((l) => /lifeline: (.*?);/.exec(l)?.[1])).toEqual(
      expect.arrayContaining([
        "pods in team-b cannot be watched",
        "events in team-b cannot be watched",
      ]),
    );
    expect(teamB()[0]).toContain("cannot list resource");
    expect(teamB()[0]).toContain("attempts=1");
    // It keeps retrying (a real millisecond each back-off), and says nothing more meanwhile.
    await vi.waitFor(
      () =>
        expect(
          cluster.rbac.denied.filter((d) => d.path.includes("team-b/pods")).length,
        ).toBeGreaterThan(3),
      WAIT,
    );
    expect(teamB()).toHaveLength(2);

    await vi.waitFor(() => expect(kinds()).toHaveLength(7), WAIT);
    expect(kinds().map((l) => /lifeline: (.*?\.) /.exec(l)?.[1])).toContain(
      "Lifeline may not list cronjobs.batch in team-b: workload pages omit CronJobs there.",
    );

    clock.advance(5 * 60_000);
    await vi.waitFor(
      () =>
        expect(teamB().filter((l) => l.includes("still cannot be watched after 5m"))).toHaveLength(
          2,
        ),
      WAIT,
    );
    // Asked again after 5 minutes, still refused: not said again.
    await vi.waitFor(
      () =>
        expect(
          cluster.rbac.denied.filter((d) => d.path.includes("team-b/cronjobs")).length,
        ).toBeGreaterThan(2),
      WAIT,
    );
    expect(kinds()).toHaveLength(7);
    cluster.rbac.set({ namespaces: ["dev", "team-b"] });
    await vi.waitFor(
      () =>
        expect(teamB().filter((l) => l.includes("INFO"))).toEqual(
          expect.arrayContaining([
            expect.stringContaining("watching pods in team-b again after 5m"),
            expect.stringContaining("watching events in team-b again after 5m"),
          ]),
        ),
      WAIT,
    );
    await vi.waitFor(
      () =>
        expect(logged.lines).toContainEqual(
          expect.stringContaining("cronjobs.batch is listed again: workload pages show CronJobs"),
        ),
      WAIT,
    );
  });

  it("keeps one history across restarts though kube-system's uid is forbidden", async () => {
    const { clock, cluster } = await namespacedCluster();
    const dataDir = dataFolder();
    const first = await pipeline(cluster, clock, dataDir, []);
    await vi.waitFor(() => expect(first.live.synced).toBe(true), WAIT);
    const before = (await clusterInfo()).history;
    expect(before).toMatchObject({ identifiedBy: "server-and-context", verified: true });
    await first.stop();

    const second = await pipeline(cluster, clock, dataDir, []);
    await vi.waitFor(() => expect(second.live.synced).toBe(true), WAIT);
    expect((await clusterInfo()).history).toEqual(before);
    expect(second.live.store.pods({ name: "web-1" })).toHaveLength(1);
  });

  it("without LIFELINE_NAMESPACES the pods' 403 is a real failure, said with the missing permission", async () => {
    const { clock, cluster } = await namespacedCluster();
    await pipeline(cluster, clock, dataFolder(), [], "");
    await vi.waitFor(async () => {
      const { connection, nodes } = await clusterInfo();
      expect([connection.phase, nodes?.state]).toEqual(["retrying", "forbidden"]);
    }, WAIT);
    const info = await clusterInfo();
    expect(info.ready).toBe(false);
    const pods = info.connection.reflectors.find((r) => r.path === "/api/v1/pods")!;
    expect(pods.phase).toBe("retrying");
    expect(pods.lastStatus).toBe(403);
    expect(pods.lastError).toBe(
      `Lifeline may not list pods in all namespaces (403 Forbidden): grant its user or service account "list" on pods in all namespaces (see deploy/ for the read-only role). The API server said: pods is forbidden: User ${USER} cannot list resource "pods" in API group "" at the cluster scope.`,
    );
  });
});
