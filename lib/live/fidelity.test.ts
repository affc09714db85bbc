// The live pipeline against the demo cluster's ground truth: scenarios run on a fast (manual)
// clock while the pipeline reads the cluster over HTTP exactly as it reads a real one; every
// transition the truth records must be in the timelines the API serves, in order, at its time.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../demo-cluster/clock";
import { DemoCluster, type DemoClusterOptions } from "../demo-cluster/cluster";
import { T0 } from "../demo-cluster/cluster.test-kit";
import { compare, compareBackfill, Follower, runUntil } from "./fidelity.test-kit";
import { Live } from "./live";
import { WorkloadTruth, workloadMismatches } from "./workload-fidelity.test-kit";

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of running.splice(0).reverse()) await stop();
});

async function setUp(opts: DemoClusterOptions = {}) {
  const clock = new ManualClock(T0);
  const demo = await DemoCluster.start({ clock, ...opts });
  running.push(() => demo.stop());
  const workloads = new WorkloadTruth(demo, () => clock.now());
  return { clock, demo, workloads };
}

async function connect(demo: DemoCluster, clock: ManualClock) {
  const dir = mkdtempSync(join(tmpdir(), "lifeline-fidelity-"));
  const live = await Live.start(
    { KUBECONFIG: demo.kubeconfigPath, LIFELINE_DATA_DIR: dir },
    { now: () => clock.now() },
  );
  running.push(() => live.stop());
  const follower = new Follower(demo, live);
  await follower.waitCaughtUp();
  return { live, follower };
}

/** Every pod the truth knows, compared with the timeline the pipeline serves for it. */
function mismatches(
  demo: DemoCluster,
  live: Live,
  now: number,
): { pods: number; transitions: number; problems: string[] } {
  live.flush();
  const uids = [...new Set(demo.truth.query({ what: "pod.created" }).map((e) => e.uid!))];
  const compactions = new Set(demo.truth.query({ what: "api.compacted" }).map((e) => e.at));
  const problems: string[] = [];
  let transitions = 0;
  for (const uid of uids) {
    let truth = demo.truth.query().filter((e) => e.uid === uid);
    // A pod whose end (deletion asked, last phase, removal) came in the very instant the history was
    // compacted: no watch can deliver what the compaction erased, and the relist finds it gone.
    // Only that it was deleted can be seen, and that is still checked.
    const gone = truth.find((e) => e.what === "pod.deleted");
    if (gone && compactions.has(gone.at))
      truth = truth.filter((e) => e.at < gone.at || e.what === "pod.deleted");
    transitions += truth.length;
    const timeline = live.store.timeline(uid, now);
    if (!timeline) problems.push(`${truth[0].namespace}/${truth[0].name} (${uid}) has no timeline`);
    else problems.push(...compare(truth, timeline));
  }
  return { pods: uids.length, transitions, problems };
}

describe("live pipeline fidelity against the demo cluster's ground truth", () => {
  it("shows every transition of 15 minutes of every scenario, in order and at its time", async () => {
    const { clock, demo, workloads } = await setUp();
    const { live, follower } = await connect(demo, clock);
    const steps = await runUntil(clock, follower, T0 + 15 * 60_000);
    const r = mismatches(demo, live, clock.now());
    expect(r.problems).toEqual([]);
    // Every version of every workload (Deployments, their ReplicaSets, sets, Jobs, CronJobs).
    live.flush();
    const w = workloadMismatches(workloads, live.store.workloads);
    expect(w.problems).toEqual([]);
    expect(w.workloads).toBeGreaterThan(20);
    console.log(`workload fidelity: ${w.workloads} workloads, ${w.versions} versions`);
    expect(r.pods).toBeGreaterThan(15);
    expect(steps).toBeGreaterThan(100);
    console.log(`fidelity: ${r.pods} pods, ${r.transitions} truth entries, ${steps} clock steps`);
  }, 120_000);

  it("loses no transition across dropped watches every 5 s, forced 410s every minute and two API server restarts", async () => {
    // Bookmarks every second tell the reflectors a quiet watch is still alive, so a cut is resumed
    // at once rather than after a back-off (two cuts in a row with nothing received back off).
    const { clock, demo, workloads } = await setUp({ bookmarkIntervalMs: 1000 });
    const { live, follower } = await connect(demo, clock);
    let nextDrop = T0 + 5_000;
    let nextCompact = T0 + 60_000;
    const restarts = [T0 + 5 * 60_000, T0 + 10 * 60_000];
    let dropped = 0;
    // Faults strike right after the clock moved, while the changes it caused are still on their way.
    const steps = await runUntil(clock, follower, T0 + 15 * 60_000, async (now) => {
      if (now >= nextCompact) {
        demo.compact();
        nextCompact += 60_000;
        nextDrop = now;
      }
      if (now >= nextDrop) {
        dropped += demo.api.dropWatches();
        nextDrop = now + 5_000;
      }
      if (restarts.length && now >= restarts[0]) {
        restarts.shift();
        await demo.restart();
      }
    });
    const r = mismatches(demo, live, clock.now());
    expect(r.problems).toEqual([]);
    live.flush();
    const w = workloadMismatches(workloads, live.store.workloads);
    expect(w.problems).toEqual([]);
    const reflectors = live.info().connection.reflectors;
    console.log(
      `faults: ${r.pods} pods, ${r.transitions} truth entries, ${steps} clock steps, ${dropped} watches cut, lists ${reflectors.map((x) => x.lists).join("/")}, watches ${reflectors.map((x) => x.watches).join("/")}`,
    );
    // Every reflector relisted after the forced 410s (one list at start, more after), and re-watched many times.
    for (const x of reflectors) {
      expect(x.lists).toBeGreaterThan(1);
      expect(x.watches).toBeGreaterThan(80);
    }
    expect(dropped).toBeGreaterThan(200);
  }, 120_000);

  it("backfills pods first met mid-life with what the API can prove, then follows them exactly", async () => {
    const { clock, demo } = await setUp();
    // The cluster has been running for 8 minutes when Lifeline starts.
    const start = T0 + 8 * 60_000;
    clock.advanceTo(start);
    const { live, follower } = await connect(demo, clock);
    await runUntil(clock, follower, start + 4 * 60_000);
    live.flush();
    const alive = demo.truth
      .query({ what: "pod.created" })
      .filter(
        (e) =>
          e.at < start &&
          !demo.truth.query({ what: "pod.deleted" }).some((d) => d.uid === e.uid && d.at < start),
      );
    const problems: string[] = [];
    let placed = 0;
    let unplaced = 0;
    for (const created of alive) {
      const truth = demo.truth.query().filter((e) => e.uid === created.uid);
      const timeline = live.store.timeline(created.uid!, clock.now())!;
      expect(timeline.observedFrom).toBe(start);
      problems.push(...compareBackfill(truth, timeline));
      // What happened after Lifeline started is followed as closely as from the beginning.
      problems.push(
        ...compare(
          truth.filter((e) => e.at >= start),
          timeline,
        ).filter((p) => !/run|ready \d|phases|condition|failures/.test(p)),
      );
      placed += timeline.containers.reduce((n, c) => n + c.runs.length, 0);
      unplaced += timeline.containers.reduce((n, c) => n + c.unplacedRuns, 0);
    }
    expect(problems).toEqual([]);
    expect(alive.length).toBeGreaterThan(10);
    expect(unplaced).toBeGreaterThan(0);
    console.log(
      `backfill: ${alive.length} pods met mid-life, ${placed} runs placed, ${unplaced} runs known only by count`,
    );
  }, 120_000);

  it("the comparison catches a timeline that is off by a second, misses a run or has a wrong exit code", async () => {
    const { clock, demo } = await setUp({ scenarios: ["pod-liveness-exec"] });
    const { live, follower } = await connect(demo, clock);
    await runUntil(clock, follower, T0 + 5 * 60_000);
    live.flush();
    const uid = demo.truth.query({ what: "pod.created" })[0].uid!;
    const truth = demo.truth.query().filter((e) => e.uid === uid);
    const good = live.store.timeline(uid, clock.now())!;
    expect(compare(truth, good)).toEqual([]);
    const shifted = structuredClone(good);
    shifted.containers[0].runs[1].start += 1000;
    expect(compare(truth, shifted)).toEqual([
      expect.stringMatching(/nginx run 2 start at .*, truth /),
    ]);
    const missing = structuredClone(good);
    missing.containers[0].runs.pop();
    expect(compare(truth, missing)).toContainEqual(
      expect.stringMatching(/nginx has \d+ run\(s\), truth \d+/),
    );
    const wrongExit = structuredClone(good);
    wrongExit.containers[0].runs[0].exitCode = 137;
    expect(compare(truth, wrongExit)).toEqual([
      expect.stringMatching(/nginx run 1 exit 137, truth 0/),
    ]);
    const lostProbe = structuredClone(good);
    lostProbe.containers[0].probes.pop();
    expect(compare(truth, lostProbe)).toEqual([
      expect.stringMatching(/nginx liveness failures \d+, truth \d+/),
    ]);
  }, 60_000);

  it("the workload comparison catches a lost version, a late one and a state that differs", async () => {
    const { clock, demo, workloads } = await setUp({ scenarios: ["replicaset"] });
    const { live, follower } = await connect(demo, clock);
    await runUntil(clock, follower, T0 + 60_000);
    live.flush();
    const store = live.store.workloads;
    expect(workloadMismatches(workloads, store).problems).toEqual([]);
    const [uid] = [...workloads.versions.keys()];
    const kept = store.versionsIn(uid);
    expect(kept.length).toBeGreaterThan(1);
    const altered = (change: (v: typeof kept) => typeof kept) =>
      workloadMismatches(workloads, {
        versionsIn: (u: string) =>
          u === uid ? change(structuredClone(kept)) : store.versionsIn(u),
      } as typeof store).problems;
    expect(altered((v) => v.slice(0, -1))).toEqual([
      expect.stringMatching(/^ReplicaSet dev\/web-7d9c5b8f4: \d+ version\(s\) stored, truth \d+/),
    ]);
    // The last version a second late, then with another generation.
    const last = kept.length - 1;
    expect(
      altered((v) => v.map((x, i) => (i === last ? { ...x, observedAt: x.observedAt + 1000 } : x))),
    ).toEqual([expect.stringMatching(/version \d+ stored at .*, truth /)]);
    expect(
      altered((v) =>
        v.map((x, i) => (i === last ? { ...x, state: { ...x.state!, generation: 99 } } : x)),
      ),
    ).toEqual([expect.stringMatching(/version \d+ .*states differ/)]);
  }, 60_000);
});
