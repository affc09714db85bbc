// The node pages: /nodes lists every node (not Ready first), /nodes/{name} draws a node's
// conditions and taints over time, what it took with it when it was lost, and its pods' lanes.
// The demo loses db-0's node (node-4, the node-lost story's own) 180 s in (18 s at 10×) and marks
// it Unknown 50 s later.
import { expect, test } from "@playwright/test";

async function lostNode(request: import("@playwright/test").APIRequestContext): Promise<string> {
  // dev's db-0: the StatefulSet story has a db-0 of its own, in namespace data.
  const body = await (await request.get("/api/pods?namespace=dev&search=db-0")).json();
  const db = body.pods.find((p: { name: string }) => p.name === "db-0");
  expect(db?.node).toBeTruthy();
  return db.node as string;
}

test.describe("nodes", () => {
  test("the list puts the lost node first, Unknown, with its taints, and links to its page", async ({
    page,
    request,
  }) => {
    const lost = await lostNode(request);
    await page.goto("/nodes");
    const first = page.getByTestId("nodes-row").first();
    await expect(first).toHaveAttribute("data-ready", "false", { timeout: 90_000 });
    await expect(first.getByRole("link")).toHaveText(lost);
    await expect(first).toContainText("Unknown");
    await expect(first).toContainText("node.kubernetes.io/unreachable:NoExecute");
    await expect(page.getByTestId("nodes-row")).toHaveCount(4);
    await page.screenshot({ path: "e2e/screenshots/nodes.png", fullPage: true });
    await first.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/nodes/${lost}$`));
    await expect(page.getByTestId("node-view")).toBeVisible();
  });

  test("a lost node's page: Ready goes Unknown, the taints arrive, and it names the pods it took", async ({
    page,
    request,
  }) => {
    const lost = await lostNode(request);
    await page.setViewportSize({ width: 1600, height: 1000 });
    // Six hours: at 10× the demo clock passes 15 minutes in 90 s, and this spec may run long
    // after the loss; the track must still begin before it.
    await page.goto(`/nodes/${lost}?window=6h&tz=utc`);
    const loss = page.getByTestId("node-loss");
    await expect(loss).toBeVisible({ timeout: 90_000 });
    await expect(loss.getByRole("heading")).toContainText(
      /^Unknown since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC: \d+ pods were on it then$/,
    );
    await expect(loss.getByRole("link", { name: "dev/db-0" })).toBeVisible();
    const tracks = page.getByTestId("node-track");
    await expect(tracks.first()).toContainText("Ready");
    await expect(
      tracks.filter({ hasText: "node.kubernetes.io/unreachable:NoExecute" }),
    ).toHaveCount(1);
    // The Ready track reads aloud as it is drawn: Ready, then Unknown.
    await expect(tracks.first().getByRole("img")).toHaveAttribute(
      "aria-label",
      /^Ready: Ready · .*; Unknown · /,
    );
    const pods = page.getByTestId("node-pod");
    await expect(pods.filter({ hasText: "dev/db-0" })).toHaveCount(1);
    await page.screenshot({ path: "e2e/screenshots/node-lost.png", fullPage: true });
    // The pod's link opens its page.
    await pods.filter({ hasText: "dev/db-0" }).getByRole("link").click();
    await expect(page).toHaveURL(/\/pods\/dev\/db-0\?uid=/);
  });

  test("a name no node can have says why; an unknown node says it has no record", async ({
    page,
    request,
  }) => {
    // 400 for a name no node can have, 404 for one Lifeline has no record of, as the API would.
    const bad = await page.goto("/nodes/Not_A_Node");
    expect(bad!.status()).toBe(400);
    await expect(page.getByTestId("node-invalid")).toContainText(
      'node "Not_A_Node" is not a valid node name',
    );
    const none = await page.goto("/nodes/no-such-node?window=15m");
    expect(none!.status()).toBe(404);
    await expect(page.getByTestId("node-empty")).toContainText(
      "Lifeline has no record of node no-such-node in this window",
    );
    // A node it knows is a 200.
    const known = await page.goto(`/nodes/${await lostNode(request)}`);
    expect(known!.status()).toBe(200);
  });
});
