// The line "Why is it like this?" quotes from a failed run's captured log: its last
// error-looking line, else its last non-empty one; ANSI stripped, long lines cut.
import { describe, expect, it } from "vitest";
import { errorLine, isErrorLooking, stripAnsi } from "./error-line";

describe("errorLine", () => {
  it("a Go panic: the panic line, not the goroutine trace after it", () => {
    expect(
      errorLine(
        "starting with password=[REDACTED]\npanic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:12 +0x1d\n",
      ),
    ).toBe("panic: boom");
  });
  it("a Python traceback: its last line (the exception), not the code lines above it", () => {
    expect(
      errorLine(
        [
          "serving on :8080",
          "Traceback (most recent call last):",
          '  File "/app/main.py", line 3, in <module>',
          '    raise ValueError("bad config")',
          "ValueError: bad config",
          "",
        ].join("\n"),
      ),
    ).toBe("ValueError: bad config");
  });
  it("a Java exception: the exception line, not its frames", () => {
    expect(
      errorLine(
        'Exception in thread "main" java.lang.IllegalStateException: no db\n\tat app.Main.run(Main.java:10)\n\tat app.Main.main(Main.java:3)\n',
      ),
    ).toBe('Exception in thread "main" java.lang.IllegalStateException: no db');
  });
  it("the demo's out-of-memory line, and Killed, segfaults, FATAL, fatal:", () => {
    expect(
      errorLine("loading the dataset\nbuilding the index\nfatal error: runtime: out of memory"),
    ).toBe("fatal error: runtime: out of memory");
    expect(errorLine("working\nKilled\n")).toBe("Killed");
    expect(errorLine("ok\nSegmentation fault (core dumped)\n")).toBe(
      "Segmentation fault (core dumped)",
    );
    // The program's own time after the kubelet's (timestamps=true) is part of what it printed.
    expect(
      errorLine("ok\n2026-11-25T06:00:00.5Z 2026-11-25T06:00:00Z FATAL cannot bind :80\nbye\n"),
    ).toBe("2026-11-25T06:00:00Z FATAL cannot bind :80");
    expect(errorLine("fatal: not a git repository\nusage: …")).toBe("fatal: not a git repository");
  });
  it("log levels as servers print them: ERROR, [error], level=error, JSON, klog's E", () => {
    expect(errorLine("INFO up\nERROR db down\nINFO retrying\n")).toBe("ERROR db down");
    expect(
      errorLine(
        '2026/11/25 06:00:00 [error] 7#7: *1 open() "/x" failed\n2026/11/25 [notice] 1#1: exiting',
      ),
    ).toBe('2026/11/25 06:00:00 [error] 7#7: *1 open() "/x" failed');
    expect(errorLine('level=info msg=up\nlevel=error msg="no route"\nlevel=info msg=bye')).toBe(
      'level=error msg="no route"',
    );
    expect(errorLine('{"level":"error","msg":"x"}\n{"level":"info","msg":"y"}')).toBe(
      '{"level":"error","msg":"x"}',
    );
    expect(
      errorLine(
        "I1125 06:00:00.000 1 a.go:1] up\nE1125 06:00:01.000 1 a.go:2] lost lease\nI1125 bye",
      ),
    ).toBe("E1125 06:00:01.000 1 a.go:2] lost lease");
    expect(
      errorLine("Error: listen EADDRINUSE: address already in use :::3000\n    at Server.listen"),
    ).toBe("Error: listen EADDRINUSE: address already in use :::3000");
  });
  it("words that only look like errors are not errors", () => {
    for (const line of [
      "0 errors, 3 warnings",
      "no error",
      "error_count=0",
      "errors: 0",
      "terror at the opera",
      "level=info msg=ok",
      "handled ErrorBoundary render",
      "failed=0",
      "\tat app.Main.main(Main.java:3)",
      '  File "/app/main.py", line 3, in <module>',
    ])
      expect(isErrorLooking(line), line).toBe(false);
  });
  it("a failure worded weakly (failed, refused, cannot) when nothing stronger is there", () => {
    expect(
      errorLine("connecting\ndial tcp 10.0.0.1:5432: connect: connection refused\nexiting"),
    ).toBe("dial tcp 10.0.0.1:5432: connect: connection refused");
    expect(errorLine("ERROR boot\nretry: connection refused\nbye")).toBe("ERROR boot");
  });
  it("nothing error-looking: the last non-empty line", () => {
    expect(errorLine("one\ntwo\n\n  \n")).toBe("two");
    expect(errorLine("")).toBeNull();
    expect(errorLine("\n \n\t\n")).toBeNull();
  });
  it("strips ANSI colour codes and other control characters, keeps text only", () => {
    expect(stripAnsi("\u001b[31mERROR\u001b[0m x\u001b]0;title\u0007 y\u0008")).toBe("ERROR x y");
    expect(errorLine("\u001b[1;31mpanic:\u001b[0m boom\nafter")).toBe("panic: boom");
  });
  it("a carriage return (a progress bar) keeps what was drawn last", () => {
    expect(errorLine("10%\r50%\rERROR disk full\r\n")).toBe("ERROR disk full");
  });
  it("cuts a long line (at most `max` characters, with an ellipsis) and folds whitespace", () => {
    const long = `ERROR ${"x".repeat(1000)}`;
    const got = errorLine(long, 120)!;
    expect(got).toHaveLength(120);
    expect(got.endsWith("…")).toBe(true);
    expect(errorLine("ERROR   a\t\tb  ")).toBe("ERROR a b");
    expect(errorLine(`ERROR ${"é".repeat(400)}`)!.length).toBeLessThanOrEqual(300);
  });
  it("a tail with the kubelet's times (timestamps=true): the line quoted without its time, line-start patterns still read", () => {
    const text = [
      "2026-11-25T06:00:00.123456789Z I1125 06:00:00.000000       1 server.go:40] starting",
      "2026-11-25T06:00:01.5Z E1125 06:00:01.500000       1 server.go:42] listen tcp :8080: bind: address already in use",
      "2026-11-25T06:00:01.6Z shutting down",
      "2026-11-25T06:00:01.7Z ",
      "",
    ].join("\n");
    expect(errorLine(text)).toBe(
      "E1125 06:00:01.500000 1 server.go:42] listen tcp :8080: bind: address already in use",
    );
    const trace = [
      "2026-11-25T06:00:00Z Traceback (most recent call last):",
      '2026-11-25T06:00:00Z   File "app.py", line 3, in <module>',
      "2026-11-25T06:00:00Z Aborted",
    ].join("\n");
    expect(errorLine(trace)).toBe("Aborted");
    expect(errorLine("2026-11-25T06:00:00Z all good\n")).toBe("all good");
  });

  it("a very long log is read from its end only (the tail of the tail)", () => {
    const text = `${"ERROR early\n"}${"ok\n".repeat(100_000)}`;
    expect(errorLine(text)).toBe("ok");
  });
});
