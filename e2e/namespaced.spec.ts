// A namespaced install (deploy/'s `namespaced` overlay: Roles in the listed namespaces, nothing
// cluster-wide), played by the embedded demo cluster's RBAC on a Lifeline server of its own: the
// page is connected and green, lists dev's pods, and says where nodes would show that they are
// not visible.
import { expect, test } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { killStarted, lifeline, ready } from "./processes";

const port = Number(process.env.E2E_PORT ?? 3100) + 10;
const base = `http://127.0.0.1:${port}`;
const SENTENCE =
  "Nodes are not visible: the service account may not list nodes (a namespaced install). Pod timelines are complete; node readiness is not shown.";

test.afterAll(killStarted);

test("a namespaced install is connected, lists its namespace's pods and says nodes are not visible", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), "lifeline-namespaced-"));
  lifeline(port, {
    LIFELINE_DEMO: "1",
    LIFELINE_DEMO_SPEED: "10",
    LIFELINE_DEMO_NAMESPACES_ONLY: "dev",
    LIFELINE_NAMESPACES: "dev",
    LIFELINE_DATA_DIR: join(dir, "data"),
    LIFELINE_METRICS_PORT: "off",
  });
  await ready(base, 180_000);

  await page.goto(`${base}/`);
  const banner = page.getByTestId("connection");
  await expect(banner).toHaveAttribute("data-tone", "ok");
  await expect(page.getByTestId("connection-nodes")).toHaveText(SENTENCE);
  await expect(page.getByTestId("nodes-hidden")).toHaveAttribute("title", SENTENCE);
  // The watch's row names the refusal in the API server's words.
  await banner.locator("summary").click();
  await expect(banner).toContainText(
    'nodes is forbidden: User "system:serviceaccount:lifeline:lifeline"',
  );
  await expect(banner).toContainText("forbidden");

  // The API says the same.
  const info = await (await page.request.get(`${base}/api/cluster`)).json();
  expect(info.ready).toBe(true);
  expect(info.connection.phase).toBe("connected");
  expect(info.nodes.state).toBe("forbidden");
  const pods = await (await page.request.get(`${base}/api/pods`)).json();
  expect(pods.pods.length).toBeGreaterThan(0);
  expect(new Set(pods.pods.map((p: { namespace: string }) => p.namespace))).toEqual(
    new Set(["dev"]),
  );
});
