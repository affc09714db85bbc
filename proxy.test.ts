// The proxy (proxy.ts) as Next runs it before every route: failed bearer tokens and viewer links
// are limited per client, sign-in redirects carry a message key, the peer reaches the routes.
import { NextRequest } from "next/server";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { attemptLimiter } from "@/lib/auth/attempts";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/forwarded";
import { mintSession, mintViewerToken } from "@/lib/auth/tokens";

const ADMIN = "admin-token-0123456789";
const SECRET = "s".repeat(40);
const PROOF = "proof-0123456789";
vi.stubEnv("LIFELINE_AUTH", "token");
vi.stubEnv("LIFELINE_AUTH_TOKEN", ADMIN);
vi.stubEnv("LIFELINE_SECRET", SECRET);
vi.stubEnv("LIFELINE_PEER_PROOF", PROOF);
vi.stubEnv("LIFELINE_TRUSTED_PROXIES", "10.0.0.0/8");
const { proxy } = await import("./proxy");
afterAll(() => vi.unstubAllEnvs());
beforeEach(() => attemptLimiter().clear());

function ask(path: string, peer: string | null, headers: Record<string, string> = {}) {
  return proxy(new NextRequest(`http://lifeline.test${path}`, { headers: { ...(peer ? { "x-lifeline-peer": `${PROOF} ${peer}` } : {}), ...headers } }));
}
const wrong = { Authorization: "Bearer wrong-token-0123456789" };

describe("proxy: failed bearer tokens are limited per client", () => {
  it("after the burst, a 429 with Retry-After and a sentence; other clients and signed-in sessions go on", async () => {
    for (let i = 0; i < 10; i++) expect(ask("/api/pods", "192.0.2.1", wrong).status).toBe(401);
    const limited = ask("/api/pods", "192.0.2.1", wrong);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error).toMatch(/^Too many failed sign-in attempts from this address: try again in \d+ s\.$/);
    expect(limited.headers.get("x-content-type-options")).toBe("nosniff");
    // Refused unread, so even the right token gets no different answer now.
    expect(ask("/api/pods", "192.0.2.1", { Authorization: `Bearer ${ADMIN}` }).status).toBe(429);
    // Another client, and a session this client already has, are not affected.
    expect(ask("/api/pods", "192.0.2.2", { Authorization: `Bearer ${ADMIN}` }).status).toBe(200);
    expect(ask("/api/pods", "192.0.2.1", { Cookie: `lifeline_access=${mintSession(ADMIN, Date.now() + 60_000)}` }).status).toBe(200);
  });
  it("successful bearer tokens cost nothing", () => {
    for (let i = 0; i < 50; i++) expect(ask("/api/pods", "192.0.2.3", { Authorization: `Bearer ${ADMIN}` }).status).toBe(200);
    expect(attemptLimiter().size).toBe(0);
  });
  it("behind a trusted proxy, each client behind it counts on its own; a client's own X-Forwarded-For does not", () => {
    for (let i = 0; i < 11; i++) ask("/api/pods", "10.0.0.5", { ...wrong, "X-Forwarded-For": "198.51.100.7" });
    expect(ask("/api/pods", "10.0.0.5", { ...wrong, "X-Forwarded-For": "198.51.100.7" }).status).toBe(429);
    expect(ask("/api/pods", "10.0.0.5", { Authorization: `Bearer ${ADMIN}`, "X-Forwarded-For": "198.51.100.8" }).status).toBe(200);
    for (let i = 0; i < 11; i++) ask("/api/pods", "192.0.2.9", { ...wrong, "X-Forwarded-For": `198.51.100.${i}` });
    expect(ask("/api/pods", "192.0.2.9", { ...wrong, "X-Forwarded-For": "198.51.100.99" }).status).toBe(429);
  });
  it("failed viewer links count too; over the limit the sign-in page says so by key", () => {
    const [v, , sig] = mintViewerToken(SECRET, { namespaces: ["dev"], expiresAt: Date.now() + 60_000 }, Date.now()).split(".");
    const tampered = `${v}.${Buffer.from('{"ns":["prod"],"exp":9999999999}').toString("base64url")}.${sig}`;
    for (let i = 0; i < 10; i++) {
      const res = ask(`/kiosk?token=${tampered}`, "192.0.2.4");
      expect(res.status).toBe(303);
      expect(new URL(res.headers.get("location")!).searchParams.get("why")).toBe("link-invalid");
    }
    const limited = ask(`/kiosk?token=${tampered}`, "192.0.2.4");
    expect(limited.status).toBe(303);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const to = new URL(limited.headers.get("location")!);
    expect([to.pathname, to.searchParams.get("why"), to.searchParams.get("next")]).toEqual(["/login", "too-many", "/kiosk"]);
  });
});

describe("proxy: the sign-in page is told why by key, never in words of the request's making", () => {
  it("a page without credentials, an expired viewer link", () => {
    const res = ask("/pods/dev/web", "192.0.2.5");
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get("location")!).searchParams.get("why")).toBe("sign-in");
    const expired = mintViewerToken(SECRET, { namespaces: ["dev"], expiresAt: Date.now() - 1000 }, Date.now() - 60_000);
    expect(new URL(ask(`/?token=${expired}`, "192.0.2.5").headers.get("location")!).searchParams.get("why")).toBe("link-expired");
  });
});

describe("proxy: routes learn the peer only from the proxy", () => {
  it("a client's own peer-address header is replaced", () => {
    const res = ask("/api/pods", "192.0.2.6", { Authorization: `Bearer ${ADMIN}`, [PEER_ADDRESS_HEADER]: "10.0.0.1" });
    expect(res.headers.get(`x-middleware-request-${PEER_ADDRESS_HEADER}`)).toBe("192.0.2.6");
    const unknown = ask("/api/pods", null, { Authorization: `Bearer ${ADMIN}`, [PEER_ADDRESS_HEADER]: "10.0.0.1" });
    expect(unknown.headers.get(`x-middleware-request-${PEER_ADDRESS_HEADER}`)).toBe("");
  });
  it("X-Forwarded-Proto marks the viewer-link cookie Secure only from a trusted proxy, whatever peer address the client claims", () => {
    const link = `/kiosk?token=${mintViewerToken(SECRET, { namespaces: ["dev"], expiresAt: Date.now() + 60_000 }, Date.now())}`;
    const claims = { "X-Forwarded-Proto": "https", [PEER_ADDRESS_HEADER]: "10.0.0.1" };
    expect(ask(link, "192.0.2.7", claims).headers.get("set-cookie")).not.toMatch(/Secure/);
    expect(ask(link, "10.0.0.7", claims).headers.get("set-cookie")).toMatch(/; Secure$/);
  });
});
