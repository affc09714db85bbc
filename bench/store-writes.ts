// The history store's write path alone: N light pods (the demo cluster's scale set, in process on
// a manual clock) handed to HistoryStore.observeMany in batches of 500, as the write queue hands
// them over during a first sync, into a fresh SQLite file; then `--changes` pod changes (kills and
// restarts of the same set) in the same batches. Prints the seconds for each and the rate.
// Run: npm run bench:store -- [--pods 150000] [--changes 50000] [--batch 500]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock } from "../lib/demo-cluster/clock";
import { DemoCluster } from "../lib/demo-cluster/cluster";
import type { Observation } from "../lib/kube/reflector";
import { HistoryStore } from "../lib/store/history-store";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const pods = Number(arg("pods", "150000"));
const changes = Number(arg("changes", "50000"));
const batch = Number(arg("batch", "500"));
const T0 = Date.parse("2026-11-20T09:00:00Z");

/** Wall seconds and CPU seconds (user + system) to write `all`, a batch at a time. */
function write(store: HistoryStore, all: Observation[]): { wall: number; cpu: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < all.length; i += batch) store.observeMany(all.slice(i, i + batch));
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

const said = (n: number, t: { wall: number; cpu: number }) =>
  `${t.wall.toFixed(2)} s (${Math.round(n / t.wall)}/s; CPU ${t.cpu.toFixed(2)} s)`;

function main(): void {
  const clock = new ManualClock(T0);
  const cluster = DemoCluster.inProcess({
    scenarios: [],
    clock,
    scale: { pods, light: true },
  });
  clock.advanceTo(T0 + 120_000);
  const listed = cluster.store.list("pods", "scale");
  const initial: Observation[] = listed.map((object) => ({
    kind: "Pod",
    type: "ADDED",
    object: JSON.parse(JSON.stringify(object)),
    observedAt: clock.now(),
  }));
  const later: Observation[] = [];
  const stop = cluster.store.watch("pods", Number(cluster.store.version()), (c) => {
    if (later.length < changes)
      later.push({
        kind: "Pod",
        type: c.type as Observation["type"],
        object: JSON.parse(JSON.stringify(c.object)),
        observedAt: clock.now(),
      });
  });
  cluster.churn(200);
  while (later.length < changes) clock.advanceTo(clock.now() + 1000);
  stop.cancel();
  const dir = mkdtempSync(join(tmpdir(), "lifeline-bench-store-"));
  const store = new HistoryStore(join(dir, "history.db"));
  const first = write(store, initial);
  const then = write(store, later);
  const used = store.usedBytes();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `store: first sync of ${initial.length} pods written in ${said(initial.length, first)}; ${later.length} changes in ${said(later.length, then)}; batches of ${batch}; ${(used / 1048576).toFixed(0)} MiB in the file`,
  );
  process.exit(0);
}

main();
