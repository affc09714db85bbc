// The views end to end: `npm start` on the embedded demo cluster (clock 10× as fast), in Chromium.
// Waits on what the page shows, never on the clock. Screenshots go to e2e/screenshots/.
// The demo cluster is shared with the other specs and may be an hour (of its clock) old by now:
// node-4 (the node-lost story's own) is lost by then and its pods Terminating, so these tests use
// pods whose state lasts (big-batch never schedules, memory-hog keeps crashing) or compare with
// what the API says.
import { expect, test, type Page } from "@playwright/test";

// A pod's row. The canvas draws its text; the row element carries the STATUS (and an accessible name)
// for assistive technology, and real text when it is under the pointer, focused, or server-rendered.
const rowOf = (page: Page, pod: string) => page.locator(`[role="row"][data-pod="dev/${pod}"]`);

test.describe("overview", () => {
  test("lists the scenario pods with kubectl's STATUS, problems first, lanes drawn", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto("/?window=15m&namespace=dev");
    await expect(rowOf(page, "big-batch")).toHaveAttribute("data-status", "Pending", {
      timeout: 30_000,
    });
    await expect(rowOf(page, "memory-hog")).toHaveAttribute(
      "data-status",
      /CrashLoopBackOff|OOMKilled/,
      { timeout: 30_000 },
    );
    // Every scenario pod shows the STATUS the API gives it (kubectl's rules, tested in lib/timeline).
    await expect
      .poll(
        async () => {
          const { pods } = await (await page.request.get("/api/pods?namespace=dev")).json();
          const shown = await page
            .locator('[role="row"][data-pod^="dev/"]')
            .evaluateAll((rows) =>
              Object.fromEntries(
                rows.map((r) => [
                  r.getAttribute("data-pod")!.slice(4),
                  r.getAttribute("data-status"),
                ]),
              ),
            );
          return (
            pods.every((p: { name: string; status: string }) => shown[p.name] === p.status) &&
            pods.length === Object.keys(shown).length
          );
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    // Problems first: the first row is failing; every failing row comes before every fine one.
    const scores = await page
      .locator('[role="row"][data-problem]')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute("data-problem"))));
    expect(scores[0]).toBe(2); // lib/health rank: 2 failing, 1 warning, 0 ok
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // The canvas has pixels (text, dots, lanes) once the live rows replace the server's first screen.
    await expect
      .poll(
        () =>
          page.getByTestId("lanes").evaluate((c: HTMLCanvasElement) => {
            if (c.width === 0) return 0;
            const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0) n++;
            return n;
          }),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(1000);
    // The row under the pointer is real text (selectable, a link); the others are pixels with a name
    // (all but the first, which holds the grid's roving focus: big-batch, failing at once as Unschedulable).
    const row = rowOf(page, "memory-hog");
    await expect(row.locator("a")).toHaveCount(0);
    await expect(row).toHaveAttribute("aria-label", /^memory-hog, dev, /);
    await row.hover({ position: { x: 40, y: 14 } });
    await expect(row.locator("a")).toHaveText("memory-hog");
    await expect(row.locator("a")).toHaveAttribute("href", /^\/pods\/dev\/memory-hog\?uid=/);
    await page.screenshot({ path: "e2e/screenshots/overview.png" });
  });

  test("a filter and a zoom change the URL and survive a reload; sorting by a column", async ({
    page,
  }) => {
    await page.goto("/");
    await expect(rowOf(page, "big-batch")).toBeVisible({ timeout: 30_000 });
    await page.getByTestId("filter-search").fill("liveness");
    await expect(page).toHaveURL(/search=liveness/);
    await expect(page.locator('[role="row"][data-pod]')).toHaveCount(3);
    // Zoom with the keyboard on the grid: the window freezes into from/to.
    await page.locator('[role="row"][data-pod]').first().focus();
    await page.keyboard.press("+");
    await expect(page).toHaveURL(/from=.*&to=/);
    await expect(page.getByTestId("live")).toHaveAttribute("aria-pressed", "false");
    const url = page.url();
    await page.reload();
    expect(page.url()).toBe(url);
    await expect(page.getByTestId("filter-search")).toHaveValue("liveness");
    await expect(page.locator('[role="row"][data-pod]')).toHaveCount(3, { timeout: 30_000 });
    await page.getByTestId("sort-name").click();
    await expect(page).toHaveURL(/sort=name/);
    // The rows are drawn again for the new order: read them once they are back.
    await expect(page.locator('[role="row"][data-pod]')).toHaveCount(3);
    const names = await page
      .locator('[role="row"][data-pod]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-pod")));
    expect(names).toEqual([
      "dev/pod-liveness-exec",
      "dev/pod-liveness-httpget",
      "dev/pod-liveness-tcpsocket",
    ]);
    await page.getByTestId("live").click();
    await expect(page).not.toHaveURL(/from=/);
  });

  test("the first screen of rows comes with the page's HTML, before (and without) its JavaScript", async ({
    page,
  }) => {
    await page.route(/\/_next\/static\/chunks\/.*\.js$/, (r) => r.abort());
    await page.goto("/?window=15m&search=big-batch");
    const row = rowOf(page, "big-batch");
    await expect(row).toHaveAttribute("data-status", "Pending", { timeout: 30_000 });
    await expect(row.locator("a")).toHaveText("big-batch");
    await expect(row.locator('[data-testid="row-status"]')).toContainText("Pending");
    await expect(page.getByTestId("count")).toHaveText(/^1 of \d+ pods$/);
  });

  test("keyboard: arrows move between rows, Enter opens the pod", async ({ page }) => {
    await page.goto("/?search=pod-&sort=name");
    const rows = page.locator('[role="row"][data-pod]');
    await expect(rows.first()).toBeVisible({ timeout: 30_000 });
    await rows.first().focus();
    await page.keyboard.press("ArrowDown");
    await expect(rows.nth(1)).toBeFocused();
    const pod = await rows.nth(1).getAttribute("data-pod");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/pods/${pod}\\?uid=`));
    await expect(page.getByTestId("pod-view")).toBeVisible();
  });
});

test.describe("one pod", () => {
  test("pod-liveness-exec: growing back-off brackets 10s → 20s → 40s, liveness failures and kills", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1600, height: 1100 });
    await page.goto("/pods/dev/pod-liveness-exec?tz=utc");
    const chart = page.getByTestId("pod-timeline");
    await expect(chart).toHaveAccessibleName("Timeline of dev/pod-liveness-exec", {
      timeout: 30_000,
    });
    // The stream refreshes the page in place as the demo pod keeps crashing.
    await expect
      .poll(
        async () =>
          chart
            .locator('[data-kind="backoff"]')
            .evaluateAll((b) => b.map((n) => n.getAttribute("data-label"))),
        { timeout: 60_000 },
      )
      .toEqual(expect.arrayContaining(["10s", "20s", "40s"]));
    const labels = await chart
      .locator('[data-kind="backoff"]')
      .evaluateAll((b) => b.map((n) => n.getAttribute("data-label")));
    const i = labels.indexOf("10s");
    expect(labels.slice(i, i + 3)).toEqual(["10s", "20s", "40s"]);
    await expect(
      chart.locator('[data-row="probes-nginx"] [data-kind="probe-liveness"]').first(),
    ).toBeVisible();
    await expect(
      chart.locator('[data-row="probes-nginx"] [data-kind="probe-kill"]').first(),
    ).toBeVisible();
    // Hover a run: a tooltip with exact times.
    await chart.locator('[data-row="container-nginx"] [data-kind="run"] rect').first().hover();
    await expect(page.getByTestId("tooltip")).toContainText(/nginx run #1, exit code \d+.*UTC/);
    await expect(page.getByTestId("why-now")).toContainText("Why is it like this?");
    await expect(page.getByTestId("why-now").locator("code").first()).toContainText("kubectl");
    await page.screenshot({ path: "e2e/screenshots/pod-liveness-exec.png", fullPage: true });
  });

  test("the node track: the pod's node Ready over time, with a tooltip naming it; /api/nodes agrees", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto("/pods/dev/pod-liveness-exec?tz=utc");
    const row = page.getByTestId("pod-timeline").locator('[data-row="node"]');
    await expect(row.locator('[data-kind="node-ready"]').first()).toHaveAttribute(
      "data-label",
      "Ready",
      { timeout: 30_000 },
    );
    const label = (await row.locator(":scope > text").first().textContent())!;
    expect(label).toMatch(/^Node node-\d$/);
    await row.locator('[data-kind="node-ready"] rect').first().hover();
    await expect(page.getByTestId("tooltip")).toContainText(`${label}: Ready (KubeletReady)`);
    const api = await (await page.request.get("/api/nodes")).json();
    const node = api.nodes.find((n: { name: string }) => `Node ${n.name}` === label);
    expect(node.ready.status).toBe("True");
    expect(node.pods).toBeGreaterThan(0);
  });

  test("a lost node: db-0's node track goes Unknown, with the unreachable taints added", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto("/pods/dev/db-0?tz=utc");
    const row = page.getByTestId("pod-timeline").locator('[data-row="node"]');
    // The demo loses db-0's node 180 s in (18 s at 10×) and marks it Unknown 50 s later.
    await expect(row.locator('[data-kind="node-ready"][data-label="Unknown"]')).toHaveCount(1, {
      timeout: 90_000,
    });
    await expect(row.locator('[data-kind="taint-added"]')).toHaveCount(2);
    await expect(row.locator('[data-kind="taint-added"] title').first()).toContainText(
      /^Taint node\.kubernetes\.io\/unreachable:No(Execute|Schedule) added to node node-\d/,
    );
    await expect(
      row.locator('[data-kind="node-ready"][data-label="Unknown"] rect title'),
    ).toContainText(
      /Node node-\d: Unknown \(NodeStatusUnknown\).*Kubelet stopped posting node status\./s,
    );
  });

  test("pod-initcontainer: Init:0/2 on the status track, init containers in order", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto("/pods/dev/pod-initcontainer");
    const chart = page.getByTestId("pod-timeline");
    await expect(chart.locator('[data-row="status"] [data-label="Init:0/2"]').first()).toBeAttached(
      { timeout: 30_000 },
    );
    const rows = await chart
      .locator("g[data-row]")
      .evaluateAll((g) => g.map((n) => n.getAttribute("data-row")));
    expect(rows.indexOf("container-test-mysql")).toBeLessThan(rows.indexOf("container-test-redis"));
    expect(rows.indexOf("container-test-redis")).toBeLessThan(
      rows.indexOf("container-main-container"),
    );
    await expect(chart.locator('[data-row="container-test-mysql"] text').first()).toHaveText(
      "init test-mysql (1/2)",
    );
    await page.screenshot({ path: "e2e/screenshots/pod-initcontainer.png", fullPage: true });
  });

  test("a zoom changes the URL and survives a reload; clicking an event moves the timeline to it", async ({
    page,
  }) => {
    await page.goto("/pods/dev/memory-hog");
    await expect(page.getByTestId("pod-timeline")).toBeVisible({ timeout: 30_000 });
    await page.getByTestId("zoom-in").click();
    await expect(page).toHaveURL(/from=.*&to=/);
    const first = page.url();
    await page.getByTestId("zoom-in").click();
    // The URL follows the second zoom a moment after the chart does: reload only once it has.
    await expect.poll(() => page.url()).not.toBe(first);
    const domain = await page.getByTestId("domain").textContent();
    await page.reload();
    await expect(page.getByTestId("domain")).toHaveText(domain!, { timeout: 30_000 });
    await page.getByTestId("events").locator("tbody tr").last().click();
    await expect(page.locator('[data-kind="focus"]')).toBeAttached();
    await page.keyboard.press("Escape");
    await expect(page.locator('[data-kind="focus"]')).toHaveCount(0);
    await page.getByTestId("zoom-reset").click();
    await expect(page).not.toHaveURL(/from=/);
  });

  test("keyboard on the timeline: tab to a track, arrows pick items, Enter explains", async ({
    page,
  }) => {
    await page.goto("/pods/dev/big-batch");
    const status = page.locator('[data-row="status"]');
    await expect(status).toBeVisible({ timeout: 30_000 });
    await status.focus();
    await expect(status).toHaveAttribute("aria-label", /^Track kubectl STATUS/);
    await page.keyboard.press("ArrowLeft");
    await expect(page.getByTestId("tooltip")).toContainText("STATUS Pending");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("why-selected")).toHaveAttribute("data-explain", "Pending");
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("why-selected")).toHaveCount(0);
    await page.keyboard.press("ArrowDown");
    await expect(page.locator('[data-row="condition-PodScheduled"]')).toBeFocused();
  });
});

test("language switch: Simplified Chinese everywhere, remembered across a reload", async ({
  page,
}) => {
  await page.goto("/pods/dev/big-batch");
  await expect(page.getByTestId("why-now")).toContainText("Why is it like this?", {
    timeout: 30_000,
  });
  await page.getByTestId("lang-zh").click();
  await expect(page.getByTestId("why-now")).toContainText("为什么会这样？");
  await expect(page.getByTestId("why-now")).toContainText("还没有合适的节点");
  await expect(page.locator('[data-row="phase"] > text')).toHaveText("阶段");
  await expect(page.getByTestId("connection-title")).toHaveText("演示集群（内置）");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("columnheader", { name: "原因" })).toBeVisible({ timeout: 30_000 });
  await page.goto("/");
  await expect(page.getByTestId("count")).toContainText("显示", { timeout: 30_000 });
  await page.getByTestId("lang-en").click();
  await expect(page.getByTestId("count")).toContainText("pods");
});

test("cluster text containing <script> or <img onerror> renders as text", async ({
  page,
  request,
}) => {
  const { server } = await (await request.get("/api/cluster")).json();
  const evil = "<script>window.__xss=1</script><img src=x onerror=window.__xss=2>";
  // A name of its own per attempt: a retry must not meet the first attempt's pod.
  const name = `xss-probe-${Date.now().toString(36)}`;
  const res = await request.post(`${server}/api/v1/namespaces/dev/pods`, {
    data: {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, labels: { app: "xss" } },
      spec: { containers: [{ name: "c", image: evil }] },
    },
  });
  expect(res.status()).toBe(201);
  await page.goto(`/pods/dev/${name}`);
  await expect(page.getByTestId("events")).toContainText(evil, { timeout: 30_000 });
  // The waiting interval whose message quotes the image (ContainerCreating comes first and says nothing).
  await page
    .locator('[data-row="container-c"] [data-kind="waiting"][data-label="InvalidImageName"] rect')
    .first()
    .hover();
  await expect(page.getByTestId("tooltip")).toContainText(evil);
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
  ).toBeUndefined();
  expect(await page.locator("img[src=x]").count()).toBe(0);
  await page.goto(`/?search=${name}`);
  await expect(rowOf(page, name)).toHaveAttribute("data-status", "InvalidImageName", {
    timeout: 30_000,
  });
  await rowOf(page, name).hover({ position: { x: 40, y: 14 } });
  await expect(rowOf(page, name).locator("a")).toHaveText(name);
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
  ).toBeUndefined();
});
