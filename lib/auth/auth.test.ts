import { describe, expect, it } from "vitest";
import { ADMIN, authenticate, canSee, decodeAccess, encodeAccess, type AuthInput } from "./access";
import { authConfigFrom, AuthConfigError } from "./config";
import { contentSecurityPolicy, nonceOf } from "./headers";
import { inRange, ipBytes, isLoopbackHost, parseRange } from "./ip";
import { safeNextPath } from "./http";
import { peerFrom } from "./peer";
import { mintSession, mintViewerToken, verifySession, verifyViewerToken } from "./tokens";
import { sessionKeyFrom } from "./session-key";
import { randomBytes } from "node:crypto";

const SECRET = "s".repeat(40);
const NOW = Date.parse("2026-11-21T12:00:00Z");
const none: AuthInput = { authorization: null, cookie: null, proxyUser: null, peer: null };

describe("ip ranges", () => {
  it("reads IPv4, IPv6, mapped and bracketed addresses", () => {
    expect(ipBytes("10.1.2.3")).not.toBeNull();
    expect(ipBytes("::ffff:10.1.2.3")).toEqual(ipBytes("10.1.2.3"));
    expect(ipBytes("[::1]")).toEqual(ipBytes("0:0:0:0:0:0:0:1"));
    expect(ipBytes("fe80::1%eth0")).toEqual(ipBytes("fe80::1"));
    for (const bad of [
      "10.1.2.256",
      "1.2.3",
      "::1::2",
      "1:2:3:4:5:6:7:8:9",
      "gg::1",
      "",
      "localhost",
    ])
      expect(ipBytes(bad)).toBeNull();
  });
  it("matches CIDR ranges bit by bit", () => {
    expect(inRange("10.200.0.1", parseRange("10.0.0.0/8"))).toBe(true);
    expect(inRange("11.0.0.1", parseRange("10.0.0.0/8"))).toBe(false);
    expect(inRange("::ffff:192.168.1.7", parseRange("192.168.1.0/25"))).toBe(true);
    expect(inRange("192.168.1.200", parseRange("192.168.1.0/25"))).toBe(false);
    expect(inRange("fd00::abcd", parseRange("fd00::/8"))).toBe(true);
    expect(inRange("fe00::1", parseRange("fd00::/8"))).toBe(false);
    expect(inRange("10.0.0.1", parseRange("10.0.0.1"))).toBe(true);
    expect(inRange("10.0.0.2", parseRange("10.0.0.1"))).toBe(false);
    expect(() => parseRange("10.0.0.0/33")).toThrow(/not an IP address or a CIDR range/);
    expect(() => parseRange("proxy.local")).toThrow(/not an IP address/);
  });
  it("knows loopback", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "::1", "localhost"])
      expect(isLoopbackHost(h)).toBe(true);
    for (const h of ["0.0.0.0", "::", "10.0.0.5", "lifeline.example"])
      expect(isLoopbackHost(h)).toBe(false);
  });
});

describe("configuration", () => {
  it("needs nothing on loopback", () => {
    expect(authConfigFrom({}).mode).toBe("none");
    expect(authConfigFrom({ LIFELINE_HOST: "127.0.0.1" }).exposed).toBeNull();
  });
  it("refuses to run exposed without access control, in words", () => {
    expect(() => authConfigFrom({ LIFELINE_HOST: "0.0.0.0" })).toThrow(AuthConfigError);
    expect(() => authConfigFrom({ LIFELINE_HOST: "0.0.0.0", LIFELINE_AUTH: "none" })).toThrow(
      /will not start without access control because it listens on 0.0.0.0/,
    );
    expect(() => authConfigFrom({ KUBERNETES_SERVICE_HOST: "10.96.0.1" })).toThrow(
      /inside a Kubernetes cluster/,
    );
  });
  it("checks each mode's settings", () => {
    expect(() => authConfigFrom({ LIFELINE_AUTH: "basic" })).toThrow(/not a mode/);
    expect(() => authConfigFrom({ LIFELINE_AUTH: "token" })).toThrow(/needs LIFELINE_AUTH_TOKEN/);
    expect(() => authConfigFrom({ LIFELINE_AUTH: "token", LIFELINE_AUTH_TOKEN: "short" })).toThrow(
      /too short/,
    );
    expect(
      authConfigFrom({
        LIFELINE_HOST: "0.0.0.0",
        LIFELINE_AUTH: "token",
        LIFELINE_AUTH_TOKEN: "t".repeat(20),
      }).mode,
    ).toBe("token");
    expect(() =>
      authConfigFrom({ LIFELINE_AUTH: "proxy", LIFELINE_TRUSTED_PROXIES: "10.0.0.1" }),
    ).toThrow(/LIFELINE_AUTH_PROXY_HEADER/);
    expect(() =>
      authConfigFrom({ LIFELINE_AUTH: "proxy", LIFELINE_AUTH_PROXY_HEADER: "X-User" }),
    ).toThrow(/LIFELINE_TRUSTED_PROXIES/);
    expect(() =>
      authConfigFrom({
        LIFELINE_AUTH: "proxy",
        LIFELINE_AUTH_PROXY_HEADER: "X-User",
        LIFELINE_TRUSTED_PROXIES: "10.0.0.0/40",
      }),
    ).toThrow(/LIFELINE_TRUSTED_PROXIES: "10.0.0.0\/40"/);
    const proxy = authConfigFrom({
      LIFELINE_AUTH: "proxy",
      LIFELINE_AUTH_PROXY_HEADER: "X-Forwarded-User",
      LIFELINE_TRUSTED_PROXIES: "10.0.0.0/8, ::1",
    });
    expect(proxy.proxyHeader).toBe("x-forwarded-user");
    expect(proxy.trustedProxies.map((r) => r.text)).toEqual(["10.0.0.0/8", "::1"]);
    expect(() => authConfigFrom({ LIFELINE_SECRET: "short" })).toThrow(
      /LIFELINE_SECRET is too short/,
    );
  });
});

describe("viewer tokens", () => {
  const token = mintViewerToken(
    SECRET,
    { namespaces: ["team-a", "dev"], expiresAt: NOW + 3600_000, label: "noc wall" },
    NOW,
  );
  it("carry namespaces and expiry, signed", () => {
    expect(verifyViewerToken(SECRET, token, NOW)).toEqual({
      ok: true,
      value: { namespaces: ["dev", "team-a"], expiresAt: NOW + 3600_000, label: "noc wall" },
    });
  });
  it("are refused when expired, tampered, signed with another key, or when the server has no key", () => {
    expect(verifyViewerToken(SECRET, token, NOW + 3600_000)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/expired at 2026-11-21T13:00:00/),
    });
    const [v, payload, sig] = token.split(".");
    const widened = Buffer.from(
      JSON.stringify({ ns: ["dev", "team-a", "team-b"], exp: (NOW + 3600_000) / 1000 }),
    ).toString("base64url");
    expect(verifyViewerToken(SECRET, `${v}.${widened}.${sig}`, NOW)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/signature does not match/),
    });
    const flipped = sig.slice(0, -2) + (sig.at(-2) === "A" ? "B" : "A") + sig.at(-1);
    expect(verifyViewerToken(SECRET, `${v}.${payload}.${flipped}`, NOW).ok).toBe(false);
    expect(verifyViewerToken("k".repeat(40), token, NOW).ok).toBe(false);
    expect(verifyViewerToken(null, token, NOW)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no LIFELINE_SECRET/),
    });
    expect(verifyViewerToken(SECRET, "garbage", NOW).ok).toBe(false);
  });
  it("are not minted for bad grants", () => {
    expect(() => mintViewerToken(SECRET, { namespaces: [], expiresAt: NOW + 1 }, NOW)).toThrow(
      /at least one namespace/,
    );
    expect(() =>
      mintViewerToken(SECRET, { namespaces: ["Bad_NS"], expiresAt: NOW + 1 }, NOW),
    ).toThrow(/not a namespace name/);
    expect(() => mintViewerToken(SECRET, { namespaces: ["a"], expiresAt: NOW - 1 }, NOW)).toThrow(
      /in the past/,
    );
  });
});

describe("sessions", () => {
  const key = randomBytes(32);
  it("are keyed by the server's session key and the admin token, and expire", () => {
    const s = mintSession(key, "admin-token-123456", NOW + 1000);
    expect(s).not.toContain("admin-token");
    expect(verifySession(key, "admin-token-123456", s, NOW)).toBe("valid");
    expect(verifySession(key, "admin-token-123456", s, NOW + 1000)).toBe("expired");
    expect(
      verifySession(
        key,
        "admin-token-123456",
        s.replace(/\.\d+\./, `.${Math.floor((NOW + 9e9) / 1000)}.`),
        NOW,
      ),
    ).toBe("forged");
  });
  it("one signed with another key (a restart without LIFELINE_SECRET), for another admin token, or in the old format is stale, not forged", () => {
    const s = mintSession(key, "admin-token-123456", NOW + 1000);
    // A changed admin token ends every session, without counting each browser's old one as a guess.
    expect(verifySession(key, "another-token-1234", s, NOW)).toBe("stale");
    expect(verifySession(randomBytes(32), "admin-token-123456", s, NOW)).toBe("stale");
    expect(
      verifySession(
        key,
        "admin-token-123456",
        "ls1.9999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        NOW,
      ),
    ).toBe("stale");
    expect(verifySession(key, "admin-token-123456", "ls2.garbage", NOW)).toBe("forged");
  });
  it("the key: derived from LIFELINE_SECRET (kept across restarts), else the one scripts/start.mjs made, else one per process", () => {
    const secret = "s".repeat(40);
    expect(
      sessionKeyFrom({ LIFELINE_SECRET: secret }).equals(
        sessionKeyFrom({ LIFELINE_SECRET: secret }),
      ),
    ).toBe(true);
    expect(
      sessionKeyFrom({ LIFELINE_SECRET: secret }).equals(
        sessionKeyFrom({ LIFELINE_SECRET: "t".repeat(40) }),
      ),
    ).toBe(false);
    // Not the secret itself (viewer tokens are signed with that).
    expect(sessionKeyFrom({ LIFELINE_SECRET: secret }).toString("utf8")).not.toContain(secret);
    expect(sessionKeyFrom({ LIFELINE_SESSION_KEY: "ab".repeat(32) }).toString("hex")).toBe(
      "ab".repeat(32),
    );
    expect(sessionKeyFrom({}).equals(sessionKeyFrom({}))).toBe(true);
    expect(sessionKeyFrom({}).length).toBe(32);
  });
});

describe("authenticate", () => {
  const tokenCfg = authConfigFrom({
    LIFELINE_AUTH: "token",
    LIFELINE_AUTH_TOKEN: "admin-token-123456",
    LIFELINE_SECRET: SECRET,
  });
  const proxyCfg = authConfigFrom({
    LIFELINE_AUTH: "proxy",
    LIFELINE_AUTH_PROXY_HEADER: "X-User",
    LIFELINE_TRUSTED_PROXIES: "10.0.0.0/8",
    LIFELINE_SECRET: SECRET,
  });
  const viewer = mintViewerToken(SECRET, { namespaces: ["dev"], expiresAt: NOW + 60_000 }, NOW);

  it("lets everyone in locally, but a viewer link still narrows what they see", () => {
    expect(authenticate(none, authConfigFrom({ LIFELINE_SECRET: SECRET }), NOW)).toEqual({
      ok: true,
      access: ADMIN,
    });
    expect(
      authenticate({ ...none, cookie: viewer }, authConfigFrom({ LIFELINE_SECRET: SECRET }), NOW),
    ).toMatchObject({ ok: true, access: { role: "viewer", namespaces: ["dev"] } });
  });
  it("token mode: bearer admin token, session cookie, viewer token; nothing else", () => {
    expect(authenticate(none, tokenCfg, NOW)).toMatchObject({ ok: false });
    expect(
      authenticate({ ...none, authorization: "Bearer admin-token-123456" }, tokenCfg, NOW),
    ).toEqual({ ok: true, access: ADMIN });
    expect(
      authenticate({ ...none, authorization: "Bearer admin-token-12345" }, tokenCfg, NOW),
    ).toMatchObject({ ok: false, reason: "the bearer token is not valid here" });
    expect(authenticate({ ...none, authorization: "Basic abc" }, tokenCfg, NOW)).toMatchObject({
      ok: false,
    });
    expect(
      authenticate(
        { ...none, cookie: mintSession(tokenCfg.sessionKey, "admin-token-123456", NOW + 5000) },
        tokenCfg,
        NOW,
      ),
    ).toMatchObject({ ok: true, access: { role: "admin" } });
    expect(
      authenticate({ ...none, authorization: `Bearer ${viewer}` }, tokenCfg, NOW),
    ).toMatchObject({
      ok: true,
      access: { role: "viewer", namespaces: ["dev"], expiresAt: NOW + 60_000 },
    });
    expect(
      authenticate({ ...none, authorization: `Bearer ${viewer}` }, tokenCfg, NOW + 60_000),
    ).toMatchObject({ ok: false });
    // A bad bearer token is not rescued by a good cookie.
    expect(
      authenticate(
        {
          ...none,
          authorization: "Bearer nope",
          cookie: mintSession(tokenCfg.sessionKey, "admin-token-123456", NOW + 5000),
        },
        tokenCfg,
        NOW,
      ).ok,
    ).toBe(false);
  });
  it("proxy mode: the user header only from trusted peers", () => {
    expect(authenticate({ ...none, proxyUser: "alice", peer: "10.1.1.1" }, proxyCfg, NOW)).toEqual({
      ok: true,
      access: { ...ADMIN, user: "alice" },
    });
    expect(
      authenticate({ ...none, proxyUser: "alice", peer: "::ffff:10.1.1.1" }, proxyCfg, NOW).ok,
    ).toBe(true);
    expect(
      authenticate({ ...none, proxyUser: "alice", peer: "192.168.0.9" }, proxyCfg, NOW),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/192.168.0.9, which is not in LIFELINE_TRUSTED_PROXIES/),
    });
    expect(authenticate({ ...none, proxyUser: "alice", peer: null }, proxyCfg, NOW).ok).toBe(false);
    expect(authenticate({ ...none, peer: "10.1.1.1" }, proxyCfg, NOW).ok).toBe(false);
    expect(
      authenticate({ ...none, cookie: viewer, peer: "192.168.0.9" }, proxyCfg, NOW),
    ).toMatchObject({ ok: true, access: { role: "viewer" } });
  });
  it("access travels in a header and says what it may see", () => {
    const a = { role: "viewer" as const, user: null, namespaces: ["dev"], expiresAt: NOW };
    expect(decodeAccess(encodeAccess(a))).toEqual(a);
    expect(decodeAccess("not base64 json")).toBeNull();
    expect(
      decodeAccess(
        Buffer.from(JSON.stringify({ role: "viewer", namespaces: null })).toString("base64url"),
      ),
    ).toBeNull();
    expect(canSee(a, "dev")).toBe(true);
    expect(canSee(a, "prod")).toBe(false);
    expect(canSee(ADMIN, "prod")).toBe(true);
  });
});

describe("request helpers", () => {
  it("believe the peer header only with this process's proof", () => {
    expect(peerFrom("proof123 10.0.0.7", "proof123")).toBe("10.0.0.7");
    expect(peerFrom("guess 10.0.0.7", "proof123")).toBeNull();
    expect(peerFrom("proof123 10.0.0.7", undefined)).toBeNull();
    expect(peerFrom(null, "proof123")).toBeNull();
  });
  it("send people back only to paths on this site", () => {
    expect(safeNextPath("/pods/dev/web?from=1")).toBe("/pods/dev/web?from=1");
    for (const bad of [
      "//evil.example/",
      "https://evil.example/",
      "/\\evil",
      "/login?next=/",
      "",
      null,
    ])
      expect(safeNextPath(bad)).toBe("/");
  });
  it("normalise `next` the way a browser would before judging it: no way off this site", () => {
    // Each of these, put in a Location header or a link as it is, takes a browser to another host.
    const hostile = [
      "/.//evil.example",
      "/%2e//evil.example",
      "/%2E//evil.example",
      "/./%2e/..//evil",
      "/..//evil",
      "/%2e%2e//evil",
      "/a/../..//evil",
      "/\\evil",
      "/\\/evil",
      "//evil",
      "///evil",
      "/%5cevil",
      "/%5Cevil",
      "/%5c%5cevil",
      "%2f%2fevil",
      "/%2f%2fevil",
      "/%2F/evil",
      "/\t/evil",
      "/\n/evil",
      "/\r/evil",
      "\t//evil",
      "/%09/evil",
      "/\u0000/evil",
      "/\u007f/evil",
      " //evil",
      "https://evil",
      "HTTPS://evil",
      "http:evil",
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,x",
      "evil.example",
      "?next=x",
      "/.%2e/login",
      "/./login",
      "/api/../login",
      "/%2fapi/x",
      "/%",
      "/%zz",
    ];
    for (const bad of hostile) expect(safeNextPath(bad), JSON.stringify(bad)).toBe("/");
    // What comes out is the normalised path, never a way off the site.
    expect(safeNextPath("/pods/./dev/../dev/web")).toBe("/pods/dev/web");
    expect(safeNextPath("/%2e/pods")).toBe("/pods");
    expect(safeNextPath("/kiosk?ns=a&b=//x#top")).toBe("/kiosk?ns=a&b=//x#top");
    expect(safeNextPath("/pods/dev/caf\u00e9")).toBe("/pods/dev/caf%C3%A9");
  });
  it("the content security policy allows no inline or foreign script and no framing", () => {
    const csp = contentSecurityPolicy("abc");
    expect(csp).toContain("script-src 'self' 'nonce-abc'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });
  it("a page reads its nonce back from the policy (for its own inline script)", () => {
    const nonce = "q1Vx+/Zr9A==";
    expect(nonceOf(contentSecurityPolicy(nonce))).toBe(nonce);
    expect(nonceOf(contentSecurityPolicy(null))).toBeUndefined();
    expect(nonceOf(null)).toBeUndefined();
  });
});
