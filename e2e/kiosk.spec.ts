// The kiosk on the shared server: fits 1920×1080 and 3840×2160 without scrollbars, unhealthy
// first, cycles its pages by itself. (Stale and recovery: cluster-gone.spec.ts.)
import { expect, test } from "@playwright/test";

for (const [width, height] of [
  [1920, 1080],
  [3840, 2160],
]) {
  test(`fits ${width}×${height} with no scrollbars, unhealthy first`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto("/kiosk?namespaces=dev");
    await expect(page.getByTestId("kiosk-card").first()).toBeVisible();
    await expect(page.getByTestId("kiosk")).toHaveAttribute("data-fresh", "live");
    await expect(page.getByTestId("kiosk-clock")).toHaveText(/^\d\d:\d\d:\d\d$/);
    await expect(page.getByTestId("kiosk-cluster")).toHaveText("the embedded demo cluster");
    // Tailwind's bg-vermillion is the palette's vermillion (lib/view/palette.ts, a CSS variable on <html>).
    await expect(page.getByTestId("kiosk-failing")).toHaveCSS(
      "background-color",
      "rgb(213, 94, 0)",
    );
    const m = await page.evaluate(() => ({
      sw: document.documentElement.scrollWidth,
      sh: document.documentElement.scrollHeight,
      w: innerWidth,
      h: innerHeight,
    }));
    expect(m.sw).toBeLessThanOrEqual(m.w);
    expect(m.sh).toBeLessThanOrEqual(m.h);
    // Every card lies inside the screen.
    const outside = await page.getByTestId("kiosk-card").evaluateAll(
      (cards) =>
        cards.filter((c) => {
          const r = c.getBoundingClientRect();
          return r.bottom > innerHeight || r.right > innerWidth;
        }).length,
    );
    expect(outside).toBe(0);
    const problems = await page
      .getByTestId("kiosk-card")
      .evaluateAll((cards) => cards.map((c) => Number(c.getAttribute("data-problem"))));
    expect(problems[0]).toBe(2); // lib/health rank: 2 failing, 1 warning, 0 ok
    expect([...problems].sort((a, b) => b - a)).toEqual(problems);
    await page.screenshot({ path: `e2e/screenshots/kiosk-${width}x${height}.png` });
  });
}

test("cycles through its pages by itself when the pods do not fit one screen", async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto("/kiosk?namespaces=dev&cycle=5s");
  await expect(page.getByTestId("kiosk-card").first()).toBeVisible();
  // The first cards are the HTML's (for a 1920 × 1080 screen, at the server's moment): the pages
  // compared are the stream's.
  await expect(page.getByTestId("kiosk")).toHaveAttribute("data-fresh", "live");
  await expect(page.getByTestId("kiosk")).toHaveAttribute("data-page", /^1\/[2-9]$/);
  const names = async () =>
    page.locator('[data-testid="kiosk-card"] span.truncate.font-semibold').allInnerTexts();
  const page1 = await names();
  await expect(page.getByTestId("kiosk")).toHaveAttribute("data-page", /^2\//, { timeout: 12_000 });
  const page2 = await names();
  expect(page2.filter((n) => page1.includes(n))).toEqual([]);
  // Unreadable parameters are named, not fatal.
  await page.goto("/kiosk?namespaces=dev&cycle=1s");
  await expect(page.getByTestId("kiosk-problems")).toContainText(
    "cycle must be between 5s and 600s",
  );
  await expect(page.getByTestId("kiosk-card").first()).toBeVisible();
});

test.describe("before its JavaScript has run", () => {
  test("the page's HTML holds the first cards, unhealthy first, with the counts", async ({
    page,
  }) => {
    // The page's own scripts never load: no hydration, no stream. What shows is the server's HTML
    // (and React's inline script that reveals its streamed part).
    await page.route("**/_next/static/**/*.js", (route) => route.abort());
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto("/kiosk?namespaces=dev");
    const cards = page.getByTestId("kiosk-card");
    await expect(cards.first()).toBeVisible();
    const problems = await cards.evaluateAll((all) =>
      all.map((c) => Number(c.getAttribute("data-problem"))),
    );
    expect(problems.length).toBeGreaterThan(5);
    expect(problems[0]).toBe(2);
    expect([...problems].sort((a, b) => b - a)).toEqual(problems);
    // The counts are the server's over every pod of the namespace (more than the cards hold here).
    const counted = Number(
      /^([\d,]+) pods/
        .exec((await page.getByTestId("kiosk-counts").innerText()).trim())?.[1]
        ?.replace(/,/g, ""),
    );
    expect(counted).toBeGreaterThanOrEqual(problems.length);
    await expect(page.getByTestId("kiosk-failing")).toBeVisible();
  });
});
