// Demo cluster at scale: N pods (default 5,000) on extra nodes with container churn, on the real
// clock. Prints time to all-Running, memory, pod changes per second actually achieved, what an
// HTTP watch client received, and event-loop lag.
// Run: npm run bench:demo [-- pods churn seconds] [--light] (light: the scale set without kubelets,
// lib/demo-cluster/scale-set.ts; each kill there is 2 pod changes, 3 when the pod backs off).
import { DemoCluster } from "../lib/demo-cluster";

const light = process.argv.includes("--light");
const [pods = 5000, churn = 100, seconds = 20] = process.argv
  .slice(2)
  .filter((a) => !a.startsWith("--"))
  .map(Number);

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MiB`;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 500);
  const t0 = performance.now();
  const cluster = await DemoCluster.start({ scenarios: [], scale: { pods, churn: 0, light } });
  const created = performance.now() - t0;
  const running = () =>
    cluster.light
      ? cluster.light.runningCount()
      : cluster.store
          .list("pods", "scale")
          .filter((p) => (p.status as { phase?: string } | undefined)?.phase === "Running").length;
  while (running() < pods) await new Promise((r) => setTimeout(r, 100));
  const allRunning = performance.now() - t0;
  global.gc?.();
  const settled = process.memoryUsage();
  console.log(
    `demo cluster: ${pods} ${light ? "light " : ""}pods on ${cluster.store.count("nodes")} nodes`,
  );
  console.log(
    `  created in ${created.toFixed(0)} ms; all Running after ${(allRunning / 1000).toFixed(1)} s (image pulls and sandboxes take ~1–3 s of cluster time)`,
  );

  // One watch client over HTTP, as Lifeline's collector will be.
  const res = await fetch(
    `${cluster.url}/api/v1/pods?watch=1&resourceVersion=${cluster.store.version()}`,
  );
  let received = 0;
  const reader = res.body!.getReader();
  void (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      received += (decoder.decode(value, { stream: true }).match(/\n/g) ?? []).length;
    }
  })();

  let changes = 0;
  const sub = cluster.store.watch("pods", Number(cluster.store.version()), () => changes++);
  const lags: number[] = [];
  let last = performance.now();
  const lagTimer = setInterval(() => {
    const now = performance.now();
    lags.push(now - last - 50);
    last = now;
  }, 50);
  cluster.churn(churn);
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const wall = (performance.now() - w0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(lagTimer);
  sub.cancel();
  global.gc?.();
  const rss = process.memoryUsage().rss;
  console.log(`  churn: ${churn} container kills/s for ${wall.toFixed(1)} s`);
  console.log(
    `  pod changes: ${changes} → ${(changes / wall).toFixed(0)} changes/s (target ≥ 200/s)`,
  );
  console.log(
    `  HTTP watch client received ${received} events → ${(received / wall).toFixed(0)}/s`,
  );
  console.log(`  CPU: ${(((cpu.user + cpu.system) / 1e6 / wall) * 100).toFixed(0)} % of one core`);
  console.log(
    `  event-loop lag: p50 ${percentile(lags, 50).toFixed(1)} ms, p99 ${percentile(lags, 99).toFixed(1)} ms`,
  );
  console.log(
    `  RSS: ${mb(rss)} at the end (after GC), ${mb(settled.rss)} once all Running (heap ${mb(settled.heapUsed)}), peak sampled ${mb(peak)}; events stored: ${cluster.store.count("events")}`,
  );
  clearInterval(sampler);
  await reader.cancel().catch(() => {});
  await cluster.stop();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
