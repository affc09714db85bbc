// First sync at scale: the demo cluster in its own process with N light pods (default 150,000) at
// rest and churning (200 pod changes/s), then the pipeline (collector, store, rows, hub: what the
// server runs, without Next.js; bench/memory.ts's shape) in another process, started against it
// through a kubeconfig. Prints the time from the pipeline's start to ready (`/api/readyz`'s answer,
// `Live.synced`) with every pod held, and that process's RSS sampled every 500 ms from /proc while it
// syncs and for 10 s after: min / max / final, and the curve.
// `--mode watchlist` (default): the demo serves watch-lists; `--mode list`: it refuses them (422,
// as a server with the WatchList gate off) and the reflectors list page by page.
// Run: npm run bench:sync -- [--pods 150000] [--mode watchlist|list] [--churn 110] [--after 10]
// (BENCH_SYNC_NODE_ARGS: node options for the pipeline's process, e.g. --cpu-prof).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Live } from "../lib/live/live";
import { demoClusterProcess } from "./demo-process";
import { rssOf, stopAndExit } from "./pipeline-process";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const mib = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MiB`;

/** The child: runs the pipeline, says when it started and when it is synced with every pod. */
async function child(): Promise<void> {
  const pods = Number(arg("pods", "0"));
  const t0 = performance.now();
  const live = await Live.start({
    KUBECONFIG: arg("kubeconfig", ""),
    LIFELINE_DATA_DIR: arg("data", ""),
  });
  process.send!({ what: "started", ms: performance.now() - t0 });
  for (;;) {
    if (live.synced && live.storedRows({ namespace: "scale" }).length >= pods) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const state = live.info().connection.reflectors;
  // CPU seconds the process spent to get there (user + system): less at the mercy of a shared
  // machine's load than the wall time.
  const cpu = process.cpuUsage();
  process.send!({
    what: "ready",
    ms: performance.now() - t0,
    cpu: (cpu.user + cpu.system) / 1e6,
    reflectors: state,
  });
  // Kept running (the watch goes on) until the parent has its samples; then leaves by exit(), so a
  // --cpu-prof in NODE_OPTIONS is written.
  process.on("message", () => {
    void live.stop().finally(() => process.exit(0));
  });
  await new Promise(() => {});
}

function demoCluster(
  pods: number,
  churn: number,
  mode: string,
  dir: string,
): Promise<{ child: ChildProcess; kubeconfig: string }> {
  return demoClusterProcess(
    [
      "--scenarios",
      "none",
      "--scale",
      String(pods),
      "--light",
      "--churn",
      String(churn),
      "--history",
      "50000",
      "--kubeconfig-dir",
      dir,
      ...(mode === "list" ? ["--no-watch-list"] : []),
    ],
    (text) => /^scale: all \d+ pods Running$/m.test(text),
    ["--max-old-space-size=4000"],
  );
}

/** The curve as one line of block characters, `lo` to `hi`. */
function spark(values: number[], lo: number, hi: number): string {
  const blocks = "▁▂▃▄▅▆▇█";
  return values
    .map((v) => blocks[hi === lo ? 0 : Math.round(((v - lo) / (hi - lo)) * (blocks.length - 1))])
    .join("");
}

async function parent(): Promise<void> {
  const pods = Number(arg("pods", "150000"));
  const mode = arg("mode", "watchlist");
  const churn = Number(arg("churn", "110"));
  const after = Number(arg("after", "10"));
  if (mode !== "watchlist" && mode !== "list") throw new Error("--mode is watchlist or list");
  const dir = mkdtempSync(join(tmpdir(), "lifeline-bench-sync-"));
  const d0 = performance.now();
  const { child: demo, kubeconfig } = await demoCluster(pods, churn, mode, dir);
  console.log(
    `sync: demo cluster with ${pods} light pods, all Running after ${((performance.now() - d0) / 1000).toFixed(1)} s; churn ${churn} kills/s; mode ${mode}`,
  );
  const t0 = performance.now();
  const pipeline = spawn(
    process.execPath,
    [
      // e.g. BENCH_SYNC_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": where the pipeline's time goes.
      ...(process.env.BENCH_SYNC_NODE_ARGS ?? "").split(" ").filter(Boolean),
      process.argv[1],
      "--child",
      "--pods",
      String(pods),
      "--kubeconfig",
      kubeconfig,
      "--data",
      join(dir, "data"),
    ],
    { stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  const samples: { t: number; rss: number }[] = [];
  const sample = () => samples.push({ t: performance.now() - t0, rss: rssOf(pipeline.pid!) });
  const sampler = setInterval(sample, 500);
  let started = 0;
  const ready = await new Promise<{ ms: number; cpu: number; reflectors: unknown[] }>(
    (resolve, reject) => {
      pipeline.on(
        "message",
        (m: { what: string; ms: number; cpu: number; reflectors: unknown[] }) => {
          if (m.what === "started") started = m.ms;
          if (m.what === "ready") resolve(m);
        },
      );
      pipeline.on("exit", (code) => reject(new Error(`the pipeline exited (${code})`)));
    },
  );
  const readyAt = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, after * 1000));
  clearInterval(sampler);
  sample();
  const during = samples.filter((s) => s.t <= readyAt * 1000);
  const rss = samples.map((s) => s.rss).filter((r) => r > 0);
  const how = (ready.reflectors as { path: string; initialState?: string; lists: number }[])
    .map((r) => `${r.path} ${r.initialState ?? "?"} (${r.lists} sync${r.lists === 1 ? "" : "s"})`)
    .join(", ");
  console.log(
    `  ready with every pod after ${readyAt.toFixed(1)} s from the process's start (${(ready.ms / 1000).toFixed(1)} s from Live.start, which returned after ${(started / 1000).toFixed(1)} s); the pipeline's process used ${ready.cpu.toFixed(1)} s of CPU by then`,
  );
  console.log(`  reflectors: ${how}`);
  console.log(
    `  RSS while syncing (${during.length} samples): min ${mib(Math.min(...during.map((s) => s.rss)))}, max ${mib(Math.max(...during.map((s) => s.rss)))}; ${after} s later ${mib(rss[rss.length - 1])}; max overall ${mib(Math.max(...rss))}`,
  );
  const [lo, hi] = [Math.min(...rss), Math.max(...rss)];
  console.log(
    `  RSS curve, 500 ms a step, ${mib(lo)} to ${mib(hi)} (| = ready): ${spark(rss.slice(0, during.length), lo, hi)}|${spark(rss.slice(during.length), lo, hi)}`,
  );
  console.log(
    `  RSS every 2 s (MiB): ${samples
      .filter((_, i) => i % 4 === 0)
      .map((s) => (s.rss / 1048576).toFixed(0))
      .join(" ")}`,
  );
  await stopAndExit(pipeline, demo, 10_000);
}

(process.argv.includes("--child") ? child() : parent()).catch((err) => {
  console.error(err);
  process.exit(1);
});
