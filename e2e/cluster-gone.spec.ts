// When the cluster goes away, on servers of its own (a demo cluster in its own process, Lifeline
// through `npm start`'s server, history kept 2 s after a pod ends):
// - the kiosk marks its data stale with the time of the last update, and recovers by itself when
//   the cluster returns;
// - a snapshot opens after its pod is deleted, its history is dropped, and the cluster is gone.
import { expect, test } from "@playwright/test";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoCluster, killStarted, lifeline, ready, stop } from "./processes";

const port = Number(process.env.E2E_PORT ?? 3100) + 4;
const clusterPort = port + 80;
const base = `http://127.0.0.1:${port}`;

test.afterAll(killStarted);

test("kiosk goes stale when the cluster stops and recovers when it returns; a snapshot outlives pod, history and cluster", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), "lifeline-gone-"));
  const clusterArgs = [
    "--port",
    String(clusterPort),
    "--scenarios",
    "pod-liveness-exec,replicaset",
    "--kubeconfig-dir",
    dir,
  ];
  let cluster = await demoCluster(clusterArgs);
  const env = {
    KUBECONFIG: cluster.kubeconfig,
    LIFELINE_DATA_DIR: join(dir, "data"),
    LIFELINE_RETENTION: "2s",
  };
  let server = lifeline(port, env);
  await ready(base, 180_000);

  // A snapshot of a pod the cluster will lose.
  await page.goto(`${base}/pods/dev/pod-liveness-exec`);
  await expect(page.getByTestId("pod-timeline")).toBeVisible();
  const uid = await page.locator("text=/^uid /").innerText();
  await page.getByTestId("share-snapshot").click();
  await expect(page.getByTestId("share-url")).toHaveValue(/\/s\/[A-Za-z0-9_-]{24}\?/);
  const snapshot = await page.getByTestId("share-url").inputValue();
  // What the snapshot shows while the cluster is there (the live page may be a delta behind the
  // moment the server stored, so it is not the thing to compare with).
  await page.goto(snapshot);
  await expect(page.getByTestId("snapshot-banner")).toBeVisible();
  const status = await page.getByTestId("pod-status").innerText();

  // The kiosk, live; then the cluster stops: stale within the limit (5 s here), with the last update's time.
  const kiosk = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await kiosk.goto(`${base}/kiosk?stale=5s`);
  await expect(kiosk.getByTestId("kiosk")).toHaveAttribute("data-fresh", "live");
  await stop(cluster.child);
  await expect(kiosk.getByTestId("kiosk")).toHaveAttribute("data-fresh", "stale", {
    timeout: 30_000,
  });
  await expect(kiosk.getByTestId("kiosk-stale")).toHaveText(
    /^STALE: last update \d\d:\d\d:\d\d \(\d+s ago\)\. Lifeline has lost the cluster/,
  );
  await kiosk.screenshot({ path: "e2e/screenshots/kiosk-stale.png" });

  // The cluster returns (a new one on the same address): the kiosk is live again by itself.
  cluster = await demoCluster(clusterArgs);
  await expect(kiosk.getByTestId("kiosk")).toHaveAttribute("data-fresh", "live", {
    timeout: 90_000,
  });
  await expect(kiosk.getByTestId("kiosk-card").first()).toBeVisible();
  await kiosk.screenshot({ path: "e2e/screenshots/kiosk-recovered.png" });

  // The new cluster's pod of that name goes too; Lifeline restarts twice. The new cluster is
  // another cluster (its own kube-system uid): the restarts open a history of its own, and drop
  // the first cluster's once it has not been written for the 2 s retention.
  const api = /server: (http:\/\/\S+)/.exec(readFileSync(cluster.kubeconfig, "utf8"))![1];
  expect(
    (
      await fetch(`${api}/api/v1/namespaces/dev/pods/pod-liveness-exec?gracePeriodSeconds=0`, {
        method: "DELETE",
      })
    ).status,
  ).toBe(200);
  for (let i = 0; i < 2; i++) {
    await stop(server);
    await new Promise((r) => setTimeout(r, 2500)); // past the 2 s retention: a real restart, real time
    server = lifeline(port, env);
    await ready(base, 120_000);
  }
  const old = await fetch(
    `${base}/api/pods/dev/pod-liveness-exec/timeline?uid=${uid.replace(/^uid /, "")}`,
  );
  expect(old.status).toBe(404); // no history has it any more

  // And the cluster is gone for good: the snapshot still opens, as it was.
  await stop(cluster.child);
  const other = await browser.newContext();
  const them = await other.newPage();
  await them.goto(snapshot);
  await expect(them.getByTestId("snapshot-banner")).toBeVisible();
  await expect(them.getByTestId("pod-status")).toHaveText(status);
  await expect(them.locator("g[data-row]").first()).toBeVisible();
  await other.close();
  await stop(server);
});
