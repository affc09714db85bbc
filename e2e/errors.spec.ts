// What a hostile or unlucky request gets from the real server (`npm start` on the demo cluster):
// a sentence, the right status and the security headers, on answers Next or Node give as well.
import { expect, test } from "@playwright/test";
import net from "node:net";

const base = () => `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;

function expectSecurityHeaders(h: Record<string, string>) {
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("same-origin");
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
}

test("malformed percent-encoding: 400 with a sentence and the headers, JSON for /api, a page otherwise", async ({
  request,
}) => {
  for (const path of ["/api/pods/%E0%A4%A/x/timeline", "/api/snapshots/%E0%A4%A"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(400);
    expect((await res.json()).error, path).toMatch(/not valid percent-encoding/);
    expectSecurityHeaders(res.headers());
  }
  for (const path of ["/pods/dev/%E0%A4%A", "/s/%E0%A4%A"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(400);
    expect(await res.text(), path).toMatch(/not valid percent-encoding/);
    expectSecurityHeaders(res.headers());
  }
});

test("pod pages: a name no pod can have is a 400 page that says why, a pod never seen a 404", async ({
  page,
  request,
}) => {
  // Double-encoded: the name is "%E0%A4%A" (it threw a URIError in generateMetadata).
  for (const [path, why] of [
    ["/pods/dev/%25E0%25A4%25A", /is not a valid pod name/],
    ["/pods/Dev/x", /namespace "Dev" is not a valid namespace name/],
  ] as const) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(400);
    expectSecurityHeaders(res.headers());
    await page.goto(path);
    await expect(page.getByTestId("pod-invalid")).toContainText(why);
  }
  const ghost = await request.get("/pods/dev/never-seen-pod");
  expect(ghost.status()).toBe(404);
  expectSecurityHeaders(ghost.headers());
  await page.goto("/pods/dev/never-seen-pod");
  await expect(page.getByTestId("pod-error")).toContainText("never seen");
  // A pod it knows is still a 200.
  expect((await request.get("/pods/dev/web-typo")).status()).toBe(200);
});

test("a method a route does not answer: 405 with a sentence and Allow", async ({ request }) => {
  const res = await request.put("/api/pods");
  expect(res.status()).toBe(405);
  expect(res.headers()["allow"]).toBe("GET, HEAD, OPTIONS");
  expect((await res.json()).error).toBe(
    "PUT is not answered at /api/pods: it answers GET (and HEAD).",
  );
  expectSecurityHeaders(res.headers());
});

test("headers too large: 431 from Node's parser with a sentence and the headers", async () => {
  const url = new URL(base());
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () =>
      socket.end(
        `GET /api/pods HTTP/1.1\r\nHost: ${url.host}\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
      ),
    );
    let got = "";
    socket.on("data", (c) => (got += c.toString()));
    socket.on("close", () => resolve(got));
    socket.on("error", reject);
  });
  expect(answer).toMatch(/^HTTP\/1\.1 431 /);
  expect(answer).toContain("X-Frame-Options: DENY");
  expect(answer).toMatch(/headers are too large/);
});

/** One raw HTTP/1.1 exchange (fetch and Playwright refuse these requests). */
function rawExchange(text: string): Promise<string> {
  const url = new URL(base());
  return new Promise<string>((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () => socket.write(text));
    let got = "";
    socket.on("data", (c) => (got += c.toString()));
    socket.on("close", () => resolve(got));
    socket.on("error", reject);
    setTimeout(() => socket.end(), 5000).unref();
  });
}

test("TRACE, CONNECT, a full URL or * as the target, a method a page does not take: each a sentence and the headers", async ({
  request,
}) => {
  const trace = await rawExchange(
    "TRACE /api/pods HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  );
  expect(trace).toMatch(/^HTTP\/1\.1 501 /);
  expect(trace).toContain("X-Frame-Options: DENY");
  expect(trace).toContain("TRACE is not a method Lifeline answers");
  const connect = await rawExchange(
    "CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n",
  );
  expect(connect).toMatch(/^HTTP\/1\.1 501 /);
  for (const target of ["http://evil.example/api/readyz", "*"]) {
    const answer = await rawExchange(
      `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    expect(answer, target).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer, target).not.toMatch(/evil\.example/);
    expect(answer).toContain("X-Frame-Options: DENY");
  }
  const del = await request.delete("/kiosk");
  expect(del.status()).toBe(405);
  expect(del.headers()["allow"]).toBe("GET, HEAD");
  expectSecurityHeaders(del.headers());
  expect((await request.get("/api/pods?namespace=%E0%A4%A")).status()).toBe(400);
});

test("a 12 KB selector is named in its sentence, not echoed; to=0 says there was nothing then", async ({
  request,
}) => {
  const selector = "app=web," + "x".repeat(6000) + " in (" + "y".repeat(6000);
  const bad = await request.get(`/api/pods?selector=${encodeURIComponent(selector)}`);
  expect(bad.status()).toBe(400);
  const { error } = await bad.json();
  expect(error.length).toBeLessThan(500);
  expect(error).toContain(`(${selector.length.toLocaleString("en-US")} characters)`);

  const before = await request.get("/api/pods/dev/web-typo/timeline?to=0");
  expect(before.status()).toBe(404);
  expect((await before.json()).error).toMatch(
    /^Lifeline has no record of dev\/web-typo at or before 1970-01-01T00:00:00Z: its record of that pod starts at /,
  );
});

test("an RTL override (U+202E) in an event stays inside its own text on the pod page", async ({
  page,
  request,
}) => {
  const { server } = await (await request.get("/api/cluster")).json();
  const { timeline } = await (await request.get("/api/pods/dev/web-typo/timeline")).json();
  const created = await request.post(`${server}/api/v1/namespaces/dev/events`, {
    data: {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: `web-typo.rlo-${Date.now()}`, namespace: "dev" },
      involvedObject: {
        kind: "Pod",
        apiVersion: "v1",
        namespace: "dev",
        name: "web-typo",
        uid: timeline.uid,
      },
      reason: "Evil\u202ELIVE",
      message: "pulling \u202Egnp.exe and the rest of the line",
      type: "Warning",
      count: 1,
      source: { component: "kubelet" },
    },
  });
  expect(created.status()).toBe(201);
  await page.goto("/pods/dev/web-typo");
  // The events table: the reason and message cells isolate what they hold (dir=auto).
  const cell = page.getByTestId("event-message").filter({ hasText: "gnp.exe" });
  await expect(cell).toHaveCount(1);
  await expect(cell).toHaveAttribute("dir", "auto");
  await expect(page.locator("td[dir=auto]", { hasText: "LIVE" })).toHaveCount(1);
  // The chart: every title holding the override holds it inside FSI … PDI.
  const titles = await page.locator('[data-testid="pod-timeline"] title').allTextContents();
  const hostile = titles.filter((s) => s.includes("\u202E"));
  expect(hostile.length).toBeGreaterThan(0);
  for (const s of hostile)
    expect(s, JSON.stringify(s)).toMatch(/\u2068[^\u2069]*\u202E[^\u2069]*\u2069/);
});

test("a stream the server refused (a restart's 503) is opened again: the overview and the pod page come back by themselves", async ({
  page,
}) => {
  // A browser gives an EventSource up for good on any answer but a stream; the first two are refused here.
  let asked = 0;
  await page.route("**/api/stream?**", async (route) => {
    asked++;
    if (asked <= 2)
      await route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({ error: "Lifeline is starting." }),
      });
    else await route.continue();
  });
  await page.goto("/?namespace=dev");
  await expect.poll(() => asked, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  await expect(page.getByText("The live stream was cut; reconnecting…")).toHaveCount(0, {
    timeout: 20_000,
  });

  asked = 0;
  await page.goto("/pods/dev/web-typo");
  await expect.poll(() => asked, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId("pod-chart").or(page.locator("svg")).first()).toBeVisible();
  await expect(
    page.getByText("The stream is reconnecting; the timeline may be behind."),
  ).toHaveCount(0, { timeout: 20_000 });
});
