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

  it("removes command-line passwords, passphrases, Stripe and GitLab keys, session cookies", () => {
    const cases: [string, string][] = [
      ["mysql --password hunter2xyz -h db", "mysql --password [REDACTED] -h db"],
      ["mysql --password=hunter2xyz -h db", "mysql --password=[REDACTED] -h db"],
      ["pg_restore --db-password 'p w' x", "pg_restore --db-password '[REDACTED]' x"],
      ["gpg passphrase=correct-horse ok", "gpg passphrase=[REDACTED] ok"],
      ["--passphrase s3cret!", "--passphrase [REDACTED]"],
      ["stripe key sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", "stripe key [REDACTED]"],
      ["restricted rk_live_" + "51H7abcdefghijKLMNOP", "restricted [REDACTED]"],
      ["clone with glpat-" + "xYz12345678901234567", "clone with [REDACTED]"],
      ["GET / session=7f3a9c0d1e2b user=bob", "GET / session=[REDACTED] user=bob"],
      ["Set-Cookie: session=7f3a9c0d1e2b; Path=/; HttpOnly", "Set-Cookie: [REDACTED]"],
      ["Cookie: theme=dark; sessionid=abc123def", "Cookie: [REDACTED]"],
    ];
    for (const [text, want] of cases) expect(clean(text), text).toBe(want);
  });

  it("leaves flags that only name a secret's file or source alone, and a bare -p", () => {
    const text =
      "docker login --password-stdin -u bob\n--token-file /var/run/token\nls -p /tmp\nps -p 1234\n";
    expect(clean(text)).toBe(text);
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
