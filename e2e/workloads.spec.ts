// The workload pages on the demo cluster's scenarios (10× clock): /workloads lists them problems
// first, and /workloads/{namespace}/{kind}/{name} draws a workload's rollouts, revisions,
// conditions, counts and pods by revision; a CronJob's runs (batch/db-backup: its third run fails).
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
    await expect(page.getByTestId("workload-none")).toContainText(
      "Lifeline has never seen a deployment dev/no-such-thing",
    );
  });
});
