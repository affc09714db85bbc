// The kiosk at a few thousand pods with churn (containers killed, pods in CrashLoopBackOff): its
// stream holds a few pages of cards (GET /api/stream?limit=…, problems first), and the pods in
// trouble its cards cannot hold are counted below them by namespace, with how many are not shown.
// A server of its own, on the demo cluster's light scale pods.
import { expect, test } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { killStarted, lifeline, ready } from "./processes";

const port = Number(process.env.E2E_PORT ?? 3100) + 11;
const base = `http://127.0.0.1:${port}`;
const PODS = 3000;

test.afterAll(killStarted);

test("more pods in trouble than its pages hold: the rest by namespace, and how many", async ({
  page,
}) => {
  test.setTimeout(240_000);
  lifeline(port, {
    LIFELINE_DEMO: "1",
    LIFELINE_DEMO_SCALE: String(PODS),
    LIFELINE_DEMO_LIGHT: "1",
    LIFELINE_DEMO_CHURN: "100",
    LIFELINE_DEMO_SPEED: "10",
    LIFELINE_DATA_DIR: join(mkdtempSync(join(tmpdir(), "lifeline-kiosk-scale-")), "data"),
  });
  await ready(base, 200_000);
  const streams: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/stream")) streams.push(new URL(r.url()).search);
  });
  // 800 × 600 holds 2 × 5 cards: the stream asks for 5 screens of them, 50 rows.
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(`${base}/kiosk?namespaces=scale`);
  await expect(page.getByTestId("kiosk-card").first()).toBeVisible({ timeout: 60_000 });
  // The first cards come with the page's HTML (lib/routes/kiosk-preview.ts), before the page asks
  // for its stream: wait for the stream and its frames, which the counts below are read from.
  await expect
    .poll(() => streams[0], { timeout: 60_000 })
    .toBe("?namespace=scale&removed=0&limit=50");
  await expect(page.getByTestId("kiosk")).toHaveAttribute("data-fresh", "live", {
    timeout: 60_000,
  });
  await expect(page.getByTestId("kiosk-counts")).toContainText(
    `${PODS.toLocaleString("en-US")} pods`,
  );
  // The churn puts more than 50 pods in trouble.
  const hidden = page.getByTestId("kiosk-hidden-trouble");
  await expect(hidden).toHaveText(/^\+[\d,]+ more pods in trouble not shown$/, {
    timeout: 120_000,
  });
  await expect(page.getByTestId("kiosk-overflow-ns").first()).toHaveText(
    /^scale: ([\d,]+ failing(, [\d,]+ warning)?|[\d,]+ warning)$/,
  );
  // The strip took a row of cards: 2 × 4 on a page, every card and the strip inside the screen.
  await expect(page.getByTestId("kiosk")).toHaveAttribute("data-per-page", "8");
  const outside = await page
    .locator('[data-testid="kiosk-card"], [data-testid="kiosk-overflow"]')
    .evaluateAll(
      (els) =>
        els.filter((e) => {
          const r = e.getBoundingClientRect();
          return r.bottom > innerHeight || r.right > innerWidth;
        }).length,
    );
  expect(outside).toBe(0);
  // The number hidden is the header's failing and warning less the 50 held (one frame's counts).
  const n = (s: string | null) => Number((s ?? "").replace(/[^\d]/g, "") || 0);
  const agree = await page.evaluate(() => {
    const text = (id: string) => document.querySelector(`[data-testid=${id}]`)?.textContent ?? "";
    return [text("kiosk-failing"), text("kiosk-warning"), text("kiosk-hidden-trouble")];
  });
  expect(n(agree[0]) + n(agree[1]) - 50).toBe(n(agree[2]));
  await page.screenshot({ path: "e2e/screenshots/kiosk-overflow-800x600.png" });
});
