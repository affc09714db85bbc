// The server's memory with a day of history behind it: the demo cluster in its own process with N
// light pods (default 150,000) on a clock running `--speed` times as fast as the wall clock, its
// churn set so the pods change `--rate` times per second of the cluster's time (default 20: about
// 11 container kills/s, each a Terminated and a Running version) once the pipeline has synced; the pipeline (collector, history
// store, rows, hub: what the server runs, without Next.js) in a process of its own, its
// observations stamped with the same fast clock. Once the pipeline holds every pod it runs for
// `--hours` of the cluster's time (default 24) and the parent reads the pipeline's RSS from /proc
// every second; the pipeline reports its V8 heap, the versions stored and what the rows hold.
// Prints the RSS and heap curves, the changes stored per simulated second, and the final figures.
// With `--snapshots DIR` the pipeline writes a V8 heap snapshot at ready and at the end (both after
// a full GC) for bench/heap-diff.ts to name what grew.
// Run: npm run bench:history-rss -- [--pods 150000] [--speed 150] [--hours 24] [--rate 20] [--snapshots DIR]
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeHeapSnapshot } from "node:v8";
import Database from "better-sqlite3";
import { Live } from "../lib/live/live";
import { demoClusterProcess } from "./demo-process";
import { rssOf, stopAndExit } from "./pipeline-process";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const MiB = 1048576;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;
/** Container kills per second of cluster time for `rate` pod changes per second (two versions a kill, measured). */
const KILLS_PER_CHANGE = 0.55;

interface Report {
  what: "ready" | "sample" | "done";
  simHours: number;
  heapUsed: number;
  /** The V8 heap's committed size (what of the RSS is heap). */
  heapTotal: number;
  external: number;
  /** Versions in the store (pod changes recorded, the first sync's included). */
  versions: number;
  pending: number;
  rows?: number;
  recent?: number;
  gcHeap?: number;
}

/** The child: the pipeline on the fast clock, reporting until `hours` of that clock after ready. */
async function child(): Promise<void> {
  const pods = Number(arg("pods", "0"));
  const speed = Number(arg("speed", "1"));
  const origin = Number(arg("origin", "0"));
  const hours = Number(arg("hours", "24"));
  const now = () => origin + (Date.now() - origin) * speed;
  const live = await Live.start(
    { KUBECONFIG: arg("kubeconfig", ""), LIFELINE_DATA_DIR: arg("data", "") },
    // Retention runs every 10 minutes of the cluster's time, as it would every 10 minutes.
    { now, retentionEveryMs: Math.max(1000, 600_000 / speed) },
  );
  const reader = new Database(live.store.file, { readonly: true, fileMustExist: true });
  const maxId = reader.prepare<[], { n: number | null }>("SELECT MAX(id) AS n FROM versions");
  const report = (what: Report["what"], t0: number, extra: Partial<Report> = {}) => {
    const m = process.memoryUsage();
    process.send!({
      what,
      simHours: (now() - t0) / 3_600_000,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
      versions: maxId.get()?.n ?? 0,
      pending: live.writes.state().pending,
      ...extra,
    } satisfies Report);
  };
  for (;;) {
    if (live.synced && live.storedRows({ namespace: "scale" }).length >= pods) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const snapshots = arg("snapshots", "");
  const gc = (globalThis as { gc?: () => void }).gc;
  if (snapshots) writeHeapSnapshot(join(snapshots, "ready.heapsnapshot"));
  const t0 = now();
  report("ready", t0);
  const end = t0 + hours * 3_600_000;
  while (now() < end) {
    await new Promise((r) => setTimeout(r, 5000));
    report("sample", t0);
  }
  live.flush();
  // What the rows hold: each pod's row and its recent status changes (the lane's last week).
  const rows = live.storedRows({});
  const recent = rows.reduce((n, r) => n + (r.recent?.length ?? 0), 0);
  for (let i = 0; gc && i < 3; i++) gc();
  if (snapshots) writeHeapSnapshot(join(snapshots, "end.heapsnapshot"));
  report("done", t0, {
    rows: rows.length,
    recent,
    gcHeap: gc ? process.memoryUsage().heapUsed : undefined,
  });
  process.on("message", () => {
    reader.close();
    void live.stop().finally(() => process.exit(0));
  });
  await new Promise(() => {});
}

/** `values` at most `n` of them, evenly picked, in MiB. */
const thin = (values: number[], n: number) =>
  values
    .filter((_, i) => i % Math.max(1, Math.ceil(values.length / n)) === 0)
    .map((v) => (v / MiB).toFixed(0))
    .join(" ");

async function parent(): Promise<void> {
  const pods = Number(arg("pods", "150000"));
  const speed = Number(arg("speed", "150"));
  const hours = Number(arg("hours", "24"));
  const rate = Number(arg("rate", "20"));
  const churn = rate * KILLS_PER_CHANGE;
  const dir = mkdtempSync(join(tmpdir(), "lifeline-bench-history-rss-"));
  let origin = 0;
  let api = "";
  const { child: demo, kubeconfig } = await demoClusterProcess(
    [
      "--scenarios",
      "none",
      "--scale",
      String(pods),
      "--light",
      "--speed",
      String(speed),
      "--history",
      "200000",
      "--kubeconfig-dir",
      dir,
    ],
    (text) => {
      origin = Number(/^clock: speed \S+ from (\d+)$/m.exec(text)?.[1] ?? 0);
      api = /API at (http\S+)/.exec(text)?.[1] ?? "";
      return /^scale: all \d+ pods Running$/m.test(text) && origin > 0;
    },
    ["--max-old-space-size=4000"],
  );
  console.log(
    `history-rss: ${pods} light pods, the cluster's clock ${speed}× the wall clock, ${churn.toFixed(1)} kills/s of its time (≈ ${rate} changes/s), ${hours} h of it after the first sync`,
  );
  const t0 = performance.now();
  const pipeline = spawn(
    process.execPath,
    [
      "--expose-gc",
      ...(process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean),
      process.argv[1],
      "--child",
      ...["--pods", String(pods), "--speed", String(speed), "--hours", String(hours)],
      ...["--origin", String(origin), "--kubeconfig", kubeconfig],
      ...["--data", join(dir, "data")],
      ...(arg("snapshots", "") ? ["--snapshots", arg("snapshots", "")] : []),
    ],
    { stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  const rss: { t: number; rss: number }[] = [];
  const sampler = setInterval(
    () => rss.push({ t: performance.now() - t0, rss: rssOf(pipeline.pid!) }),
    1000,
  );
  const reports: (Report & { t: number })[] = [];
  const done = await new Promise<Report>((resolve, reject) => {
    pipeline.on("message", (m: Report) => {
      reports.push({ ...m, t: performance.now() - t0 });
      if (m.what === "ready") {
        // The churn starts once the pipeline holds every pod: the day of history comes after the first sync.
        void fetch(`${api}/debug/churn?perSecond=${churn}`, { method: "POST" }).then((r) => {
          if (!r.ok) reject(new Error(`the demo cluster refused the churn (${r.status})`));
        }, reject);
        console.log(
          `  ready after ${((performance.now() - t0) / 1000).toFixed(1)} s: RSS ${mib(rssOf(pipeline.pid!))}, heap ${mib(m.heapUsed)}, ${m.versions} versions`,
        );
      }
      if (m.what === "done") resolve(m);
    });
    pipeline.on("exit", (code) => reject(new Error(`the pipeline exited (${code})`)));
  });
  clearInterval(sampler);
  const ready = reports.find((r) => r.what === "ready")!;
  const after = rss.filter((s) => s.t >= ready.t).map((s) => s.rss);
  const maxRss = Math.max(...rss.map((s) => s.rss));
  const wall = (performance.now() - t0 - ready.t) / 1000;
  const changes = done.versions - ready.versions;
  console.log(
    `  ${done.simHours.toFixed(2)} h of cluster time in ${wall.toFixed(0)} s: ${changes} pod changes stored (${(changes / (done.simHours * 3600)).toFixed(1)}/s of cluster time, ${(changes / wall).toFixed(0)}/s of wall time); ${done.pending} waiting to be written`,
  );
  console.log(
    `  RSS: at ready ${mib(after[0])}, max ${mib(maxRss)} (${maxRss <= 1024 * MiB ? "within" : "over"} 1 GiB), at the end ${mib(after[after.length - 1])}`,
  );
  console.log(
    `  heap: at ready ${mib(ready.heapUsed)} (committed ${mib(ready.heapTotal)}), at the end ${mib(done.heapUsed)} (committed ${mib(done.heapTotal)})${done.gcHeap ? `, after a full GC ${mib(done.gcHeap)}` : ""}; external ${mib(done.external)}`,
  );
  console.log(
    `  rows ${done.rows}, recent status changes held ${done.recent} (${((done.recent ?? 0) / (done.rows || 1)).toFixed(1)} a row)`,
  );
  console.log(`  RSS (MiB) from ready, 30 steps: ${thin(after, 30)}`);
  console.log(
    `  heap (MiB) from ready, 30 steps: ${thin(
      reports.filter((r) => r.what !== "done").map((r) => r.heapUsed),
      30,
    )}`,
  );
  await stopAndExit(pipeline, demo, 15_000);
}

(process.argv.includes("--child") ? child() : parent()).catch((err) => {
  console.error(err);
  process.exit(1);
});
