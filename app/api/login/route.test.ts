import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST } from "./route";

const ADMIN = "admin-token-0123456789";

function signIn(fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return POST(new Request("http://lifeline.test/api/login", { method: "POST", body: new URLSearchParams(fields), headers: { Host: "lifeline.test", ...headers } }));
}

beforeEach(() => {
  vi.stubEnv("LIFELINE_AUTH", "token");
  vi.stubEnv("LIFELINE_AUTH_TOKEN", ADMIN);
});
afterEach(() => vi.unstubAllEnvs());

describe("POST /api/login", () => {
  it("sends a signed-in browser back only to a path on this site, however `next` is dressed up", async () => {
    for (const next of ["/.//evil.example", "/%2e//evil.example", "/./%2e/..//evil", "/%5cevil", "/\\evil", "//evil", "https://evil"]) {
      const res = await signIn({ token: ADMIN, next });
      expect(res.status, next).toBe(303);
      expect(res.headers.get("location"), next).toBe("/");
    }
    expect((await signIn({ token: ADMIN, next: "/pods/dev/web?from=1" })).headers.get("location")).toBe("/pods/dev/web?from=1");
  });
  it("a refused sign-in goes back to the form with a checked `next`", async () => {
    const res = await signIn({ token: "wrong-token-0123456789", next: "/.//evil.example" });
    const to = new URL(res.headers.get("location")!, "http://x");
    expect(to.pathname).toBe("/login");
    expect(to.searchParams.get("next")).toBe("/");
  });
});
