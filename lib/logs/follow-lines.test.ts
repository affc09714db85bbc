// A followed log's bytes as lines: split at newlines across chunks (a UTF-8 character cut between
// chunks joined again), a line past the limit cut without holding the rest, the kubelet's
// timestamps taken off, and redaction line by line, private key blocks included.
import { describe, expect, it } from "vitest";
import { followedLine, lineRedactor, lineSplitter, splitTimestamp } from "./follow-lines";
import { DEFAULT_REDACTIONS } from "./redact";

function split(chunks: (string | Buffer)[], max = 16) {
  const out: { text: string; cut: boolean }[] = [];
  const s = lineSplitter(max, (b, cut) => out.push({ text: b.toString("utf8"), cut }));
  for (const c of chunks) s.push(typeof c === "string" ? Buffer.from(c) : c);
  s.flush();
  return out;
}

describe("lineSplitter", () => {
  it("joins a line split between chunks, a multi-byte character too", () => {
    const euro = Buffer.from("€"); // 3 bytes
    expect(
      split([
        "ab",
        "c\nd",
        Buffer.concat([euro.subarray(0, 1)]),
        Buffer.concat([euro.subarray(1), Buffer.from("\n")]),
      ]),
    ).toEqual([
      { text: "abc", cut: false },
      { text: "d€", cut: false },
    ]);
  });

  it("cuts a line past the limit and drops the rest up to its newline, holding no more than the limit", () => {
    const long = "x".repeat(40);
    expect(split([long.slice(0, 10), long.slice(10) + "\nnext\n"], 16)).toEqual([
      { text: "x".repeat(16), cut: true },
      { text: "next", cut: false },
    ]);
    // A log that ends without a newline: its last line still comes.
    expect(split(["tail"])).toEqual([{ text: "tail", cut: false }]);
    expect(split(["a\n\n"])).toEqual([
      { text: "a", cut: false },
      { text: "", cut: false },
    ]);
  });
});

describe("splitTimestamp", () => {
  it("takes Go's RFC3339Nano off, to the millisecond", () => {
    expect(splitTimestamp("2026-11-20T09:00:01.123456789Z hello")).toEqual({
      at: Date.parse("2026-11-20T09:00:01.123Z"),
      text: "hello",
    });
    expect(splitTimestamp("2026-11-20T09:00:01Z  two spaces")).toEqual({
      at: Date.parse("2026-11-20T09:00:01Z"),
      text: " two spaces",
    });
    expect(splitTimestamp("no stamp")).toEqual({ text: "no stamp" });
  });
});

describe("lineRedactor", () => {
  it("redacts each line as a captured tail is, and a private key block from BEGIN to END", () => {
    const r = lineRedactor(DEFAULT_REDACTIONS);
    const lines = [
      "db password=hunter2 ok",
      "key: -----BEGIN RSA PRIVATE KEY-----",
      "MIIEowIBAAKCAQEA7",
      "abcdef",
      "-----END RSA PRIVATE KEY----- after",
      "plain",
    ].map(r);
    expect(lines).toEqual([
      "db password=[REDACTED] ok",
      "key: [REDACTED]",
      "[REDACTED]",
      "[REDACTED]",
      "[REDACTED] after",
      "plain",
    ]);
  });

  it("followedLine: decoded, CR dropped, stamped, redacted, cut said", () => {
    const line = followedLine(
      Buffer.from("2026-11-20T09:00:00Z Authorization: Bearer abcdefghijkl\r"),
      true,
      true,
      lineRedactor(DEFAULT_REDACTIONS),
    );
    expect(line).toEqual({
      text: "Authorization: Bearer [REDACTED]",
      at: Date.parse("2026-11-20T09:00:00Z"),
      cut: true,
    });
  });
});
