// The workload pages on the demo cluster's scenarios (10× clock): /workloads lists them problems
// first, and /workloads/{namespace}/{kind}/{name} draws a workload's rollouts, revisions,
// conditions, counts and pods by revision; a CronJob's runs (batch/db-backup: its third run fails);
// the stalled rollout (rollouts/checkout: stalled at 3 min, undone at 5 min); a template changed
// while paused.
import { expect, test } from "@playwright/test";

test.describe("workloads", () => {
  test("the list shows the CronJob with its pods and health, and links to its page", async ({
    page,
  }) => {
    await page.goto("/workloads");
    const row = page
      .getByTestId("workloads-row")
      .filter({ has: page.getByRole("link", { name: "batch/db-backup" }) });
    await expect(row).toHaveCount(1, { timeout: 30_000 });
    await expect(row).toContainText("CronJob");
    // The Jobs it owns are on its page, not in the list.
    await expect(
      page.getByTestId("workloads-row").filter({ hasText: /db-backup-\d+/ }),
    ).toHaveCount(0);
    await page.getByRole("button", { name: "CronJob", exact: true }).click();
    await expect(page).toHaveURL(/\/workloads\?kind=cronjobs$/);
    await expect(page.getByTestId("workloads-row")).toHaveCount(1);
    await row.getByRole("link").click();
    await expect(page).toHaveURL(/\/workloads\/batch\/cronjobs\/db-backup$/);
    await expect(page.getByTestId("workload-view")).toBeVisible();
  });

  test("a CronJob's page: every minute a run, the third one Failed (BackoffLimitExceeded)", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1600, height: 1100 });
    // Six hours: at 10× the third run (3 min in) leaves a 15-minute window 2.5 minutes into the
    // suite, and this spec may run later than that.
    await page.goto("/workloads/batch/cronjobs/db-backup?window=6h&tz=utc");
    const failed = page.getByTestId("cron-run").and(page.locator('[data-result="Failed"]'));
    await expect(failed).toHaveCount(1, { timeout: 90_000 });
    await expect(failed).toContainText("BackoffLimitExceeded");
    await expect(
      page.getByTestId("cron-run").and(page.locator('[data-result="Complete"]')).first(),
    ).toBeVisible();
    const runs = page.locator('[data-testid="workload-track"][data-key="runs"]');
    await expect(runs.getByRole("img")).toHaveAttribute("aria-label", /Failed/);
    await expect(page.getByTestId("workload-pod").first()).toBeVisible();
    // Its pods are grouped by Job, one per run: not "by revision".
    await expect(
      page.getByRole("heading", { name: /^Pods by Job, one per run \(\d+\)$/ }),
    ).toBeVisible();
    await page.screenshot({ path: "e2e/screenshots/workload-cronjob.png", fullPage: true });
    // A run's Job has a page of its own, which links back to its CronJob.
    await failed.getByRole("link").click();
    await expect(page).toHaveURL(/\/workloads\/batch\/jobs\/db-backup-\d+/);
    await expect(page.getByRole("link", { name: "Owned by CronJob db-backup" })).toBeVisible({
      timeout: 30_000,
    });
  });

  test("a rollout to a typo'd image: the page says what holds it, naming the image; undone, it completes", async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000);
    // A Deployment of its own (the demo's rollouts/checkout story is undone 30 s into the run):
    // created, rolled to a typo, then rolled back, through the demo cluster's API as kubectl does.
    const { server } = await (await request.get("/api/cluster")).json();
    const ns = `e2e-rollout-${Date.now().toString(36)}`;
    const created = await request.post(`${server}/api/v1/namespaces`, {
      data: { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
    });
    expect(created.status()).toBe(201);
    const deployments = `${server}/apis/apps/v1/namespaces/${ns}/deployments`;
    const shop = await request.post(deployments, {
      data: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "shop" },
        spec: {
          replicas: 2,
          progressDeadlineSeconds: 30,
          selector: { matchLabels: { app: "shop" } },
          template: {
            metadata: { labels: { app: "shop" } },
            spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
          },
        },
      },
    });
    expect(shop.status()).toBe(201);
    const image = (to: string) =>
      request.patch(`${deployments}/shop`, {
        headers: { "content-type": "application/strategic-merge-patch+json" },
        data: JSON.stringify({
          spec: { template: { spec: { containers: [{ name: "web", image: to }] } } },
        }),
      });
    await page.setViewportSize({ width: 1600, height: 1100 });
    const address = `/workloads/${ns}/deployments/shop?window=1h&tz=utc`;
    await page.goto(address);
    await expect(page.getByTestId("workload-ready")).toContainText("2/2", { timeout: 60_000 });

    expect((await image("ngnix:1.27")).status()).toBe(200);
    // The page reads again every 10 s: reload rather than wait for it.
    const stuck = page.getByTestId("workload-stuck");
    await expect(async () => {
      await page.goto(address);
      await expect(stuck).toHaveAttribute("data-failing", "true", { timeout: 2_000 });
      await expect(stuck).toContainText('deployment "shop" exceeded its progress deadline', {
        timeout: 2_000,
      });
    }).toPass({ timeout: 90_000 });
    // The new revision's pod, with the kubelet's reason and the image it cannot pull.
    const holder = page.getByTestId("stuck-pod").first();
    await expect(holder).toContainText(/ImagePullBackOff|ErrImagePull/);
    await expect(holder).toContainText("ngnix:1.27");
    await expect(page.getByTestId("stuck-commands")).toContainText(
      `kubectl rollout undo deployment/shop -n ${ns}`,
    );
    await page.screenshot({ path: "e2e/screenshots/workload-stalled.png", fullPage: true });

    // kubectl rollout undo writes the previous template back: the same as setting the image back.
    expect((await image("nginx:1.27")).status()).toBe(200);
    const rollouts = page.locator('[data-testid="workload-track"][data-key="rollouts"]');
    await expect(async () => {
      await page.goto(address);
      await expect(stuck).toHaveCount(0, { timeout: 2_000 });
      await expect(rollouts.getByRole("img")).toHaveAttribute("aria-label", /complete/, {
        timeout: 2_000,
      });
    }).toPass({ timeout: 90_000 });
    await expect(page.getByTestId("workload-ready")).toContainText("2/2");
    await expect(rollouts.getByRole("img")).toHaveAttribute("aria-label", /stalled|rolled back/);
  });

  test("a StatefulSet's page: its pods in ordinal order, the rollout held at the pod that is not ready", async ({
    page,
  }) => {
    // data/db (the statefulset-blocked story): db-1 never passes readiness, so db-2 is never made.
    await page.goto("/workloads/data/statefulsets/db?window=6h&tz=utc");
    // The tab names the Kind as Kubernetes spells it, not the address's plural.
    await expect(page).toHaveTitle("StatefulSet data/db — Lifeline");
    const pods = page.getByTestId("workload-pod").getByRole("link");
    await expect(pods.first()).toHaveText("db-0", { timeout: 60_000 });
    await expect(pods).toHaveText(["db-0", "db-1"]);
    await expect(page.getByTestId("workload-stuck").getByTestId("stuck-pod")).toContainText("db-1");
  });

  test("the stalled rollout is hatched from its deadline, and once undone its tooltip keeps the stall", async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width: 1600, height: 1100 });
    await page.goto("/workloads/rollouts/deployments/checkout?window=6h&tz=utc");
    const strip = page
      .locator('[data-testid="workload-track"][data-key="rollouts"]')
      .getByRole("img");
    // The undo comes 5 demo minutes in (30 s at 10×); a live window reads again every 10 s.
    await expect(strip).toHaveAttribute("aria-label", /rolled back · .+; stalled · /, {
      timeout: 120_000,
    });
    const label = (await strip.getAttribute("aria-label")) ?? "";
    // The times read "2026-11-25 13:12:31 UTC" (a 6 h window writes the date).
    const t = "(?:[\\d-]+ )?(\\d\\d):(\\d\\d):(\\d\\d)(?: UTC)?";
    const m = label.match(new RegExp(`rolled back · ${t} → ${t}; stalled · ${t} → ${t}`));
    expect(m, label).not.toBeNull();
    const sec = (i: number) => Number(m![i]) * 3600 + Number(m![i + 1]) * 60 + Number(m![i + 2]);
    // The stall begins where the rollout's first phase ends, 120 s of deadline after its last
    // progress (the surge pod, a second after the change), not at the rollout's start.
    expect(sec(7)).toBe(sec(4));
    expect(sec(7) - sec(1)).toBeGreaterThanOrEqual(119);
    expect(sec(7) - sec(1)).toBeLessThanOrEqual(123);
    const titles = await strip.locator("title").allTextContents();
    const undone = titles.filter((x) => x.startsWith("revision 1 → 2 · rolled back"));
    expect(undone, titles.join("\n")).toHaveLength(2);
    for (const x of undone)
      expect(x).toMatch(
        /stalled 2m 0\ds after it began.*: Progressing=False ProgressDeadlineExceeded: ReplicaSet "checkout-\w+" has timed out progressing\. · revision 3 began \(rollback to revision 1\)/,
      );
    await page.screenshot({ path: "e2e/screenshots/workload-rollout-stalled.png", fullPage: true });
    // The same story in a frozen window around it, where the phases are wide enough to see.
    const day = label.match(/rolled back · ([\d-]+) /)?.[1] ?? "";
    const iso = (s: number, shift: number) =>
      new Date(Date.parse(`${day}T00:00:00Z`) + (s + shift) * 1000).toISOString();
    await page.goto(
      `/workloads/rollouts/deployments/checkout?from=${iso(sec(1), -60)}&to=${iso(sec(10), 90)}&tz=utc`,
    );
    await expect(strip).toHaveAttribute("aria-label", /rolled back · .+; stalled · /, {
      timeout: 30_000,
    });
    await page.screenshot({
      path: "e2e/screenshots/workload-rollout-stalled-zoom.png",
      fullPage: true,
    });
  });

  test("a DaemonSet whose node is lost says its pod there is misscheduled, in the list and on its page", async ({
    page,
  }) => {
    // The lost node's unreachable NoSchedule taint makes it undesired; the daemon pod tolerates the
    // NoExecute one and stays: status.numberMisscheduled 1 (pkg/controller/daemon).
    await page.goto("/workloads?kind=daemonsets");
    const row = page
      .getByTestId("workloads-row")
      .filter({ has: page.getByRole("link", { name: "infra/node-agent" }) });
    await expect(row).toContainText("1 misscheduled", { timeout: 90_000 });
    await row.getByRole("link").click();
    await expect(page.getByTestId("workload-misscheduled")).toHaveText(" · 1 misscheduled", {
      timeout: 30_000,
    });
  });

  test("a template changed while paused: a rollout waiting from the change, paused; resumed, it rolls", async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000);
    // A Deployment of its own, driven as kubectl rollout pause, set image and rollout resume do.
    const { server } = await (await request.get("/api/cluster")).json();
    const ns = `e2e-paused-${Date.now().toString(36)}`;
    const created = await request.post(`${server}/api/v1/namespaces`, {
      data: { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
    });
    expect(created.status()).toBe(201);
    const deployments = `${server}/apis/apps/v1/namespaces/${ns}/deployments`;
    const cart = await request.post(deployments, {
      data: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "cart" },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: "cart" } },
          template: {
            metadata: { labels: { app: "cart" } },
            spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
          },
        },
      },
    });
    expect(cart.status()).toBe(201);
    const patch = (spec: Record<string, unknown>) =>
      request.patch(`${deployments}/cart`, {
        headers: { "content-type": "application/strategic-merge-patch+json" },
        data: JSON.stringify({ spec }),
      });
    await page.setViewportSize({ width: 1600, height: 1100 });
    const address = `/workloads/${ns}/deployments/cart?window=1h&tz=utc`;
    await page.goto(address);
    await expect(page.getByTestId("workload-ready")).toContainText("2/2", { timeout: 60_000 });

    expect((await patch({ paused: true })).status()).toBe(200);
    const image = { template: { spec: { containers: [{ name: "web", image: "nginx:1.28" }] } } };
    expect((await patch(image)).status()).toBe(200);
    const strip = page
      .locator('[data-testid="workload-track"][data-key="rollouts"]')
      .getByRole("img");
    // No ReplicaSet while paused, yet the change waits: a rollout drawn paused from it.
    await expect(async () => {
      await page.goto(address);
      await expect(strip).toHaveAttribute("aria-label", /; paused · [^;]+$/, { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    const waiting = (await strip.locator("title").allTextContents()).at(-1) ?? "";
    expect(waiting).toMatch(/^revision 1 → a changed template, no revision yet · paused · /);
    expect(waiting).toContain(
      "spec.paused: the pod template changed (generation 3); the controller makes no ReplicaSet for it until kubectl rollout resume",
    );
    await expect(page.getByTestId("workload-health")).toContainText("rollout paused");
    await page.screenshot({ path: "e2e/screenshots/workload-paused.png", fullPage: true });

    expect((await patch({ paused: false })).status()).toBe(200);
    await expect(async () => {
      await page.goto(address);
      await expect(strip).toHaveAttribute("aria-label", /; paused · [^;]+; complete · [^;]+$/, {
        timeout: 2_000,
      });
    }).toPass({ timeout: 90_000 });
    const rolled = (await strip.locator("title").allTextContents()).at(-1) ?? "";
    expect(rolled).toMatch(/^revision 1 → 2 · complete · .* · held by spec\.paused for /);
    await page.screenshot({ path: "e2e/screenshots/workload-resumed.png", fullPage: true });
  });

  test("bad addresses say why, with the status the API gives", async ({ page }) => {
    // An address no workload can have: 400, and the page says why in the API's sentence.
    for (const [path, why] of [
      ["/workloads/dev/pods/x", 'kind "pods" is not a workload kind'],
      ["/workloads/Bad_NS/deployments/x", 'namespace "Bad_NS" is not a valid namespace name'],
      ["/workloads/dev/deployments/Not_A_Name", '"Not_A_Name" is not a valid workload name'],
    ] as const) {
      const res = await page.goto(path);
      expect(res!.status(), path).toBe(400);
      await expect(page.getByTestId("workload-invalid")).toContainText(why);
    }
    // A window that cannot be read says so (the page shows the last hour instead).
    const window = await page.goto("/workloads/batch/cronjobs/db-backup?from=garbage&to=zzz");
    expect(window!.status()).toBe(200);
    await expect(page.getByTestId("window-invalid")).toContainText("cannot be read");
    // A workload Lifeline has no record of: 404, and the page still says so.
    const none = await page.goto("/workloads/dev/deployments/no-such-thing");
    expect(none!.status()).toBe(404);
    await expect(page.getByTestId("workload-none")).toHaveText(
      "Lifeline has never seen Deployment dev/no-such-thing.",
    );
  });
});

test.describe("workloads in Chinese", () => {
  test.use({ locale: "zh-CN", extraHTTPHeaders: { "accept-language": "zh-CN" } });

  test("the stuck panel says Lifeline's words in Chinese and keeps Kubernetes' identifiers", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1600, height: 1100 });
    // data/db (the statefulset-blocked story): db-1 is Running but never passes readiness.
    await page.goto("/workloads/data/statefulsets/db?window=6h&tz=utc");
    const holder = page.getByTestId("workload-stuck").getByTestId("stuck-pod").first();
    await expect(holder).toContainText("db-1", { timeout: 60_000 });
    await expect(holder).toContainText("db-1：未就绪");
    await expect(holder).not.toContainText("not ready");
    await page.screenshot({ path: "e2e/screenshots/workload-stuck-zh.png", fullPage: true });
  });

  test("a workload or a node Lifeline has no record of: a 404 that says so in Chinese", async ({
    page,
  }) => {
    const none = await page.goto("/workloads/dev/deploy/no-such-thing");
    expect(none!.status()).toBe(404);
    await expect(page.getByTestId("workload-none")).toHaveText(
      "Lifeline 从未见过 Deployment dev/no-such-thing。",
    );
    const node = await page.goto("/nodes/no-such-node?window=15m");
    expect(node!.status()).toBe(404);
    await expect(page.getByTestId("node-empty")).toContainText(
      "在此时间窗口内，Lifeline 没有节点 no-such-node 的记录",
    );
  });
});
