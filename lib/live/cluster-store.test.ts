// One store per cluster, one writer per store: what a second Lifeline on the same data folder does,
// and what a data folder met with another cluster keeps of the first.
import { mkdtempSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../demo-cluster/clock";
import { DemoCluster } from "../demo-cluster/cluster";
import { T0 } from "../demo-cluster/cluster.test-kit";
import { lockDataDir } from "../store/lock";
import { Follower } from "./fidelity.test-kit";
import { Live } from "./live";
import { live } from "./start";
import { answer } from "../routes/respond";

const running: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of running.splice(0).reverse()) await stop();
});

const dataDir = () => join(mkdtempSync(join(tmpdir(), "lifeline-clusters-")), "data");

async function demo() {
  const clock = new ManualClock(T0);
  const cluster = await DemoCluster.start({
    clock,
    scenarios: ["replicaset", "pod-liveness-exec"],
  });
  running.push(() => cluster.stop());
  clock.advance(5_000); // the ReplicaSet's pods are created and scheduled
  const kubeSystem = cluster.store.get("namespaces", undefined, "kube-system")!.metadata.uid!;
  const pods = () => cluster.store.list("pods").map((p) => p.metadata.uid!);
  return { clock, cluster, kubeSystem, pods };
}

/** Lifeline on `dir` reading `d`, caught up with it. */
async function follow(d: Awaited<ReturnType<typeof demo>>, dir: string): Promise<Live> {
  const l = await Live.start(
    { KUBECONFIG: d.cluster.kubeconfigPath, LIFELINE_DATA_DIR: dir },
    { now: () => d.clock.now() },
  );
  running.push(() => l.stop());
  await new Follower(d.cluster, l).waitCaughtUp();
  return l;
}

describe("one writer per data folder", () => {
  it("refuses a second pipeline on the same data folder with a sentence naming the folder and the process holding it", async () => {
    const dir = dataDir();
    const a = await demo();
    await follow(a, dir);
    const second = Live.start(
      { KUBECONFIG: a.cluster.kubeconfigPath, LIFELINE_DATA_DIR: dir },
      { now: () => a.clock.now() },
    );
    second.then(
      (l) => running.push(() => l.stop()),
      () => {},
    );
    await expect(second).rejects.toThrow(
      new RegExp(
        `^The data folder ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is in use by another Lifeline process \\(pid ${process.pid} on ${hostname().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}, running since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\): one process writes a data folder at a time\\. Stop that one, or give this one a folder of its own with LIFELINE_DATA_DIR\\.$`,
      ),
    );
  });

  it("answers 503 with that sentence while another process holds the folder", async () => {
    const dir = dataDir();
    const lock = lockDataDir(dir);
    running.push(() => lock.release());
    const saved = {
      LIFELINE_DEMO: process.env.LIFELINE_DEMO,
      LIFELINE_DATA_DIR: process.env.LIFELINE_DATA_DIR,
      KUBECONFIG: process.env.KUBECONFIG,
    };
    running.push(() => {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    });
    Object.assign(process.env, { LIFELINE_DEMO: "1", LIFELINE_DATA_DIR: dir });
    delete process.env.KUBECONFIG;
    const res = await answer(async () => {
      await live();
      return new Response("unreachable");
    });
    if (res.status !== 503) running.push(async () => (await live()).stop());
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatch(
      new RegExp(
        `^Lifeline could not start: The data folder .+ is in use by another Lifeline process \\(pid ${process.pid} on `,
      ),
    );
  });
});

describe("one store per cluster", () => {
  it("never closes nor merges a cluster's pods when the same data folder meets another cluster", async () => {
    const dir = dataDir();
    const a = await demo();
    const b = await demo();
    expect(b.kubeSystem).not.toBe(a.kubeSystem);
    expect(b.pods().filter((u) => a.pods().includes(u))).toEqual([]);
    expect(a.pods().length).toBe(4);

    const first = await follow(a, dir);
    expect(first.info().history).toEqual({
      cluster: a.kubeSystem,
      identifiedBy: "kube-system-uid",
      verified: true,
      file: join("clusters", a.kubeSystem, "history.db"),
    });
    // A viewer limited to namespaces is not told.
    expect(first.info(["dev"]).history).toBeUndefined();
    await first.stop();

    const second = await follow(b, dir);
    expect(
      second.store
        .pods()
        .map((p) => p.uid)
        .sort(),
    ).toEqual(b.pods().sort());
    await second.stop();

    const again = await follow(a, dir);
    const records = again.store.pods();
    expect(records.map((p) => p.uid).sort()).toEqual(a.pods().sort());
    expect(records.filter((p) => p.deletedAt !== null).map((p) => p.name)).toEqual([]);
  });

  it("while the cluster cannot be reached, keeps to the history last opened through that server and context", async () => {
    const dir = dataDir();
    const a = await demo();
    const first = await follow(a, dir);
    await first.stop();
    await a.cluster.stop();
    const down = await Live.start(
      { KUBECONFIG: a.cluster.kubeconfigPath, LIFELINE_DATA_DIR: dir },
      { now: () => a.clock.now() },
    );
    running.push(() => down.stop());
    expect(down.info().history).toEqual({
      cluster: a.kubeSystem,
      identifiedBy: "kube-system-uid",
      verified: false,
      file: join("clusters", a.kubeSystem, "history.db"),
    });
    expect(down.store.pods().length).toBe(4);
  });
});
