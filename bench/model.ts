// Model benchmark: pod updates per second through TimelineBuilder, and backfill of 10k pods + 50k events.
// Run: npm run bench:model — bundled with esbuild as Next bundles it for production, run by plain
// node with --expose-gc; one process, so the model runs on one core.
import type { CoreEvent, Pod } from "../lib/k8s/types";
import { buildTimeline, TimelineBuilder } from "../lib/timeline";
import { events, makePod, T0 } from "./pods";

const gc = (globalThis as { gc?: () => void }).gc;
function collect(): void {
  if (gc) gc();
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
function benchUpdates(PODS: number): void {
  const STEPS = PODS >= 1000 ? 150 : 600;
  const WARMUP_STEPS = 20;
  const perCallBuilders = Array.from({ length: PODS }, () => new TimelineBuilder());
  const builders = Array.from({ length: PODS }, () => new TimelineBuilder());
  let perCallNs = 0n;
  let unchangedNs = 0n;
  let withModel = 0;
  let parseOnly = 0;
  let updates = 0;
  let sink = 0;
  for (let s = 0; s < STEPS; s++) {
    const now = T0 + s * 1000;
    const texts = Array.from({ length: PODS }, (_, i) => JSON.stringify(makePod(i, s, now)));
    collect();
    let stepNs = 0n;
    for (let i = 0; i < PODS; i++) {
      const object = JSON.parse(texts[i]) as Pod;
      const start = process.hrtime.bigint();
      perCallBuilders[i].observe({ type: "MODIFIED", object, observedAt: now + (i % 997) });
      stepNs += process.hrtime.bigint() - start;
    }
    // The same content again (a fresh parse): what a version that changes nothing costs.
    let sameNs = 0n;
    for (let i = 0; i < PODS; i++) {
      const object = JSON.parse(texts[i]) as Pod;
      const start = process.hrtime.bigint();
      perCallBuilders[i].observe({ type: "MODIFIED", object, observedAt: now + 500 + (i % 397) });
      sameNs += process.hrtime.bigint() - start;
    }
    const withObserve = () => {
      collect();
      return time(() => {
        for (let i = 0; i < PODS; i++) {
          builders[i].observe({
            type: "MODIFIED",
            object: JSON.parse(texts[i]) as Pod,
            observedAt: now + (i % 997),
          });
        }
      })[1];
    };
    const parseAlone = () => {
      collect();
      return time(() => {
        for (let i = 0; i < PODS; i++)
          sink += (JSON.parse(texts[i]) as Pod).metadata?.name?.length ?? 0;
      })[1];
    };
    let a: number;
    let b: number;
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
      withModel += a;
      parseOnly += b;
      updates += PODS;
    }
  }
  const perCallUs = Number(perCallNs) / 1000 / updates;
  const differentialUs = ((withModel - parseOnly) / updates) * 1000;
  const [, buildMs] = time(() => {
    for (const b of builders) b.build({ now: T0 + STEPS * 1000 });
  });
  const kib = JSON.stringify(makePod(1, 3, T0)).length / 1024;
  const rate = (us: number) => Math.round(1e6 / us).toLocaleString("en-US");
  console.log(
    `\n${PODS.toLocaleString("en-US")} pods round-robin × ${STEPS - WARMUP_STEPS} versions timed; ${kib.toFixed(1)} KiB JSON each, 3 containers (one crash-looping, one flapping readiness)${sink > 0 ? "" : "?"}`,
  );
  console.log(
    `JSON.parse alone: ${((parseOnly / updates) * 1000).toFixed(1)} µs per version (client work, not the model)`,
  );
  console.log(
    `model, per call:     ${perCallUs.toFixed(1)} µs per update → ${rate(perCallUs)} updates/s on one core (target ≥ 100,000)`,
  );
  console.log(
    `model, per call, a version that changes nothing: ${(Number(unchangedNs) / 1000 / updates).toFixed(1)} µs`,
  );
  console.log(
    `model, differential: ${differentialUs.toFixed(1)} µs per update → ${rate(differentialUs)} updates/s on one core (includes cache and GC effects on parsing)`,
  );
  console.log(
    `build() of ${PODS} timelines after ${STEPS} versions each: ${buildMs.toFixed(0)} ms → ${(buildMs / PODS).toFixed(3)} ms per pod`,
  );
}

function benchBackfill(): void {
  const PODS = 10_000;
  const pods = Array.from({ length: PODS }, (_, i) => makePod(i, 4 + 6 * (i % 5), T0));
  const allEvents = pods.flatMap((p, i) => events(p, i));
  collect();
  const [timelines, ms] = time(() => {
    const byPod = new Map<string, CoreEvent[]>();
    for (const e of allEvents) {
      const uid = e.involvedObject?.uid ?? "";
      const list = byPod.get(uid);
      if (list) list.push(e);
      else byPod.set(uid, [e]);
    }
    return pods.map((p) =>
      buildTimeline({
        observations: [{ type: "ADDED", object: p, observedAt: T0 }],
        events: byPod.get(p.metadata!.uid!) ?? [],
        now: T0,
      }),
    );
  });
  const reconstructed = timelines.filter((t) => t.reconstructed).length;
  console.log(
    `backfill of ${PODS.toLocaleString("en-US")} pods + ${allEvents.length.toLocaleString("en-US")} events: ${ms.toFixed(0)} ms (target ≤ 2,000 ms); ${reconstructed} timelines reconstructed`,
  );
}

console.log(
  `Lifeline model benchmark — node ${process.version}, ${process.arch}${gc ? "" : " (run with --expose-gc for stable figures)"}`,
);
// The per-pod state a builder keeps is touched on every update: with few pods it stays in the CPU
// cache, with many it does not. Both sizes are reported.
benchUpdates(100);
benchUpdates(1000);
benchBackfill();
const rss = process.memoryUsage().rss / 1024 / 1024;
console.log(`RSS at end: ${rss.toFixed(0)} MiB`);
