import { describe, expect, it } from "vitest";
import { authConfigFrom } from "./config";
import { clientAddress, PEER_ADDRESS_HEADER, PEER_TLS_HEADER } from "./forwarded";
import { overHttps, sameOrigin } from "./http";
import { parseRange } from "./ip";

const trusted = [parseRange("10.0.0.0/8")];

function post(headers: Record<string, string>): Request {
  return new Request("http://lifeline.example/api/login", { method: "POST", headers });
}

describe("X-Forwarded-* are believed only from trusted proxies", () => {
  it("a client's own X-Forwarded-Host does not make another site's Origin look like ours", () => {
    const forged = post({
      Host: "lifeline.example",
      Origin: "https://evil.example",
      "X-Forwarded-Host": "evil.example",
      [PEER_ADDRESS_HEADER]: "192.0.2.7",
    });
    expect(sameOrigin(forged, trusted)).toBe(false);
    expect(sameOrigin(forged, [])).toBe(false);
    // Nor with no known peer at all (`next start` without scripts/start.mjs).
    expect(
      sameOrigin(
        post({
          Host: "lifeline.example",
          Origin: "https://evil.example",
          "X-Forwarded-Host": "evil.example",
        }),
        trusted,
      ),
    ).toBe(false);
  });
  it("from a trusted proxy, X-Forwarded-Host names the host the browser used", () => {
    const proxied = {
      Host: "lifeline:3000",
      Origin: "https://lifeline.example",
      "X-Forwarded-Host": "lifeline.example",
      [PEER_ADDRESS_HEADER]: "10.2.3.4",
    };
    expect(sameOrigin(post(proxied), trusted)).toBe(true);
    expect(sameOrigin(post({ ...proxied, Origin: "https://evil.example" }), trusted)).toBe(false);
    expect(
      sameOrigin(post({ Host: "lifeline.example", Origin: "http://lifeline.example" }), []),
    ).toBe(true);
  });
  it("X-Forwarded-Proto (the cookie's Secure flag) likewise", () => {
    expect(
      overHttps(post({ "X-Forwarded-Proto": "https", [PEER_ADDRESS_HEADER]: "10.2.3.4" }), trusted),
    ).toBe(true);
    expect(
      overHttps(
        post({ "X-Forwarded-Proto": "https", [PEER_ADDRESS_HEADER]: "192.0.2.7" }),
        trusted,
      ),
    ).toBe(false);
  });
  it("an https request URL is not proof of https (Next builds it from the client's X-Forwarded-Proto): only the connection or a trusted proxy", () => {
    const forged = new Request("https://lifeline.example/api/login", {
      method: "POST",
      headers: { "X-Forwarded-Proto": "https", [PEER_ADDRESS_HEADER]: "192.0.2.7" },
    });
    expect(overHttps(forged, trusted)).toBe(false);
    expect(
      overHttps(new Request("https://lifeline.example/api/login", { method: "POST" }), trusted),
    ).toBe(false);
    expect(
      overHttps(post({ [PEER_ADDRESS_HEADER]: "192.0.2.7", [PEER_TLS_HEADER]: "1" }), trusted),
    ).toBe(true);
  });
  it("the client behind trusted proxies: the right-most X-Forwarded-For address that is not one of them", () => {
    expect(clientAddress("10.2.3.4", "198.51.100.1, 203.0.113.5, 10.9.9.9", trusted)).toBe(
      "203.0.113.5",
    );
    expect(clientAddress("10.2.3.4", null, trusted)).toBe("10.2.3.4");
    expect(clientAddress("10.2.3.4", "garbage", trusted)).toBe("10.2.3.4");
    // An untrusted peer's X-Forwarded-For is its own invention.
    expect(clientAddress("192.0.2.7", "203.0.113.5", trusted)).toBe("192.0.2.7");
    expect(clientAddress(null, "203.0.113.5", trusted)).toBeNull();
  });
  it("LIFELINE_TRUSTED_PROXIES is read in every mode (default: none)", () => {
    expect(authConfigFrom({}).trustedProxies).toEqual([]);
    expect(
      authConfigFrom({
        LIFELINE_AUTH: "token",
        LIFELINE_AUTH_TOKEN: "t".repeat(20),
        LIFELINE_TRUSTED_PROXIES: "10.0.0.0/8",
      }).trustedProxies.map((r) => r.text),
    ).toEqual(["10.0.0.0/8"]);
    expect(() => authConfigFrom({ LIFELINE_TRUSTED_PROXIES: "proxy.local" })).toThrow(
      /LIFELINE_TRUSTED_PROXIES: "proxy.local" is not an IP address/,
    );
  });
});
