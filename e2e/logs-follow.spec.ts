// The live tail end to end: `npm start` on the embedded demo cluster, its follow route read by the
// browser's fetch as the pod page's LiveTail reads it. Lines come as the container writes them;
// a connection cut off ends the cluster's request (the per-client slots come back); bad input is
// a sentence. Waits on state, never on the clock.
import { expect, test } from "@playwright/test";

const FOLLOW = "/api/pods/dev/api-flappy/logs/follow";

test.describe("following a container's log", () => {
  test.beforeAll(async ({ request }) => {
    await expect
      .poll(async () => (await request.get("/api/readyz")).status(), { timeout: 60_000 })
      .toBe(200);
  });

  test("frames come as the container writes its lines, each with its time", async ({ page }) => {
    await page.goto("/api/healthz");
    const got = await page.evaluate(async (url) => {
      const res = await fetch(url);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = "";
      const frames: { t: string; lines?: { text: string; at?: number }[] }[] = [];
      // The tail's lines, then at least two more frames of lines the container writes after.
      while (frames.filter((f) => f.t === "lines").length < 3) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        let nl: number;
        while ((nl = text.indexOf("\n")) >= 0) {
          frames.push(JSON.parse(text.slice(0, nl)));
          text = text.slice(nl + 1);
        }
      }
      await reader.cancel();
      return { status: res.status, type: res.headers.get("content-type"), frames };
    }, `${FOLLOW}?container=api&tailLines=3&timestamps=1`);
    expect(got.status).toBe(200);
    expect(got.type).toMatch(/^application\/x-ndjson/);
    expect(got.frames[0]).toEqual({ t: "open", container: "api", timestamps: true });
    const lines = got.frames.flatMap((f) => f.lines ?? []);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const l of lines) {
      expect(typeof l.text).toBe("string");
      expect(typeof l.at).toBe("number");
    }
    // Newer lines come later: the kubelet's times never go back.
    const times = lines.map((l) => l.at!);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
  });

  test("a connection cut off ends the cluster's request: the client's slots come back", async ({
    baseURL,
  }) => {
    const open = async () => {
      const ctl = new AbortController();
      const res = await fetch(`${baseURL}${FOLLOW}?container=api&tailLines=0`, {
        signal: ctl.signal,
      });
      if (res.ok) await res.body!.getReader().read(); // the open frame: it is following
      return { res, cut: () => ctl.abort() };
    };
    for (let round = 0; round < 3; round++) {
      const opened: Awaited<ReturnType<typeof open>>[] = [];
      // The round before's slots come back once the server has seen its connections close.
      await expect
        .poll(
          async () => {
            const o = await open();
            if (o.res.status === 200) opened.push(o);
            return opened.length;
          },
          { timeout: 15_000 },
        )
        .toBe(4);
      const fifth = await fetch(`${baseURL}${FOLLOW}?container=api`);
      expect(fifth.status).toBe(429);
      expect((await fifth.json()).error).toBe(
        "You already follow 4 container logs from this address, the limit per client; close one of them first.",
      );
      for (const o of opened) o.cut();
    }
  });

  test("bad input and unknown names are sentences; a HEAD follows nothing", async ({ request }) => {
    const bad = await request.get(`${FOLLOW}?container=api&tailLines=lots`);
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error).toBe(
      'tailLines "lots" must be a whole number from 0 to 5000: the lines shown before new ones follow.',
    );
    const unknown = await request.get(`${FOLLOW}?container=nope`);
    expect(unknown.status()).toBe(400);
    expect((await unknown.json()).error).toBe(
      "The API server said: container nope is not valid for pod api-flappy",
    );
    const ghost = await request.get("/api/pods/dev/ghost/logs/follow?container=api");
    expect(ghost.status()).toBe(404);
    expect((await ghost.json()).error).toBe('The API server said: pods "ghost" not found');
    const head = await request.head(`${FOLLOW}?container=api`);
    expect(head.status()).toBe(200);
  });
});

test("the pod page: Follow shows the running container's lines as text; closing the page ends it", async ({
  browser,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const { server } = await (await request.get("/api/cluster")).json();
  const evil = "<script>alert(1)</script>";
  const name = `follow-markup-${Date.now().toString(36)}`;
  const created = await request.post(`${server}/api/v1/namespaces/dev/pods`, {
    data: {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name,
        annotations: {
          "lifeline.dev/script.app": `echo '${evil}'; while true; do echo tick; sleep 5; done`,
        },
      },
      spec: { containers: [{ name: "app", image: "docker.1ms.run/library/busybox:1.36" }] },
    },
  });
  expect(created.status()).toBe(201);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.goto(`/pods/dev/${name}?tz=utc`);
  const run = page.locator('[data-row="container-app"] [data-kind="run"][data-label^="#1"] rect');
  await expect(run.first()).toBeVisible({ timeout: 60_000 });
  await run.first().click();
  await page.getByTestId("log-follow").click();
  const tail = page.getByTestId("live-tail");
  await expect(tail).toHaveAttribute("data-phase", "following", { timeout: 30_000 });
  const lines = page.getByTestId("live-tail-lines");
  await expect(lines).toContainText(evil);
  // New lines arrive while it is open.
  await expect
    .poll(async () => (await lines.textContent())?.split("tick").length ?? 0, { timeout: 30_000 })
    .toBeGreaterThan(2);
  expect(await page.locator('[data-testid="live-tail"] script').count()).toBe(0);
  expect(dialogs).toBe(0);
  await page.screenshot({ path: "e2e/screenshots/pod-live-tail.png", fullPage: true });
  // The page closes: its follow ends on the server, so this address has its 4 follows again.
  await context.close();
  const opened: AbortController[] = [];
  await expect
    .poll(
      async () => {
        const ctl = new AbortController();
        const res = await fetch(`${baseURL}${FOLLOW}?container=api&tailLines=0`, {
          signal: ctl.signal,
        });
        if (res.status === 200) opened.push(ctl);
        else ctl.abort();
        return opened.length;
      },
      { timeout: 15_000 },
    )
    .toBe(4);
  for (const c of opened) c.abort();
});
