// What a user sees (issue 15 §6, issue 16 #9): the default window, the kiosk's hydration and text,
// empty filters, the search box, row clicks and taps, tooltips at the edge, the skip link, Chinese
// everywhere, and the small pages. Waits on what the page shows, never on the clock.
import { expect, test, type ConsoleMessage, type Page } from "@playwright/test";

const rowOf = (page: Page, pod: string) => page.locator(`[role="row"][data-pod="dev/${pod}"]`);
const PRESETS: [string, number][] = [
  ["15m", 15 * 60_000],
  ["1h", 3_600_000],
];

// First in this file: on a fresh install the data is minutes old.
test("the default window fits the data's age: a fresh install shows its lanes, not a sliver at the right", async ({
  page,
}) => {
  await page.goto("/");
  await expect(rowOf(page, "big-batch")).toBeVisible({ timeout: 30_000 });
  const { pods } = await (await page.request.get("/api/pods")).json();
  const { clock } = await (await page.request.get("/api/cluster")).json();
  const since = Math.min(
    ...pods.map((p: { recent: { start: number }[] }) => p.recent[0]?.start ?? Infinity),
  );
  const age = clock.now - since;
  // The smallest window that holds what Lifeline has seen, at most the usual hour.
  const want = PRESETS.find(([, ms]) => ms >= age)?.[0] ?? "1h";
  await expect(page.getByTestId(`window-${want}`)).toHaveAttribute("aria-pressed", "true");
  await page.screenshot({ path: "e2e/screenshots/fresh-install.png" });
});

test.describe("kiosk", () => {
  test("loads without a hydration error, in UTC and in Asia/Shanghai", async ({ browser }) => {
    test.setTimeout(150_000);
    for (const timezoneId of ["UTC", "Asia/Shanghai"]) {
      const context = await browser.newContext({ timezoneId });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("console", (m: ConsoleMessage) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(e.message));
      for (let i = 0; i < 4; i++) {
        await page.goto("/kiosk?namespaces=dev");
        await expect(page.getByTestId("kiosk-card").first()).toBeVisible({ timeout: 30_000 });
        await expect(page.getByTestId("kiosk-clock")).toHaveText(/^\d\d:\d\d:\d\d$/);
      }
      expect(errors, timezoneId).toEqual([]);
      await context.close();
    }
  });

  for (const [width, height] of [
    [1920, 1080],
    [1280, 720],
  ]) {
    test(`fits its status text at ${width}×${height}`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.goto("/kiosk?namespaces=dev");
      await expect(
        page.locator('[data-testid="kiosk-card"][data-status="CrashLoopBackOff"]').first(),
      ).toBeVisible({ timeout: 30_000 });
      const cut = await page
        .getByTestId("kiosk-card")
        .evaluateAll((cards) =>
          cards.flatMap((c) =>
            [...c.querySelectorAll<HTMLElement>("div:nth-child(2) > span")]
              .filter((s) => s.scrollWidth > s.clientWidth + 1)
              .map((s) => s.textContent),
          ),
        );
      expect(cut).toEqual([]);
      // Every line of every card is inside the card (the last one too).
      const clipped = await page
        .getByTestId("kiosk-card")
        .evaluateAll(
          (cards) =>
            cards.filter((c) =>
              [...c.children].some(
                (k) => k.getBoundingClientRect().bottom > c.getBoundingClientRect().bottom + 1,
              ),
            ).length,
        );
      expect(clipped).toBe(0);
      await page.screenshot({ path: `e2e/screenshots/kiosk-fit-${width}x${height}.png` });
    });
  }
});

test.describe("overview", () => {
  test("a filter that matches nothing says so, and names an unknown namespace", async ({
    page,
  }) => {
    await page.goto("/?namespace=no-such-namespace");
    await expect(page.getByTestId("overview-empty")).toContainText("no-such-namespace", {
      timeout: 30_000,
    });
    await expect(page.getByTestId("overview-empty")).not.toContainText("The cluster has no pods");
    await page.goto("/?selector=app%3Dnothing-has-this");
    await expect(page.getByTestId("overview-empty")).toHaveText("No pod matches these filters.", {
      timeout: 30_000,
    });
    await page.goto("/?search=zzz-nothing");
    await expect(page.getByTestId("overview-empty")).toHaveText("No pod matches these filters.", {
      timeout: 30_000,
    });
  });

  test("clearing the search and then changing another filter never brings the old search back", async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await page.goto("/");
    await expect(rowOf(page, "big-batch")).toBeVisible({ timeout: 30_000 });
    const search = page.getByTestId("filter-search");
    for (const wait of [0, 150, 220, 400]) {
      await search.fill("liveness");
      await expect(page).toHaveURL(/search=liveness/);
      await search.fill("");
      if (wait) await page.waitForTimeout(wait);
      await page.getByTestId("filter-node").selectOption({ index: 1 });
      await expect(page).toHaveURL(/node=/);
      await page.waitForTimeout(600);
      expect(page.url(), `after ${wait} ms`).not.toContain("search=");
      await expect(search).toHaveValue("");
      await page.getByTestId("filter-node").selectOption({ index: 0 });
      await expect(page).not.toHaveURL(/node=/);
    }
  });

  test("a click on a row's STATUS cell, or a tap on its name, opens the pod", async ({
    browser,
  }) => {
    test.setTimeout(150_000);
    for (const touch of [false, true]) {
      const context = await browser.newContext({
        hasTouch: touch,
        viewport: { width: 1400, height: 900 },
      });
      const page = await context.newPage();
      await page.goto("/?search=big-batch");
      const row = rowOf(page, "big-batch");
      await expect(row).toBeVisible({ timeout: 30_000 });
      // Wait for the live rows (the canvas), not the server's first screen.
      await expect(page.getByTestId("lanes")).toBeAttached({ timeout: 30_000 });
      const box = (await row.boundingBox())!;
      const header = (await page.getByTestId("sort-status").boundingBox())!;
      const name = (await page.getByTestId("sort-name").boundingBox())!;
      if (touch) await page.touchscreen.tap(name.x + 20, box.y + box.height / 2);
      else await page.mouse.click(header.x + 30, box.y + box.height / 2);
      await expect(page, touch ? "tap" : "click").toHaveURL(/\/pods\/dev\/big-batch\?uid=/, {
        timeout: 10_000,
      });
      await context.close();
    }
  });

  test("the lane tooltip stays on screen at the right edge and at the bottom", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/");
    await expect(rowOf(page, "big-batch")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("lanes")).toBeAttached({ timeout: 30_000 });
    const grid = (await page.locator("#rows, [role=grid]").first().boundingBox())!;
    const tip = page.getByTestId("lane-tooltip");
    // The lane's last pixels, on the top row and on the lowest row on screen.
    for (const y of [grid.y + 44 + 14, grid.y + grid.height - 8]) {
      // Until the live rows have taken over from the server's first screen, a move may find no lane.
      await expect(async () => {
        await page.mouse.move(grid.x + grid.width - 41, y);
        await page.mouse.move(grid.x + grid.width - 40, y);
        await expect(tip).toBeVisible({ timeout: 1000 });
      }).toPass({ timeout: 15_000 });
      await expect
        .poll(
          async () => {
            const r = (await tip.boundingBox())!;
            return r.x >= 0 && r.x + r.width <= 1280 && r.y >= 0 && r.y + r.height <= 800;
          },
          { timeout: 2000 },
        )
        .toBe(true);
    }
  });

  test("a skip link reaches the rows in a few Tab presses", async ({ page }) => {
    await page.goto("/");
    await expect(rowOf(page, "big-batch")).toBeVisible({ timeout: 30_000 });
    await page.locator("body").click({ position: { x: 1, y: 1 } });
    let reached = false;
    for (let i = 0; i < 3 && !reached; i++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => ({
        tag: document.activeElement?.tagName,
        href: document.activeElement?.getAttribute("href"),
      }));
      if (focused.tag === "A" && focused.href === "#rows") {
        await page.keyboard.press("Enter");
        reached = await page.evaluate(() => document.activeElement?.getAttribute("role") === "row");
      }
    }
    expect(reached).toBe(true);
  });
});

test.describe("Chinese", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "accept-language": "zh-CN" } });

  test("the overview, its banner, its keys and /stories are Chinese; AGE and the legend do not wrap", async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width: 1600, height: 900 });
    await page.goto("/");
    await expect(page.getByTestId("count")).toContainText("显示", { timeout: 30_000 });
    await expect(page.getByTestId("connection-detail")).not.toContainText(
      /[A-Za-z]{4,} [a-z]{3,}/,
      { timeout: 30_000 },
    );
    const hints = page.getByText(/按键/);
    await expect(hints).not.toContainText("wheel");
    await expect(hints).not.toContainText("drag");
    const age = (await page.getByTestId("sort-age").boundingBox())!;
    expect(age.height).toBeLessThan(24);
    const legend = page.locator('[data-testid="legend"] > span');
    await expect(legend.first()).toBeVisible();
    for (const h of await legend.evaluateAll((items) =>
      items.map((i) => i.getBoundingClientRect().height),
    ))
      expect(h).toBeLessThan(24);
    await page.screenshot({ path: "e2e/screenshots/overview-zh.png" });
    await page.goto("/stories");
    const intro = page.locator("main header p");
    await expect(intro).not.toContainText("Pod lifecycles as timelines");
    await expect(page.locator("main")).not.toContainText("come next");
    await expect(page.locator("main section").first().locator("h2")).not.toHaveText(
      /^[A-Za-z ,:()]+$/,
    );
    await page.screenshot({ path: "e2e/screenshots/stories-zh.png" });
  });
});

test.describe("small pages", () => {
  test("/stories no longer says live views come next", async ({ page }) => {
    await page.goto("/stories");
    await expect(page.locator("main header")).toBeVisible();
    await expect(page.locator("main header")).not.toContainText("come next");
  });

  test("the pod 404 says its sentence once; the snapshot 404 links home", async ({ page }) => {
    await page.goto("/pods/dev/no-such-pod");
    const error = page.getByTestId("pod-error");
    await expect(error).toBeVisible({ timeout: 30_000 });
    const text = (await error.textContent()) ?? "";
    expect(text.match(/never seen/g)?.length).toBe(1);
    await page.goto("/s/AAAAAAAAAAAAAAAAAAAAAAAA");
    await expect(page.getByTestId("snapshot-missing")).toBeVisible();
    await page.getByTestId("snapshot-missing").getByRole("link").click();
    await expect(page).toHaveURL(/\/$/);
  });

  test("the next commands fit their box", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/pods/dev/memory-hog");
    const why = page.getByTestId("why-now");
    await expect(why.locator("pre, code").first()).toBeVisible({ timeout: 30_000 });
    const over = await why
      .locator("pre, code, li")
      .evaluateAll((els) =>
        els
          .filter(
            (e) =>
              e.scrollWidth > e.clientWidth + 1 ||
              e.getBoundingClientRect().right >
                e.closest('[data-testid="why-now"]')!.getBoundingClientRect().right + 1,
          )
          .map((e) => e.textContent),
      );
    expect(over).toEqual([]);
    await why.screenshot({ path: "e2e/screenshots/next-commands.png" });
  });
});
