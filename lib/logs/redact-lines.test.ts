// Redaction of a tail that carries the kubelet's times (timestamps=true).
import { describe, expect, it } from "vitest";
import { DEFAULT_REDACTIONS, redactionsFrom } from "./redact";
import { redactLog } from "./redact-lines";

describe("redactLog", () => {
  it("a pattern anchored at a line's start matches after the kubelet's time", () => {
    const rules = [...DEFAULT_REDACTIONS, ...redactionsFrom("/^secret-\\w+/m")];
    const text =
      "2026-11-25T06:00:00.123456789Z secret-hunter2 loaded\n2026-11-25T06:00:01Z password=hunter3 ok\n";
    expect(redactLog(text, rules)).toBe(
      "2026-11-25T06:00:00.123456789Z [REDACTED] loaded\n2026-11-25T06:00:01Z password=[REDACTED] ok\n",
    );
  });

  it("a private key block across stamped lines is removed whole, times and all", () => {
    const text = [
      "2026-11-25T06:00:00Z key:",
      "2026-11-25T06:00:00Z -----BEGIN RSA PRIVATE KEY-----",
      "2026-11-25T06:00:00Z MIIEowIBAAKCAQEAbase64material",
      "2026-11-25T06:00:00Z -----END RSA PRIVATE KEY-----",
      "2026-11-25T06:00:01Z done",
      "",
    ].join("\n");
    const out = redactLog(text, DEFAULT_REDACTIONS);
    expect(out).not.toContain("base64material");
    expect(out).toBe(
      "2026-11-25T06:00:00Z key:\n2026-11-25T06:00:00Z [REDACTED]\n2026-11-25T06:00:01Z done\n",
    );
  });

  it("a text without times is redacted as before", () => {
    const rules = [...DEFAULT_REDACTIONS, ...redactionsFrom("/^secret-\\w+/m")];
    expect(redactLog("secret-x1 a\nBearer abcdefghijk\n", rules)).toBe(
      "[REDACTED] a\nBearer [REDACTED]\n",
    );
  });
});
