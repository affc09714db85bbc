// The live pipeline end to end: `npm start` on the embedded demo cluster (LIFELINE_DEMO=1), read
// through the API routes and the event stream. Waits on state, never on the clock.
import { expect, test } from "@playwright/test";

test.describe("live API on the demo cluster", () => {
  test("reports the demo connection and becomes ready", async ({ request }) => {
    await expect
      .poll(async () => (await request.get("/api/readyz")).status(), { timeout: 30_000 })
      .toBe(200);
    const info = await (await request.get("/api/cluster")).json();
    expect(info).toMatchObject({
      mode: "demo",
      ready: true,
      connection: { phase: "connected", eventsApi: "events.k8s.io/v1" },
    });
    expect((await request.get("/api/healthz")).status()).toBe(200);
  });

  test("lists the seed pods with kubectl's STATUS, and serves a timeline", async ({ request }) => {
    // The shared demo cluster ages while other specs run (node-4 is lost after a while, its pods
    // go): check the pods whose state lasts now, and the others through their history.
    await expect
      .poll(
        async () => {
          const { pods } = await (await request.get("/api/pods?namespace=dev")).json();
          return Object.fromEntries(
            pods.map((p: { name: string; status: string }) => [p.name, p.status]),
          );
        },
        { timeout: 30_000 },
      )
      .toMatchObject({
        "big-batch": "Pending",
        "memory-hog": expect.stringMatching(/^(CrashLoopBackOff|OOMKilled)$/),
      });
    // The demo clock runs 10× as fast: pod-initcontainer may be past Init:0/2 already, but its history keeps it.
    const init = await (await request.get("/api/pods/dev/pod-initcontainer/timeline")).json();
    expect(init.timeline.status.map((s: { status: string }) => s.status)).toContain("Init:0/2");
    const selected = await (await request.get("/api/pods?selector=app%3Dbig-batch")).json();
    expect(selected.pods.map((p: { name: string }) => p.name)).toEqual(["big-batch"]);
    const res = await request.get("/api/pods/dev/web-typo/timeline");
    expect(res.status()).toBe(200);
    const { timeline } = await res.json();
    expect(timeline).toMatchObject({ namespace: "dev", name: "web-typo" });
    expect(timeline.status.map((s: { status: string }) => s.status)).toEqual(
      expect.arrayContaining(["ErrImagePull", "ImagePullBackOff"]),
    );
  });

  test("answers bad input with 400 and a sentence, unknown pods with 404", async ({ request }) => {
    const bad = await request.get("/api/pods?namespace=Not_A_Namespace");
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toMatch(/is not a valid namespace name/);
    expect((await request.get("/api/pods/dev/ghost/timeline")).status()).toBe(404);
    expect(
      (
        await request.get(
          "/api/pods/dev/web-typo/timeline?from=2026-11-20T10:00:00Z&to=2026-11-20T09:00:00Z",
        )
      ).status(),
    ).toBe(400);
  });

  test("a HEAD of the stream, or a GET cut off, leaves no stream open on the server", async ({
    request,
    baseURL,
  }) => {
    const streams = async () =>
      (await (await request.get("/api/cluster")).json()).streams as number;
    await expect.poll(streams, { timeout: 30_000 }).toBe(0);
    for (let i = 0; i < 30; i++) {
      const res = await request.head("/api/stream?namespace=dev");
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toBe("text/event-stream");
    }
    // Cut off after the first bytes, and before them.
    for (let i = 0; i < 10; i++) {
      const ctl = new AbortController();
      const res = await fetch(`${baseURL}/api/stream`, { signal: ctl.signal });
      await res.body!.getReader().read();
      ctl.abort();
      const early = new AbortController();
      const pending = fetch(`${baseURL}/api/stream`, { signal: early.signal }).catch(() => null);
      early.abort();
      await pending;
    }
    await expect.poll(streams, { timeout: 10_000 }).toBe(0);
  });

  test("streams a snapshot, then deltas with increasing ids", async ({ page }) => {
    await page.goto("/api/healthz");
    const frames = await page.evaluate(async () => {
      const res = await fetch("/api/stream?namespace=dev");
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = "";
      while ((text.match(/\nevent: pod\n/g) ?? []).length < 3) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
      await reader.cancel();
      return text;
    });
    const events = [...frames.matchAll(/event: (\w+)/g)].map((m) => m[1]);
    expect(events[0]).toBe("snapshot");
    const ids = [...frames.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids.slice(1).every((id, i) => id > ids[i])).toBe(true);
  });

  test("the page says it shows the embedded demo cluster", async ({ page }) => {
    await page.goto("/");
    const banner = page.getByTestId("connection");
    await expect(banner).toHaveAttribute("data-tone", "ok", { timeout: 30_000 });
    await expect(page.getByTestId("connection-title")).toHaveText("Demo cluster (embedded)");
    await expect(page.getByTestId("connection-detail")).toHaveText(
      "LIFELINE_DEMO is set: using the embedded demo cluster; events from events.k8s.io/v1. This is simulated data, not a real cluster. Its clock runs 10× as fast as real time.",
    );
    await page.getByTestId("connection-title").click();
    // A header row, then one row a watch: pods, events, nodes and the seven workload kinds.
    const watches = banner.getByRole("table", { name: "Watches" });
    await expect(watches.getByRole("row")).toHaveCount(11);
    for (const path of [
      "/api/v1/pods",
      "/api/v1/nodes",
      "/apis/apps/v1/deployments",
      "/apis/batch/v1/cronjobs",
    ])
      await expect(watches.getByRole("row").filter({ hasText: path })).toHaveCount(1);
  });
});
