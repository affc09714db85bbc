// The overview in Chromium with 1,000 and 5,000 pods from the embedded demo cluster: time to the
// first paint of the rows and lanes, then frame times while scrolling and zooming. Chromium runs
// without its frame-rate limit, so a frame's time is its real cost, not the 16.7 ms vsync tick.
// Usage: npm run bench:render [-- --pods 1000,5000 --port 3300]
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg("pods", "1000,5000").split(",").map(Number);
const port = Number(arg("port", "3300"));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

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
  const server: ChildProcess = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, LIFELINE_DEMO: "1", LIFELINE_DEMO_SCALE: String(pods - 21), LIFELINE_DEMO_CHURN: "2", LIFELINE_DATA_DIR: data },
    stdio: "ignore",
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => (await fetch(`${base}/api/readyz`)).ok, 120_000, "the server");
    await waitFor(async () => (await (await fetch(`${base}/api/cluster`)).json()).pods >= pods - 21, 120_000, `${pods} pods`);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-frame-rate-limit", "--disable-gpu-vsync"],
    });
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const firstPaints: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`${base}/?window=1h`);
      // Navigation start → the rows are in the DOM and the lanes canvas has pixels, measured in the page.
      firstPaints.push(await page.evaluate(async (n) => {
        await new Promise<void>((resolve) => {
          const check = () => {
            const c = document.querySelector<HTMLCanvasElement>('[data-testid="lanes"]');
            const count = document.querySelector('[data-testid="count"]')?.textContent ?? "";
            const shown = Number(count.split(" ")[0]);
            if (c && c.width > 0 && shown >= n && document.querySelectorAll('[role="row"][data-pod]').length > 10) {
              const d = c.getContext("2d")!.getImageData(0, 0, c.width, 40).data;
              if (d.some((v, j) => j % 4 === 3 && v > 0)) return resolve();
            }
            requestAnimationFrame(check);
          };
          check();
        });
        return performance.now();
      }, pods - 21));
    }
    // Frames: scroll the grid a screen at a time, then zoom in and out, each step one frame.
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
      const scroll = await measure(240, (i) => (grid.scrollTop = ((i * 420) % (grid.scrollHeight - grid.clientHeight))));
      grid.querySelector<HTMLElement>('[role="row"][data-pod]')?.focus();
      const key = (k: string) => grid.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
      const zoom = await measure(120, (i) => key(i % 20 < 10 ? "+" : "-"));
      return { scroll, zoom };
    });
    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    console.log(
      `${String(pods).padStart(5)} pods  first paint median ${pct(firstPaints, 50).toFixed(0)} ms (runs ${firstPaints.map((v) => v.toFixed(0)).join(", ")})  ` +
        `scroll frames p50 ${pct(frames.scroll, 50).toFixed(1)} / p95 ${pct(frames.scroll, 95).toFixed(1)} ms  ` +
        `zoom frames p50 ${pct(frames.zoom, 50).toFixed(1)} / p95 ${pct(frames.zoom, 95).toFixed(1)} ms  page heap ${(heap / 1048576).toFixed(0)} MiB`,
    );
    await browser.close();
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    rmSync(data, { recursive: true, force: true });
  }
}

console.log("bench:render — the overview in Chromium (1920×1080, no frame-rate limit), pods from the embedded demo cluster");
for (const n of sizes) await run(n);
