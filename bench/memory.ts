// What the live pipeline itself keeps per pod: the demo cluster runs in its own process with N
// pods; this process runs the pipeline (collector, store, hub) against it through a kubeconfig,
// waits until every pod is listed Running, forces a full garbage collection and reads the V8 heap
// in use, for several N, then fits bytes per pod. Next.js is not in this process: its own
// footprint is what `npm run bench:sse -- --pods 0` shows.
// Run: npm run bench:memory [-- 5000 10000 25000 50000]
import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Live } from "../lib/live/live";
import { demoClusterProcess } from "./demo-process";

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [5000, 10000, 25000, 50000];
const gc = (globalThis as { gc?: () => void }).gc;
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;

function demoCluster(
  pods: number,
  dir: string,
): Promise<{ child: ChildProcess; kubeconfig: string }> {
  return demoClusterProcess([
    "--scenarios",
    "none",
    "--scale",
    String(pods),
    "--history",
    "50000",
    "--kubeconfig-dir",
    dir,
  ]);
}

function settle(): number {
  for (let i = 0; i < 3; i++) gc!();
  return process.memoryUsage().heapUsed;
}

async function measure(
  pods: number,
): Promise<{ pods: number; heap: number; rss: number; external: number; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), "lifeline-bench-memory-"));
  const { child, kubeconfig } = await demoCluster(pods, dir);
  const before = settle();
  const t0 = performance.now();
  const live = await Live.start({ KUBECONFIG: kubeconfig, LIFELINE_DATA_DIR: join(dir, "data") });
  while (live.rows({ namespace: "scale", status: "Running" }).length < pods || !live.info().ready)
    await new Promise((r) => setTimeout(r, 500));
  const seconds = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 2000)); // stragglers written, batches flushed
  live.flush();
  const heap = settle() - before;
  const m = process.memoryUsage();
  await live.stop();
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  return { pods, heap, rss: m.rss, external: m.external, seconds };
}

async function main(): Promise<void> {
  if (!gc) throw new Error("run with node --expose-gc (npm run bench:memory does)");
  const results = [];
  for (const n of SIZES) {
    const r = await measure(n);
    results.push(r);
    console.log(
      `memory: ${n} pods synced in ${r.seconds.toFixed(1)} s; pipeline heap after GC ${mib(r.heap)} (${(r.heap / n).toFixed(0)} B per pod); process RSS ${mib(r.rss)}, external ${mib(r.external)}`,
    );
  }
  if (results.length >= 2) {
    // Least-squares line through (pods, heap): the slope is what one more pod costs.
    const n = results.length;
    const mx = results.reduce((s, r) => s + r.pods, 0) / n;
    const my = results.reduce((s, r) => s + r.heap, 0) / n;
    const slope =
      results.reduce((s, r) => s + (r.pods - mx) * (r.heap - my), 0) /
      results.reduce((s, r) => s + (r.pods - mx) ** 2, 0);
    const base = my - slope * mx;
    console.log(
      `  fit: ${mib(base)} + ${slope.toFixed(0)} B per pod → 150,000 pods: ${mib(base + slope * 150_000)} of pipeline heap`,
    );
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
