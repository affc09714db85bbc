// Log capture under a storm of exits (issue 21): the live pipeline in one process with the
// embedded demo cluster (light scale pods, served over HTTP as a real API server, its pods/log
// endpoint included), `--rate` container kills a second for `--seconds`. Lifeline's capture
// (lib/logs, default settings unless LIFELINE_LOG_* says otherwise) fetches each ended run's tail
// through the demo's log endpoint. Samples every second: the capture's queue depth and fetches
// under way, fetches started, the process's CPU, RSS and heap. At the end every exit the demo
// cluster made is accounted for: captured + not captured (by why) + still queued or fetching must
// equal the exits (distinct terminated container instances in the demo's store), else it says
// how many are missing. The demo cluster runs in the same process: its CPU and memory are in the
// figures. Prints the machine's load average beside them (the machine may be shared).
// Run: npm run bench:log-capture [-- --pods 20000 --rate 200 --seconds 60 --drain 30]
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { DemoCluster } from "../lib/demo-cluster";
import { Live } from "../lib/live/live";
import type { LogFetcher } from "../lib/logs/capture";

function arg(name: string, fallback: string): number {
  const i = process.argv.indexOf(`--${name}`);
  return Number(i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback);
}

const pods = arg("pods", "20000");
const rate = arg("rate", "200");
const seconds = arg("seconds", "60");
/** Seconds after the storm for the watch to deliver the last exits (the queue is not drained). */
const drain = arg("drain", "30");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mib = (n: number) => (n / 1048576).toFixed(0);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

interface Sample {
  t: number;
  queued: number;
  fetching: number;
  fetches: number;
  /** Seconds since the sample before (a loaded machine's timers fire late). */
  dt: number;
  cpu: number;
  rss: number;
  heap: number;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "lifeline-bench-logs-"));
  const t0 = performance.now();
  const live = await Live.start(
    { ...process.env, LIFELINE_DEMO: "1", LIFELINE_DATA_DIR: dir, LIFELINE_LOGS: "failures" },
    { demo: { scenarios: [], scale: { pods, churn: 0, light: true } } },
  );
  const demo = (live as unknown as { demo: DemoCluster }).demo;
  const capture = live.logs!;
  while (live.rows().filter((r) => r.status === "Running").length < pods) await sleep(500);
  console.log(
    `log-capture: ${pods} light pods synced in ${((performance.now() - t0) / 1000).toFixed(1)} s; load average ${load()}`,
  );

  // Fetches sent to the log endpoint, and how long each took.
  let fetches = 0;
  const starts: number[] = [];
  /** The same starts on the clock the rate limit reads (Date.now: whole milliseconds). */
  const stamps: number[] = [];
  const took: number[] = [];
  const inner = capture as unknown as { o: { fetch: LogFetcher } };
  const fetchOf = inner.o.fetch;
  inner.o.fetch = async (r) => {
    fetches++;
    const a = performance.now();
    if (storm) {
      starts.push(a);
      stamps.push(Date.now());
    }
    try {
      return await fetchOf(r);
    } finally {
      took.push(performance.now() - a);
    }
  };

  // The truth: every container instance the demo cluster terminated from now on.
  const exits = new Set<string>();
  let storm = true;
  demo.store.watch("pods", Number(demo.store.version()), (c) => {
    if (!storm) return;
    const o = c.object as {
      metadata: { uid?: string };
      status?: { containerStatuses?: { state?: { terminated?: { containerID?: string } } }[] };
    };
    for (const cs of o.status?.containerStatuses ?? []) {
      const id = cs.state?.terminated?.containerID;
      if (id) exits.add(`${o.metadata.uid}/${id}`);
    }
  });

  const before = capture.state();
  const counted = () => {
    const s = capture.state();
    const skipped = Object.values(s.skipped).reduce((a, b) => a + (b ?? 0), 0);
    const skippedBefore = Object.values(before.skipped).reduce((a, b) => a + (b ?? 0), 0);
    return s.captured - before.captured + skipped - skippedBefore + s.queued + s.fetching;
  };
  const samples: Sample[] = [];
  let cpu = process.cpuUsage();
  let at = performance.now();
  let lastFetches = 0;
  const sample = () => {
    const now = performance.now();
    const used = process.cpuUsage(cpu);
    const s = capture.state();
    const m = process.memoryUsage();
    samples.push({
      t: (now - w0) / 1000,
      queued: s.queued,
      fetching: s.fetching,
      fetches: fetches - lastFetches,
      dt: (now - at) / 1000,
      cpu: (used.user + used.system) / 1000 / (now - at),
      rss: m.rss,
      heap: m.heapUsed,
    });
    lastFetches = fetches;
    cpu = process.cpuUsage();
    at = now;
  };

  const loadBefore = load();
  demo.churn(rate);
  const w0 = performance.now();
  const timer = setInterval(sample, 1000);
  await sleep(seconds * 1000);
  demo.churn(0);
  storm = false;
  const stormWall = (performance.now() - w0) / 1000;
  const fetchesInStorm = fetches;
  const loadStorm = load();
  // Let the watch deliver the storm's last versions: until every exit is counted by the capture,
  // or `drain` seconds.
  const d0 = performance.now();
  while (counted() < exits.size && performance.now() - d0 < drain * 1000) await sleep(250);
  clearInterval(timer);
  const end = capture.state();

  const during = samples.filter((s) => s.t <= stormWall + 0.5);
  const q = during.map((s) => s.queued);
  console.log(
    `  ${rate} kills/s asked for ${stormWall.toFixed(1)} s: ${exits.size} container exits (${(exits.size / stormWall).toFixed(0)}/s); load average before ${loadBefore}, at the end ${loadStorm}`,
  );
  console.log(
    `  fetch queue depth (1 s samples): max ${Math.max(...q)}, p50 ${pct(q, 50)}; fetches under way max ${Math.max(...during.map((s) => s.fetching))}`,
  );
  // The most fetches started in any sliding window of `ms`.
  const most = (times: number[], ms: number) => {
    let n = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= ms) j++;
      n = Math.max(n, i - j + 1);
    }
    return n;
  };
  console.log(
    `  fetches: ${fetchesInStorm} in the storm (${(fetchesInStorm / stormWall).toFixed(2)}/s); at most ${most(stamps, 1000)} started in any sliding second on the rate limit's clock (Date.now), ${most(starts, 1000)} in any 1,000 ms and ${most(starts, 999)} in any 999 ms on performance.now; each took p50 ${pct(took, 50).toFixed(0)} ms, max ${pct(took, 100).toFixed(0)} ms`,
  );
  const skipped = Object.fromEntries(
    Object.entries(end.skipped)
      .map(([k, v]) => [k, (v ?? 0) - (before.skipped[k as keyof typeof before.skipped] ?? 0)])
      .filter(([, v]) => Number(v) > 0),
  );
  const captured = end.captured - before.captured;
  const accounted = counted();
  console.log(
    `  captured ${captured}; not captured ${JSON.stringify(skipped)}; still queued ${end.queued}, fetching ${end.fetching} (after ${((performance.now() - d0) / 1000).toFixed(1)} s more)`,
  );
  const RATE_LIMIT = new Set(["queue-full", "waited", "superseded"]);
  const byLimit = Object.entries(skipped)
    .filter(([k]) => RATE_LIMIT.has(k))
    .reduce((a, [, v]) => a + Number(v), 0);
  const other = Object.fromEntries(Object.entries(skipped).filter(([k]) => !RATE_LIMIT.has(k)));
  console.log(
    `  not captured because of the rate limit (queue-full, waited, superseded): ${byLimit}; for any other reason: ${JSON.stringify(other)}`,
  );
  console.log(
    accounted === exits.size
      ? `  every exit accounted for: ${captured} + ${accounted - captured - end.queued - end.fetching} not captured (each with its why) + ${end.queued + end.fetching} waiting = ${exits.size} exits`
      : `  NOT every exit accounted for: the capture counts ${accounted} of ${exits.size} exits (${exits.size - accounted} missing)`,
  );
  const cpus = during.map((s) => s.cpu * 100);
  console.log(
    `  process CPU (demo cluster + pipeline): mean ${(cpus.reduce((a, b) => a + b, 0) / cpus.length).toFixed(0)} %, max ${Math.max(...cpus).toFixed(0)} % of one core; RSS max ${mib(Math.max(...during.map((s) => s.rss)))} MiB, heap used max ${mib(Math.max(...during.map((s) => s.heap)))} MiB`,
  );
  console.log(
    `  queue depth every 5 s: ${during
      .filter((_, i) => i % 5 === 4)
      .map((s) => s.queued)
      .join(" ")}`,
  );
  await live.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
