// Shareable links and exports, on the shared server: a copied link opens the same view in a new
// browser context (same tracks, window, zoom, selected track); a snapshot opens from its id; the
// pod view exports PNG, SVG and JSON; the overview's links keep its filters and window.
import { expect, test, type Page } from "@playwright/test";
import { readFileSync, writeFileSync } from "node:fs";

async function view(page: Page) {
  return {
    domain: await page.getByTestId("domain").innerText(),
    rows: await page
      .locator("g[data-row]")
      .evaluateAll((gs) => gs.map((g) => g.getAttribute("data-row"))),
    selected: await page
      .locator('g[data-selected="true"]')
      .evaluateAll((gs) => gs.map((g) => g.getAttribute("data-row"))),
  };
}

test("a copied frozen link opens the same tracks, window, zoom and selected track in a new context", async ({
  page,
  browser,
}) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto("/pods/dev/memory-hog");
  await expect(page.getByTestId("pod-timeline")).toBeVisible();
  await page.getByTestId("zoom-in").click();
  await page.getByTestId("zoom-in").click();
  // Pick a run on the container's track: it becomes the selected track.
  // On the run's own box: its label may run on over the back-off after it.
  await page.locator('g[data-row] g[data-kind="run"] rect').first().click();
  await expect(page.locator('g[data-selected="true"]')).toHaveCount(1);
  await expect(page).toHaveURL(/track=/);
  await page.getByTestId("copy-frozen-link").click();
  const link = await page.getByTestId("share-url").inputValue();
  expect(link).toMatch(/\/pods\/dev\/memory-hog\?uid=[0-9a-f-]+&at=.+&from=.+&to=.+&track=/);
  const sent = await view(page);

  const other = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const them = await other.newPage();
  await them.goto(link);
  await expect(them.getByTestId("frozen-banner")).toBeVisible();
  await expect(them.getByTestId("domain")).toHaveText(sent.domain);
  expect(await view(them)).toEqual(sent);
  // Frozen: nothing moves, no live follow.
  await expect(them.getByTestId("zoom-reset")).toHaveText("Whole life");
  // The explanation speaks of the link's moment, not of now.
  await expect(them.getByTestId("why-now")).toContainText(/At \d{4}-\d{2}-\d{2}/);
  await expect(them.getByTestId("why-now")).not.toContainText("Now:");
  // The same moment as epoch milliseconds (as the API takes it) is frozen too, not live.
  const asMs = new URL(link);
  const at = asMs.searchParams.get("at")!;
  expect(Number.isFinite(Date.parse(at)) && !/^\d+$/.test(at)).toBe(true); // the link writes an ISO time
  asMs.searchParams.set("at", String(Date.parse(at)));
  await them.goto(asMs.toString());
  await expect(them.getByTestId("frozen-banner")).toBeVisible();
  await expect(them.getByTestId("zoom-reset")).toHaveText("Whole life");
  await other.close();
});

test("a live link follows now and keeps the pod (by uid), the zone and the selected track", async ({
  page,
  browser,
}) => {
  await page.goto("/pods/dev/memory-hog?tz=utc");
  await expect(page.getByTestId("pod-timeline")).toBeVisible();
  // On the run's own box: its label may run on over the back-off after it.
  await page.locator('g[data-row] g[data-kind="run"] rect').first().click();
  await page.getByTestId("copy-live-link").click();
  const link = await page.getByTestId("share-url").inputValue();
  expect(link).not.toMatch(/[?&](at|from|to)=/);
  const other = await browser.newContext();
  const them = await other.newPage();
  await them.goto(link);
  await expect(them.getByTestId("pod-timeline")).toBeVisible();
  await expect(them.getByTestId("tz-utc")).toHaveAttribute("aria-pressed", "true");
  await expect(them.locator('g[data-selected="true"]')).toHaveAttribute(
    "data-row",
    (await page.locator('g[data-selected="true"]').getAttribute("data-row"))!,
  );
  await expect(them.getByTestId("zoom-reset")).toContainText("Live");
  await other.close();
});

test("share snapshot, open it elsewhere; export PNG, SVG and JSON", async ({ page, browser }) => {
  await page.goto("/pods/dev/memory-hog");
  await expect(page.getByTestId("pod-timeline")).toBeVisible();
  await page.getByTestId("share-snapshot").click();
  await expect(page.getByTestId("share-url")).toHaveValue(/\/s\/[A-Za-z0-9_-]{24}\?/);
  const link = await page.getByTestId("share-url").inputValue();
  const status = await page.getByTestId("pod-status").innerText();

  const other = await browser.newContext();
  const them = await other.newPage();
  await them.goto(link);
  await expect(them.getByTestId("snapshot-banner")).toContainText(
    "Snapshot: this pod as it stood at",
  );
  await expect(them.getByTestId("pod-status")).toHaveText(status);
  expect(await them.title()).toBe(`dev/memory-hog — ${status} (snapshot) — Lifeline`);
  expect(await them.locator('meta[name="description"]').getAttribute("content")).toMatch(
    new RegExp(`^${status}, \\d+ restarts? on node-\\d; `),
  );
  await them.screenshot({ path: "e2e/screenshots/snapshot.png" });
  await other.close();
  // The API gives the same snapshot by id; a mistyped id is a 404 with a sentence, a malformed one a 400.
  const id = new URL(link).pathname.split("/").pop()!;
  const api = await page.request.get(`/api/snapshots/${id}`);
  expect(await api.json()).toMatchObject({
    id,
    namespace: "dev",
    name: "memory-hog",
    body: { timeline: { name: "memory-hog" } },
  });
  expect(
    (
      await page.request.get(`/api/snapshots/${id.slice(0, -1)}${id.endsWith("x") ? "y" : "x"}`)
    ).status(),
  ).toBe(404);
  expect((await page.request.get("/api/snapshots/../../etc")).status()).toBeGreaterThanOrEqual(400);

  for (const [id, check] of [
    ["export-png", (b: Buffer) => expect(b.subarray(1, 4).toString()).toBe("PNG")],
    [
      "export-svg",
      (b: Buffer) =>
        expect(b.toString()).toMatch(
          /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*>.*dev\/memory-hog.*data-row="markers"/s,
        ),
    ],
    [
      "export-json",
      (b: Buffer) =>
        expect(JSON.parse(b.toString())).toMatchObject({
          lifeline: 1,
          namespace: "dev",
          name: "memory-hog",
          timeline: { name: "memory-hog" },
        }),
    ],
  ] as const) {
    const download = page.waitForEvent("download");
    await page.getByTestId(id).click();
    const file = await (await download).path();
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(1000);
    check(bytes);
  }
});

test("include logs: off by default; ticked, the snapshot and the JSON hold the captured tails; Why quotes the last words", async ({
  page,
}) => {
  await page.goto("/pods/dev/memory-hog");
  await expect(page.getByTestId("pod-timeline")).toBeVisible();
  // "Why is it like this?" quotes the OOMKilled run's last words, from its captured log, as text.
  const quote = page.getByTestId("why-now").getByTestId("why-quote");
  await expect(quote.locator("blockquote")).toHaveText("fatal error: runtime: out of memory", {
    timeout: 30_000,
  });
  await expect(quote).toContainText(/from run \d+'s captured log \(stress\)/);
  const box = page.getByTestId("share-include-logs");
  await expect(box).not.toBeChecked();
  await expect(page.getByTestId("share-include-logs-hint")).toContainText("secrets");
  await box.check();
  await page.getByTestId("share-snapshot").click();
  await expect(page.getByTestId("share-url")).toHaveValue(/\/s\/[A-Za-z0-9_-]{24}\?/);
  const id = new URL(await page.getByTestId("share-url").inputValue()).pathname.split("/").pop()!;
  const held = (await (await page.request.get(`/api/snapshots/${id}`)).json()).body.logs as {
    text: string | null;
  }[];
  expect(held.some((r) => r.text?.includes("out of memory"))).toBe(true);
  const download = page.waitForEvent("download");
  await page.getByTestId("export-json").click();
  const json = JSON.parse(readFileSync((await (await download).path())!).toString());
  expect(json.logs.some((r: { text: string | null }) => r.text?.includes("out of memory"))).toBe(
    true,
  );
});

test("a snapshot can be deleted; its link then says so", async ({ page }) => {
  const made = await page.request.post("/api/snapshots", {
    data: { namespace: "dev", name: "memory-hog" },
  });
  expect(made.status()).toBe(201);
  const { url } = await made.json();
  await page.goto(url);
  await expect(page.getByTestId("snapshot-banner")).toBeVisible();
  page.once("dialog", (d) => void d.accept());
  await page.getByTestId("snapshot-delete").click();
  await expect(page.getByTestId("snapshot-deleted")).toBeVisible();
  // Gone is a 404 (a link checker, a chat preview and a script can tell), with the sentence.
  expect((await page.reload())?.status()).toBe(404);
  await expect(page.getByTestId("snapshot-missing")).toContainText(
    "There is no such snapshot: it was deleted, its retention ended, or the link is mistyped.",
  );
  await expect(page.getByTestId("snapshot-missing").getByRole("link")).toHaveAttribute("href", "/");
  const bad = await page.request.post("/api/snapshots", {
    data: Buffer.from("{not json"),
    headers: { "Content-Type": "application/json" },
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatch(/not JSON/);
  expect(
    (
      await page.request.post("/api/snapshots", { data: { namespace: "dev", name: "no-such-pod" } })
    ).status(),
  ).toBe(404);
});

test("the overview's frozen link pins its window and keeps its filters", async ({
  page,
  browser,
}) => {
  await page.goto("/?namespace=dev&window=15m&status=CrashLoopBackOff");
  await expect(page.getByTestId("count")).toHaveText(/^\d+ of \d+ pods$/);
  await page.getByTestId("copy-frozen-link").click();
  const link = new URL(await page.getByTestId("share-url").inputValue());
  expect(Object.fromEntries(link.searchParams)).toMatchObject({
    namespace: "dev",
    status: "CrashLoopBackOff",
  });
  const from = Date.parse(link.searchParams.get("from")!);
  expect(Date.parse(link.searchParams.get("to")!) - from).toBe(15 * 60_000);
  const other = await browser.newContext();
  const them = await other.newPage();
  await them.goto(link.toString());
  await expect(them.getByTestId("live")).toHaveAttribute("aria-pressed", "false");
  await expect(them.getByTestId("filter-namespace")).toHaveValue("dev");
  await other.close();
});

test("an overview snapshot keeps the rows and the window it was taken with", async ({
  page,
  browser,
}) => {
  await page.goto("/?namespace=dev&window=15m");
  await expect(page.locator('[role="row"][data-pod="dev/big-batch"]')).toBeVisible();
  await page.getByTestId("share-snapshot").click();
  await expect(page.getByTestId("share-url")).toHaveValue(/\/s\/[A-Za-z0-9_-]{24}\?/);
  const link = new URL(await page.getByTestId("share-url").inputValue());
  expect(link.searchParams.get("namespace")).toBe("dev");
  const other = await browser.newContext();
  const them = await other.newPage();
  await them.goto(link.toString());
  await expect(them.getByTestId("snapshot-banner")).toContainText("Snapshot of the overview");
  await expect(them.locator('[role="row"][data-pod="dev/big-batch"]')).toBeVisible();
  // The window it was taken with (the sender's live window has moved on since).
  expect(new URL(them.url()).searchParams.get("from")).toBe(link.searchParams.get("from"));
  const local = await them.evaluate((iso) => {
    const d = new Date(iso!);
    const p = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }, link.searchParams.get("from"));
  await expect(them.getByTestId("window-from")).toHaveValue(local);
  await expect(them.getByTestId("live")).toHaveCount(0); // nothing to follow in a snapshot
  expect(await them.title()).toMatch(
    /^dev — \d+ pods, \d+ failing, \d+ warning \(snapshot\) — Lifeline$/,
  );
  // A filter inside the snapshot stays in the snapshot.
  await them.getByTestId("filter-search").fill("big");
  await them.getByTestId("filter-search").press("Enter");
  await expect(them).toHaveURL(/\/s\/[A-Za-z0-9_-]{24}\?.*search=big/);
  await expect(them.locator('[role="row"][data-pod]')).toHaveCount(1);
  await other.close();
});

test("a snapshot opens without a hydration error in a browser whose zone is not the server's, then in that zone", async ({
  page,
  browser,
}) => {
  const made = await page.request.post("/api/snapshots", {
    data: { namespace: "dev", name: "memory-hog" },
  });
  expect(made.status()).toBe(201);
  const { url } = await made.json();
  // And an overview's (its rows and axis are drawn on the server too).
  const { clock } = await (await page.request.get("/api/cluster")).json();
  const overview = await page.request.post("/api/snapshots", {
    data: { kind: "overview", from: clock.now - 600_000, to: clock.now },
  });
  expect(overview.status()).toBe(201);
  const context = await browser.newContext({ timezoneId: "Asia/Shanghai" });
  const shanghai = await context.newPage();
  const errors: string[] = [];
  shanghai.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  shanghai.on("pageerror", (e) => errors.push(e.message));
  for (const link of [url, (await overview.json()).url]) {
    await shanghai.goto(link);
    await expect(shanghai.getByTestId("snapshot-banner")).toBeVisible();
    // The page's times, once it runs, in the browser's zone (the server's HTML had them in UTC).
    await expect(shanghai.locator("main")).toContainText("UTC+08:00");
  }
  expect(errors).toEqual([]);
  await context.close();
});

test("a workload page's frozen link and snapshot: batch/db-backup's runs open the same in a fresh context, labelled a snapshot", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1100 });
  await page.goto("/workloads/batch/cronjobs/db-backup?window=6h&tz=utc");
  const failed = page.getByTestId("cron-run").and(page.locator('[data-result="Failed"]'));
  await expect(failed).toHaveCount(1, { timeout: 90_000 });
  // The live page moves (a run a minute, 6 s at 10×): freeze it first, then take what it shows.
  await page.getByTestId("copy-frozen-link").click();
  const frozen = new URL(await page.getByTestId("share-url").inputValue());
  expect(frozen.pathname).toBe("/workloads/batch/cronjobs/db-backup");
  expect(
    Date.parse(frozen.searchParams.get("to")!) - Date.parse(frozen.searchParams.get("from")!),
  ).toBe(6 * 3600_000);
  expect(frozen.searchParams.get("tz")).toBe("utc");
  await page.goto(frozen.toString());
  await expect(failed).toHaveCount(1, { timeout: 30_000 });
  const runs = () => page.getByTestId("cron-run").evaluateAll((rs) => rs.map((r) => r.textContent));
  const shown = await runs();
  expect(shown.length).toBeGreaterThan(1);
  const pods = await page.getByTestId("workload-pod").allInnerTexts();
  await page.getByTestId("share-snapshot").click();
  await expect(page.getByTestId("share-url")).toHaveValue(/\/s\/[A-Za-z0-9_-]{24}\?tz=utc$/);
  const link = await page.getByTestId("share-url").inputValue();

  const other = await browser.newContext({ viewport: { width: 1600, height: 1100 } });
  const them = await other.newPage();
  await them.goto(link);
  await expect(them.getByTestId("snapshot-banner")).toContainText(
    /^Snapshot of this workload: as it stood at \d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)? UTC, stored /,
  );
  await expect(them.getByRole("heading", { level: 1 })).toHaveText("CronJob batch/db-backup");
  expect(
    await them.getByTestId("cron-run").evaluateAll((rs) => rs.map((r) => r.textContent)),
  ).toEqual(shown);
  expect(await them.getByTestId("workload-pod").allInnerTexts()).toEqual(pods);
  // Read-only: its own link only, no window presets; nothing to follow.
  await expect(them.getByTestId("share-snapshot")).toHaveCount(0);
  await expect(them.getByTestId("copy-snapshot-link")).toBeVisible();
  await expect(them.getByRole("button", { name: "15m" })).toHaveCount(0);
  expect(await them.title()).toMatch(/^CronJob batch\/db-backup — \w+ \(snapshot\) — Lifeline$/);
  await them.screenshot({ path: "e2e/screenshots/snapshot-workload.png", fullPage: true });
  await other.close();
  // Bad input is a sentence: not a workload kind 400, a workload never seen 404.
  const { clock } = await (await page.request.get("/api/cluster")).json();
  const w = { from: clock.now - 600_000, to: clock.now };
  const bad = await page.request.post("/api/snapshots", {
    data: { kind: "workload", namespace: "batch", workload: "pods", name: "db-backup", ...w },
  });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatch(/^kind "pods" is not a workload kind/);
  const none = await page.request.post("/api/snapshots", {
    data: { kind: "workload", namespace: "batch", workload: "cronjobs", name: "no-such", ...w },
  });
  expect(none.status()).toBe(404);
  expect((await none.json()).error).toBe("Lifeline has never seen a cronjob batch/no-such.");
});

test("a node page's snapshot: the lost node's loss and pods open the same in a fresh context", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const body = await (await request.get("/api/pods?namespace=dev&search=db-0")).json();
  const lost = body.pods.find((p: { name: string }) => p.name === "db-0").node as string;
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`/nodes/${lost}?window=6h&tz=utc`);
  await expect(page.getByTestId("node-loss")).toBeVisible({ timeout: 90_000 });
  await page.getByTestId("copy-frozen-link").click();
  const frozen = new URL(await page.getByTestId("share-url").inputValue());
  expect(frozen.pathname).toBe(`/nodes/${lost}`);
  await page.goto(frozen.toString());
  await expect(page.getByTestId("node-loss")).toBeVisible({ timeout: 30_000 });
  const loss = await page.getByTestId("node-loss").innerText();
  const pods = await page.getByTestId("node-pod").allInnerTexts();
  expect(pods.length).toBeGreaterThan(0);
  await page.getByTestId("share-snapshot").click();
  await expect(page.getByTestId("share-url")).toHaveValue(/\/s\/[A-Za-z0-9_-]{24}\?tz=utc$/);
  const link = await page.getByTestId("share-url").inputValue();

  const other = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const them = await other.newPage();
  await them.goto(link);
  await expect(them.getByTestId("snapshot-banner")).toContainText(/^Snapshot of this node: /);
  await expect(them.getByTestId("node-loss")).toBeVisible();
  expect(await them.getByTestId("node-loss").innerText()).toBe(loss);
  expect(await them.getByTestId("node-pod").allInnerTexts()).toEqual(pods);
  await expect(them.getByTestId("share-snapshot")).toHaveCount(0);
  expect(await them.title()).toBe(`node ${lost} — Unknown (snapshot) — Lifeline`);
  await them.screenshot({ path: "e2e/screenshots/snapshot-node.png", fullPage: true });
  await other.close();
});

/** Clicks each export button and hands back the file's name and bytes. */
async function exported(page: Page) {
  const out: Record<"png" | "svg" | "json", { name: string; bytes: Buffer }> = {} as never;
  for (const kind of ["png", "svg", "json"] as const) {
    const download = page.waitForEvent("download");
    await page.getByTestId(`export-${kind}`).click();
    const d = await download;
    out[kind] = { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
  }
  return out;
}

/** The lanes of an exported SVG document, parsed as the browser parses it (null: it does not parse). */
async function svgLanes(page: Page, text: string) {
  return page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, "image/svg+xml");
    if (doc.querySelector("parsererror") || doc.documentElement.localName !== "svg") return null;
    return [...doc.querySelectorAll("g[data-lane]")].map((g) => ({
      label: g.getAttribute("data-lane"),
      rects: g.querySelectorAll("svg rect, svg path").length,
    }));
  }, text);
}

/** The PNG signature, and the image's width and height from its IHDR chunk. */
function png(bytes: Buffer) {
  return {
    signature: bytes.subarray(0, 8).toString("hex"),
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
  };
}

const stamp = (iso: string) =>
  `${new Date(Date.parse(iso)).toISOString().slice(0, 19).replace(/:/g, "-")}Z`;

test("a workload page and a node page export PNG, SVG and JSON as the pod page does", async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1600, height: 1100 });
  // rollouts/checkout: rolled to a typo'd image, then undone: two revisions or more.
  await page.goto("/workloads/rollouts/deployments/checkout?window=6h&tz=utc");
  await expect
    .poll(() => page.getByTestId("workload-group").count(), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(2);
  await page.getByTestId("copy-frozen-link").click();
  const frozen = new URL(await page.getByTestId("share-url").inputValue());
  await page.goto(frozen.toString());
  await expect(page.getByTestId("workload-pod").first()).toBeVisible({ timeout: 30_000 });
  const [from, to] = ["from", "to"].map((k) => frozen.searchParams.get(k)!);
  // The pods drawn with a lane (a pod with no row of its own is a line of text).
  const pods = await page
    .getByTestId("workload-pod")
    .filter({ has: page.locator("svg") })
    .locator("a")
    .allInnerTexts();
  const tracks = await page
    .getByTestId("workload-track")
    .evaluateAll((ts) => ts.map((t) => t.getAttribute("data-export-lane")));
  let files = await exported(page);
  writeFileSync("e2e/screenshots/export-workload.png", files.png.bytes);
  const base = `deployment_rollouts_checkout_${stamp(to)}`;
  expect(Object.values(files).map((f) => f.name)).toEqual(
    ["png", "svg", "json"].map((x) => `${base}.${x}`),
  );
  let image = png(files.png.bytes);
  expect(image.signature).toBe("89504e470d0a1a0a");
  expect(image.width).toBe(2400); // 1200 wide at 2×
  // Each lane is 20 px or more (its strip and a gap), at 2×.
  expect(image.height).toBeGreaterThanOrEqual(2 * 20 * (pods.length + tracks.length));
  expect(image.height).toBeLessThan(20_000);
  expect(files.png.bytes.length).toBeGreaterThan(5_000);
  const svg = files.svg.bytes.toString();
  expect(svg).toMatch(
    /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*>.*Deployment rollouts\/checkout/s,
  );
  let lanes = await svgLanes(page, svg);
  expect(lanes).not.toBeNull();
  expect(lanes!.map((l) => l.label)).toEqual(
    expect.arrayContaining([...tracks, "Replicas over time", ...pods]),
  );
  expect(lanes!.filter((l) => pods.includes(l.label!)).every((l) => l.rects > 0)).toBe(true);
  // The JSON is the page's answer for the window: the workload route's, redacted as it is.
  const json = JSON.parse(files.json.bytes.toString());
  expect(json).toMatchObject({
    lifeline: 1,
    kind: "Deployment",
    namespace: "rollouts",
    name: "checkout",
    window: { from: Date.parse(from), to: Date.parse(to) },
  });
  expect(json.timeline.revisions.length).toBeGreaterThanOrEqual(2);
  const api = await (
    await request.get(
      `/api/workloads/rollouts/deployments/checkout?from=${Date.parse(from)}&to=${Date.parse(to)}`,
    )
  ).json();
  expect(json.versions).toEqual(api.versions);
  expect(json.timeline.revisions).toEqual(api.timeline.revisions);
  expect(json.rows.map((r: { name: string }) => r.name).sort()).toEqual(
    api.rows.map((r: { name: string }) => r.name).sort(),
  );

  // The lost node's page: its tracks and the lanes of the pods that ran there.
  const body = await (await request.get("/api/pods?namespace=dev&search=db-0")).json();
  const lost = body.pods.find((p: { name: string }) => p.name === "db-0").node as string;
  await page.goto(`/nodes/${lost}?window=6h&tz=utc`);
  await expect(page.getByTestId("node-loss")).toBeVisible({ timeout: 90_000 });
  await page.getByTestId("copy-frozen-link").click();
  const nodeFrozen = new URL(await page.getByTestId("share-url").inputValue());
  await page.goto(nodeFrozen.toString());
  await expect(page.getByTestId("node-pod").first()).toBeVisible({ timeout: 30_000 });
  const nodePods = await page.getByTestId("node-pod").locator("a").allInnerTexts();
  const nodeTracks = await page.getByTestId("node-track").count();
  files = await exported(page);
  writeFileSync("e2e/screenshots/export-node.png", files.png.bytes);
  const nodeBase = `node_${lost}_${stamp(nodeFrozen.searchParams.get("to")!)}`;
  expect(Object.values(files).map((f) => f.name)).toEqual(
    ["png", "svg", "json"].map((x) => `${nodeBase}.${x}`),
  );
  image = png(files.png.bytes);
  expect(image.signature).toBe("89504e470d0a1a0a");
  expect(image.width).toBe(2400);
  expect(image.height).toBeGreaterThan(100);
  lanes = await svgLanes(page, files.svg.bytes.toString());
  expect(lanes!.map((l) => l.label)).toEqual(expect.arrayContaining(nodePods));
  expect(lanes!.length).toBe(nodePods.length + nodeTracks);
  expect(files.svg.bytes.toString()).toContain(`node ${lost} — Unknown`);
  const nodeJson = JSON.parse(files.json.bytes.toString());
  expect(nodeJson).toMatchObject({ lifeline: 1, kind: "node", name: lost, node: { name: lost } });
  expect(
    nodeJson.pods.map((p: { namespace: string; name: string }) => `${p.namespace}/${p.name}`),
  ).toEqual(expect.arrayContaining(nodePods));
});
