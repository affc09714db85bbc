import { afterEach, describe, expect, it } from "vitest";
import { log, logTo } from "./logger";
import { createLogger, logFormat, routeConsole } from "./options.mjs";

function collect() {
  const lines: string[] = [];
  return { lines, sink: { write: (s: string) => lines.push(...s.split("\n").filter(Boolean)) } };
}

describe("the logger (LIFELINE_LOG_FORMAT)", () => {
  it("json: one parseable object per line with level (a name), ISO time, msg and the fields", () => {
    const { lines, sink } = collect();
    const json = createLogger({ LIFELINE_LOG_FORMAT: "json" }, sink, false);
    json.info({ cluster: "c-1", count: 3 }, "dropped the history of a cluster");
    json.error({ err: new TypeError("x is undefined") }, "request failed");
    expect(lines).toHaveLength(2);
    const [info, error] = lines.map((l) => JSON.parse(l));
    expect(info).toEqual({
      level: "info",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      name: "lifeline",
      msg: "dropped the history of a cluster",
      cluster: "c-1",
      count: 3,
    });
    expect(Date.parse(info.time)).not.toBeNaN();
    expect(error.level).toBe("error");
    expect(error.err).toMatchObject({ type: "TypeError", message: "x is undefined" });
    expect(error.err.stack).toContain("TypeError: x is undefined");
  });

  it("human: a line with the level, the sentence after `lifeline:` and the fields; no colour off a terminal", () => {
    const { lines, sink } = collect();
    const human = createLogger({}, sink, false);
    human.warn({ file: "/tmp/a b/history.db", count: 2 }, "2 pod(s) went away");
    // What the sentence already says is not repeated (JSON lines keep every field).
    human.info(
      { url: "http://127.0.0.1:3000", port: 3000, pods: 12, cluster: "c-1" },
      "serving http://127.0.0.1:3000 with 120 pods",
    );
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: lifeline: 2 pod\(s\) went away file="\/tmp\/a b\/history.db"$/,
    );
    expect(lines[1]).toMatch(
      /INFO: lifeline: serving http:\/\/127\.0\.0\.1:3000 with 120 pods pods=12 cluster=c-1$/,
    );
    expect(lines[0]).not.toContain("\u001b[");
  });

  it("human: an error's stack follows its line; colours on a terminal", () => {
    const { lines, sink } = collect();
    createLogger({}, sink, true).error({ err: new Error("boom") }, "request failed");
    expect(lines[0]).toContain("\u001b[");
    expect(lines[0]).toContain("lifeline: request failed");
    expect(lines[1]).toMatch(/^ {4}Error: boom$/);
  });

  it("anything but json is human", () => {
    expect(logFormat({ LIFELINE_LOG_FORMAT: " JSON " })).toBe("json");
    expect(logFormat({ LIFELINE_LOG_FORMAT: "text" })).toBe("human");
    expect(logFormat({})).toBe("human");
  });
});

describe("log (the process's logger)", () => {
  let restore = () => {};
  afterEach(() => restore());

  it("goes where logTo sends it, and back to stdout after", () => {
    const { lines, sink } = collect();
    restore = logTo(sink);
    log.info({ port: 3000 }, "serving");
    expect(lines.join("\n")).toContain("lifeline: serving");
    restore();
    restore = () => {};
    const before = lines.length;
    log.info("to stdout");
    expect(lines.length).toBe(before);
  });
});

describe("what other code prints through console (Next's own lines) in JSON mode", () => {
  it("becomes JSON lines with the level the console method implies, colours and Next's marks removed", async () => {
    const { lines, sink } = collect();
    const json = createLogger({ LIFELINE_LOG_FORMAT: "json" }, sink, false);
    const restore = routeConsole(json, { LIFELINE_LOG_FORMAT: "json" });
    try {
      console.log("\x1b[32m\x1b[1m✓\x1b[22m\x1b[39m Running next.config.js took 645ms");
      console.warn(" \x1b[33m⚠\x1b[39m Invalid next.config.js options detected:", { x: 1 });
      console.error("⨯ unhandledRejection:", "boom");
      console.info("");
    } finally {
      restore();
    }
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed.map((p) => [p.level, p.msg, p.source])).toEqual([
      ["info", "Running next.config.js took 645ms", "console"],
      ["warn", "Invalid next.config.js options detected: { x: 1 }", "console"],
      ["error", "unhandledRejection: boom", "console"],
    ]);
  });

  it("leaves the console alone in human mode", () => {
    const before = console.log;
    const { sink } = collect();
    const restore = routeConsole(createLogger({}, sink, false), {});
    expect(console.log).toBe(before);
    restore();
  });
});
