// Test support: drives the demo cluster on a ManualClock while the live pipeline reads it over
// HTTP, one timer at a time, waiting after each for the pipeline to catch up, and compares what
// the pipeline's timelines say with the demo cluster's ground truth. Used by the fidelity and
// fault proofs (fidelity.test.ts); not part of the server.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock } from "../demo-cluster/clock";
import { DemoCluster, type DemoClusterOptions } from "../demo-cluster/cluster";
import type { TruthEntry } from "../demo-cluster/truth";
import type { PodTimeline } from "../timeline";
import { Live } from "./live";
import { WORKLOAD_RESOURCES } from "../kube/workload-resources";

const T0_DEFAULT = Date.parse("2026-11-20T09:00:00Z");
const LIVE_KEY = Symbol.for("lifeline.live");

const RESOURCES = ["pods", "events", "nodes", ...WORKLOAD_RESOURCES.map((r) => r.plural)] as const;

/** The watches' wait between retries in tests: a millisecond instead of their 0.5 s … 30 s back-off. */
export const shortSleep = (_ms: number, signal: AbortSignal) =>
  new Promise<void>((r) => {
    const t = setTimeout(r, 1);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        r();
      },
      { once: true },
    );
  });

/** Follows the demo cluster's newest resourceVersion per resource, to know when the pipeline has caught up. */
export class Follower {
  private readonly latest: Record<string, number> = {};

  constructor(
    private readonly demo: DemoCluster,
    private readonly live: Live,
  ) {
    const from = Number(demo.store.version());
    for (const r of RESOURCES) {
      this.latest[r] = from;
      demo.store.watch(
        r,
        from,
        (c) => (this.latest[r] = Number(c.object.metadata.resourceVersion)),
      );
    }
  }

  /** True when every reflector has seen its resource's newest version. */
  caughtUp(): boolean {
    const reflectors = this.live.info().connection.reflectors;
    return (
      reflectors.length > 0 &&
      reflectors.every((r) => {
        const resource = RESOURCES.find((x) => r.path.endsWith(`/${x}`))!;
        return r.phase === "connected" && Number(r.resourceVersion || 0) >= this.latest[resource];
      })
    );
  }

  async waitCaughtUp(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.caughtUp()) {
      if (Date.now() > deadline)
        throw new Error(
          `the pipeline did not catch up with the demo cluster within ${timeoutMs} ms: ${JSON.stringify(this.live.info().connection.reflectors)}`,
        );
      await new Promise((r) => setTimeout(r, 1));
    }
  }
}

/**
 * Moves the clock to `until`, one due timer at a time, letting the pipeline catch up after each.
 * `between` runs after each catch-up (faults go there).
 */
export async function runUntil(
  clock: ManualClock,
  follower: Follower,
  until: number,
  between?: (now: number) => Promise<void> | void,
): Promise<number> {
  let steps = 0;
  for (;;) {
    const next = clock.next();
    if (next === null || next > until) break;
    clock.advanceTo(next);
    steps++;
    await between?.(clock.now());
    await follower.waitCaughtUp();
  }
  clock.advanceTo(until);
  await follower.waitCaughtUp();
  return steps;
}

const floorSec = (ms: number) => Math.floor(ms / 1000) * 1000;
const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? String(ms) : new Date(ms).toISOString();

/** Collapses runs of equal values (the truth and the timeline both may repeat a state). */
function dedupe<T>(items: T[], key: (t: T) => string): T[] {
  return items.filter((t, i) => i === 0 || key(items[i - 1]) !== key(t));
}

/**
 * Differences between one pod's ground truth and its timeline, as sentences (empty when they
 * agree). Times: API timestamps have whole seconds, so a time the API carries must be the truth's
 * second; a time only an observation proves must be within `slackMs` of the truth.
 */
export function compare(truth: TruthEntry[], t: PodTimeline, slackMs = 1000): string[] {
  const out: string[] = [];
  const pod = `${t.namespace}/${t.name}`;
  const near = (
    what: string,
    got: number | null | undefined,
    want: number,
    apiSeconds: boolean,
  ) => {
    const ok =
      got !== null &&
      got !== undefined &&
      (apiSeconds ? got === floorSec(want) : Math.abs(got - want) <= slackMs);
    if (!ok) out.push(`${pod}: ${what} at ${iso(got)}, truth ${iso(want)}`);
  };

  // Phases after the first (Pending from creation).
  const phases = dedupe(
    truth.filter((e) => e.what === "pod.phase" && e.from !== undefined),
    (e) => e.to!,
  );
  const later = dedupe(t.phases, (p) => p.phase).slice(1);
  if (JSON.stringify(later.map((p) => p.phase)) !== JSON.stringify(phases.map((e) => e.to))) {
    out.push(
      `${pod}: phases ${t.phases.map((p) => p.phase).join(" → ")}, truth ${phases.map((e) => `${e.from}→${e.to}`).join(", ")}`,
    );
  } else later.forEach((p, i) => near(`phase ${p.phase}`, p.start, phases[i].at, false));

  // Conditions, per type: the same sequence of statuses, each from the truth's second.
  const types = [
    ...new Set(truth.filter((e) => e.what === "pod.condition").map((e) => String(e.detail?.type))),
  ];
  for (const type of types) {
    const tr = dedupe(
      truth.filter((e) => e.what === "pod.condition" && e.detail?.type === type),
      (e) => e.to!,
    );
    const tl = dedupe(
      t.conditions.filter((c) => c.type === type),
      (c) => c.status,
    );
    if (JSON.stringify(tl.map((c) => c.status)) !== JSON.stringify(tr.map((e) => e.to))) {
      out.push(
        `${pod}: condition ${type} ${tl.map((c) => c.status).join(" → ")}, truth ${tr.map((e) => e.to).join(" → ")}`,
      );
      continue;
    }
    tl.forEach((c, i) => near(`condition ${type}=${c.status}`, c.start, tr[i].at, true));
  }

  // Containers: runs (start, end, exit code), waiting reasons, readiness, probe failures.
  const names = [...new Set(truth.filter((e) => e.container).map((e) => e.container!))];
  for (const name of names) {
    const c = t.containers.find((x) => x.name === name);
    if (!c) {
      out.push(`${pod}: container ${name} missing from the timeline`);
      continue;
    }
    const states = truth.filter((e) => e.what === "container.state" && e.container === name);
    const runs = truthRuns(states);
    if (c.runs.length !== runs.length)
      out.push(`${pod}: ${name} has ${c.runs.length} run(s), truth ${runs.length}`);
    else
      runs.forEach((r, i) => {
        near(`${name} run ${i + 1} start`, c.runs[i].start, r.start, true);
        if (r.end !== null) {
          near(`${name} run ${i + 1} end`, c.runs[i].end, r.end, true);
          if (c.runs[i].exitCode !== r.exit)
            out.push(`${pod}: ${name} run ${i + 1} exit ${c.runs[i].exitCode}, truth ${r.exit}`);
        } else if (c.runs[i].end !== null)
          out.push(
            `${pod}: ${name} run ${i + 1} ended at ${iso(c.runs[i].end)}, truth still running`,
          );
      });

    // Waits: the timeline starts a CrashLoopBackOff wait when the container died (its back-off runs
    // from there), which the API gives to the second; other waits from when they were observed.
    states.forEach((e, i) => {
      if (!e.to?.startsWith("waiting:") || states[i - 1]?.to === e.to) return;
      const reason = e.to.slice(8);
      const died = states[i - 1]?.to?.startsWith("terminated:") ? states[i - 1].at : null;
      const hit = c.waiting.find(
        (x) =>
          x.reason === reason &&
          (reason === "CrashLoopBackOff" && died !== null
            ? x.start === floorSec(died)
            : Math.abs(x.start - e.at) <= slackMs),
      );
      if (!hit)
        out.push(
          `${pod}: ${name} waiting ${reason} from ${iso(e.at)} is not in the timeline (has ${c.waiting.map((x) => `${x.reason}@${iso(x.start)}`).join(", ") || "none"})`,
        );
    });

    // Readiness while running (the kubelet also marks a completed init container ready; the
    // timeline draws readiness only within a run).
    const runningAt = (at: number) => states.filter((e) => e.at <= at).at(-1)?.to === "running";
    const ready = truth.filter((e) => e.what === "container.ready" && e.container === name);
    const readyStarts = ready.filter((e) => e.to === "true" && runningAt(e.at)).map((e) => e.at);
    if (c.ready.length !== readyStarts.length)
      out.push(`${pod}: ${name} ready ${c.ready.length} time(s), truth ${readyStarts.length}`);
    else
      readyStarts.forEach((at, i) => near(`${name} ready #${i + 1}`, c.ready[i].start, at, false));

    out.push(...probeFailureMismatches(truth, c, pod));
  }

  const deleted = truth.find((e) => e.what === "pod.deleted");
  if (deleted) near("deleted", t.deletedAt, deleted.at, false);
  else if (t.deletedAt !== null)
    out.push(`${pod}: deleted at ${iso(t.deletedAt)} in the timeline, still there in truth`);
  const requested = truth.find((e) => e.what === "pod.deletion-requested");
  if (requested) near("deletion requested", t.terminating?.start, requested.at, true);
  return out;
}

/** Liveness/readiness/startup failures: the timeline's (folded counts summed) against the truth's. */
function probeFailureMismatches(
  truth: TruthEntry[],
  c: PodTimeline["containers"][number],
  pod: string,
): string[] {
  const out: string[] = [];
  for (const probe of ["liveness", "readiness", "startup"] as const) {
    const failures = truth.filter(
      (e) =>
        e.what === "probe" &&
        e.container === c.name &&
        e.to === "failure" &&
        e.detail?.probe === probe,
    ).length;
    const seen = c.probes
      .filter((p) => p.probe === probe && p.outcome === "failure")
      .reduce((n, p) => n + p.count, 0);
    if (seen !== failures)
      out.push(`${pod}: ${c.name} ${probe} failures ${seen}, truth ${failures}`);
  }
  return out;
}

/** The runs the truth records for one container: start, end and exit code. */
function truthRuns(
  states: TruthEntry[],
): { start: number; end: number | null; exit: number | null }[] {
  const runs: { start: number; end: number | null; exit: number | null }[] = [];
  states.forEach((e, i) => {
    if (e.to === "running") runs.push({ start: e.at, end: null, exit: null });
    const term = /^terminated:.*\((-?\d+)\)$/.exec(e.to ?? "");
    if (term && states[i - 1]?.to === "running" && runs.length)
      Object.assign(runs[runs.length - 1], { end: e.at, exit: Number(term[1]) });
  });
  return runs;
}

/**
 * For a pod Lifeline first met mid-life: what the timeline places must be true, and what the API
 * proves must be there (the cluster must be younger than the event TTL). Each run placed is a real run (start, end, exit code to the second); placed
 * plus unplaced runs add up to the truth's; the latest run is placed; every condition's current
 * status and transition time match; the phase now matches.
 */
export function compareBackfill(truth: TruthEntry[], t: PodTimeline): string[] {
  const out: string[] = [];
  const pod = `${t.namespace}/${t.name}`;
  const names = [
    ...new Set(truth.filter((e) => e.what === "container.state").map((e) => e.container!)),
  ];
  for (const name of names) {
    const c = t.containers.find((x) => x.name === name);
    if (!c) {
      out.push(`${pod}: container ${name} missing from the timeline`);
      continue;
    }
    const runs = truthRuns(
      truth.filter((e) => e.what === "container.state" && e.container === name),
    );
    for (const placed of c.runs) {
      const real = runs.find((r) => floorSec(r.start) === placed.start);
      if (!real) out.push(`${pod}: ${name} run from ${iso(placed.start)} never happened`);
      else if (
        placed.end !== null &&
        (real.end === null || floorSec(real.end) !== placed.end || real.exit !== placed.exitCode)
      )
        out.push(
          `${pod}: ${name} run from ${iso(placed.start)} ended ${iso(placed.end)} (exit ${placed.exitCode}), truth ${iso(real.end)} (exit ${real.exit})`,
        );
    }
    if (c.runs.length + c.unplacedRuns !== runs.length)
      out.push(
        `${pod}: ${name} ${c.runs.length} placed + ${c.unplacedRuns} unplaced runs, truth ${runs.length}`,
      );
    // Probe failures come from events, which the API keeps for an hour: all of them are there.
    out.push(...probeFailureMismatches(truth, c, pod));
    const latest = runs.at(-1);
    if (latest && c.runs.at(-1)?.start !== floorSec(latest.start))
      out.push(`${pod}: ${name} latest run from ${iso(latest.start)} is not placed`);
  }
  const types = [
    ...new Set(truth.filter((e) => e.what === "pod.condition").map((e) => String(e.detail?.type))),
  ];
  for (const type of types) {
    const last = truth.filter((e) => e.what === "pod.condition" && e.detail?.type === type).at(-1)!;
    const now = t.conditions.filter((c) => c.type === type).at(-1);
    if (now?.status !== last.to || now?.start !== floorSec(last.at))
      out.push(
        `${pod}: condition ${type} now ${now?.status} since ${iso(now?.start)}, truth ${last.to} since ${iso(last.at)}`,
      );
  }
  const phase = truth.filter((e) => e.what === "pod.phase").at(-1)?.to;
  if (phase && t.phases.at(-1)?.phase !== phase)
    out.push(`${pod}: phase now ${t.phases.at(-1)?.phase}, truth ${phase}`);
  return out;
}

/**
 * The set-up the route tests share: a demo cluster on a ManualClock, the pipeline reading it
 * through its kubeconfig (installed as the process's pipeline, so route handlers use it), caught
 * up. `stop` undoes all of it.
 */
export async function pipelineOnDemo(opts: DemoClusterOptions = {}): Promise<{
  clock: ManualClock;
  demo: DemoCluster;
  live: Live;
  follower: Follower;
  stop(): Promise<void>;
}> {
  const clock = new ManualClock(T0_DEFAULT);
  const demo = await DemoCluster.start({ clock, ...opts });
  const live = await Live.start(
    {
      KUBECONFIG: demo.kubeconfigPath,
      LIFELINE_DATA_DIR: mkdtempSync(join(tmpdir(), "lifeline-test-")),
    },
    { now: () => clock.now() },
  );
  const holder = globalThis as Record<symbol, unknown>;
  holder[LIVE_KEY] = Promise.resolve(live);
  const follower = new Follower(demo, live);
  await follower.waitCaughtUp();
  return {
    clock,
    demo,
    live,
    follower,
    async stop() {
      delete holder[LIVE_KEY];
      await live.stop();
      await demo.stop();
    },
  };
}
