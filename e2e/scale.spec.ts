// The live overview at a few thousand pods: the browser gets a window of rows, not every row
// (lib/live/views.ts). It asks for the first 120 rows, draws a grid as tall as the whole list, and
// when the screen is scrolled far down it asks for the rows there and draws them; a search is
// answered by the server. A server of its own, on the demo cluster's light scale pods.
import { expect, test } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { killStarted, lifeline, ready } from "./processes";

const port = Number(process.env.E2E_PORT ?? 3100) + 12;
const base = `http://127.0.0.1:${port}`;
const PODS = 3000;

test.afterAll(killStarted);

test("the overview streams a window of rows and moves it where the screen is", async ({ page }) => {
  test.setTimeout(240_000);
  lifeline(port, {
    LIFELINE_DEMO: "1",
    LIFELINE_DEMO_SCALE: String(PODS),
    LIFELINE_DEMO_LIGHT: "1",
    LIFELINE_DATA_DIR: join(mkdtempSync(join(tmpdir(), "lifeline-scale-")), "data"),
  });
  await ready(base, 200_000);
  await expect
    .poll(
      async () =>
        (await (await fetch(`${base}/api/pods?namespace=scale&limit=1`)).json()).total as number,
      { timeout: 60_000 },
    )
    .toBe(PODS);

  const streams: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/stream")) streams.push(new URL(r.url()).search);
  });
  // By name, in the scale namespace: load-0, load-1, load-10, load-100, … (kubectl's order of text).
  await page.goto(`${base}/?namespace=scale&sort=name`);
  const grid = page.locator("#rows");
  await expect(grid).toHaveAttribute("aria-rowcount", String(PODS + 1));
  await expect(page.locator('[data-pod="scale/load-0"]')).toBeAttached();
  // (A fresh install's default window is the minutes it has: window=15m.)
  expect(streams[0]).toMatch(/^\?namespace=scale&sort=name(&window=\w+)?&limit=120$/);

  // What the first frame weighs: the window's rows, not 3,000.
  const res = await fetch(`${base}/api/stream?namespace=scale&sort=name&limit=120`);
  const reader = res.body!.getReader();
  let first = "";
  while (!first.includes("\n\n")) first += new TextDecoder().decode((await reader.read()).value);
  await reader.cancel();
  const snapshot = JSON.parse(/^event: snapshot\ndata: (.*)$/m.exec(first)![1]);
  expect(snapshot.pods).toHaveLength(120);
  expect(snapshot.window).toMatchObject({ offset: 0, total: PODS, counts: { all: PODS } });

  // The bottom of the list: a stream for the rows there, and they are drawn.
  const sorted = Array.from({ length: PODS }, (_, i) => `load-${i}`).sort();
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.locator(`[data-pod="scale/${sorted[PODS - 1]}"]`)).toBeAttached({
    timeout: 10_000,
  });
  expect(streams.at(-1)).toMatch(
    /^\?namespace=scale&sort=name(&window=\w+)?&offset=2880&limit=120$/,
  );
  await expect(page.locator("[data-coming]")).toHaveCount(0);
  await page.screenshot({ path: "test-results/scale-bottom.png" });

  // A search, answered by the server: 11 names hold "load-99" (load-99 and load-990 … load-999).
  await page.getByRole("searchbox").fill("load-99");
  const want = sorted.filter((n) => n.includes("load-99"));
  expect(want).toHaveLength(11);
  await expect(grid).toHaveAttribute("aria-rowcount", String(want.length + 1));
  await expect(page.locator(`[data-pod="scale/${want[0]}"]`)).toBeAttached();
  expect(streams.at(-1)).toMatch(/search=load-99/);
});
