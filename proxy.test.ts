// The proxy (proxy.ts) as Next runs it before every route: failed bearer tokens and viewer links
// are limited per client, sign-in redirects carry a message key, the peer reaches the routes.
import { NextRequest } from "next/server";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { attemptLimiter } from "@/lib/auth/attempts";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/forwarded";
import { mintViewerToken } from "@/lib/auth/tokens";
import { createHmac } from "node:crypto";
import { captureLog } from "@/lib/log/capture.test-kit";
import { authAudit } from "@/lib/auth/audit";

const ADMIN = "admin-token-0123456789";
const SECRET = "s".repeat(40);
const PROOF = "proof-0123456789";
vi.stubEnv("LIFELINE_AUTH", "token");
vi.stubEnv("LIFELINE_AUTH_TOKEN", ADMIN);
vi.stubEnv("LIFELINE_SECRET", SECRET);
vi.stubEnv("LIFELINE_PEER_PROOF", PROOF);
vi.stubEnv("LIFELINE_TRUSTED_PROXIES", "10.0.0.0/8");
const { proxy } = await import("./proxy");
const { POST: signIn } = await import("./app/api/login/route");
afterAll(() => vi.unstubAllEnvs());
beforeEach(() => {
  attemptLimiter().clear();
  authAudit().clear();
});

function ask(path: string, peer: string | null, headers: Record<string, string> = {}) {
  return proxy(
    new NextRequest(`http://lifeline.test${path}`, {
      headers: { ...(peer ? { "x-lifeline-peer": `${PROOF} ${peer}` } : {}), ...headers },
    }),
  );
}
const wrong = { Authorization: "Bearer wrong-token-0123456789" };
/** Different wrong tokens (the same one repeated counts once). */
const wrongNo = (i: number) => ({ Authorization: `Bearer wrong-token-${i}-0123456789` });

/** A session cookie as the login route leaves it (the value of lifeline_access). */
async function session(): Promise<string> {
  const res = await signIn(
    new Request("http://lifeline.test/api/login", {
      method: "POST",
      body: new URLSearchParams({ token: ADMIN }),
      headers: { Host: "lifeline.test", [PEER_ADDRESS_HEADER]: "192.0.2.250" },
    }),
  );
  return /^lifeline_access=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")![1];
}
/** What an attacker can build from a guess when the session MAC is keyed by the admin token itself. */
function cookieFromGuess(guess: string): string {
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return `lifeline_access=ls1.${exp}.${createHmac("sha256", guess).update(`ls1.${exp}`).digest("base64url")}`;
}

describe("proxy: failed bearer tokens are limited per client", () => {
  it("after the burst, a 429 with Retry-After and a sentence; other clients and signed-in sessions go on", async () => {
    for (let i = 0; i < 10; i++) expect(ask("/api/pods", "192.0.2.1", wrongNo(i)).status).toBe(401);
    const limited = ask("/api/pods", "192.0.2.1", wrongNo(10));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error).toMatch(
      /^Too many failed sign-in attempts from this address: try again in \d+ s\.$/,
    );
    expect(limited.headers.get("x-content-type-options")).toBe("nosniff");
    // Refused unread, so even the right token gets no different answer now.
    expect(ask("/api/pods", "192.0.2.1", { Authorization: `Bearer ${ADMIN}` }).status).toBe(429);
    // Another client, and a session this client already has, are not affected.
    expect(ask("/api/pods", "192.0.2.2", { Authorization: `Bearer ${ADMIN}` }).status).toBe(200);
    expect(
      ask("/api/pods", "192.0.2.1", { Cookie: `lifeline_access=${await session()}` }).status,
    ).toBe(200);
  });
  it("successful bearer tokens cost nothing", () => {
    for (let i = 0; i < 50; i++)
      expect(ask("/api/pods", "192.0.2.3", { Authorization: `Bearer ${ADMIN}` }).status).toBe(200);
    expect(attemptLimiter().size).toBe(0);
  });
  it("behind a trusted proxy, each client behind it counts on its own; a client's own X-Forwarded-For does not", () => {
    for (let i = 0; i < 11; i++)
      ask("/api/pods", "10.0.0.5", { ...wrongNo(i), "X-Forwarded-For": "198.51.100.7" });
    expect(
      ask("/api/pods", "10.0.0.5", { ...wrong, "X-Forwarded-For": "198.51.100.7" }).status,
    ).toBe(429);
    expect(
      ask("/api/pods", "10.0.0.5", {
        Authorization: `Bearer ${ADMIN}`,
        "X-Forwarded-For": "198.51.100.8",
      }).status,
    ).toBe(200);
    for (let i = 0; i < 11; i++)
      ask("/api/pods", "192.0.2.9", { ...wrongNo(i), "X-Forwarded-For": `198.51.100.${i}` });
    expect(
      ask("/api/pods", "192.0.2.9", { ...wrong, "X-Forwarded-For": "198.51.100.99" }).status,
    ).toBe(429);
  });
  it("failed viewer links count too; over the limit the sign-in page says so by key", () => {
    const [v, , sig] = mintViewerToken(
      SECRET,
      { namespaces: ["dev"], expiresAt: Date.now() + 60_000 },
      Date.now(),
    ).split(".");
    // Different tampered links (the same one repeated counts once).
    const tamperedNo = (i: number) =>
      `${v}.${Buffer.from(`{"ns":["prod"],"exp":${9999999990 + i}}`).toString("base64url")}.${sig}`;
    const tampered = tamperedNo(10);
    for (let i = 0; i < 10; i++) {
      const res = ask(`/kiosk?token=${tamperedNo(i)}`, "192.0.2.4");
      expect(res.status).toBe(303);
      expect(new URL(res.headers.get("location")!).searchParams.get("why")).toBe("link-invalid");
    }
    const limited = ask(`/kiosk?token=${tampered}`, "192.0.2.4");
    expect(limited.status).toBe(303);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const to = new URL(limited.headers.get("location")!);
    expect([to.pathname, to.searchParams.get("why"), to.searchParams.get("next")]).toEqual([
      "/login",
      "too-many",
      "/kiosk",
    ]);
  });
});

describe("proxy: the session cookie cannot test guesses of the admin token", () => {
  it("a cookie built from the right token is not a session: the MAC's key is the server's, not the token", () => {
    expect(ask("/api/pods", "192.0.2.30", { Cookie: cookieFromGuess(ADMIN) }).status).toBe(401);
  });
  it("a presented but forged session cookie counts as a failed attempt; a held session still works over the limit", async () => {
    const held = await session();
    const [v, kid, exp] = held.split(".");
    const forged = (i: number) => ({
      Cookie: `lifeline_access=${[v, kid, Number(exp) + 1 + i, held.split(".")[3]].join(".")}`,
    });
    for (let i = 0; i < 10; i++)
      expect(ask("/api/pods", "192.0.2.31", forged(i)).status, String(i)).toBe(401);
    expect(ask("/api/pods", "192.0.2.31", forged(10)).status).toBe(429);
    expect(ask("/api/pods", "192.0.2.31", { Authorization: `Bearer ${ADMIN}` }).status).toBe(429);
    expect(ask("/api/pods", "192.0.2.31", { Cookie: `lifeline_access=${held}` }).status).toBe(200);
  });
});

describe("proxy: over the limit, the open paths still answer, without reading credentials", () => {
  it("a locked-out browser holding a rejected cookie reaches the sign-in page and sign-out (no redirect loop), and probes are never limited", async () => {
    const held = await session();
    const [v, kid, exp, mac] = held.split(".");
    const forged = (i: number) => ({
      Cookie: `lifeline_access=${[v, kid, Number(exp) + 1 + i, mac].join(".")}`,
    });
    for (let i = 0; i < 11; i++) ask("/api/pods", "192.0.2.40", forged(i));
    expect(ask("/api/pods", "192.0.2.40", forged(11)).status).toBe(429);
    // The sign-in page shows (it was a 303 to itself, next= growing at each hop).
    expect(ask("/login?why=too-many", "192.0.2.40", forged(12)).status).toBe(200);
    for (const path of ["/api/healthz", "/api/readyz"]) {
      expect(ask(path, "192.0.2.40", forged(13)).status, path).toBe(200);
      expect(
        ask(path, "192.0.2.40", { Authorization: "Bearer another-guess-0123456789" }).status,
        path,
      ).toBe(200);
    }
    const out = proxy(
      new NextRequest("http://lifeline.test/api/logout", {
        method: "POST",
        headers: { "x-lifeline-peer": `${PROOF} 192.0.2.40`, ...forged(14) },
      }),
    );
    expect(out.status).toBe(200);
    // Nothing was read, so nothing was counted or checked: a held session and the right token wait as before.
    expect(ask("/api/pods", "192.0.2.40", { Authorization: `Bearer ${ADMIN}` }).status).toBe(429);
    expect(ask("/api/pods", "192.0.2.40", { Cookie: `lifeline_access=${held}` }).status).toBe(200);
  });
});

describe("proxy: a client repeating the same failed credential counts once", () => {
  it("a stale poller re-sending one expired token does not lock out its address; different guesses still do", () => {
    const stale = mintViewerToken(
      SECRET,
      { namespaces: ["dev"], expiresAt: Date.now() - 1000 },
      Date.now() - 60_000,
    );
    for (let i = 0; i < 40; i++)
      expect(
        ask("/api/pods", "192.0.2.40", { Authorization: `Bearer ${stale}` }).status,
        String(i),
      ).toBe(401);
    expect(ask("/api/pods", "192.0.2.40", { Authorization: `Bearer ${ADMIN}` }).status).toBe(200);
    for (let i = 0; i < 9; i++)
      expect(
        ask("/api/pods", "192.0.2.40", { Authorization: `Bearer wrong-${i}-0123456789` }).status,
      ).toBe(401);
    expect(ask("/api/pods", "192.0.2.40", { Authorization: `Bearer ${ADMIN}` }).status).toBe(429);
  });
});

describe("proxy: the app's icon and manifest are open, nothing else in their place", () => {
  it("a browser fetching the manifest and its icons without credentials (as it does) gets them; other files ask for sign-in", () => {
    for (const path of ["/icon.svg", "/manifest.webmanifest", "/icon-192.png", "/icon-512.png"]) {
      const res = ask(path, "192.0.2.6");
      expect(res.status, path).toBe(200);
      expect(res.headers.get("x-middleware-next"), path).toBe("1");
    }
    for (const path of [
      "/icon-1024.png",
      "/manifest.json",
      "/x/manifest.webmanifest",
      "/api/pods",
    ]) {
      const res = ask(path, "192.0.2.6");
      expect([303, 401], path).toContain(res.status);
    }
  });
});

describe("proxy: the sign-in page is told why by key, never in words of the request's making", () => {
  it("a page without credentials, an expired viewer link", () => {
    const res = ask("/pods/dev/web", "192.0.2.5");
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get("location")!).searchParams.get("why")).toBe("sign-in");
    const expired = mintViewerToken(
      SECRET,
      { namespaces: ["dev"], expiresAt: Date.now() - 1000 },
      Date.now() - 60_000,
    );
    expect(
      new URL(ask(`/?token=${expired}`, "192.0.2.5").headers.get("location")!).searchParams.get(
        "why",
      ),
    ).toBe("link-expired");
  });
});

describe("proxy: routes learn the peer only from the proxy", () => {
  it("a client's own peer-address header is replaced", () => {
    const res = ask("/api/pods", "192.0.2.6", {
      Authorization: `Bearer ${ADMIN}`,
      [PEER_ADDRESS_HEADER]: "10.0.0.1",
    });
    expect(res.headers.get(`x-middleware-request-${PEER_ADDRESS_HEADER}`)).toBe("192.0.2.6");
    const unknown = ask("/api/pods", null, {
      Authorization: `Bearer ${ADMIN}`,
      [PEER_ADDRESS_HEADER]: "10.0.0.1",
    });
    expect(unknown.headers.get(`x-middleware-request-${PEER_ADDRESS_HEADER}`)).toBe("");
  });
  it("X-Forwarded-Proto marks the viewer-link cookie Secure only from a trusted proxy, whatever peer address the client claims", () => {
    const link = `/kiosk?token=${mintViewerToken(SECRET, { namespaces: ["dev"], expiresAt: Date.now() + 60_000 }, Date.now())}`;
    const claims = { "X-Forwarded-Proto": "https", [PEER_ADDRESS_HEADER]: "10.0.0.1" };
    expect(ask(link, "192.0.2.7", claims).headers.get("set-cookie")).not.toMatch(/Secure/);
    expect(ask(link, "10.0.0.7", claims).headers.get("set-cookie")).toMatch(/; Secure$/);
  });
  it("an https address (Next builds it from a client's X-Forwarded-Proto) does not mark the cookie Secure; the real connection does", () => {
    const link = `/kiosk?token=${mintViewerToken(SECRET, { namespaces: ["dev"], expiresAt: Date.now() + 60_000 }, Date.now())}`;
    const fromUntrusted = proxy(
      new NextRequest(`https://lifeline.test${link}`, {
        headers: { "x-lifeline-peer": `${PROOF} 192.0.2.7`, "X-Forwarded-Proto": "https" },
      }),
    );
    expect(fromUntrusted.headers.get("set-cookie")).not.toMatch(/Secure/);
    const overTls = proxy(
      new NextRequest(`http://lifeline.test${link}`, {
        headers: { "x-lifeline-peer": `${PROOF} 192.0.2.7 https` },
      }),
    );
    expect(overTls.headers.get("set-cookie")).toMatch(/; Secure$/);
    // The routes learn it from the proxy only, never from the client.
    const passed = ask("/api/pods", "192.0.2.7", {
      Authorization: `Bearer ${ADMIN}`,
      "x-lifeline-peer-tls": "1",
    });
    expect(passed.headers.get("x-middleware-request-x-lifeline-peer-tls")).toBe("");
  });
});

describe("proxy: a pod page outside a viewer's namespaces is a 403", () => {
  it("the same status whether the pod exists or not; in scope, for an admin, 200; a name no pod can have, 400", () => {
    const dev = {
      Authorization: `Bearer ${mintViewerToken(SECRET, { namespaces: ["dev"], expiresAt: Date.now() + 60_000 }, Date.now())}`,
    };
    for (const path of [
      "/pods/kube-system/coredns-5d78c9869d-abcde",
      "/pods/kube-system/no-such-pod",
      "/pods/kube-system/x/",
      "/pods/prod/api",
    ])
      expect(ask(path, "192.0.2.10", dev).status, path).toBe(403);
    expect(ask("/pods/dev/api", "192.0.2.10", dev).status).toBe(200);
    expect(
      ask("/pods/kube-system/coredns", "192.0.2.10", { Authorization: `Bearer ${ADMIN}` }).status,
    ).toBe(200);
    expect(ask("/pods/kube-system/a%20b", "192.0.2.10", dev).status).toBe(400);
  });
});

describe("proxy: the audit trail", () => {
  it("a wrong bearer token and the 429 that follows each leave a warn line with the address, never the token", () => {
    const logged = captureLog();
    for (let i = 0; i < 12; i++) ask("/api/pods", "192.0.2.44", wrongNo(i));
    logged.restore();
    expect(logged.lines).toEqual([
      expect.stringMatching(
        /WARN: .*authentication failed from 192\.0\.2\.44: a bearer token was refused on \/api\/pods.*err="the bearer token is not valid here"/,
      ),
      expect.stringMatching(/WARN: .*too many failed attempts from 192\.0\.2\.44: .*retryAfterS=/),
    ]);
    for (const line of logged.lines) {
      expect(line).not.toContain("wrong-token");
      expect(line).not.toContain("0123456789");
    }
  });
});
