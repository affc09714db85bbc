// The kiosk left running: Chromium shows /kiosk against `npm start`'s server on the demo cluster
// with churn (containers killed every second, pods restarting, pages cycling), and every
// --sample seconds (when page 1 of the cards comes round again, so samples compare) the page's JS
// heap after a forced GC, its DOM nodes and event listeners are read over the DevTools protocol. Prints each sample and the heap's trend (least squares over the
// run after the first 10 %). The soak is 24 h: `--minutes 1440`. `--light 1`: the scale
// pods are light (LIFELINE_DEMO_LIGHT=1: 150,000 fit); `--first-paint N`: before the soak, N fresh
// pages of /kiosk, each timed from navigation to its first card, with its heap and the load average.
// Usage: npm run bench:kiosk [-- --minutes 1440 --sample 60 --scale 200 --churn 2 --speed 10 --port 3310
//   --light 1 --first-paint 3]
import { chromiumLaunch } from "./chromium";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const minutes = Number(arg("minutes", "1440"));
const sampleS = Number(arg("sample", "60"));
const scale = Number(arg("scale", "200"));
const churn = Number(arg("churn", "2"));
const speed = Number(arg("speed", "10"));
const port = Number(arg("port", "3310"));
const light = arg("light", "0") === "1";
const firstPaints = Number(arg("first-paint", "0"));
const base = `http://127.0.0.1:${port}`;
const MiB = 1024 * 1024;

function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  const num = points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return den ? num / den : 0;
}

async function main(): Promise<void> {
  if (
    spawnSync(process.execPath, ["scripts/start.mjs", "--build-only"], { stdio: "inherit" })
      .status !== 0
  )
    throw new Error("the build failed");
  const server: ChildProcess = spawn(process.execPath, ["scripts/start.mjs"], {
    env: {
      ...process.env,
      PORT: String(port),
      LIFELINE_HOST: "127.0.0.1",
      LIFELINE_DEMO: "1",
      LIFELINE_DEMO_SPEED: String(speed),
      LIFELINE_DEMO_SCALE: String(scale),
      LIFELINE_DEMO_CHURN: String(churn),
      ...(light ? { LIFELINE_DEMO_LIGHT: "1" } : {}),
      LIFELINE_DATA_DIR: mkdtempSync(join(tmpdir(), "lifeline-soak-")),
    },
    stdio: "ignore",
  });
  const started = Date.now();
  try {
    for (let i = 0; ; i++) {
      if ((await fetch(`${base}/api/readyz`).catch(() => null))?.ok) break;
      if (i > 1200) throw new Error("the server did not become ready in 10 minutes");
      await new Promise((r) => setTimeout(r, 500));
    }
    const browser = await chromium.launch(chromiumLaunch({ unthrottledFrames: false }));
    const ready = Date.now();
    console.log(`server ready (synced) after ${((ready - started) / 1000).toFixed(0)} s`);
    // First paint: a fresh page each time, from navigation to the first card on screen.
    for (let i = 0; i < firstPaints; i++) {
      const p = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      const t0 = Date.now();
      await p.goto(`${base}/kiosk?cycle=20s`, { waitUntil: "commit" });
      await p.getByTestId("kiosk-card").first().waitFor({ timeout: 300_000 });
      const ms = Date.now() - t0;
      const c = await p.context().newCDPSession(p);
      await c.send("HeapProfiler.collectGarbage");
      const { usedSize } = (await c.send("Runtime.getHeapUsage")) as { usedSize: number };
      const text = (id: string) =>
        p
          .getByTestId(id)
          .textContent({ timeout: 1000 })
          .catch(() => "");
      console.log(
        `first paint ${i + 1}: ${ms} ms to the first card; heap ${(usedSize / MiB).toFixed(1)} MiB; cards ${await p.getByTestId("kiosk-card").count()}; header "${await text("kiosk-counts")}"; overflow "${await text("kiosk-overflow")}"; load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")}`,
      );
      await p.close();
      await new Promise((r) => setTimeout(r, 5000));
    }
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${base}/kiosk?cycle=20s`);
    await page.getByTestId("kiosk-card").first().waitFor({ timeout: 60_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const start = Date.now();
    const samples: {
      t: number;
      heap: number;
      nodes: number;
      listeners: number;
      fresh: string;
      page: string;
      serverRss: number;
    }[] = [];
    console.log(
      `kiosk soak: ${scale + 21} pods${light ? " (light)" : ""}, ${churn} container kills/s, demo clock ×${speed}, ${minutes} min, a sample every ${sampleS} s`,
    );
    console.log("   min   heap MiB   DOM nodes   listeners   fresh   page    server RSS MiB");
    const kiosk = page.getByTestId("kiosk");
    while (Date.now() - start < minutes * 60_000) {
      // Samples are comparable only on the same page of cards: wait for page 1 to come round.
      const pages = Number(((await kiosk.getAttribute("data-page")) ?? "1/1").split("/")[1]);
      if (pages > 1)
        await page
          .waitForFunction(
            () =>
              document
                .querySelector("[data-testid=kiosk]")
                ?.getAttribute("data-page")
                ?.startsWith("1/"),
            null,
            { timeout: (pages + 1) * 20_000, polling: 200 },
          )
          .catch(() => {});
      await cdp.send("HeapProfiler.collectGarbage");
      const { usedSize } = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number };
      const { metrics } = (await cdp.send("Performance.getMetrics")) as {
        metrics: { name: string; value: number }[];
      };
      const metric = (n: string) => metrics.find((m) => m.name === n)?.value ?? NaN;
      const cluster = await (await fetch(`${base}/api/cluster`)).json();
      const s = {
        t: (Date.now() - start) / 60_000,
        heap: usedSize / MiB,
        nodes: metric("Nodes"),
        listeners: metric("JSEventListeners"),
        fresh: (await kiosk.getAttribute("data-fresh")) ?? "?",
        page: (await kiosk.getAttribute("data-page")) ?? "?",
        serverRss: cluster.memory.rss / MiB,
      };
      samples.push(s);
      console.log(
        `${s.t.toFixed(1).padStart(6)}   ${s.heap.toFixed(2).padStart(8)}   ${String(s.nodes).padStart(9)}   ${String(s.listeners).padStart(9)}   ${s.fresh.padEnd(5)}   ${s.page.padEnd(5)}   ${s.serverRss.toFixed(0).padStart(6)}`,
      );
      await new Promise((r) => setTimeout(r, sampleS * 1000));
    }
    const settled = samples.filter((s) => s.t >= minutes * 0.1);
    const heaps = settled.map((s) => s.heap);
    console.log(
      `\nafter the first 10 %: heap ${Math.min(...heaps).toFixed(2)}–${Math.max(...heaps).toFixed(2)} MiB, trend ${(slope(settled.map((s) => [s.t / 60, s.heap])) * 1024).toFixed(1)} KiB/hour; DOM nodes ${Math.min(...settled.map((s) => s.nodes))}–${Math.max(...settled.map((s) => s.nodes))}; listeners ${Math.min(...settled.map((s) => s.listeners))}–${Math.max(...settled.map((s) => s.listeners))}; stale samples ${samples.filter((s) => s.fresh !== "live").length} of ${samples.length}`,
    );
    await browser.close();
  } finally {
    server.kill("SIGTERM");
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
