import { describe, expect, it } from "vitest";
import { DEFAULT_REDACTIONS, redact, redactionsFrom } from "./redact";

const clean = (text: string) => redact(text, DEFAULT_REDACTIONS);

describe("redaction", () => {
  it("removes the default secret shapes and keeps the words around them", () => {
    const cases: [string, string][] = [
      ["login password=hunter2 ok", "login password=[REDACTED] ok"],
      ['{"password": "p@ss w0rd", "user": "bob"}', '{"password": "[REDACTED]", "user": "bob"}'],
      ["DB_PASSWORD: s3cr3t", "DB_PASSWORD: [REDACTED]"],
      ["Authorization: Bearer abcdefghijklmnop.qrs", "Authorization: Bearer [REDACTED]"],
      ["key AKIAIOSFODNN7EXAMPLE used", "key [REDACTED] used"],
      ["AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG", "AWS_SECRET_ACCESS_KEY=[REDACTED]"],
      ["postgres://app:pa55word@db:5432/x", "postgres://app:[REDACTED]@db:5432/x"],
      ["token ghp_" + "a".repeat(36), "token [REDACTED]"],
      ["?api_key=xyz123&page=2", "?api_key=[REDACTED]&page=2"],
      [
        "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\nnext",
        "[REDACTED]\nnext",
      ],
    ];
    for (const [text, want] of cases) expect(clean(text), text).toBe(want);
  });

  it("leaves ordinary log lines alone", () => {
    const text = "GET /healthz 200 3ms\npanic: runtime error: index out of range [3]\nKilled\n";
    expect(clean(text)).toBe(text);
  });

  it("adds LIFELINE_LOG_REDACT's patterns, one a line or a JSON array, /…/flags", () => {
    const extra = redactionsFrom("session=[0-9a-f]+\n/x-internal: \\S+/i");
    expect(redact("a session=00ff X-Internal: zz", extra)).toBe("a [REDACTED] [REDACTED]");
    expect(redact("id-123", redactionsFrom('["id-\\\\d+"]'))).toBe("[REDACTED]");
    expect(() => redactionsFrom("/a/g")).toThrow('has flag "g"');
    expect(() => redactionsFrom("[1]")).toThrow("array of strings");
  });
});
