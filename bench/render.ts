// The overview in Chromium with 1,000 and 5,000 pods from the embedded demo cluster: time to the
// first paint of the rows and lanes, then frame times while scrolling and zooming. Chromium runs
// without its frame-rate limit, so a frame's time is its real cost, not the 16.7 ms vsync tick.
// --light: the demo cluster's light scale pods (LIFELINE_DEMO_LIGHT=1), the only way it holds
// 150,000; the live overview then holds a window of rows (lib/live/views.ts), and "every pod live"
// below means the window's rows painted.
// Usage: npm run bench:render [-- --pods 1000,5000 --port 3300 --light]
import { chromiumLaunch } from "./chromium";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "@playwright/test";
import { printProfile, printTrace, type Profile } from "./trace-print";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg("pods", "1000,5000").split(",").map(Number);
const port = Number(arg("port", "3300"));
// --trace: also record a Chrome trace of the scroll and zoom frames and print where the main thread's time went.
const trace = process.argv.includes("--trace");
const light = process.argv.includes("--light");
/** Loads with a cold browser (a new context each: nothing cached); three reloads with the code cached follow. */
const COLD = 5;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

async function waitFor(fn: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await fn().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function run(pods: number): Promise<void> {
  const data = mkdtempSync(join(tmpdir(), "lifeline-render-"));
  // The server `npm start` runs (scripts/start.mjs: Next in-process behind its own HTTP server).
  const server: ChildProcess = spawn(process.execPath, ["scripts/start.mjs"], {
    env: {
      ...process.env,
      PORT: String(port),
      LIFELINE_HOST: "127.0.0.1",
      LIFELINE_DEMO: "1",
      LIFELINE_DEMO_SCALE: String(pods - 21),
      LIFELINE_DEMO_CHURN: "2",
      ...(light ? { LIFELINE_DEMO_LIGHT: "1" } : {}),
      LIFELINE_DATA_DIR: data,
    },
    stdio: "ignore",
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    // A minute more for every 10,000 pods (150,000 light pods take minutes to create and sync here).
    const patience = 120_000 + (pods / 10_000) * 60_000;
    await waitFor(async () => (await fetch(`${base}/api/readyz`)).ok, patience, "the server");
    await waitFor(
      async () => (await (await fetch(`${base}/api/cluster`)).json()).pods >= pods - 21,
      patience,
      `${pods} pods`,
    );
    const browser = await chromium.launch(chromiumLaunch({ unthrottledFrames: true }));
    // The server has served the page once (a running server has). COLD loads with a cold browser
    // (each in a new context, nothing cached), then three reloads with its code cached.
    const coldServer = Date.now();
    await (await fetch(`${base}/?window=1h`)).text();
    const serverFirst = Date.now() - coldServer;
    // Two moments per load, each the animation frame in which it is first true (the paint follows):
    // - rows: the first screen of rows is on screen with their text and lanes (the server's HTML, or the
    //   canvas), and the count names every pod;
    // - live: every pod is loaded from the stream and painted on the canvas (the full, interactive view).
    const firstRows: number[] = [];
    const allLive: number[] = [];
    // The browser is running already (a user's is): one blank page first, in a context of its own,
    // so the first measured load does not pay for starting the browser's processes.
    const blank = await browser.newContext();
    await (await blank.newPage()).goto("about:blank");
    await blank.close();
    let page!: Page;
    for (let i = 0; i < COLD + 3; i++) {
      if (i < COLD) {
        if (page) await page.context().close();
        const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
        await context.addInitScript((n: number) => {
          const w = window as unknown as { __rows?: number; __live?: number };
          const check = () => {
            const count = Number(
              (document.querySelector('[data-testid="count"]')?.textContent ?? "").split(" ")[0],
            );
            const c = document.querySelector<HTMLCanvasElement>('[data-testid="lanes"]');
            let painted = false;
            if (c && c.width > 0 && count >= n) {
              const d = c.getContext("2d")!.getImageData(0, 0, c.width, 40).data;
              painted = d.some((v, j) => j % 4 === 3 && v > 0);
            }
            const text =
              document.querySelectorAll('[role="row"][data-pod] [role="gridcell"] a').length > 10;
            if (w.__rows === undefined && count >= n && (text || painted))
              w.__rows = performance.now();
            if (painted && document.querySelectorAll('[role="row"][data-pod]').length > 10)
              w.__live = performance.now();
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }, pods - 21);
        page = await context.newPage();
      }
      await page.goto(`${base}/?window=1h`, { waitUntil: "commit" });
      await page.waitForFunction(
        () => (window as unknown as { __live?: number }).__live !== undefined,
        undefined,
        { timeout: 60_000, polling: 100 },
      );
      const at = await page.evaluate(() => [
        (window as unknown as { __rows: number }).__rows,
        (window as unknown as { __live: number }).__live,
      ]);
      firstRows.push(at[0]);
      allLive.push(at[1]);
    }
    // Frames: scroll the grid at two speeds, then zoom in and out, each step one frame.
    const cdp = trace ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }
    if (trace)
      await browser.startTracing(page, {
        categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"],
      });
    await page.waitForTimeout(1000);
    const frames = await page.evaluate(async () => {
      const grid = document.querySelector<HTMLElement>('[role="grid"]')!;
      const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
      const measure = async (steps: number, act: (i: number) => void) => {
        const out: number[] = [];
        let last = await frame();
        for (let i = 0; i < steps; i++) {
          act(i);
          const now = await frame();
          out.push(now - last);
          last = now;
        }
        return out;
      };
      const scroll = (step: number) =>
        measure(
          240,
          (i) => (grid.scrollTop = (i * step) % (grid.scrollHeight - grid.clientHeight)),
        );
      // A fast mouse wheel (100 px a frame, 6,000 px/s) and a fling (420 px a frame: a new screen of rows every 2–3 frames).
      const wheel = await scroll(100);
      const fling = await scroll(420);
      grid.querySelector<HTMLElement>('[role="row"][data-pod]')?.focus();
      const key = (k: string) =>
        grid.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
      const zoom = await measure(120, (i) => key(i % 20 < 10 ? "+" : "-"));
      return { wheel, fling, zoom };
    });
    if (trace) printTrace(await browser.stopTracing());
    if (cdp) printProfile((await cdp.send("Profiler.stop")).profile as unknown as Profile);
    const heap = await page.evaluate(
      () =>
        (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory
          ?.usedJSHeapSize ?? 0,
    );
    console.log(
      `${String(pods).padStart(5)} pods  first paint of the rows: cold browser median ${pct(firstRows.slice(0, COLD), 50).toFixed(0)} ms (${firstRows
        .slice(0, COLD)
        .map((v) => v.toFixed(0))
        .join(", ")}), ` +
        `code cached median ${pct(firstRows.slice(COLD), 50).toFixed(0)} ms (${firstRows
          .slice(COLD)
          .map((v) => v.toFixed(0))
          .join(", ")})\n        ` +
        `every pod live and painted: cold browser median ${pct(allLive.slice(0, COLD), 50).toFixed(0)} ms (${allLive
          .slice(0, COLD)
          .map((v) => v.toFixed(0))
          .join(", ")}), ` +
        `code cached median ${pct(allLive.slice(COLD), 50).toFixed(0)} ms (${allLive
          .slice(COLD)
          .map((v) => v.toFixed(0))
          .join(", ")}); the server's own first render of / ${serverFirst} ms\n        ` +
        `wheel frames p50 ${pct(frames.wheel, 50).toFixed(1)} / p95 ${pct(frames.wheel, 95).toFixed(1)} ms  ` +
        `fling frames p50 ${pct(frames.fling, 50).toFixed(1)} / p95 ${pct(frames.fling, 95).toFixed(1)} ms  ` +
        `zoom frames p50 ${pct(frames.zoom, 50).toFixed(1)} / p95 ${pct(frames.zoom, 95).toFixed(1)} ms  page heap ${(heap / 1048576).toFixed(0)} MiB`,
    );
    await browser.close();
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    rmSync(data, { recursive: true, force: true });
  }
}

console.log(
  "bench:render — the overview in Chromium (1920×1080, no frame-rate limit), pods from the embedded demo cluster",
);
for (const n of sizes) await run(n);
