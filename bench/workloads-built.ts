// Lifeline's side of the workloads target, without the demo cluster's controllers: a demo cluster
// process holds D finished Deployments, their D ReplicaSets and D × R Running pods (built once by
// its controllers and copied: bench/workload-objects.ts), with its workload controllers off; the
// pipeline (collector over HTTP, SQLite store, live rows and workloads, stream hub: what the server
// runs, without Next.js) runs in this process, so its RSS is Lifeline's own. Prints the time to
// list and hold everything, RSS and heap, change → observed latency for Deployments (a
// Deployment's spec.replicas and status written in the cluster's store → the collector holding the
// new state, and → the workload stream's SSE frame with the new count, read from the body the route
// sends: lib/live/workload-stream.ts through lib/stream/sse-body.ts) and change → frame latency for
// pods (a pod's Ready condition written → the hub's SSE frame to an in-process subscriber), then the
// workload frames a burst of pod deletions makes (coalescing), the /api/workloads answer and one
// Deployment page's detail built in-process.
// Run: npm run bench:workloads-built [-- deployments replicas changes]
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { Observation } from "../lib/kube/reflector";
import { WORKLOAD_RESOURCES } from "../lib/kube/workload-resources";
import { Live } from "../lib/live/live";
import { workloadDetail } from "../lib/routes/workload-detail";
import { workloadsAnswer } from "../lib/routes/workloads";
import { sseBody } from "../lib/stream/sse-body";
import { rssOf } from "./pipeline-process";
import { pct, timed } from "./stats";

const numbers = process.argv.slice(2).filter((a) => /^\d+$/.test(a));
const [deployments = 2000, replicas = 10, changes = 300] = numbers.map(Number);
const mib = (n: number) => `${(n / 1048576).toFixed(0)} MiB`;
/** Wall-clock time with sub-millisecond resolution, comparable between the two processes. */
const wall = () => performance.timeOrigin + performance.now();

const spread = (v: number[]) =>
  `p50 ${pct(v, 50).toFixed(1)} ms, p99 ${pct(v, 99).toFixed(1)} ms, max ${pct(v, 100).toFixed(1)} ms (${v.length} samples)`;

type Ask =
  | { id: number; op: "deployment"; name: string; replicas: number }
  | { id: number; op: "pod"; name: string; ready: boolean }
  | { id: number; op: "remove-pods"; names: string[] };
type Told = { id: number; at: number; rv?: string };

/** The demo cluster's process: builds the objects, prints its kubeconfig, makes the changes asked. */
async function demoChild(): Promise<void> {
  const { DemoCluster } = await import("../lib/demo-cluster/cluster");
  const { NAMESPACE, build, seed } = await import("./workload-objects");
  const t0 = performance.now();
  const demo = await DemoCluster.start({ scenarios: [], nodes: [], controllers: false });
  demo.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: NAMESPACE } });
  build(demo.store, seed(replicas, Date.now() - 600_000), deployments);
  process.send!({ what: "built", ms: performance.now() - t0, kubeconfig: demo.kubeconfigPath });
  process.on("message", (m: Ask | "exit") => {
    if (m === "exit") return void demo.stop().finally(() => process.exit(0));
    if (m.op === "remove-pods") {
      // What the ReplicaSet controller's deletions look like to a watch: one DELETED per pod.
      for (const name of m.names) demo.store.remove("pods", NAMESPACE, name);
      process.send!({ id: m.id, at: wall() } satisfies Told);
    } else if (m.op === "deployment") {
      // What the controller writes once the ReplicaSet has the new count (sync.go's status).
      demo.store.mutate("deployments", NAMESPACE, m.name, (o) => {
        (o.spec as { replicas: number }).replicas = m.replicas;
        o.metadata.generation = (o.metadata.generation ?? 1) + 1;
        Object.assign(o.status as object, {
          observedGeneration: o.metadata.generation,
          replicas: m.replicas,
          updatedReplicas: m.replicas,
          readyReplicas: m.replicas,
          availableReplicas: m.replicas,
        });
      });
      process.send!({ id: m.id, at: wall() } satisfies Told);
    } else {
      const pod = demo.store.mutate("pods", NAMESPACE, m.name, (o) => {
        const status = o.status as { conditions: { type: string; status: string }[] };
        for (const c of status.conditions)
          if (c.type === "Ready" || c.type === "ContainersReady")
            c.status = m.ready ? "True" : "False";
      });
      process.send!({ id: m.id, at: wall(), rv: pod?.metadata.resourceVersion } satisfies Told);
    }
  });
}

async function main(): Promise<void> {
  const pods = deployments * replicas;
  console.log(
    `workloads-built bench: ${deployments} Deployments × ${replicas} (${pods} pods, finished, controllers off); ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  const d0 = performance.now();
  const demo: ChildProcess = fork(process.argv[1], ["--demo", ...numbers], {
    execArgv: ["--max-old-space-size=8000"],
  });
  const told = new Map<number, Told>();
  const built = await new Promise<{ ms: number; kubeconfig: string }>((resolve, reject) => {
    demo.on("message", (m: Told | { what: "built"; ms: number; kubeconfig: string }) => {
      if ("what" in m) resolve(m);
      else told.set(m.id, m);
    });
    demo.once("exit", (code) => reject(new Error(`the demo cluster exited (${code})`)));
  });
  console.log(
    `  demo cluster built ${deployments} Deployments, ${deployments} ReplicaSets, ${pods} pods in ${(built.ms / 1000).toFixed(1)} s (${((performance.now() - d0) / 1000).toFixed(1)} s with its start); its RSS ${mib(rssOf(demo.pid!))}`,
  );

  const t0 = performance.now();
  const live = await Live.start({
    KUBECONFIG: built.kubeconfig,
    LIFELINE_DATA_DIR: mkdtempSync(join(tmpdir(), "lifeline-bench-")),
  });
  const available = () =>
    live.workloads
      .list({ kind: "Deployment" })
      .filter((d) => d.counts.available === replicas && d.counts.desired === replicas).length;
  while (!live.synced || live.rows().length < pods || available() < deployments)
    await new Promise((r) => setTimeout(r, 50));
  const synced = performance.now() - t0;
  live.flush();
  const flushed = performance.now() - t0;
  global.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  console.log(
    `  listed and held (every Deployment available, every pod row) ${(synced / 1000).toFixed(1)} s after start, stored (flushed) at ${(flushed / 1000).toFixed(1)} s; pipeline RSS ${mib(rss)}, heap ${mib(heapUsed)} (after a GC); demo cluster RSS ${mib(rssOf(demo.pid!))}`,
  );
  const counts = Object.fromEntries(
    WORKLOAD_RESOURCES.map((r) => [r.kind, live.workloads.list({ kind: r.kind }).length]),
  );
  console.log(`  Lifeline holds: ${JSON.stringify(counts)}, ${live.rows().length} pod rows`);

  // Deployments: observed when the collector's state has the new desired count.
  const seen = new Map<number, number>();
  const waiting = new Map<string, { id: number; replicas: number }>();
  const observe = live.workloads.observe.bind(live.workloads);
  live.workloads.observe = (o: Observation) => {
    const name = o.object.metadata?.name ?? "";
    const w = waiting.get(name);
    const state = (o.object as { workload?: { counts?: { desired?: number | null } } }).workload;
    if (w && state?.counts?.desired === w.replicas) {
      seen.set(w.id, wall());
      waiting.delete(name);
    }
    return observe(o);
  };
  // Pods: the hub's frame carrying the written resourceVersion.
  const frames = new Map<string, number>();
  live.hub.subscribe(
    {},
    {
      write: (text) => {
        const m = /"resourceVersion":"(\d+)"/.exec(text);
        if (m) frames.set(m[1], wall());
        return true;
      },
      close: () => {},
    },
    null,
    () => ({}),
  );
  // The workload stream as GET /api/stream?channel=workloads sends it (its body read here).
  const wlFrames = new Map<string, number>();
  let wlCount = 0;
  let lastWl = 0;
  const s0 = performance.now();
  let snapshotAt: { ms: number; bytes: number } | null = null;
  const reader = sseBody((sink) =>
    live.workloadStreams.subscribe({ namespaces: null }, sink),
  ).getReader();
  void (async () => {
    const decoder = new TextDecoder();
    let carry = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      const at = wall();
      const parts = (carry + decoder.decode(r.value, { stream: true })).split("\n\n");
      carry = parts.pop() ?? "";
      for (const f of parts) {
        if (f.startsWith("event: snapshot"))
          snapshotAt = { ms: performance.now() - s0, bytes: f.length };
        if (!f.startsWith("event: workload")) continue;
        wlCount++;
        lastWl = at;
        const { row } = JSON.parse(f.slice(f.indexOf("data: ") + 6)) as {
          row: { kind: string; name: string; counts: { desired: number | null } };
        };
        const key = `${row.name}=${row.counts.desired}`;
        if (row.kind === "Deployment" && !wlFrames.has(key)) wlFrames.set(key, at);
      }
    }
  })();
  while (!snapshotAt) await new Promise((r) => setTimeout(r, 5));
  const snap = snapshotAt as { ms: number; bytes: number };
  console.log(
    `  workload stream opened: its snapshot (${(snap.bytes / 1024).toFixed(0)} KiB frame) in ${snap.ms.toFixed(0)} ms`,
  );
  const podNames = live
    .rows()
    .map((r) => r.name)
    .sort();
  const asks: Ask[] = [];
  const cpu0 = process.cpuUsage();
  const w0 = performance.now();
  for (let i = 0; i < changes; i++) {
    const name = `app-${(i * 7919) % deployments}`;
    const to = replicas + 1 + (i % 2);
    const d: Ask = { id: 2 * i, op: "deployment", name, replicas: to };
    waiting.set(name, { id: d.id, replicas: to });
    const p: Ask = {
      id: 2 * i + 1,
      op: "pod",
      name: podNames[(i * 104729) % podNames.length],
      ready: false,
    };
    asks.push(d, p);
    demo.send(d);
    demo.send(p);
    await new Promise((r) => setTimeout(r, 20));
  }
  const deadline = performance.now() + 30_000;
  const wlKey = (a: Ask) => (a.op === "deployment" ? `${a.name}=${a.replicas}` : "-");
  const done = () =>
    asks.every((a) =>
      a.op === "deployment"
        ? seen.has(a.id) && wlFrames.has(wlKey(a))
        : frames.has(told.get(a.id)?.rv ?? "-"),
    );
  while (!done() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const secs = (performance.now() - w0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const dLat: number[] = [];
  const pLat: number[] = [];
  const wLat: number[] = [];
  for (const a of asks) {
    const t = told.get(a.id);
    const at = a.op === "deployment" ? seen.get(a.id) : frames.get(t?.rv ?? "-");
    if (t && at !== undefined) (a.op === "deployment" ? dLat : pLat).push(at - t.at);
    const w = wlFrames.get(wlKey(a));
    if (t && w !== undefined) wLat.push(w - t.at);
  }
  console.log(
    `  ${changes} Deployment + ${changes} pod changes over ${secs.toFixed(1)} s; pipeline CPU ${(((cpu.user + cpu.system) / 1e6 / secs) * 100).toFixed(0)} % of one core`,
  );
  console.log(`    Deployment written → collector's state: ${spread(dLat)}`);
  console.log(`    Deployment written → workload stream's SSE frame: ${spread(wLat)}`);
  console.log(`    pod written → SSE frame: ${spread(pLat)}`);

  // Coalescing: the pods of the first tenth of the Deployments deleted at once.
  const gone = live
    .rows()
    .filter((r) => Number(/^app-(\d+)-/.exec(r.name)?.[1] ?? deployments) < deployments / 10)
    .map((r) => r.name);
  const before = { sent: wlCount, ...live.workloadStreams.stats };
  const r0 = performance.now();
  demo.send({ id: -1, op: "remove-pods", names: gone } satisfies Ask);
  while (!told.has(-1)) await new Promise((r) => setTimeout(r, 5));
  const removedAt = told.get(-1)!.at;
  const left = pods - gone.length;
  while (live.rows().length > left && performance.now() - r0 < 60_000)
    await new Promise((r) => setTimeout(r, 20));
  // Then until the stream has been quiet for a second (its last rounds).
  for (let last = -1; last !== wlCount;) {
    last = wlCount;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const stats = live.workloadStreams.stats;
  console.log(
    `  ${gone.length} pods deleted at once (${deployments / 10} Deployments' ReplicaSets emptied): ${wlCount - before.sent} workload frames in ${stats.rounds - before.rounds} rounds (${stats.frames - before.frames} frames made), the last ${(lastWl - removedAt).toFixed(0)} ms after the last deletion was written`,
  );
  await reader.cancel();

  const list = timed(() => workloadsAnswer(live, { namespaces: null }));
  console.log(
    `  /api/workloads answer (${list.value.workloads.length} rows, ${mib(JSON.stringify(list.value).length)} of JSON): build median ${pct(list.ms, 50).toFixed(0)} ms, max ${pct(list.ms, 100).toFixed(0)} ms`,
  );
  const resource = WORKLOAD_RESOURCES.find((r) => r.kind === "Deployment")!;
  // app-0's name starts no other's; app-1 starts app-10 … app-1999's (1,110 others at 2,000), whose pods
  // the detail's name search also meets and has to set aside by owner.
  for (const name of ["app-0", "app-1"]) {
    const detail = timed(() => workloadDetail(live, { namespace: "bench", resource, name }));
    console.log(
      `  ${name}'s page detail (${JSON.stringify(detail.value).length} bytes of JSON): build median ${pct(detail.ms, 50).toFixed(0)} ms, max ${pct(detail.ms, 100).toFixed(0)} ms`,
    );
  }
  console.log(
    `  RSS at the end: pipeline ${mib(process.memoryUsage().rss)}, demo cluster ${mib(rssOf(demo.pid!))}; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  await live.stop();
  demo.send("exit");
  await new Promise((r) => demo.once("exit", r));
  process.exit(0);
}

(process.argv.includes("--demo") ? demoChild() : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
