// The live pipeline under load, in one process: the demo cluster with N pods and churn, the
// collector reading it over HTTP, the SQLite store writing every version, the hub fanning deltas
// out to S in-process subscribers. Prints change → delta latency (demo-cluster store write →
// subscriber frame; the SSE response's own loopback hop is not included), throughput, CPU, RSS.
// Run: npm run bench:pipeline [-- pods churn seconds subscribers]
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Live } from "../lib/live/live";

const [pods = 5000, churn = 200, seconds = 20, subscribers = 1] = process.argv.slice(2).map(Number);

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "lifeline-bench-"));
  const t0 = performance.now();
  const live = await Live.start(
    { LIFELINE_DEMO: "1", LIFELINE_DATA_DIR: dir },
    { demo: { scenarios: [], scale: { pods, churn: 0 } } },
  );
  const demo = (live as unknown as { demo: import("../lib/demo-cluster").DemoCluster }).demo;
  while (live.rows().filter((r) => r.status === "Running").length < pods)
    await new Promise((r) => setTimeout(r, 200));
  const synced = performance.now() - t0;
  const rssSynced = process.memoryUsage().rss;

  const written = new Map<string, number>();
  demo.store.watch("pods", Number(demo.store.version()), (c) =>
    written.set(c.object.metadata.resourceVersion!, performance.now()),
  );
  const latencies: number[] = [];
  let frames = 0;
  for (let i = 0; i < subscribers; i++) {
    live.hub.subscribe(
      {},
      {
        write: (text) => {
          frames++;
          if (i === 0) {
            const m = /"resourceVersion":"(\d+)"/.exec(text);
            const at = m ? written.get(m[1]) : undefined;
            if (at !== undefined) latencies.push(performance.now() - at);
          }
          return true;
        },
        close: () => {},
      },
      null,
      () => ({}),
    );
  }
  demo.churn(churn);
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const wall = (performance.now() - w0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  demo.churn(0);
  console.log(
    `pipeline: ${pods} pods; synced (listed, stored, all Running) after ${(synced / 1000).toFixed(1)} s; RSS then ${(rssSynced / 1048576).toFixed(0)} MiB`,
  );
  console.log(
    `  churn ${churn} kills/s for ${wall.toFixed(1)} s: ${latencies.length} pod deltas → ${(latencies.length / wall).toFixed(0)}/s; ${subscribers} subscriber(s), ${frames} frames`,
  );
  console.log(
    `  change → delta latency: p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, max ${pct(latencies, 100).toFixed(1)} ms`,
  );
  console.log(
    `  CPU (demo cluster + pipeline in one process): ${(((cpu.user + cpu.system) / 1e6 / wall) * 100).toFixed(0)} % of one core; RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`,
  );
  await live.stop();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
