import { describe, expect, it } from "vitest";
import { createLogger } from "../log/options.mjs";
import { AuthAudit } from "./audit";

const T0 = Date.UTC(2026, 10, 24, 20, 0, 0);

/** An audit writing JSON lines (LIFELINE_LOG_FORMAT=json, as in the image) into `lines`. */
function audited(options = { windowMs: 60_000, maxClients: 10_000 }) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    { LIFELINE_LOG_FORMAT: "json" },
    {
      write: (s: string) =>
        lines.push(
          ...s
            .split("\n")
            .filter(Boolean)
            .map((l) => JSON.parse(l)),
        ),
    },
    false,
  );
  return { audit: new AuthAudit(options, logger), lines };
}

describe("the audit trail of failed authentication", () => {
  it("one warn line per client and kind of failure a minute, with how many since the last line", () => {
    const { audit, lines } = audited();
    const bearer = { credential: "bearer token", path: "/api/pods" } as const;
    audit.failed({ ...bearer, client: "192.0.2.7", why: "the bearer token is not valid here" }, T0);
    for (let i = 1; i <= 40; i++)
      audit.failed({ ...bearer, client: "192.0.2.7", why: "x" }, T0 + i * 1000);
    audit.failed({ ...bearer, client: "192.0.2.8", why: "x" }, T0 + 2000);
    audit.limited({ client: "192.0.2.7", path: "/api/pods", retryAfterS: 30 }, T0 + 3000);
    audit.failed(
      { client: "192.0.2.7", credential: "bearer token", path: "/api/nodes", why: "y" },
      T0 + 61_000,
    );
    expect(lines).toEqual([
      expect.objectContaining({
        level: "warn",
        client: "192.0.2.7",
        credential: "bearer token",
        path: "/api/pods",
        count: 1,
        err: "the bearer token is not valid here",
        msg: "authentication failed from 192.0.2.7: a bearer token was refused on /api/pods",
      }),
      expect.objectContaining({ level: "warn", client: "192.0.2.8", count: 1 }),
      expect.objectContaining({
        level: "warn",
        client: "192.0.2.7",
        count: 1,
        retryAfterS: 30,
        msg: "too many failed attempts from 192.0.2.7: refused unread on /api/pods",
      }),
      // The 40 held back in the minute, said with the next line (41 with it).
      expect.objectContaining({
        client: "192.0.2.7",
        path: "/api/nodes",
        count: 41,
        msg: "authentication failed from 192.0.2.7: a bearer token was refused on /api/nodes (41 times since the last line)",
      }),
    ]);
  });

  it("remembers a bounded number of clients", () => {
    const { audit, lines } = audited({ windowMs: 60_000, maxClients: 100 });
    for (let i = 0; i < 1000; i++)
      audit.failed(
        {
          client: `10.0.${i >> 8}.${i & 255}`,
          credential: "sign-in token",
          path: "/api/login",
          why: "x",
        },
        T0 + i,
      );
    expect(audit.size).toBe(100);
    expect(lines).toHaveLength(1000);
  });
});
