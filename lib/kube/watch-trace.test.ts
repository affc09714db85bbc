import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test, vi } from "vitest";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

async function flushed(file: string, lines: number): Promise<string[]> {
  await vi.waitFor(() => expect(readFileSync(file, "utf8").split("\n").length).toBe(lines + 1));
  return readFileSync(file, "utf8").trimEnd().split("\n");
}

test("LIFELINE_TRACE_WATCH: one line per watch event, its resourceVersion, epoch ms and path", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "lifeline-trace-")), "trace.txt");
  vi.stubEnv("LIFELINE_TRACE_WATCH", file);
  const { traceWatchEvent } = await import("./watch-trace");
  const before = Date.now();
  traceWatchEvent("/api/v1/pods", "1042");
  traceWatchEvent("/api/v1/nodes", undefined);
  const lines = await flushed(file, 2);
  const [rv, at, path] = lines[0].split(" ");
  expect([rv, path]).toEqual(["1042", "/api/v1/pods"]);
  expect(Number(at)).toBeGreaterThanOrEqual(before - 1);
  expect(Number(at)).toBeLessThan(before + 60_000);
  expect(lines[1]).toMatch(/^undefined \d+(\.\d+)? \/api\/v1\/nodes$/);
});

test("off by default: no file is opened", async () => {
  vi.stubEnv("LIFELINE_TRACE_WATCH", "");
  const createWriteStream = vi.fn();
  vi.doMock("node:fs", async (actual) => ({ ...(await actual<object>()), createWriteStream }));
  const { traceWatchEvent } = await import("./watch-trace");
  traceWatchEvent("/api/v1/pods", "1");
  traceWatchEvent("/api/v1/pods", "2");
  expect(createWriteStream).not.toHaveBeenCalled();
  vi.doUnmock("node:fs");
});
