// The live pipeline as deployed: the demo cluster in its own process, the production server
// (`next start`) reading it through a kubeconfig, and this process as the browsers. Prints
//   - time until the server lists all N pods as Running, and the server's RSS then;
//   - change → SSE frame: for each pod change, the time from when a direct watch on the demo
//     cluster receives it to when the SSE frame for it arrives from /api/stream (both on
//     loopback, so this is what Lifeline adds: watch, parse, store, hub, HTTP response), p50/p99,
//     and split in two by the server's own note of each watch event's arrival (LIFELINE_TRACE_WATCH):
//     demo cluster → the server's watch, and the server's watch → the SSE frame here;
//   - the server's CPU (% of one core) and RSS while the cluster makes R changes a second;
//   - with --subscribers S: CPU per delta with S SSE subscribers against 1, at --fanout-churn.
// Run: npm run bench:sse [-- --pods 5000 --churn 200 --seconds 20 --joins 0 --window 0 --light --subscribers 500 --fanout-churn 50 --server-heap-mb 0 --history 50000]
// It builds the app first when there is no production build or the sources changed since.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { request, type IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { splitter } from "./split";

const args = process.argv.slice(2);
function opt(name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a number, got ${args[i + 1]}`);
  return n;
}
const PODS = opt("pods", 5000);
const CHURN = opt("churn", 200);
const SECONDS = opt("seconds", 20);
const SUBSCRIBERS = opt("subscribers", 0);
const FANOUT_CHURN = opt("fanout-churn", 50);
const PORT = opt("port", 3190);
const SERVER_HEAP_MB = opt("server-heap-mb", 0);
// Changes the demo cluster keeps per resource for watches to resume from. kube-apiserver's watch
// cache keeps at least 75 s of them; at 50,000 pods starting up that is far more than the demo's
// default 10,000, and with too small a window a 50k-pod list outlasts it and ends in 410 → relist.
const HISTORY = opt("history", 50_000);
// Browsers that open the overview during the window (each gets the whole snapshot, then leaves):
// what a new page costs the streams already open.
const JOINS = opt("joins", 0);
// --window N: also a browser on the live overview's windowed stream (the first N rows, problems
// first: lib/live/views.ts), and the joining browsers open that instead of every row.
const WINDOW = opt("window", 0);
// --light: the demo cluster's light scale pods (no kubelet per pod), the only way it holds 150,000.
const LIGHT = args.includes("--light");
const base = `http://127.0.0.1:${PORT}`;
const children: ChildProcess[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MiB`;
function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

/** The process and its descendants (next start may fork workers). */
function tree(pid: number): number[] {
  const out = [pid];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (out.includes(ppid) && !out.includes(Number(entry))) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** CPU seconds (user + system) and RSS bytes of a process tree. */
function usage(pid: number): { cpu: number; rss: number } {
  let cpu = 0;
  let rss = 0;
  for (const p of tree(pid)) {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ");
      cpu += (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks (USER_HZ = 100)
      rss +=
        Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0) * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return { cpu, rss };
}

function run(
  cmd: string,
  argv: string[],
  env: Record<string, string | undefined> = {},
): ChildProcess {
  const child = spawn(cmd, argv, {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr!.on("data", (d) =>
    process.stderr.write(`[${argv.find((a) => a.endsWith(".ts") || a === "start") ?? cmd}] ${d}`),
  );
  children.push(child);
  return child;
}

function waitFor(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (d) => {
      text += d;
      const m = pattern.exec(text);
      if (m) resolve(m);
    });
    child.on("exit", (code) =>
      reject(new Error(`exited (${code}) before printing ${pattern}:\n${text}`)),
    );
  });
}

/** A streaming GET; calls onLine for every line of the body. */
function stream(url: string, onChunk: (text: string) => void): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Accept: "text/event-stream" } }, (res) => {
      res.setEncoding("utf8");
      res.on("data", onChunk);
      res.on("error", () => {});
      resolve(res);
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * Opens a stream, reads its snapshot frame (up to the first blank line) and leaves — in a process
 * of its own: reading a 66 MB snapshot here would hold this process's event loop, make it note the
 * direct watch's changes late and so make the server's latency look smaller than it is.
 */
function snapshotOnce(url: string): Promise<{ ms: number; bytes: number }> {
  const code = `
    const t = performance.now();
    let bytes = 0, last = "";
    require("node:http").get(${JSON.stringify(url)}, { headers: { Accept: "text/event-stream" } }, (res) => {
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        bytes += Buffer.byteLength(chunk);
        // JSON escapes newlines, so the first blank line ends the snapshot.
        if ((last + chunk).includes("\\n\\n")) {
          console.log(JSON.stringify({ ms: performance.now() - t, bytes }));
          process.exit(0);
        }
        last = chunk.slice(-1);
      });
    });`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return waitFor(child, /^(\{.*\})$/m).then(
    (m) => JSON.parse(m[1]) as { ms: number; bytes: number },
  );
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function main(): Promise<void> {
  // Builds when there is no build or the sources are newer (as npm start does).
  if (
    spawnSync(process.execPath, ["scripts/start.mjs", "--build-only"], { stdio: "inherit" })
      .status !== 0
  )
    throw new Error("the build failed");
  const dir = mkdtempSync(join(tmpdir(), "lifeline-bench-sse-"));
  const demo = run(process.execPath, [
    "--max-old-space-size=12000",
    "--import",
    "tsx",
    "scripts/demo-cluster.ts",
    "--scenarios",
    "none",
    "--scale",
    String(PODS),
    ...(LIGHT ? ["--light"] : []),
    "--history",
    String(HISTORY),
    "--kubeconfig-dir",
    dir,
  ]);
  const [, kubeconfig] = await waitFor(demo, /^kubeconfig: (.+)$/m);
  const api = /server: (http:\/\/\S+)/.exec(readFileSync(kubeconfig, "utf8"))![1];

  const trace = join(dir, "watch-trace.txt");
  const t0 = performance.now();
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const server = run(
    process.execPath,
    [
      ...nodeArgs,
      ...(SERVER_HEAP_MB ? [`--max-old-space-size=${SERVER_HEAP_MB}`] : []),
      "node_modules/next/dist/bin/next",
      "start",
      "-H",
      "127.0.0.1",
      "-p",
      String(PORT),
    ],
    {
      KUBECONFIG: kubeconfig,
      LIFELINE_DATA_DIR: join(dir, "data"),
      LIFELINE_DEMO: undefined,
      LIFELINE_OFFLINE: undefined,
      // The server notes when each watch event arrives (lib/kube/watch-trace.ts): the two hops apart.
      LIFELINE_TRACE_WATCH: trace,
    },
  );
  // BENCH_SERVER_LOG=<file>: the server's output kept there (with BENCH_SERVER_NODE_ARGS=--trace-gc, its collections).
  if (process.env.BENCH_SERVER_LOG)
    server.stdout!.pipe(createWriteStream(process.env.BENCH_SERVER_LOG));
  for (;;) {
    await sleep(1000);
    const ready = await fetch(`${base}/api/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (!ready) continue;
    const { total } = await json<{ total: number }>(
      `${base}/api/pods?namespace=scale&status=Running&limit=1`,
    );
    if (total === PODS) break;
  }
  const synced = (performance.now() - t0) / 1000;
  const atSync = usage(server.pid!);
  const heap = async () =>
    (await json<{ memory: { heapUsed: number } }>(`${base}/api/cluster`)).memory.heapUsed;
  console.log(
    `sse: ${PODS} pods in a separate demo-cluster process${SERVER_HEAP_MB ? ` (server heap capped at ${SERVER_HEAP_MB} MiB)` : ""}; the server listed them all Running after ${synced.toFixed(1)} s; server RSS then ${mib(atSync.rss)}, V8 heap in use ${mib(await heap())}`,
  );

  // Change → SSE frame.
  const list = await json<{ metadata: { resourceVersion: string } }>(
    `${api}/api/v1/namespaces/scale/pods?limit=1`,
  );
  const direct = new Map<string, number>();
  const viaSse = new Map<string, number>();
  // The windowed stream's rows (below) and the changes to them not framed yet.
  let inWindow = new Set<string>();
  const pendingSince = new Map<string, number>();
  const watch = await stream(
    `${api}/api/v1/namespaces/scale/pods?watch=1&resourceVersion=${list.metadata.resourceVersion}`,
    splitter("\n", (line) => {
      const at = performance.timeOrigin + performance.now();
      const m = /"resourceVersion":"(\d+)"/.exec(line);
      if (m) direct.set(m[1], at);
      const u = /"uid":"([^"]+)"/.exec(line);
      if (u && inWindow.has(u[1]) && !pendingSince.has(u[1])) pendingSince.set(u[1], at);
    }),
  );
  // A second direct watch shaped like the server's own (cluster-wide), to tell the demo cluster's
  // delivery from Lifeline's work.
  const wide = new Map<string, number>();
  const wideWatch = await stream(
    `${api}/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion=${list.metadata.resourceVersion}`,
    splitter("\n", (line) => {
      const m = /"resourceVersion":"(\d+)"/.exec(line);
      if (m) wide.set(m[1], performance.timeOrigin + performance.now());
    }),
  );
  let frames = 0;
  const sse = await stream(
    `${base}/api/stream?namespace=scale`,
    splitter("\n\n", (frame) => {
      if (!frame.startsWith("id: ") || frame.includes("event: snapshot")) return;
      frames++;
      const m = /"resourceVersion":"(\d+)"/.exec(frame);
      if (m) viaSse.set(m[1], performance.timeOrigin + performance.now());
    }),
  );
  // The windowed overview: for each change to a pod whose row is in the window (its uid was in the
  // last frame's window when the direct watch got the change), the time until a frame carries its
  // row. Rows sent because they came into the window are not changes and are not counted.
  const windowed: number[] = [];
  let windowFrames = 0;
  let windowBytes = 0;
  let measuring = false;
  const win = WINDOW
    ? await stream(
        `${base}/api/stream?namespace=scale&limit=${WINDOW}`,
        splitter("\n\n", (frame) => {
          const at = performance.timeOrigin + performance.now();
          const m = /^event: (snapshot|window)\ndata: (.*)$/s.exec(frame);
          if (!m) return;
          const data = JSON.parse(m[2]) as { pods: { uid: string }[]; window: { uids: string[] } };
          if (measuring && m[1] === "window") {
            windowFrames++;
            windowBytes += frame.length;
            for (const p of data.pods) {
              const t = pendingSince.get(p.uid);
              if (t !== undefined) windowed.push(at - t);
              pendingSince.delete(p.uid);
            }
          }
          inWindow = new Set(data.window.uids);
          for (const uid of pendingSince.keys()) if (!inWindow.has(uid)) pendingSince.delete(uid);
        }),
      )
    : null;
  await sleep(3000); // the snapshot is read, everything is quiet
  measuring = true;
  type Reflectors = {
    connection: { reflectors: { path: string; lists: number; watches: number }[] };
  };
  const reflectors = async () =>
    (await json<Reflectors>(`${base}/api/cluster`)).connection.reflectors
      .map((r) => `${r.path.split("/").at(-1)} ${r.lists}/${r.watches}`)
      .join(", ");
  const before = await reflectors();
  const cpu0 = usage(server.pid!);
  const demoCpu0 = usage(demo.pid!);
  const w0 = performance.now();
  await json(`${api}/debug/churn?perSecond=${CHURN}`, { method: "POST" });
  const joins: Promise<{ ms: number; bytes: number }>[] = [];
  for (let j = 0; j < JOINS; j++) {
    await sleep((SECONDS * 1000) / (JOINS + 1));
    joins.push(
      snapshotOnce(
        `${base}/api/stream?namespace=scale${WINDOW ? `&limit=${WINDOW}&offset=${j * 1000}` : ""}`,
      ),
    );
  }
  await sleep((SECONDS * 1000) / (JOINS + 1));
  await json(`${api}/debug/churn?perSecond=0`, { method: "POST" });
  const joined = await Promise.all(joins);
  if (JOINS)
    console.log(
      `  ${JOINS} browsers joined during the window: snapshot ${(joined[0].bytes / 1048576).toFixed(1)} MiB, received in ${joined.map((j) => j.ms.toFixed(0)).join(", ")} ms`,
    );
  const wall = (performance.now() - w0) / 1000;
  const cpu1 = usage(server.pid!);
  const demoCpu1 = usage(demo.pid!);
  await sleep(2000); // let the last frames arrive
  console.log(
    `  server reflectors (lists/watches) before the window: ${before}; after: ${await reflectors()}`,
  );
  const latencies: number[] = [];
  let missing = 0;
  for (const [rv, at] of direct) {
    const got = viaSse.get(rv);
    if (got === undefined) missing++;
    else latencies.push(got - at);
  }
  // When the server received each change (its watch trace), to split the two hops.
  const received = new Map<string, number>();
  for (const line of readFileSync(trace, "utf8").split("\n")) {
    const [rv, t, path] = line.split(" ");
    if (path?.endsWith("/pods")) received.set(rv, Number(t));
  }
  const toServer: number[] = [];
  const toBrowser: number[] = [];
  for (const [rv, at] of direct) {
    const r = received.get(rv);
    if (r === undefined) continue;
    toServer.push(r - at);
    const got = viaSse.get(rv);
    if (got !== undefined) toBrowser.push(got - r);
  }
  const wideLag: number[] = [];
  for (const [rv, at] of direct) {
    const got = wide.get(rv);
    if (got !== undefined) wideLag.push(got - at);
  }
  watch.destroy();
  wideWatch.destroy();
  sse.destroy();
  win?.destroy();
  console.log(
    `  churn ${CHURN} kills/s for ${wall.toFixed(1)} s: ${direct.size} pod changes (${(direct.size / wall).toFixed(0)}/s) seen by a direct watch, ${frames} SSE deltas, ${missing} changes without a frame`,
  );
  console.log(
    `  change → SSE frame (after the direct watch has it): p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, max ${pct(latencies, 100).toFixed(1)} ms`,
  );
  console.log(
    `  split: demo cluster → server's watch p50 ${pct(toServer, 50).toFixed(1)} ms, p99 ${pct(toServer, 99).toFixed(1)} ms (after the direct watch; negative: the server had it first); server's watch → SSE frame here p50 ${pct(toBrowser, 50).toFixed(1)} ms, p99 ${pct(toBrowser, 99).toFixed(1)} ms, max ${pct(toBrowser, 100).toFixed(1)} ms (${toServer.length} of ${direct.size} changes in the server's trace)`,
  );
  console.log(
    `  (a cluster-wide direct watch, like the server's, got the same changes p50 ${pct(wideLag, 50).toFixed(1)} ms, p99 ${pct(wideLag, 99).toFixed(1)} ms after the namespaced one)`,
  );
  if (WINDOW)
    console.log(
      `  windowed overview (first ${WINDOW} rows, problems first): ${windowFrames} frames (${(windowBytes / 1024 / Math.max(1, windowFrames)).toFixed(1)} KiB each on average), ${windowed.length} changes to rows in the window; change → its row in a frame p50 ${pct(windowed, 50).toFixed(1)} ms, p99 ${pct(windowed, 99).toFixed(1)} ms, max ${pct(windowed, 100).toFixed(1)} ms`,
    );
  console.log(
    `  server CPU ${(((cpu1.cpu - cpu0.cpu) / wall) * 100).toFixed(0)} % of one core, RSS ${mib(cpu1.rss)}, V8 heap in use ${mib(await heap())}; demo cluster CPU ${(((demoCpu1.cpu - demoCpu0.cpu) / wall) * 100).toFixed(0)} %`,
  );

  if (SUBSCRIBERS > 0) {
    // CPU per delta with 1 subscriber, then with S, at the same churn.
    const fanout = async (n: number) => {
      let count = 0;
      const streams: IncomingMessage[] = [];
      for (let i = 0; i < n; i++) {
        streams.push(
          await stream(
            `${base}/api/stream?namespace=scale`,
            i === 0
              ? splitter("\n\n", (f) => {
                  if (f.startsWith("id: ") && !f.includes("event: snapshot")) count++;
                })
              : () => {},
          ),
        );
      }
      await sleep(5000 + n * 20); // every snapshot sent and read
      const c0 = usage(server.pid!);
      const start = count;
      const t = performance.now();
      await json(`${api}/debug/churn?perSecond=${FANOUT_CHURN}`, { method: "POST" });
      await sleep(SECONDS * 1000);
      await json(`${api}/debug/churn?perSecond=0`, { method: "POST" });
      const secs = (performance.now() - t) / 1000;
      const c1 = usage(server.pid!);
      await sleep(2000);
      const deltas = count - start;
      for (const s of streams) s.destroy();
      await sleep(1000);
      return { deltas, cpuMs: (c1.cpu - c0.cpu) * 1000, secs, rss: c1.rss };
    };
    const one = await fanout(1);
    const many = await fanout(SUBSCRIBERS);
    console.log(
      `  fan-out at ${FANOUT_CHURN} kills/s for ${SECONDS} s: 1 subscriber: ${one.deltas} deltas, ${(one.cpuMs / one.deltas).toFixed(2)} ms CPU per delta (${((one.cpuMs / 1000 / one.secs) * 100).toFixed(0)} % of a core)`,
    );
    console.log(
      `  ${SUBSCRIBERS} subscribers: ${many.deltas} deltas, ${(many.cpuMs / many.deltas).toFixed(2)} ms CPU per delta (${((many.cpuMs / 1000 / many.secs) * 100).toFixed(0)} % of a core), ${(((many.cpuMs / many.deltas - one.cpuMs / one.deltas) / (SUBSCRIBERS - 1)) * 1000).toFixed(1)} µs more per delta per extra subscriber; RSS ${mib(many.rss)}`,
    );
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    // SIGTERM first (a profiler started through BENCH_SERVER_NODE_ARGS writes on exit), then SIGKILL.
    for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
    await Promise.race([
      Promise.all(
        children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)),
      ),
      sleep(10_000),
    ]);
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    process.exit();
  });
