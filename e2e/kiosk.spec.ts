// The kiosk on the shared server: fits 1920×1080 and 3840×2160 without scrollbars, unhealthy
// first, cycles its pages by itself. (Stale and recovery: cluster-gone.spec.ts.)
import { expect, test } from "@playwright/test";
import { workloadCards, type KioskWorkloadRow } from "../lib/view/kiosk-workloads";

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

test("group=workload: one card per workload, problems first by the workload health rule", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  // A 15-minute strip: the demo cluster is minutes old (at 10×), an hour's strip would be mostly empty.
  await page.goto("/kiosk?group=workload&cycle=off&window=15m");
  const cards = page.getByTestId("kiosk-card");
  await expect(page.getByTestId("kiosk")).toHaveAttribute("data-fresh", "live");
  const cron = cards.and(page.locator('[data-workload="batch/db-backup"]'));
  const checkout = cards.and(page.locator('[data-workload="rollouts/checkout"]'));
  await expect(cron).toHaveAttribute("data-kind", "CronJob");
  await expect(checkout).toHaveAttribute("data-kind", "Deployment");
  // A CronJob's Jobs are its runs and a Deployment's ReplicaSets its revisions: no cards of their
  // own (a ReplicaSet no Deployment owns, as dev's seed stories have, is a workload of its own).
  const listed = (await (await page.request.get("/api/workloads")).json()) as {
    workloads: KioskWorkloadRow[];
  };
  const owned = listed.workloads.filter(
    (w) => (w.kind === "Job" || w.kind === "ReplicaSet") && w.owner,
  );
  expect(owned.filter((w) => w.owner!.kind === "CronJob").length).toBeGreaterThan(0);
  expect(owned.filter((w) => w.owner!.kind === "Deployment").length).toBeGreaterThan(0);
  for (const w of owned)
    await expect(cards.and(page.locator(`[data-workload="${w.namespace}/${w.name}"]`))).toHaveCount(
      0,
    );
  await expect(page.getByTestId("kiosk-counts")).toContainText(/\d+ workloads/);
  // The card's figures are kubectl's READY, its accessible name says what it is.
  await expect(checkout.getByTestId("kiosk-availability")).toHaveText(/^(⚠ )?\d+\/\d+ ready$/);
  await expect(checkout).toHaveAttribute("aria-label", /^Deployment rollouts\/checkout: /);
  await expect(cron.getByTestId("kiosk-availability")).toHaveText(
    /^(⚠ )?(last run (failed: )?\w+, .+ ago|no finished run)$/,
  );
  // Each card's strip over the window is drawn from its timeline (GET /api/workloads/{ns}/{kind}/{name}).
  await expect(
    checkout.getByRole("img", { name: "Availability and rollouts over the last 15m" }),
  ).toBeVisible();
  await expect(checkout.locator("svg rect[fill]").first()).toBeAttached();
  // The order is the health rule's over the server's rows at the server's clock (the stories move
  // on at 10×: read both again until they agree).
  await expect(async () => {
    const { workloads } = (await (await page.request.get("/api/workloads")).json()) as {
      workloads: KioskWorkloadRow[];
    };
    const { clock } = await (await page.request.get("/api/cluster")).json();
    const want = workloadCards(workloads, clock.now).map(
      (c) => `${c.row.kind}/${c.row.namespace}/${c.row.name}:${c.health.level}`,
    );
    const got = await cards.evaluateAll((all) =>
      all.map(
        (c) =>
          `${c.getAttribute("data-kind")}/${c.getAttribute("data-workload")}:${c.getAttribute("data-health")}`,
      ),
    );
    expect(got).toEqual(want.slice(0, got.length));
  }).toPass({ timeout: 20_000 });
  const problems = await cards.evaluateAll((all) =>
    all.map((c) => Number(c.getAttribute("data-problem"))),
  );
  // data/db (OrderedReady, db-1 never Ready) is short of its replicas for good: a problem card.
  expect(problems[0]).toBeGreaterThan(0);
  expect([...problems].sort((a, b) => b - a)).toEqual(problems);
  await page.screenshot({ path: "e2e/screenshots/kiosk-workloads.png" });
  // The lost node (dev's db-0's, Unknown 23 s in at 10×) is counted as the pod kiosk counts it.
  const body = await (await page.request.get("/api/pods?namespace=dev&search=db-0")).json();
  const lost = body.pods.find((p: { name: string }) => p.name === "db-0").node as string;
  const chip = page.getByTestId("kiosk-nodes");
  await expect(chip).toHaveAttribute("title", new RegExp(`^Not Ready: (.+, )?${lost}\\b`), {
    timeout: 60_000,
  });
  const [text, title] = [await chip.textContent(), await chip.getAttribute("title")];
  await page.goto("/kiosk?cycle=off&window=15m");
  await expect(page.getByTestId("kiosk-nodes")).toHaveAttribute("title", title!);
  await expect(page.getByTestId("kiosk-nodes")).toHaveText(text!);
  // A group the kiosk does not know is named; pods are shown.
  await page.goto("/kiosk?group=deployments&namespaces=dev");
  await expect(page.getByTestId("kiosk-problems")).toHaveText(
    'group "deployments" is not one of pod, workload; pod is used.',
  );
  await expect(page.getByTestId("kiosk-counts")).toContainText(/pods/);
});
