// The overview by workload (`/?group=workload`) on the demo cluster: one row per workload, problems
// first by the workload health rule (compared with GET /api/workloads at the server's clock, which
// runs at 10×), each with its lane; a row opens to its pods' lanes with links; the switch returns
// to the pods keeping the namespaces and window.
import { expect, test } from "@playwright/test";
import { workloadCards, type KioskWorkloadRow } from "../lib/view/kiosk-workloads";

test("/?group=workload: workloads as rows with lanes, problems first, open to their pods", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  // A window the page would not choose by itself (a fresh cluster's is 15m, left out of the URL).
  await page.goto("/?window=6h");
  await expect(page.getByTestId("overview")).toBeVisible();
  await page.getByTestId("group-workload").click();
  await expect(page).toHaveURL(/\/\?window=6h&group=workload$/);
  const rows = page.getByTestId("workload-row");
  const cron = rows.and(page.locator('[data-workload="batch/db-backup"]'));
  const checkout = rows.and(page.locator('[data-workload="rollouts/checkout"]'));
  await expect(cron).toHaveAttribute("data-kind", "CronJob");
  await expect(checkout).toHaveAttribute("data-kind", "Deployment");
  await expect(checkout.getByTestId("workload-ready")).toHaveText(/^\d+\/\d+$/);
  await expect(checkout.getByTestId("workload-link")).toHaveAttribute(
    "href",
    "/workloads/rollouts/deployments/checkout",
  );
  // Each lane is drawn from the workload's timeline over the window.
  await expect(
    checkout.getByRole("img", { name: /^rollouts\/checkout: available against desired/ }),
  ).toBeVisible();
  await expect(checkout.locator("svg rect[fill]").first()).toBeAttached();
  await expect(cron.getByRole("img", { name: /^batch\/db-backup: runs/ })).toBeVisible();
  // The order is the health rule's over the server's rows at the server's clock (read both again
  // until they agree: the stories move on).
  await expect(async () => {
    const { workloads } = (await (await page.request.get("/api/workloads")).json()) as {
      workloads: KioskWorkloadRow[];
    };
    const { clock } = await (await page.request.get("/api/cluster")).json();
    const want = workloadCards(workloads, clock.now).map(
      (c) => `${c.row.kind}/${c.row.namespace}/${c.row.name}:${c.health.level}`,
    );
    const got = await rows.evaluateAll((all) =>
      all.map(
        (c) =>
          `${c.getAttribute("data-kind")}/${c.getAttribute("data-workload")}:${c.getAttribute("data-health")}`,
      ),
    );
    expect(got).toEqual(want);
  }).toPass({ timeout: 25_000 });
  const problems = await rows.evaluateAll((all) =>
    all.map((c) => Number(c.getAttribute("data-problem"))),
  );
  expect(problems[0]).toBeGreaterThan(0);
  expect([...problems].sort((a, b) => b - a)).toEqual(problems);
  // A row opens to its pods' lanes (keyboard: the button takes Enter), each pod a link to its page.
  const open = checkout.getByRole("button", { name: "Show the pods of rollouts/checkout" });
  await open.focus();
  await page.keyboard.press("Enter");
  await expect(checkout.getByTestId("workload-expand")).toHaveAttribute("aria-expanded", "true");
  const pods = checkout.getByTestId("workload-pod");
  await expect(pods.first()).toBeVisible();
  const link = pods.first().getByRole("link");
  await expect(link).toHaveAttribute(
    "href",
    /^\/pods\/rollouts\/checkout-[a-z0-9]+-[a-z0-9]+\?uid=/,
  );
  await expect(pods.first().getByRole("img")).toBeVisible();
  await page.screenshot({ path: "e2e/screenshots/overview-workloads.png", fullPage: true });
  // Space closes it again.
  await page.keyboard.press("Space");
  await expect(pods).toHaveCount(0);
  // The switch returns to the pods, keeping the window.
  await page.getByTestId("group-pod").click();
  await expect(page).toHaveURL(/\/\?window=6h$/);
  await expect(page.getByTestId("overview")).toBeVisible();
  await expect(page.getByTestId("group-pod")).toHaveAttribute("aria-current", "page");
  // A group the overview does not know is named; pods are shown.
  await page.goto("/?group=deployments");
  await expect(page.getByTestId("group-problems")).toHaveText(
    'group "deployments" is not one of pod, workload; pod is used.',
  );
  await expect(page.getByTestId("overview")).toBeVisible();
});

test("/?group=workload: a scale shows from the workload stream, without a poll of the list", async ({
  page,
  request,
}) => {
  // The embedded demo cluster's API (an admin's /api/cluster names it): a Deployment of our own in
  // a namespace of our own, so the stories other specs read are left alone.
  const { server } = (await (await request.get("/api/cluster")).json()) as { server: string };
  const ns = `wl-live-${Date.now().toString(36)}`;
  const send = (method: string, path: string, body: unknown, type = "application/json") =>
    fetch(`${server}${path}`, {
      method,
      headers: { "Content-Type": type },
      body: JSON.stringify(body),
    });
  const created = await send("POST", "/api/v1/namespaces", {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: ns },
  });
  expect(created.status).toBe(201);
  const deployment = await send("POST", `/apis/apps/v1/namespaces/${ns}/deployments`, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "live-web", namespace: ns },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "live-web" } },
      template: {
        metadata: { labels: { app: "live-web" } },
        spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
      },
    },
  });
  expect(deployment.status).toBe(201);
  const polls: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/workloads") polls.push(r.url());
  });
  await page.goto(`/?group=workload&namespace=${ns}`);
  const ready = page
    .getByTestId("workload-row")
    .and(page.locator(`[data-workload="${ns}/live-web"]`))
    .getByTestId("workload-ready");
  await expect(ready).toHaveText("1/1", { timeout: 30_000 });
  // kubectl scale deploy/live-web --replicas=3, as a merge patch.
  const scaled = await send(
    "PATCH",
    `/apis/apps/v1/namespaces/${ns}/deployments/live-web`,
    { spec: { replicas: 3 } },
    "application/merge-patch+json",
  );
  expect(scaled.status).toBe(200);
  // Sooner than the list's 10 s poll, and with no poll at all: the row came on the stream.
  await expect(ready).toHaveText(/^\d\/3$/, { timeout: 5_000 });
  expect(polls).toEqual([]);
  await fetch(`${server}/apis/apps/v1/namespaces/${ns}/deployments/live-web`, { method: "DELETE" });
});
