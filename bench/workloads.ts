// Workloads under load, in one process: the demo cluster with D Deployments of R replicas each (its
// own Deployment and ReplicaSet controllers, scheduler and kubelets make the ReplicaSets and pods),
// the collector reading it over HTTP, the store writing every workload and pod version. Prints the
// time until Lifeline shows every Deployment available, RSS (the demo cluster is in the same
// process: an upper bound for Lifeline's own), change → observed latency (a Deployment scaled in
// the cluster's store → the collector holding its new state), and the time to build the
// /api/workloads answer and one workload page's detail.
// Run: npm run bench:workloads [-- deployments replicas changes]
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cpus, loadavg } from "node:os";
import type { DemoCluster } from "../lib/demo-cluster";
import type { Observation } from "../lib/kube/reflector";
import { WORKLOAD_RESOURCES } from "../lib/kube/workload-resources";
import { Live } from "../lib/live/live";
import { workloadDetail } from "../lib/routes/workload-detail";
import { workloadsAnswer } from "../lib/routes/workloads";
import { pct, timed } from "./stats";
import { deployment } from "./workload-objects";

const [deployments = 2000, replicas = 10, changes = 200] = process.argv.slice(2).map(Number);

const mib = (n: number) => `${(n / 1048576).toFixed(0)} MiB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "lifeline-bench-"));
  const pods = deployments * replicas;
  const nodes = Math.ceil(pods / 100) + 1;
  console.log(
    `workloads bench: ${deployments} Deployments × ${replicas} replicas (${pods} pods) on ${nodes} nodes; ${cpus().length} cores, load ${loadavg()[0].toFixed(1)}`,
  );
  const t0 = performance.now();
  const live = await Live.start(
    { LIFELINE_DEMO: "1", LIFELINE_DATA_DIR: dir },
    {
      demo: {
        scenarios: [],
        nodes: Array.from({ length: nodes }, (_, i) => ({
          name: `bench-node-${i + 1}`,
          cpu: "64",
          memory: "256Gi",
          pods: 110,
        })),
      },
    },
  );
  const demo = (live as unknown as { demo: DemoCluster }).demo;
  demo.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "bench" } });
  for (let i = 0; i < deployments; i++) demo.apply(deployment(`app-${i}`, replicas));
  const applied = performance.now();
  const available = () =>
    live.workloads
      .list({ kind: "Deployment" })
      .filter((d) => d.counts.available === replicas && d.counts.desired === replicas).length;
  let last = -1;
  while (available() < deployments) {
    await new Promise((r) => setTimeout(r, 500));
    const n = available();
    if (n !== last && (performance.now() - t0) % 10_000 < 500)
      console.log(`  … ${n} available after ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    last = n;
  }
  live.flush();
  const synced = performance.now() - t0;
  const rssSynced = process.memoryUsage().rss;
  const heapSynced = process.memoryUsage().heapUsed;
  console.log(
    `  applied in ${((applied - t0) / 1000).toFixed(1)} s; every Deployment available in Lifeline after ${(synced / 1000).toFixed(1)} s; RSS ${mib(rssSynced)}, heap ${mib(heapSynced)}`,
  );
  const counts = Object.fromEntries(
    WORKLOAD_RESOURCES.map((r) => [r.kind, live.workloads.list({ kind: r.kind }).length]),
  );
  console.log(`  Lifeline holds: ${JSON.stringify(counts)}, ${live.rows().length} pod rows`);

  // Change → observed: scale one Deployment at a time in the cluster's store; the collector's
  // observation of that Deployment with the new spec.replicas ends the sample.
  const waiting = new Map<string, { replicas: number; at: number }>();
  const latencies: number[] = [];
  const observe = live.workloads.observe.bind(live.workloads);
  live.workloads.observe = (o: Observation) => {
    const w = waiting.get(o.object.metadata?.uid ?? "");
    const state = (o.object as { workload?: { counts?: { desired?: number | null } } }).workload;
    if (w && state?.counts?.desired === w.replicas) {
      latencies.push(performance.now() - w.at);
      waiting.delete(o.object.metadata!.uid!);
    }
    return observe(o);
  };
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  for (let i = 0; i < changes; i++) {
    const name = `app-${(i * 7919) % deployments}`;
    const uid = demo.store.get("deployments", "bench", name)!.metadata.uid!;
    const to = replicas + 1 + (i % 2);
    waiting.set(uid, { replicas: to, at: performance.now() });
    demo.store.mutate("deployments", "bench", name, (o) => {
      (o.spec as { replicas: number }).replicas = to;
    });
    await new Promise((r) => setTimeout(r, 20));
  }
  const deadline = performance.now() + 30_000;
  while (waiting.size && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const wall = (performance.now() - w0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `  ${changes} scalings over ${wall.toFixed(1)} s (each also moves its ReplicaSet and pods): change → observed p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, max ${pct(latencies, 100).toFixed(1)} ms; ${waiting.size} not seen within 30 s; CPU ${(((cpu.user + cpu.system) / 1e6 / wall) * 100).toFixed(0)} % of one core`,
  );

  const list = timed(() => workloadsAnswer(live, { namespaces: null }));
  console.log(
    `  /api/workloads answer (${list.value.workloads.length} rows, ${mib(JSON.stringify(list.value).length)} of JSON): build median ${pct(list.ms, 50).toFixed(0)} ms, max ${pct(list.ms, 100).toFixed(0)} ms`,
  );
  const resource = WORKLOAD_RESOURCES.find((r) => r.kind === "Deployment")!;
  const detail = timed(() => workloadDetail(live, { namespace: "bench", resource, name: "app-0" }));
  console.log(
    `  one Deployment's page detail (its ReplicaSets and ${replicas}+ pods): build median ${pct(detail.ms, 50).toFixed(0)} ms, max ${pct(detail.ms, 100).toFixed(0)} ms`,
  );
  console.log(`  RSS at the end ${mib(process.memoryUsage().rss)}`);
  await live.stop();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
