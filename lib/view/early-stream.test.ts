import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { adoptEarlyStream, earlyStreamScript, EARLY_KEY, scriptJson } from "./early-stream";

// A stand-in EventSource for the script's sandbox: records listeners so a test can fire events.
class FakeEventSource {
  static made: FakeEventSource[] = [];
  readyState = 0;
  closed = false;
  listeners = new Map<string, ((e: { type: string; data?: string }) => void)[]>();
  constructor(public url: string) {
    FakeEventSource.made.push(this);
  }
  addEventListener(type: string, fn: (e: { type: string; data?: string }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  removeEventListener(type: string, fn: (e: { type: string; data?: string }) => void) {
    this.listeners.set(
      type,
      (this.listeners.get(type) ?? []).filter((f) => f !== fn),
    );
  }
  fire(type: string, data?: string) {
    for (const fn of this.listeners.get(type) ?? []) fn({ type, data });
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
}

// A document stand-in: "complete", or "loading" until loaded() fires DOMContentLoaded.
function fakeDocument(readyState: "loading" | "complete") {
  const handlers: (() => void)[] = [];
  return {
    readyState,
    addEventListener: (type: string, fn: () => void) =>
      type === "DOMContentLoaded" && handlers.push(fn),
    loaded() {
      this.readyState = "complete";
      for (const fn of handlers) fn();
    },
  };
}

function runScript(path: string, document = fakeDocument("complete")) {
  FakeEventSource.made = [];
  const window: Record<string, unknown> = {};
  runInNewContext(earlyStreamScript(path), { window, document, EventSource: FakeEventSource });
  return { window, es: FakeEventSource.made[0], document };
}

describe("the early stream", () => {
  it("keeps script text inert whatever the path holds", () => {
    const json = scriptJson("</script><script>alert(1)</script>\u2028");
    expect(json).not.toMatch(/[<>\u2028]/);
    expect(JSON.parse(json)).toBe("</script><script>alert(1)</script>\u2028");
  });
  it("queues events (their data parsed) until adopted, then hands them over in order and stops queueing", () => {
    const { window, es } = runScript("/api/stream?namespace=dev");
    expect(es.url).toBe("/api/stream?namespace=dev");
    es.fire("open");
    es.fire("snapshot", '{"pods":[{"uid":"a"}]}');
    es.fire("pod", "not json");
    const got = adoptEarlyStream("/api/stream?namespace=dev", window);
    expect(got?.es).toBe(es);
    expect(got?.queued.map((e) => e.type)).toEqual(["open", "snapshot", "pod"]);
    expect(JSON.parse(JSON.stringify(got?.queued))).toEqual([
      { type: "open" },
      { type: "snapshot", data: { pods: [{ uid: "a" }] } },
      { type: "pod" },
    ]);
    expect(window[EARLY_KEY]).toBeUndefined();
    es.fire("pod");
    expect(got?.queued).toHaveLength(3);
    expect(es.closed).toBe(false);
  });
  it("closes a stream opened for another path, or one that already failed", () => {
    const a = runScript("/api/stream");
    expect(adoptEarlyStream("/api/stream?namespace=dev", a.window)).toBeNull();
    expect(a.es.closed).toBe(true);
    const b = runScript("/api/stream");
    b.es.readyState = 2;
    expect(adoptEarlyStream("/api/stream", b.window)).toBeNull();
    expect(adoptEarlyStream("/api/stream", b.window)).toBeNull();
  });
  it("opens only once the HTML is parsed, and never when taken before", () => {
    const loading = runScript("/api/stream", fakeDocument("loading"));
    expect(FakeEventSource.made).toHaveLength(0);
    loading.document.loaded();
    expect(FakeEventSource.made).toHaveLength(1);
    expect(adoptEarlyStream("/api/stream", loading.window)?.es).toBe(FakeEventSource.made[0]);

    const early = runScript("/api/stream", fakeDocument("loading"));
    expect(adoptEarlyStream("/api/stream", early.window)).toBeNull();
    early.document.loaded();
    expect(FakeEventSource.made).toHaveLength(0);
  });
  it("does nothing where there is no EventSource", () => {
    const window: Record<string, unknown> = {};
    runInNewContext(earlyStreamScript("/api/stream"), {
      window,
      document: fakeDocument("complete"),
    });
    expect(window[EARLY_KEY]).toBeUndefined();
  });
});
