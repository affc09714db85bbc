import { expect, test } from "@playwright/test";
import { StoriesPage } from "./stories-page";

test.describe("stories page: fixture stories", () => {
  test("draws the liveness-exec story with its runs, back-off brackets and probe ticks", async ({
    page,
  }) => {
    const stories = new StoriesPage(page);
    await stories.open();
    await expect(page.getByRole("heading", { level: 1, name: "Lifeline" })).toBeVisible();

    const chart = stories.timeline("liveness-exec");
    await expect(chart).toBeVisible();
    await expect(chart).toHaveAccessibleName("Timeline of dev/pod-liveness-exec");
    await expect(stories.status("liveness-exec")).toHaveText("CrashLoopBackOff");
    await expect(chart.locator('[data-kind="run"]')).toHaveCount(8);
    const brackets = chart.locator('[data-kind="backoff"]');
    await expect(brackets).toHaveCount(8);
    const labels = await brackets.evaluateAll((nodes) =>
      nodes.map((n) => n.getAttribute("data-label")),
    );
    expect(labels).toEqual(["1s", "10s", "20s", "40s", "1m20s", "2m40s", "5m0s", "5m0s"]);
    await expect(chart.locator('[data-kind="probe-liveness"]')).toHaveCount(24);

    await page.screenshot({ path: "e2e/screenshots/stories.png" });
    await stories.story("liveness-exec").screenshot({ path: "e2e/screenshots/liveness-exec.png" });
  });

  test("shows kubectl's STATUS for every story and init progress for pod-initcontainer", async ({
    page,
  }) => {
    const stories = new StoriesPage(page);
    await stories.open();
    const expected: Record<string, string> = {
      unschedulable: "Pending",
      "image-pull-backoff": "ImagePullBackOff",
      "init-waiting": "Init:0/2",
      "init-crashloop": "Init:CrashLoopBackOff",
      sidecar: "Running",
      "job-completed": "Completed",
      "restart-never-failed": "Error",
      "node-lost": "Terminating",
      "resize-in-place": "Running",
      "restart-rules": "Error",
      "backoff-fast": "CrashLoopBackOff",
    };
    for (const [name, status] of Object.entries(expected))
      await expect(stories.status(name)).toHaveText(status);
    const init = stories.timeline("init-waiting");
    await expect(init.locator('[data-row="status"] text', { hasText: "Init:0/2" })).toBeVisible();
    await expect(init.locator('[data-row="container-test-mysql"] [data-kind="run"]')).toHaveCount(
      1,
    );
    // 1.33+: resize steps are markers; a per-node back-off curve is labelled as announced.
    const resize = stories.timeline("resize-in-place");
    await expect(resize.locator('[data-row="markers"] [data-kind="resize-pending"]')).toHaveCount(
      2,
    );
    await expect(resize.locator('[data-row="markers"] [data-kind="resized"] title')).toHaveText(
      /Resized \(app\), cpu requests 250m → 500m/,
    );
    await expect(
      stories.timeline("restart-rules").locator('[data-row="container-worker"] [data-kind="run"]'),
    ).toHaveCount(3);
    await expect(
      stories
        .timeline("backoff-fast")
        .locator('[data-row="container-cli"] [data-kind="backoff"]')
        .first(),
    ).toBeVisible();
  });
});
