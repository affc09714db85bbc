import { describe, expect, it } from "vitest";
import { AttemptLimiter, clientKey } from "./attempts";

const T0 = Date.parse("2026-11-24T10:00:00Z");
const opts = { burst: 5, refillMs: 10_000, maxClients: 100 };

describe("failed credential attempts, limited per client", () => {
  it("a client may fail `burst` times, then waits for the bucket to refill, told how long", () => {
    const l = new AttemptLimiter(opts);
    for (let i = 0; i < 5; i++) {
      expect(l.admit("10.0.0.1", T0 + i)).toEqual({ ok: true });
      l.failed("10.0.0.1", T0 + i);
    }
    expect(l.admit("10.0.0.1", T0 + 5)).toEqual({ ok: false, retryAfterS: 10 });
    expect(l.admit("10.0.0.1", T0 + 4_004)).toEqual({ ok: false, retryAfterS: 6 });
    // Another client is not affected.
    expect(l.admit("10.0.0.2", T0 + 5)).toEqual({ ok: true });
    // One token back after refillMs: one more try, then blocked again.
    expect(l.admit("10.0.0.1", T0 + 10_004)).toEqual({ ok: true });
    l.failed("10.0.0.1", T0 + 10_004);
    expect(l.admit("10.0.0.1", T0 + 10_005).ok).toBe(false);
    // Long enough: the whole burst is back, and the client is forgotten.
    expect(l.admit("10.0.0.1", T0 + 10_004 + 50_000)).toEqual({ ok: true });
  });
  it("200 wrong tokens in 7.5 s: all but the burst are refused", () => {
    const l = new AttemptLimiter({ burst: 10, refillMs: 30_000, maxClients: 100 });
    let refused = 0;
    for (let i = 0; i < 200; i++) {
      const now = T0 + i * 37.5;
      if (!l.admit("203.0.113.9", now).ok) refused++;
      else l.failed("203.0.113.9", now);
    }
    expect(refused).toBe(190);
  });
  it("memory stays bounded: the map is capped, refilled clients are dropped, the oldest go first", () => {
    const l = new AttemptLimiter({ burst: 2, refillMs: 1000, maxClients: 50 });
    for (let i = 0; i < 500; i++) l.failed(`10.1.${i >> 8}.${i & 255}`, T0);
    expect(l.size).toBe(50);
    // The most recent failures are the ones kept.
    l.failed("10.9.9.9", T0);
    l.failed("10.9.9.9", T0);
    expect(l.admit("10.9.9.9", T0).ok).toBe(false);
    expect(l.size).toBe(50);
    // Once everyone's bucket is full again, the next failure sweeps them out.
    l.failed("10.8.8.8", T0 + 10_000);
    expect(l.size).toBe(1);
  });
  it("the same failed credential repeated counts once (a stale poller); different ones each count", () => {
    const l = new AttemptLimiter(opts);
    for (let i = 0; i < 100; i++) l.failed("10.0.0.1", T0 + i * 30_000, "Bearer expired-token");
    expect(l.admit("10.0.0.1", T0 + 100 * 30_000)).toEqual({ ok: true });
    const t = T0 + 100 * 30_000;
    for (let i = 0; i < 5; i++) l.failed("10.0.0.1", t, `guess-${i}`);
    expect(l.admit("10.0.0.1", t).ok).toBe(false);
    // A few recent ones are remembered, not only the last: alternating two stale tokens counts twice.
    const m = new AttemptLimiter(opts);
    for (let i = 0; i < 50; i++) m.failed("10.0.0.2", T0, i % 2 ? "a" : "b");
    expect(m.admit("10.0.0.2", T0)).toEqual({ ok: true });
    for (let i = 0; i < 3; i++) m.failed("10.0.0.2", T0, `c${i}`);
    expect(m.admit("10.0.0.2", T0).ok).toBe(false);
  });
  it("a full map never forgets a limited client to make room for an unlimited one", () => {
    const l = new AttemptLimiter({ burst: 2, refillMs: 10_000, maxClients: 3 });
    l.failed("victim", T0, "a");
    l.failed("victim", T0, "b");
    expect(l.admit("victim", T0 + 1).ok).toBe(false);
    for (let i = 0; i < 20; i++) l.failed(`other-${i}`, T0 + 1 + i, "x");
    expect(l.size).toBe(3);
    expect(l.admit("victim", T0 + 100).ok).toBe(false);
  });
  it("clients there is no room for count together, so a map full of locked addresses gives no new address free guesses", () => {
    const l = new AttemptLimiter({ burst: 2, refillMs: 10_000, maxClients: 2 });
    for (const k of ["a", "b"]) for (const c of ["x", "y"]) l.failed(k, T0, c);
    l.failed("new-1", T0, "g1");
    expect(l.admit("new-1", T0).ok).toBe(true);
    l.failed("new-2", T0, "g2");
    expect(l.admit("new-3", T0).ok).toBe(false);
    expect(l.size).toBe(2);
  });
  it("a map of limited clients only drops the one whose limit ends soonest", () => {
    const l = new AttemptLimiter({ burst: 1, refillMs: 10_000, maxClients: 3 });
    // Each fails once (limited for 10 s from its failure): a at T0, b at T0+3 s, c at T0+1 s.
    l.failed("a", T0, "x");
    l.failed("b", T0 + 3000, "x");
    l.failed("c", T0 + 1000, "x");
    l.failed("d", T0 + 4000, "x");
    expect(l.size).toBe(3);
    expect(l.admit("a", T0 + 4001).ok).toBe(true); // a's limit ended first: it went
    for (const k of ["b", "c", "d"]) expect(l.admit(k, T0 + 4001).ok, k).toBe(false);
  });
  it("keys: an IPv4 address, an IPv6 /64 (one machine has a whole /64), or one key for unknown peers", () => {
    expect(clientKey("10.0.0.7")).toBe("10.0.0.7");
    expect(clientKey("::ffff:10.0.0.7")).toBe("10.0.0.7");
    expect(clientKey("2001:db8:1:2:aaaa::1")).toBe(clientKey("2001:db8:1:2:bbbb::9"));
    expect(clientKey("2001:db8:1:2::1")).not.toBe(clientKey("2001:db8:1:3::1"));
    expect(clientKey(null)).toBe("unknown");
    expect(clientKey("not an address")).toBe("unknown");
  });
});
