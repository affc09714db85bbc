// The overview by workload (`/?group=workload`) in Chromium at the size: a demo cluster
// process holds D finished Deployments of R pods (bench/workload-objects.ts: built once by the real
// controllers, copied, controllers off), `npm start`'s server (scripts/start.mjs) reads it through
// a kubeconfig, as against a real cluster. Live updates: the demo process takes one ready pod from a
// Deployment at a time (its status one ready and available replica short, one pod's Ready and
// ContainersReady False) and gives it back `--hold` changes later, `--rate` changes a second.
// Prints, per load, first contentful paint, the first workload row on screen and its lane drawn;
// then frame times (between animation frames, no frame-rate limit: a frame's time is its cost) and
// the renderer's long tasks while the page sits with updates flowing, while it scrolls, while
// "Show more" adds rows, and while rows are opened to their pods.
// Usage: npm run bench:render-workloads [-- --deployments 2000 --replicas 10 --rate 4 --port 4340 --profile --trace]
import { chromiumLaunch } from "./chromium";
import { fork, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, openSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "@playwright/test";
import { pct } from "./stats";
import { printProfile, printTrace, type Profile } from "./trace-print";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const deployments = Number(arg("deployments", "2000"));
const replicas = Number(arg("replicas", "10"));
const rate = Number(arg("rate", "4"));
const hold = Number(arg("hold", "20"));
const port = Number(arg("port", "4340"));
const profile = process.argv.includes("--profile");
const trace = process.argv.includes("--trace");
/** Loads with a cold browser (a new context each), then reloads with the page's code cached. */
const COLD = 3;
const CACHED = 2;
const URL_PATH = "/?group=workload&window=1h";
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

async function waitFor(fn: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The demo cluster's process: builds the objects, prints its kubeconfig, then the live changes. */
async function demoChild(): Promise<void> {
  const { DemoCluster } = await import("../lib/demo-cluster/cluster");
  const { NAMESPACE, build, seed } = await import("./workload-objects");
  const t0 = performance.now();
  const demo = await DemoCluster.start({ scenarios: [], nodes: [], controllers: false });
  demo.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: NAMESPACE } });
  build(demo.store, seed(replicas, Date.now() - 600_000), deployments);
  // One pod of each Deployment (its `app` label), listed once.
  const podOf = new Map<string, string>();
  for (const p of demo.store.list("pods", NAMESPACE)) {
    const app = p.metadata.labels?.app;
    if (app && !podOf.has(app)) podOf.set(app, p.metadata.name);
  }
  const short = (name: string, by: number) => {
    demo.store.mutate("deployments", NAMESPACE, name, (o) => {
      const s = o.status as Record<string, number | undefined>;
      s.readyReplicas = replicas - by;
      s.availableReplicas = replicas - by;
      if (by) s.unavailableReplicas = by;
      else delete s.unavailableReplicas;
    });
    demo.store.mutate("pods", NAMESPACE, podOf.get(name)!, (o) => {
      const status = o.status as { conditions: { type: string; status: string }[] };
      for (const c of status.conditions)
        if (c.type === "Ready" || c.type === "ContainersReady") c.status = by ? "False" : "True";
    });
  };
  process.send!({ what: "built", ms: performance.now() - t0, kubeconfig: demo.kubeconfigPath });
  let timer: ReturnType<typeof setInterval> | undefined;
  let changes = 0;
  process.on("message", (m: "live" | "exit") => {
    if (m === "exit") {
      clearInterval(timer);
      process.send!({ what: "changes", n: changes });
      return void demo.stop().finally(() => process.exit(0));
    }
    const down: string[] = [];
    let i = 0;
    timer = setInterval(() => {
      // Alternately a Deployment loses a ready pod and the one down longest gets its pod back.
      if (down.length >= hold || (i % 2 === 1 && down.length > hold / 2)) short(down.shift()!, 0);
      else {
        const name = `app-${(i * 7919) % deployments}`;
        if (!down.includes(name)) {
          short(name, 1);
          down.push(name);
        }
      }
      i++;
      changes++;
    }, 1000 / rate);
  });
}

interface Load {
  fcp: number;
  /** The list (the workload stream, or GET /api/workloads): asked, and its first byte (Resource Timing). */
  asked: number;
  answered: number;
  row: number;
  lane: number;
  lanes: number | null;
}

async function measureLoad(page: Page, base: string): Promise<Load> {
  await page.goto(`${base}${URL_PATH}`, { waitUntil: "commit" });
  await page.waitForFunction(() => (window as unknown as { __lane?: number }).__lane, undefined, {
    timeout: 120_000,
    polling: 100,
  });
  // Every shown row's lane read (a hundred answers, four at a time); not waited for past a minute.
  await page
    .waitForFunction(() => (window as unknown as { __lanes?: number }).__lanes, undefined, {
      timeout: 60_000,
      polling: 250,
    })
    .catch(() => {});
  return page.evaluate(() => {
    const w = window as unknown as { __row: number; __lane: number; __lanes?: number };
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN;
    const list = performance
      .getEntriesByType("resource")
      .find((e) =>
        /\/api\/(workloads(\?|$)|stream\?channel=workloads)/.test(e.name),
      ) as PerformanceResourceTiming;
    return {
      fcp,
      asked: list?.startTime ?? NaN,
      answered: list?.responseStart ?? NaN,
      row: w.__row,
      lane: w.__lane,
      lanes: w.__lanes ?? null,
    };
  });
}

/** In the page: records first row, first lane, all shown lanes, and every long task. */
function instrument(): void {
  const w = window as unknown as {
    __row?: number;
    __lane?: number;
    __lanes?: number;
    __long: { start: number; ms: number }[];
  };
  w.__long = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) w.__long.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: "longtask", buffered: true });
  const check = () => {
    const rows = document.querySelectorAll('[data-testid="workload-row"]');
    if (w.__row === undefined && rows.length) w.__row = performance.now();
    const lanes = document.querySelectorAll(
      '[data-testid="workload-row"] [data-testid="workload-lane"][data-read="true"] svg',
    ).length;
    if (w.__lane === undefined && lanes > 0) w.__lane = performance.now();
    if (rows.length && lanes === rows.length) w.__lanes = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

type Phases = Record<string, { frames: number[]; long: number[] }>;

/** In the page: the phases, each its frame times and the long tasks that began in it. */
async function phases(liveMs: number): Promise<Phases> {
  const w = window as unknown as { __long: { start: number; ms: number }[] };
  const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
  const out: Phases = {};
  const phase = async (name: string, run: (tick: () => Promise<void>) => Promise<void>) => {
    const frames: number[] = [];
    const t0 = performance.now();
    let last = await frame();
    await run(async () => {
      const now = await frame();
      frames.push(now - last);
      last = now;
    });
    const t1 = performance.now();
    const long = w.__long.filter((l) => l.start >= t0 && l.start < t1).map((l) => l.ms);
    out[name] = { frames, long };
    console.log(`phase done: ${name}, ${frames.length} frames in ${(t1 - t0).toFixed(0)} ms`);
  };
  const root = document.scrollingElement!;
  const rows = () => document.querySelectorAll<HTMLElement>('[data-testid="workload-row"]');
  // Updates flowing, nobody touching the page: the list is read again every 10 s.
  await phase("live, idle", async (tick) => {
    const end = performance.now() + liveMs;
    while (performance.now() < end) await tick();
  });
  const scroll = (step: number) => async (tick: () => Promise<void>) => {
    for (let i = 0; i < 240; i++) {
      root.scrollTop = (i * step) % Math.max(1, root.scrollHeight - root.clientHeight);
      await tick();
    }
  };
  await phase(`wheel, ${rows().length} rows`, scroll(100));
  await phase(`fling, ${rows().length} rows`, scroll(420));
  root.scrollTop = root.scrollHeight;
  await phase("show more ×4 (30 frames each)", async (tick) => {
    for (let k = 0; k < 4; k++) {
      document.querySelector<HTMLElement>('[data-testid="overview-workloads-more"]')?.click();
      for (let i = 0; i < 30; i++) await tick();
    }
  });
  await phase(`wheel, ${rows().length} rows`, scroll(100));
  root.scrollTop = 0;
  await phase("open 20 rows to their pods (10 frames each)", async (tick) => {
    for (let k = 0; k < 20; k++) {
      rows()[k]?.querySelector<HTMLElement>('[data-testid="workload-expand"]')?.click();
      for (let i = 0; i < 10; i++) await tick();
    }
  });
  await phase(`wheel, 20 rows open`, scroll(100));
  return out;
}

async function main(): Promise<void> {
  console.log(
    `bench:render-workloads — ${URL_PATH} in Chromium (1920×1080, no frame-rate limit): ${deployments} Deployments × ${replicas} (controllers off), ${rate} changes/s; load ${load()}`,
  );
  const data = mkdtempSync(join(tmpdir(), "lifeline-render-wl-"));
  const demo: ChildProcess = fork(process.argv[1], ["--demo", ...process.argv.slice(2)], {
    execArgv: ["--max-old-space-size=8000"],
  });
  const built = await new Promise<{ ms: number; kubeconfig: string }>((resolve, reject) => {
    demo.once("message", resolve);
    demo.once("exit", (code) => reject(new Error(`the demo cluster exited (${code})`)));
  });
  console.log(`  demo cluster built in ${(built.ms / 1000).toFixed(1)} s`);
  const log = openSync(join(data, "server.log"), "a");
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.LIFELINE_DEMO;
  const server: ChildProcess = spawn(process.execPath, ["scripts/start.mjs"], {
    env: {
      ...env,
      PORT: String(port),
      LIFELINE_HOST: "127.0.0.1",
      KUBECONFIG: built.kubeconfig,
      LIFELINE_DATA_DIR: data,
    },
    stdio: ["ignore", log, log],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    const t0 = Date.now();
    await waitFor(async () => (await fetch(`${base}/api/readyz`)).ok, 300_000, "the server");
    await waitFor(
      async () => {
        const body = await (await fetch(`${base}/api/workloads`)).json();
        const d = (body.workloads as { kind: string; counts: { available: number } }[]).filter(
          (w) => w.kind === "Deployment" && w.counts?.available === replicas,
        );
        return d.length === deployments;
      },
      600_000,
      `${deployments} available Deployments`,
    );
    console.log(
      `  the server holds every Deployment available ${(Date.now() - t0) / 1000} s after its start`,
    );
    demo.send("live");
    // A running server has served the page before.
    const s0 = Date.now();
    await (await fetch(`${base}${URL_PATH}`)).text();
    console.log(
      `  the server's first render of ${URL_PATH}: ${Date.now() - s0} ms; load ${load()}`,
    );
    const browser = await chromium.launch(chromiumLaunch({ unthrottledFrames: true }));
    const blank = await browser.newContext();
    await (await blank.newPage()).goto("about:blank");
    await blank.close();
    const loads: Load[] = [];
    let page!: Page;
    for (let i = 0; i < COLD + CACHED; i++) {
      if (i < COLD) {
        if (page) await page.context().close();
        const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
        await context.addInitScript(instrument);
        page = await context.newPage();
      }
      loads.push(await measureLoad(page, base));
    }
    const f = (v: number | null) => (v === null || Number.isNaN(v) ? "—" : v.toFixed(0));
    const show = (k: keyof Load) => loads.map((l) => f(l[k])).join(", ");
    console.log(
      `  loads (${COLD} cold, then ${CACHED} with the code cached), ms after navigation:`,
    );
    console.log(`    first contentful paint: ${show("fcp")}`);
    // An event stream is in Resource Timing only once it ends: nothing to print while it is open.
    if (loads.some((l) => !Number.isNaN(l.asked)))
      console.log(`    the list asked: ${show("asked")}; its first byte: ${show("answered")}`);
    console.log(`    first workload row on screen: ${show("row")}`);
    console.log(`    first row's lane drawn: ${show("lane")}`);
    console.log(`    every shown row's lane drawn: ${show("lanes")}`);

    const cdp = profile ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }
    if (trace)
      await browser.startTracing(page, {
        categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"],
      });
    page.on("console", (m) => m.text().startsWith("phase") && console.log(`    ${m.text()}`));
    const out = await page.evaluate(phases, 25_000);
    if (trace) printTrace(await browser.stopTracing());
    if (cdp) printProfile((await cdp.send("Profiler.stop")).profile as unknown as Profile);
    for (const [name, { frames, long }] of Object.entries(out))
      console.log(
        `  ${name}: ${frames.length} frames, p50 ${pct(frames, 50).toFixed(1)} / p95 ${pct(frames, 95).toFixed(1)} / p99 ${pct(frames, 99).toFixed(1)} / max ${pct(frames, 100).toFixed(1)} ms; ` +
          `long tasks ${long.length} (${long.reduce((a, b) => a + b, 0).toFixed(0)} ms, max ${long.length ? Math.max(...long).toFixed(0) : 0} ms)`,
      );
    const heap = await page.evaluate(() => ({
      heap:
        (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory
          ?.usedJSHeapSize ?? 0,
      nodes: document.getElementsByTagName("*").length,
    }));
    console.log(
      `  page heap ${(heap.heap / 1048576).toFixed(0)} MiB, ${heap.nodes} elements; load ${load()}`,
    );
    await browser.close();
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    demo.send("exit");
    const n = await new Promise<number>((r) =>
      demo.on("message", (m: { what?: string; n?: number }) => m.what === "changes" && r(m.n!)),
    );
    console.log(`  the demo cluster made ${n} changes`);
    rmSync(data, { recursive: true, force: true });
  }
  process.exit(0);
}

(process.argv.includes("--demo") ? demoChild() : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
