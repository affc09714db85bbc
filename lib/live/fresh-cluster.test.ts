// A cluster restarted with fresh state behind the same address (a kind cluster recreated, etcd
// restored, the demo cluster started anew): the pipeline relists on "Too large resource version",
// closes the pods the new cluster does not have at once (not after a watch timeout, 31 minutes
// later), keeps their history; while the cluster is away /api/readyz stays ready and /api/cluster
// says since when it has been unreachable, "unreachable" past LIFELINE_UNREACHABLE_AFTER.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as clusterGET } from "@/app/api/cluster/route";
import { GET as readyGET } from "@/app/api/readyz/route";
import { withAccess } from "../auth/access.test-kit";
import { ManualClock } from "../demo-cluster/clock";
import { DemoCluster } from "../demo-cluster/cluster";
import { podManifest, T0 } from "../demo-cluster/cluster.test-kit";
import { Follower, shortSleep } from "./fidelity.test-kit";
import { Live } from "./live";

const LIVE_KEY = Symbol.for("lifeline.live");
const running: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of running.splice(0).reverse()) await stop();
});

const sleeper = (name: string) =>
  podManifest(name, {
    containers: [{ name: "app", image: "busybox:1.36", command: ["sleep", "3600"] }],
  });

async function pipeline(kubeconfig: string, clock: ManualClock): Promise<Live> {
  const live = await Live.start(
    {
      KUBECONFIG: kubeconfig,
      LIFELINE_DATA_DIR: join(mkdtempSync(join(tmpdir(), "lifeline-fresh-")), "data"),
      LIFELINE_UNREACHABLE_AFTER: "60s",
    },
    { now: () => clock.now(), sleep: shortSleep },
  );
  const holder = globalThis as Record<symbol, unknown>;
  holder[LIVE_KEY] = Promise.resolve(live);
  running.push(async () => {
    delete holder[LIVE_KEY];
    await live.stop();
  });
  return live;
}

async function cluster() {
  const res = await clusterGET(new Request("http://lifeline.test/api/cluster", withAccess()));
  return (await res.json()) as {
    ready: boolean;
    reachability: { state: string; unreachableSince: number | null; unreachableAfterMs: number };
  };
}
const readyz = async () => {
  const res = await readyGET();
  return { status: res.status, body: await res.json() };
};

describe("a cluster restarted with fresh state", () => {
  it("closes the pods the new cluster does not have as soon as it answers, keeps their history, and stays ready meanwhile", async () => {
    const clock = new ManualClock(T0);
    const first = await DemoCluster.start({ clock, scenarios: [] });
    running.push(() => first.stop());
    for (const n of ["ghost", "web-1", "web-2", "web-3"]) first.apply(sleeper(n));
    clock.advance(5_000);
    const live = await pipeline(first.kubeconfigPath, clock);
    await new Follower(first, live).waitCaughtUp();
    const ghost = live.rows({ namespace: "dev" }).find((r) => r.name === "ghost")!;
    expect(ghost.status).toBe("Running");
    expect(await readyz()).toEqual({ status: 200, body: { ready: true, synced: true } });

    // The cluster goes: still ready (the history and the banner are what is needed now), and
    // /api/cluster says since when, "unreachable" once that is longer than 60 s.
    const lostAt = clock.now();
    await first.stop();
    await vi.waitFor(
      async () =>
        expect((await cluster()).reachability).toEqual({
          state: "reachable",
          unreachableSince: lostAt,
          unreachableAfterMs: 60_000,
        }),
      { timeout: 5000, interval: 5 },
    );
    clock.advance(60_001);
    expect((await cluster()).reachability).toEqual({
      state: "unreachable",
      unreachableSince: lostAt,
      unreachableAfterMs: 60_000,
    });
    expect(await readyz()).toEqual({ status: 200, body: { ready: true, synced: true } });

    // A new cluster, with none of the first one's state, on the same address.
    const fresh = await DemoCluster.start({ clock, scenarios: [], port: first.port });
    running.push(() => fresh.stop());
    fresh.apply(sleeper("web-1"));
    const back = clock.now();
    clock.advance(1_000);
    const want = () =>
      fresh.store
        .list("pods", "dev")
        .map((p) => p.metadata.uid)
        .sort();
    await vi.waitFor(
      () =>
        expect(
          live
            .rows({ namespace: "dev" })
            .map((r) => r.uid)
            .sort(),
        ).toEqual(want()),
      { timeout: 5000, interval: 5 },
    );
    expect((await cluster()).reachability).toEqual({
      state: "reachable",
      unreachableSince: null,
      unreachableAfterMs: 60_000,
    });

    // Closed within a second of the cluster answering again, not left Running; its history kept.
    live.flush();
    const [record] = live.store.pods({ name: "ghost" });
    expect(record.uid).toBe(ghost.uid);
    expect(record.deletedAt).not.toBeNull();
    expect(record.deletedAt!).toBeGreaterThanOrEqual(back);
    expect(record.deletedAt!).toBeLessThanOrEqual(back + 1_000);
    expect(record.firstSeen).toBeLessThanOrEqual(lostAt);
    expect(live.store.latest(ghost.uid)!.status?.phase).toBe("Running");
    const timeline = live.store.timeline(ghost.uid, clock.now());
    expect(timeline?.deletedAt).toBe(record.deletedAt);
    expect(timeline?.containers[0].runs).toHaveLength(1);
  });

  it("a Lifeline started while the cluster is unreachable is ready to serve its history", async () => {
    const clock = new ManualClock(T0);
    const gone = await DemoCluster.start({ clock, scenarios: [] });
    await gone.stop();
    await pipeline(gone.kubeconfigPath, clock);
    await vi.waitFor(
      async () =>
        expect(await readyz()).toEqual({ status: 200, body: { ready: true, synced: false } }),
      { timeout: 5000, interval: 5 },
    );
    expect((await cluster()).ready).toBe(false);
  });
});
