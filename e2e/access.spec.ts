// Access control end to end, on servers of its own: token sign-in (page and bearer), viewer tokens
// scoped to one namespace on every route and the stream, expired and tampered tokens, a trusted
// proxy's user header, the refusal to start exposed without access control, security headers.
import { expect, test } from "@playwright/test";
import { createHmac } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { mintViewerToken } from "../lib/auth/tokens";
import { exited, killStarted, lifeline, output, ready, stop } from "./processes";

const port = Number(process.env.E2E_PORT ?? 3100) + 2;
const base = `http://127.0.0.1:${port}`;
const ADMIN = "e2e-admin-token-0123456789";
const SECRET = "e2e-secret-0123456789-0123456789-0123456789";
const viewer = (namespaces: string[], ms = 3600_000) =>
  mintViewerToken(SECRET, { namespaces, expiresAt: Date.now() + ms }, Date.now());

test.describe.configure({ mode: "serial" });
test.afterAll(killStarted);

let server: ReturnType<typeof lifeline> | null = null;
// Namespace "dev" holds the stories; "scale" 6 pods that a dev viewer must never learn about.
let scaleNames: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = lifeline(port, {
    LIFELINE_DEMO: "1",
    LIFELINE_DEMO_SCALE: "6",
    LIFELINE_DATA_DIR: join(mkdtempSync(join(tmpdir(), "lifeline-access-")), "data"),
    LIFELINE_AUTH: "token",
    LIFELINE_AUTH_TOKEN: ADMIN,
    LIFELINE_SECRET: SECRET,
  });
  await ready(base, 180_000);
  const all = await (
    await fetch(`${base}/api/pods`, { headers: { Authorization: `Bearer ${ADMIN}` } })
  ).json();
  scaleNames = all.pods
    .filter((p: { namespace: string }) => p.namespace === "scale")
    .map((p: { name: string }) => p.name);
  expect(scaleNames.length).toBe(6);
});

const API_ROUTES = [
  "/api/pods",
  "/api/pods?namespace=dev",
  "/api/cluster",
  "/api/pods/dev/pod-liveness-exec/timeline",
  "/api/stream",
];
const PAGES = ["/", "/pods/dev/pod-liveness-exec", "/stories", "/kiosk"];

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  const ctl = new AbortController();
  const res = await fetch(`${base}${path}`, { headers, redirect: "manual", signal: ctl.signal });
  if (res.headers.get("content-type")?.startsWith("text/event-stream")) {
    // Read the stream for a moment, then let go.
    const reader = res.body!.getReader();
    let text = "";
    const until = Date.now() + 1500;
    while (Date.now() < until && !text.includes("event: snapshot")) {
      const r = await Promise.race([
        reader.read(),
        new Promise<null>((ok) => setTimeout(() => ok(null), 300)),
      ]);
      if (r && !r.done) text += new TextDecoder().decode(r.value);
      if (r?.done) break;
    }
    ctl.abort();
    return new Response(text, { status: res.status, headers: res.headers });
  }
  return res;
}

test("without credentials every page and API route is refused; health and readiness stay open and say nothing", async () => {
  for (const path of API_ROUTES) {
    const res = await get(path);
    expect(res.status, path).toBe(401);
    expect(res.headers.get("www-authenticate"), path).toContain("Bearer");
    expect((await res.json()).error, path).toMatch(/^Sign-in needed: /);
  }
  for (const path of PAGES) {
    const res = await get(path);
    expect(res.status, path).toBe(303);
    expect(res.headers.get("location"), path).toMatch(/^\/login\?/);
  }
  const post = await fetch(`${base}/api/snapshots`, {
    method: "POST",
    body: JSON.stringify({ namespace: "dev", name: "x" }),
  });
  expect(post.status).toBe(401);
  expect(await (await get("/api/healthz")).json()).toEqual({ ok: true });
  // Readiness says whether history is served and whether the live sync is done, nothing else.
  const readyz = await (await get("/api/readyz")).json();
  expect(readyz.ready).toBe(true);
  expect(Object.keys(readyz).sort()).toEqual(["ready", "synced"]);
  // The app's icon and manifest (public/): linked from every page, fetched without credentials.
  const login = await (await get("/login")).text();
  expect(login).toContain('<link rel="manifest" href="/manifest.webmanifest"');
  expect(login).toContain('<link rel="icon" href="/icon.svg"');
  const manifest = await get("/manifest.webmanifest");
  expect(manifest.status).toBe(200);
  const icons = (await manifest.json()).icons as { src: string; type: string }[];
  for (const icon of icons) {
    const res = await get(icon.src);
    expect(res.status, icon.src).toBe(200);
    expect(res.headers.get("content-type"), icon.src).toContain(icon.type);
  }
  // A client cannot hand itself access through the header the proxy uses.
  const forged = Buffer.from(
    JSON.stringify({ role: "admin", user: null, namespaces: null, expiresAt: null }),
  ).toString("base64url");
  expect((await get("/api/pods", { "x-lifeline-access": forged })).status).toBe(401);
});

test("bad, expired and tampered tokens are refused with the reason", async () => {
  expect((await get("/api/pods", { Authorization: "Bearer not-the-token-0123" })).status).toBe(401);
  // Minted a minute ago, valid for 30 s.
  const expired = mintViewerToken(
    SECRET,
    { namespaces: ["dev"], expiresAt: Date.now() - 30_000 },
    Date.now() - 60_000,
  );
  const res = await get("/api/pods", { Authorization: `Bearer ${expired}` });
  expect(res.status).toBe(401);
  expect((await res.json()).error).toMatch(/expired at/);
  const [v, , sig] = viewer(["dev"]).split(".");
  const widened = Buffer.from(
    JSON.stringify({ ns: ["dev", "scale"], exp: Math.floor(Date.now() / 1000) + 3600 }),
  ).toString("base64url");
  const tampered = await get("/api/pods", { Authorization: `Bearer ${v}.${widened}.${sig}` });
  expect(tampered.status).toBe(401);
  expect((await tampered.json()).error).toMatch(/signature does not match/);
  const otherKey = mintViewerToken(
    "another-secret-0123456789-0123456789",
    { namespaces: ["scale"], expiresAt: Date.now() + 60_000 },
    Date.now(),
  );
  expect((await get("/api/pods", { Authorization: `Bearer ${otherKey}` })).status).toBe(401);
  // A viewer link with a bad token lands on the sign-in page with the reason.
  const link = await get(`/kiosk?token=${v}.${widened}.${sig}`);
  expect(link.status).toBe(303);
  const login = new URL(link.headers.get("location")!, base);
  expect(login.pathname).toBe("/login");
  expect(login.searchParams.get("why")).toBe("link-invalid"); // a key: the page says it in its own words
  expect(login.searchParams.get("next")).toBe("/kiosk");
});

test("a viewer token for namespace dev shows nothing of namespace scale on any route or the stream", async () => {
  const auth = { Authorization: `Bearer ${viewer(["dev"])}` };
  const leaks = (text: string) => ['"scale"', ...scaleNames].filter((s) => text.includes(s));
  for (const path of API_ROUTES) {
    const res = await get(path, auth);
    expect(res.status, path).toBe(200);
    const text = await res.text();
    expect(leaks(text), path).toEqual([]);
  }
  const pods = await (await get("/api/pods", auth)).json();
  expect(pods.total).toBeGreaterThan(5);
  expect(new Set(pods.pods.map((p: { namespace: string }) => p.namespace))).toEqual(
    new Set(["dev"]),
  );
  const cluster = await (await get("/api/cluster", auth)).json();
  expect(cluster.pods).toBe(pods.total); // a count of dev only
  expect(cluster.memory).toEqual({ rss: 0, heapUsed: 0, external: 0 });
  // The cluster's name and state, nothing about the server's files or addresses.
  const full = await (await get("/api/cluster", { Authorization: `Bearer ${ADMIN}` })).json();
  expect(full.server).toMatch(/^https?:\/\//);
  expect(cluster.context).toBe(full.context);
  expect(cluster).not.toHaveProperty("server");
  expect(cluster).not.toHaveProperty("reason");
  expect(cluster).not.toHaveProperty("streams");
  expect(JSON.stringify(cluster)).not.toContain(new URL(full.server).host);
  // History of the other namespace, its pods, its stream: refused with a sentence that is the same whether they exist or not.
  for (const path of [
    "/api/pods?namespace=scale",
    `/api/pods/scale/${scaleNames[0]}/timeline`,
    "/api/pods/scale/no-such-pod/timeline",
    "/api/stream?namespace=scale",
    "/api/stream?channel=workloads&namespace=scale",
    "/api/pods?namespace=dev,scale",
    `/api/pods?namespace=scale&from=${new Date(Date.now() - 3600_000).toISOString()}&to=${new Date().toISOString()}`,
  ]) {
    const res = await get(path, auth);
    expect(res.status, path).toBe(403);
    expect(await res.json(), path).toEqual({ error: "This access covers namespace(s) dev only." });
  }
  const history = await (
    await get(
      `/api/pods?from=${new Date(Date.now() - 3600_000).toISOString()}&to=${new Date().toISOString()}`,
      auth,
    )
  ).text();
  expect(leaks(history)).toEqual([]);
  // The stream's frames carry no event ids (they would count the other namespace's changes).
  const stream = await (await get("/api/stream", auth)).text();
  expect(stream).toContain("event: snapshot");
  expect(stream).not.toMatch(/^id: /m);
  expect(stream).not.toContain("resourceVersion");
  // The workload stream: dev's workloads only, and no ids either.
  const workloads = await (await get("/api/stream?channel=workloads", auth)).text();
  expect(workloads).toContain("event: snapshot");
  expect(workloads).toContain('"namespace":"dev"');
  expect(leaks(workloads)).toEqual([]);
  expect(workloads).not.toMatch(/^id: /m);
  // Viewer links are read-only: no snapshots.
  const snap = await fetch(`${base}/api/snapshots`, {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/json" },
    body: JSON.stringify({ namespace: "dev", name: "pod-liveness-exec" }),
  });
  expect(snap.status).toBe(403);
});

test("a viewer link in the browser: the token moves into a cookie, pages show only its namespace", async ({
  browser,
}) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${base}/?token=${viewer(["dev"])}`);
  await expect(page).toHaveURL(`${base}/`); // the token left the address bar
  const cookie = (await ctx.cookies()).find((c) => c.name === "lifeline_access")!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  await expect(page.getByTestId("viewer-scope")).toHaveText("viewer: dev");
  await expect(page.getByTestId("count")).toHaveText(/^\d+ of \d+ pods$/);
  const html = await page.content();
  expect(scaleNames.filter((n) => html.includes(n))).toEqual([]);
  // Another namespace's pod page: a 403 that says why, the same whether the pod exists or not.
  for (const path of [
    `/pods/scale/${scaleNames[0]}`,
    "/pods/scale/no-such-pod",
    "/pods/kube-system/coredns",
  ]) {
    const res = await page.goto(`${base}${path}`);
    expect(res!.status(), path).toBe(403);
    await expect(page.getByTestId("pod-forbidden")).toHaveText(
      "This access covers namespace(s) dev only.",
    );
  }
  // The overview and the kiosk asked for another namespace say the same sentence and show nothing of it.
  await page.goto(`${base}/?namespace=scale`);
  await expect(page.getByTestId("overview-error")).toContainText(
    "This access covers namespace(s) dev only.",
  );
  const overview = await page.content();
  expect(scaleNames.filter((n) => overview.includes(n))).toEqual([]);
  await page.goto(`${base}/kiosk?namespaces=scale`);
  await expect(page.getByTestId("kiosk-connection")).toContainText(
    "This access covers namespace(s) dev only.",
  );
  const refused = await page.content();
  expect(scaleNames.filter((n) => refused.includes(n))).toEqual([]);
  await page.goto(`${base}/kiosk`);
  await expect(page.getByTestId("kiosk-card").first()).toBeVisible();
  const kiosk = await page.getByTestId("kiosk").innerText();
  expect(scaleNames.filter((n) => kiosk.includes(n))).toEqual([]);
  await ctx.close();
});

test("sign-in page: a wrong token is refused, the right one leaves an HttpOnly session; sign-out forgets it", async ({
  browser,
}) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${base}/pods/dev/pod-liveness-exec`);
  await expect(page).toHaveURL(/\/login\?next=%2Fpods%2Fdev%2Fpod-liveness-exec/);
  await page.getByLabel("Admin token").fill("wrong-token-0123456789");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-why")).toHaveText(
    "That token is not the one this server was started with.",
  );
  await page.getByLabel("Admin token").fill(ADMIN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${base}/pods/dev/pod-liveness-exec`);
  await expect(page.getByTestId("pod-timeline")).toBeVisible();
  const cookie = (await ctx.cookies()).find((c) => c.name === "lifeline_access")!;
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.value).not.toContain(ADMIN);
  // The page's scripts ran under the CSP (the chart is interactive: + zooms).
  await page.getByTestId("zoom-in").click();
  await expect(page).toHaveURL(/from=/);
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/login/);
  expect((await ctx.cookies()).find((c) => c.name === "lifeline_access")).toBeUndefined();
  await ctx.close();
});

test("security headers on pages, API answers and static files", async () => {
  const page = await get("/login");
  const csp = page.headers.get("content-security-policy")!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+';/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).toContain("frame-ancestors 'none'");
  const html = await page.text();
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  // Every script element carries this response's nonce.
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
  const asset = /\/_next\/static\/[^"]+\.js/.exec(html)![0];
  for (const res of [page, await get("/api/pods"), await get("/api/healthz"), await get(asset)]) {
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
  }
});

test("the sign-in page: its alert only in words of its own, `next` only to this site, no forwarded host from a stranger", async ({
  browser,
}) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(
    `${base}/login?why=${encodeURIComponent("Your session expired. Call +1 555 0100 to unlock it.")}&next=${encodeURIComponent("/.//evil.example")}`,
  );
  await expect(page.getByLabel("Admin token")).toBeVisible();
  await expect(page.getByTestId("login-why")).toHaveCount(0);
  expect(await page.content()).not.toContain("555 0100");
  await expect(page.locator('input[name="next"]')).toHaveValue("/");
  await page.goto(`${base}/login?why=link-expired`);
  await expect(page.getByTestId("login-why")).toHaveText(
    "This viewer link has expired: ask for a new one.",
  );
  await ctx.close();
  // The login POST, however `next` is dressed up, sends the browser to this site only.
  for (const next of [
    "/.//evil.example",
    "/%2e//evil.example",
    "/%5cevil.example",
    "/./%2e/..//evil.example",
  ]) {
    const res = await fetch(`${base}/api/login`, {
      method: "POST",
      body: new URLSearchParams({ token: ADMIN, next }),
      redirect: "manual",
    });
    expect(res.status, next).toBe(303);
    expect(res.headers.get("location"), next).toBe("/");
  }
  // Another site's Origin with a forged X-Forwarded-Host (the server trusts no proxy here).
  const forged = await fetch(`${base}/api/login`, {
    method: "POST",
    body: new URLSearchParams({ token: ADMIN }),
    redirect: "manual",
    headers: { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example" },
  });
  expect(forged.status).toBe(403);
});

// Last on this server: it leaves this machine's address over the failed-attempt limit.
test("failed bearer tokens are limited per address: 429 with Retry-After, the right token refused too until then", async () => {
  // A session held from before keeps working over the limit. Signed in over plain http with a
  // stranger's X-Forwarded-Proto: https, its cookie is not marked Secure.
  const signedIn = await fetch(`${base}/api/login`, {
    method: "POST",
    body: new URLSearchParams({ token: ADMIN }),
    redirect: "manual",
    headers: { "X-Forwarded-Proto": "https" },
  });
  const setCookie = signedIn.headers.get("set-cookie")!;
  expect(setCookie).toMatch(/^lifeline_access=ls2\./);
  expect(setCookie).not.toMatch(/Secure/);
  const held = { Cookie: setCookie.split(";")[0] };
  // A cookie built from the right admin token (the old scheme: the token was the MAC's key) is no session.
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const built = `lifeline_access=ls1.${exp}.${createHmac("sha256", ADMIN).update(`ls1.${exp}`).digest("base64url")}`;
  expect((await get("/api/pods", { Cookie: built })).status).toBe(401);
  const statuses: number[] = [];
  for (let i = 0; i < 14; i++)
    statuses.push(
      (await get("/api/pods", { Authorization: `Bearer wrong-${i}-0123456789` })).status,
    );
  expect(statuses.slice(-3)).toEqual([429, 429, 429]);
  expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
  const limited = await get("/api/pods", { Authorization: `Bearer ${ADMIN}` });
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  expect((await limited.json()).error).toMatch(
    /^Too many failed sign-in attempts from this address: try again in \d+ s\.$/,
  );
  const form = await fetch(`${base}/api/login`, {
    method: "POST",
    body: new URLSearchParams({ token: ADMIN, next: "/kiosk" }),
    redirect: "manual",
    headers: { Accept: "text/html" },
  });
  expect(form.status).toBe(303);
  expect(form.headers.get("location")).toBe("/login?why=too-many&next=%2Fkiosk");
  expect((await get("/api/pods", held)).status).toBe(200);
});

test("exposed without access control, the server refuses to start and says what to set", async () => {
  const refused = lifeline(port + 10, {
    LIFELINE_HOST: "0.0.0.0",
    LIFELINE_DEMO: "1",
    LIFELINE_AUTH: undefined,
  });
  const [line] = await output(refused, /Lifeline will not start without access control[^\n]*/);
  expect(line).toContain("LIFELINE_AUTH=token");
  await exited(refused);
  expect(refused.exitCode).toBe(1);
});

test("proxy mode: the user header counts only from a trusted address", async () => {
  test.setTimeout(240_000);
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
  test.skip(!lan, "this machine has no non-loopback IPv4 address to play an untrusted peer");
  if (server) await stop(server);
  server = null;
  const proxied = lifeline(port, {
    LIFELINE_HOST: "0.0.0.0",
    LIFELINE_DEMO: "1",
    LIFELINE_DATA_DIR: join(mkdtempSync(join(tmpdir(), "lifeline-proxy-")), "data"),
    LIFELINE_AUTH: "proxy",
    LIFELINE_AUTH_PROXY_HEADER: "X-Forwarded-User",
    LIFELINE_TRUSTED_PROXIES: "127.0.0.1/32,::1",
  });
  await ready(base, 180_000);
  const ok = await fetch(`${base}/api/pods`, {
    headers: { "X-Forwarded-User": "alice@example.org" },
  });
  expect(ok.status).toBe(200);
  expect(
    (
      await (
        await fetch(`${base}/api/cluster`, { headers: { "X-Forwarded-User": "alice@example.org" } })
      ).json()
    ).access.user,
  ).toBe("alice@example.org");
  expect((await fetch(`${base}/api/pods`)).status).toBe(401);
  const untrusted = await fetch(`http://${lan}:${port}/api/pods`, {
    headers: {
      "X-Forwarded-User": "mallory",
      "X-Forwarded-For": "127.0.0.1",
      "x-lifeline-peer": "guess 127.0.0.1",
    },
  });
  expect(untrusted.status).toBe(401);
  expect((await untrusted.json()).error).toContain(
    `came from ${lan}, which is not in LIFELINE_TRUSTED_PROXIES`,
  );
  await stop(proxied);
});
