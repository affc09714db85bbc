import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { attemptLimiter } from "@/lib/auth/attempts";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/forwarded";
import { authAudit } from "@/lib/auth/audit";
import { captureLog } from "@/lib/log/capture.test-kit";
import { POST } from "./route";

const ADMIN = "admin-token-0123456789";

function signIn(
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return POST(
    new Request("http://lifeline.test/api/login", {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { Host: "lifeline.test", ...headers },
    }),
  );
}

beforeEach(() => {
  attemptLimiter().clear();
  authAudit().clear();
  vi.stubEnv("LIFELINE_AUTH", "token");
  vi.stubEnv("LIFELINE_AUTH_TOKEN", ADMIN);
});
afterEach(() => vi.unstubAllEnvs());

describe("POST /api/login", () => {
  it("sends a signed-in browser back only to a path on this site, however `next` is dressed up", async () => {
    for (const next of [
      "/.//evil.example",
      "/%2e//evil.example",
      "/./%2e/..//evil",
      "/%5cevil",
      "/\\evil",
      "//evil",
      "https://evil",
    ]) {
      const res = await signIn({ token: ADMIN, next });
      expect(res.status, next).toBe(303);
      expect(res.headers.get("location"), next).toBe("/");
    }
    expect(
      (await signIn({ token: ADMIN, next: "/pods/dev/web?from=1" })).headers.get("location"),
    ).toBe("/pods/dev/web?from=1");
  });
  it("a refused sign-in goes back to the form with a checked `next`", async () => {
    const res = await signIn({ token: "wrong-token-0123456789", next: "/.//evil.example" });
    const to = new URL(res.headers.get("location")!, "http://x");
    expect(to.pathname).toBe("/login");
    expect(to.searchParams.get("next")).toBe("/");
    expect(to.searchParams.get("why")).toBe("wrong-token");
  });
  it("wrong tokens are limited per client: a script gets 429 with Retry-After, a browser the sign-in page saying so", async () => {
    const from = (peer: string, accept = "*/*") => ({
      [PEER_ADDRESS_HEADER]: peer,
      Accept: accept,
    });
    for (let i = 0; i < 10; i++)
      expect(
        (await signIn({ token: `wrong-${i}-0123456789` }, from("192.0.2.1"))).headers.get(
          "location",
        ),
        String(i),
      ).toMatch(/why=wrong-token/);
    const script = await signIn({ token: "wrong-token-0123456789" }, from("192.0.2.1"));
    expect(script.status).toBe(429);
    expect(Number(script.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await script.json()).error).toMatch(
      /^Too many failed sign-in attempts from this address: try again in \d+ s\.$/,
    );
    // Refused unread: the right token now gets the same answer, so the limit tests no guesses.
    expect((await signIn({ token: ADMIN }, from("192.0.2.1"))).status).toBe(429);
    const browser = await signIn(
      { token: ADMIN, next: "/kiosk" },
      from("192.0.2.1", "text/html,application/xhtml+xml"),
    );
    expect(browser.status).toBe(303);
    expect(browser.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(browser.headers.get("location")).toBe("/login?why=too-many&next=%2Fkiosk");
    // Another client signs in as usual, and successes cost nothing.
    for (let i = 0; i < 20; i++)
      expect((await signIn({ token: ADMIN }, from("192.0.2.2"))).headers.get("set-cookie")).toMatch(
        /^lifeline_access=ls2\./,
      );
    expect(attemptLimiter().size).toBe(1);
  });
  it("says why by key when this server signs nobody in with a token", async () => {
    vi.stubEnv("LIFELINE_AUTH", "");
    expect((await signIn({ token: ADMIN })).headers.get("location")).toBe(
      "/login?why=no-sign-in&next=%2F",
    );
  });
});

describe("POST /api/login: the audit trail", () => {
  it("a failed sign-in and the 429 after the burst each leave a warn line with the address, never the password", async () => {
    const logged = captureLog();
    for (let i = 0; i < 12; i++)
      await signIn({ token: `guess-${i}-hunter2` }, { [PEER_ADDRESS_HEADER]: "198.51.100.9" });
    logged.restore();
    expect(logged.lines).toEqual([
      expect.stringMatching(
        /WARN: .*authentication failed from 198\.51\.100\.9: a sign-in token was refused on \/api\/login count=1 err="the token is not the admin token"$/,
      ),
      expect.stringMatching(/WARN: .*too many failed attempts from 198\.51\.100\.9: /),
    ]);
    for (const line of logged.lines) {
      expect(line).not.toContain("guess");
      expect(line).not.toContain("hunter2");
    }
  });
});
