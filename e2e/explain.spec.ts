// "Why is it like this?" from the pod's own evidence, and the pod header's spec facts, on the demo
// cluster's pods whose state lasts (memory-hog keeps being OOMKilled, big-batch never schedules).
import { expect, test } from "@playwright/test";

test("memory-hog: the header shows its 64Mi limit, the explanation opens with OOMKilled and that limit", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/pods/dev/memory-hog?tz=utc");
  const stress = page.locator('[data-testid="pod-container"][data-container="stress"]');
  await expect(stress).toContainText("docker.1ms.run/library/busybox:1.36", { timeout: 30_000 });
  await expect(stress.getByTestId("pod-limits")).toHaveText("limits memory 64Mi");
  await expect(stress).toContainText("requests memory 32Mi");
  await expect(page.getByTestId("pod-owner")).toHaveText("no owner (a bare pod)");
  const facts = page.getByTestId("why-now").getByTestId("why-facts");
  // The demo pod is OOMKilled every few seconds: wait for a back-off between runs.
  await expect(facts.locator("li").first()).toHaveText(
    /^Container stress was OOMKilled \(exit code 137\) on (each of its last \d+ runs|its last run \(#1, at [^)]+\)); its memory limit is 64Mi\.$/,
    { timeout: 30_000 },
  );
  const why = page.getByTestId("why-now");
  await expect(why).not.toContainText("liveness");
  await expect(
    why.locator("code", { hasText: "kubectl logs memory-hog -n dev -c stress --previous" }),
  ).toHaveCount(1);
  await expect(
    why.locator("code", { hasText: "kubectl top pod memory-hog -n dev --containers" }),
  ).toHaveCount(1);
  // Everything fits at 1280 px: the header facts do not overflow the page.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "e2e/screenshots/pod-memory-hog.png", fullPage: true });
  // The same in Chinese.
  await page.getByTestId("lang-zh").click();
  await expect(facts.locator("li").first()).toHaveText(
    /^容器 stress 最近.*OOMKilled（退出码 137）；其内存限制为 64Mi。$/,
  );
  await expect(stress.getByTestId("pod-limits")).toHaveText("限制 memory 64Mi");
  await page.getByTestId("lang-en").click();
});

test("big-batch: the scheduler's message is quoted", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/pods/dev/big-batch?tz=utc");
  const facts = page.getByTestId("why-now").getByTestId("why-facts");
  // The scheduler's words as the API holds them now: node-4, the node-lost story's own, is tainted
  // for it (and, once lost, unreachable too).
  const { conditions } = (await (await page.request.get("/api/pods/dev/big-batch/timeline")).json())
    .timeline;
  const message = conditions
    .filter((c: { type: string }) => c.type === "PodScheduled")
    .at(-1).message;
  expect(message).toMatch(/^0\/4 nodes are available: .*Insufficient cpu/);
  await expect(facts.locator("li").first()).toHaveText(
    /^The scheduler has not placed the pod since .* UTC: “0\/4 nodes are available: .*Insufficient cpu.*”\.$/,
    { timeout: 30_000 },
  );
  await expect(facts.locator("li").nth(1)).toHaveText("It requests cpu 64.");
  await expect(page.locator('[data-testid="pod-container"][data-container="app"]')).toContainText(
    "requests cpu 64",
  );
});
