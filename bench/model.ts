// Model benchmark: pod updates per second through TimelineBuilder, and backfills of 10,000 pods +
// 50,000 events and 150,000 pods + 750,000 events.
// Run: npm run bench:model [-- --only updates|alone|parse|backfill] [--parse 1000,30] [--steps 200,60] [--backfill 10000,150000] [--chunk 10000] — bundled with esbuild
// as Next bundles it for production, run by plain node with --expose-gc; one process, so the
// model runs on one core.
import type { CoreEvent, Pod } from "../lib/k8s/types";
import { buildTimeline, TimelineBuilder } from "../lib/timeline";
import { benchIncludingParse } from "./model-parse";
import { events } from "./pod-events";
import { CYCLE, makePod, stepAt } from "./pods";

const gc = (globalThis as { gc?: () => void }).gc;
function collect(): void {
  if (gc) gc();
}

/** CPU time of this process (user + system), ms: what the work cost, whatever else runs. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Wall and CPU time of `fn`, ms. */
function timeCpu(fn: () => void): [number, number] {
  const cpu = cpuMs();
  const [, wall] = time(fn);
  return [wall, cpuMs() - cpu];
}

function time<T>(fn: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const result = fn();
  return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

/**
 * Pod updates through TimelineBuilder.observe, measured two ways over the same JSON texts:
 * - per call: each version is parsed (untimed) right before observe, as a watch hands the
 *   collector a freshly parsed object; only the observe call is timed;
 * - differential: `JSON.parse + observe` minus `JSON.parse` alone, which also charges the model
 *   with what it does to the parser's cache and garbage collection. The two passes alternate
 *   order every step, since whichever runs second finds the texts in cache.
 */
function benchUpdates(PODS: number, steps: number | null): void {
  const STEPS = steps ?? (PODS >= 1000 ? 60 : 200);
  const WARMUP_STEPS = Math.min(20, Math.floor(STEPS / 3));
  const perCallBuilders = Array.from({ length: PODS }, () => new TimelineBuilder());
  const builders = Array.from({ length: PODS }, () => new TimelineBuilder());
  let perCallNs = 0n;
  let unchangedNs = 0n;
  let withModel = 0;
  let parseOnly = 0;
  let withModelCpu = 0;
  let parseOnlyCpu = 0;
  let updates = 0;
  let sink = 0;
  for (let s = 0; s < STEPS; s++) {
    const now = stepAt(s);
    const texts = Array.from({ length: PODS }, (_, i) => JSON.stringify(makePod(i, s)));
    // The same status in a later version: new resourceVersion and managedFields, as when a
    // controller touches the metadata.
    const touched = Array.from({ length: PODS }, (_, i) => JSON.stringify(makePod(i, s, 500)));
    collect();
    let stepNs = 0n;
    for (let i = 0; i < PODS; i++) {
      const object = JSON.parse(texts[i]) as Pod;
      const start = process.hrtime.bigint();
      perCallBuilders[i].observe({ type: "MODIFIED", object, observedAt: now + (i % 397) });
      stepNs += process.hrtime.bigint() - start;
    }
    // A version whose status did not change: what a version that changes nothing drawn costs.
    let sameNs = 0n;
    for (let i = 0; i < PODS; i++) {
      const object = JSON.parse(touched[i]) as Pod;
      const start = process.hrtime.bigint();
      perCallBuilders[i].observe({ type: "MODIFIED", object, observedAt: now + 500 + (i % 397) });
      sameNs += process.hrtime.bigint() - start;
    }
    const withObserve = () => {
      collect();
      return timeCpu(() => {
        for (let i = 0; i < PODS; i++) {
          builders[i].observe({
            type: "MODIFIED",
            object: JSON.parse(texts[i]) as Pod,
            observedAt: now + (i % 397),
          });
        }
      });
    };
    const parseAlone = () => {
      collect();
      return timeCpu(() => {
        for (let i = 0; i < PODS; i++)
          sink += (JSON.parse(texts[i]) as Pod).metadata?.name?.length ?? 0;
      });
    };
    let a: [number, number];
    let b: [number, number];
    if (s % 2 === 0) {
      a = withObserve();
      b = parseAlone();
    } else {
      b = parseAlone();
      a = withObserve();
    }
    if (s >= WARMUP_STEPS) {
      perCallNs += stepNs;
      unchangedNs += sameNs;
      withModel += a[0];
      parseOnly += b[0];
      withModelCpu += a[1];
      parseOnlyCpu += b[1];
      updates += PODS;
    }
  }
  const perCallUs = Number(perCallNs) / 1000 / updates;
  const differentialUs = ((withModel - parseOnly) / updates) * 1000;
  const differentialCpuUs = ((withModelCpu - parseOnlyCpu) / updates) * 1000;
  const [, buildMs] = time(() => {
    for (const b of builders) b.build({ now: stepAt(STEPS) });
  });
  const sizes = Array.from({ length: CYCLE }, (_, s) => JSON.stringify(makePod(1, s)).length);
  const kb = `${(Math.min(...sizes) / 1000).toFixed(1)}–${(Math.max(...sizes) / 1000).toFixed(1)} KB`;
  const rate = (us: number) => Math.round(1e6 / us).toLocaleString("en-US");
  console.log(
    `\n${PODS.toLocaleString("en-US")} pods round-robin × ${STEPS - WARMUP_STEPS} versions timed; ${kb} JSON each (managedFields, 12 annotations, 3 containers: one crash-looping, one flapping readiness)${sink > 0 ? "" : "?"}`,
  );
  console.log(
    `JSON.parse alone: ${((parseOnly / updates) * 1000).toFixed(1)} µs per version, ${((parseOnlyCpu / updates) * 1000).toFixed(1)} µs of CPU (client work, not the model)`,
  );
  console.log(
    `model, per call:     ${perCallUs.toFixed(1)} µs per update → ${rate(perCallUs)} updates/s on one core (target ≥ 100,000)`,
  );
  console.log(
    `model, per call, a version whose status did not change (new resourceVersion, managedFields): ${(Number(unchangedNs) / 1000 / updates).toFixed(1)} µs`,
  );
  console.log(
    `model, differential: ${differentialUs.toFixed(1)} µs per update → ${rate(differentialUs)} updates/s on one core (includes cache and GC effects on parsing)`,
  );
  console.log(
    `model, differential in CPU time: ${differentialCpuUs.toFixed(1)} µs per update → ${rate(differentialCpuUs)} updates/s on one core (what the process spent, whatever else the machine runs)`,
  );
  console.log(
    `build() of ${PODS} timelines after ${STEPS} versions each: ${buildMs.toFixed(0)} ms → ${(buildMs / PODS).toFixed(3)} ms per pod`,
  );
}

/**
 * The model alone: versions parsed beforehand (untimed, all held), then fed to the builders in
 * watch order with nothing else running in between: no parser garbage to collect, so this is
 * the model's own work (its own garbage included). Five repetitions; min and median reported.
 */
function benchPreparsed(PODS: number, STEPS: number): void {
  const versions: Pod[][] = [];
  for (let s = 0; s < STEPS; s++)
    versions.push(
      Array.from({ length: PODS }, (_, i) => JSON.parse(JSON.stringify(makePod(i, s))) as Pod),
    );
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    const builders = Array.from({ length: PODS }, () => new TimelineBuilder());
    for (let i = 0; i < PODS; i++)
      builders[i].observe({ type: "ADDED", object: versions[0][i], observedAt: stepAt(0) });
    collect();
    const [w, c] = timeCpu(() => {
      for (let s = 1; s < STEPS; s++)
        for (let i = 0; i < PODS; i++)
          builders[i].observe({
            type: "MODIFIED",
            object: versions[s][i],
            observedAt: stepAt(s) + (i % 397),
          });
    });
    const n = PODS * (STEPS - 1);
    wall.push((w * 1000) / n);
    cpu.push((c * 1000) / n);
  }
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const rate = (us: number) => Math.round(1e6 / us).toLocaleString("en-US");
  console.log(
    `\nmodel alone (${PODS} pods × ${STEPS - 1} versions parsed beforehand, 5 repetitions): ${wall[0].toFixed(1)} µs per update min, ${wall[2].toFixed(1)} median → ${rate(wall[0])} / ${rate(wall[2])} updates/s on one core; CPU time per update ${cpu[0].toFixed(1)} µs min, ${cpu[2].toFixed(1)} µs median`,
  );
}

/** Every value of an object visited once: the least any reader of these objects does. */
function walk(value: unknown): number {
  if (value === null || typeof value !== "object") return 1;
  let n = 0;
  if (Array.isArray(value)) for (const v of value) n += walk(v);
  else for (const k in value) n += walk((value as Record<string, unknown>)[k]);
  return n;
}

/**
 * Backfill: every pod met once, mid-life, with the events still in the cluster (five per pod).
 * Pods are made and parsed in chunks of `CHUNK` (untimed; the reflector lists 500 a page) and
 * only the model's work is timed: grouping the chunk's events by pod and building each pod's timeline. The timelines are
 * dropped after counting, as a store would write them out. (150,000 parsed pods at once would
 * not fit the default heap; the live heap a chunk leaves is what each major GC has to mark.)
 * Beside it, two floors over the same objects (neither is in the timed figure): `JSON.parse` of
 * the pods, and a walk that visits every value of the pods and events once.
 */
function benchBackfill(PODS: number, CHUNK: number): void {
  const now = stepAt(4 * CYCLE);
  let ms = 0;
  let eventCount = 0;
  let cpuTotal = 0;
  let reconstructed = 0;
  let parseNs = 0n;
  let walkMs = 0;
  let values = 0;
  for (let from = 0; from < PODS; from += CHUNK) {
    const n = Math.min(CHUNK, PODS - from);
    // Every step of the cycle, in the first two cycles: some pods crash-looping, some not ready.
    const pods = Array.from({ length: n }, (_, k) => {
      const i = from + k;
      const text = JSON.stringify(makePod(i, i % (2 * CYCLE)));
      const start = process.hrtime.bigint();
      const pod = JSON.parse(text) as Pod;
      parseNs += process.hrtime.bigint() - start;
      return pod;
    });
    const chunkEvents = pods.flatMap((p, k) => events(p, from + k));
    eventCount += chunkEvents.length;
    collect();
    const cpu = cpuMs();
    const [timelines, chunkMs] = time(() => {
      const byPod = new Map<string, CoreEvent[]>();
      for (const e of chunkEvents) {
        const uid = e.involvedObject?.uid ?? "";
        const list = byPod.get(uid);
        if (list) list.push(e);
        else byPod.set(uid, [e]);
      }
      return pods.map((p) =>
        buildTimeline({
          observations: [{ type: "ADDED", object: p, observedAt: now }],
          events: byPod.get(p.metadata!.uid!) ?? [],
          now,
        }),
      );
    });
    ms += chunkMs;
    cpuTotal += cpuMs() - cpu;
    reconstructed += timelines.filter((t) => t.reconstructed).length;
    collect();
    walkMs += time(() => {
      for (const p of pods) values += walk(p);
      for (const e of chunkEvents) values += walk(e);
    })[1];
  }
  const budget = PODS <= 10_000 ? "target ≤ 2,000 ms" : "target ≤ 10,000 ms";
  console.log(
    `backfill of ${PODS.toLocaleString("en-US")} pods + ${eventCount.toLocaleString("en-US")} events (pages of ${CHUNK}): ${ms.toFixed(0)} ms, ${cpuTotal.toFixed(0)} ms of CPU (${budget}); ${((ms * 1000) / PODS).toFixed(1)} µs per pod; ${reconstructed} timelines reconstructed`,
  );
  console.log(
    `  floors, untimed above: JSON.parse of the pods ${(Number(parseNs) / 1e6).toFixed(0)} ms; visiting every value of pods and events once (${values.toLocaleString("en-US")} values) ${walkMs.toFixed(0)} ms`,
  );
}

function arg(name: string): string | null {
  const k = process.argv.indexOf(name);
  return k >= 0 && k + 1 < process.argv.length ? process.argv[k + 1] : null;
}

console.log(
  `Lifeline model benchmark — node ${process.version}, ${process.arch}${gc ? "" : " (run with --expose-gc for stable figures)"}`,
);
// The per-pod state a builder keeps is touched on every update: with few pods it stays in the CPU
// cache, with many it does not. Both sizes are reported.
const only = arg("--only");
if (only === null || only === "updates") {
  // --steps 200,60: versions per pod for the 100- and 1,000-pod runs (fewer on a busy machine).
  const steps = (arg("--steps") ?? "").split(",").map((v) => (v ? Number(v) : null));
  benchUpdates(100, steps[0] ?? null);
  benchUpdates(1000, steps[1] ?? null);
}
if (only === null || only === "updates" || only === "alone") benchPreparsed(300, 40);
// From the watch's raw lines through the reflector (bench/model-parse.ts): --parse 1000,30 (pods, versions).
if (only === null || only === "parse") {
  const [pods, steps] = (arg("--parse") ?? "1000,30").split(",").map(Number);
  await benchIncludingParse(pods, steps);
}
if (only === null || only === "backfill") {
  const sizes = arg("--backfill");
  const chunk = Number(arg("--chunk") ?? 10_000);
  for (const n of sizes ? sizes.split(",").map(Number) : [10_000, 150_000]) benchBackfill(n, chunk);
}
const rss = process.memoryUsage().rss / 1024 / 1024;
console.log(`RSS at end: ${rss.toFixed(0)} MiB`);
