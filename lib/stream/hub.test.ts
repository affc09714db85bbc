import { describe, expect, it } from "vitest";
import { StreamHub, type Sink } from "./hub";

function sink(capacity = Infinity) {
  const frames: string[] = [];
  let closed = false;
  const s: Sink & { frames: string[]; closed: () => boolean } = {
    frames,
    closed: () => closed,
    write: (f) => {
      frames.push(f);
      return frames.length <= capacity;
    },
    close: () => void (closed = true),
  };
  return s;
}

const delta = (name: string, namespace = "dev", labels: Record<string, string> = {}) => ({
  type: "pod" as const,
  uid: `u-${name}`,
  namespace,
  name,
  labels,
  row: { name },
});
const ids = (frames: string[]) =>
  frames
    .map((f) => /^id: (\d+)/.exec(f)?.[1])
    .filter(Boolean)
    .map(Number);
const events = (frames: string[]) => frames.map((f) => /event: (\w+)/.exec(f)?.[1] ?? "comment");

describe("stream hub", () => {
  it("sends a snapshot, then matching deltas with increasing ids", () => {
    const hub = new StreamHub({ setInterval: () => ({ clear() {} }) });
    hub.publish(delta("before"));
    const s = sink();
    hub.subscribe({ namespace: "dev" }, s, null, () => ({ rows: ["before"] }));
    hub.publish(delta("a"));
    hub.publish(delta("other", "prod"));
    hub.publish(delta("b"));
    expect(events(s.frames)).toEqual(["snapshot", "pod", "pod"]);
    expect(ids(s.frames)).toEqual([1, 2, 4]);
  });

  it("a scoped subscriber sees only its namespaces, and no event ids that would count the others' changes", () => {
    const hub = new StreamHub({ setInterval: () => ({ clear() {} }) });
    for (let i = 0; i < 5; i++) hub.publish(delta(`secret-${i}`, "prod"));
    const s = sink();
    // A Last-Event-ID does not replay for a scoped subscriber: it gets the (scoped) snapshot.
    hub.subscribe({ namespaces: ["dev", "qa"], scoped: true }, s, 2, () => ({ rows: [] }));
    hub.publish(delta("a"));
    hub.publish(delta("hidden", "prod"));
    hub.publish({ ...delta("b", "qa"), resourceVersion: "4711" });
    expect(events(s.frames)).toEqual(["snapshot", "pod", "pod"]);
    expect(ids(s.frames)).toEqual([]);
    expect(s.frames.join("")).not.toMatch(/prod|secret|hidden|"id":[1-9]|resourceVersion|4711/);
  });

  it("resumes after Last-Event-ID with each delta exactly once across 20 reconnects", () => {
    const hub = new StreamHub({ setInterval: () => ({ clear() {} }) });
    const got: number[] = [];
    let last: number | null = null;
    for (let round = 0; round < 20; round++) {
      const s = sink();
      const sub = hub.subscribe({}, s, last, () => ({}));
      for (let i = 0; i < 5; i++) hub.publish(delta(`p${round}-${i}`));
      got.push(...ids(s.frames.filter((f) => f.includes("event: pod"))));
      last = ids(s.frames).at(-1) ?? last;
      sub.cancel();
      // Published while the client is away: it must arrive on the next connection.
      hub.publish(delta(`missed-${round}`));
    }
    expect(got).toEqual(Array.from({ length: hub.lastId - 1 }, (_, i) => i + 1));
  });

  it("tells a client whose Last-Event-ID is too old to resync, with a fresh snapshot", () => {
    const hub = new StreamHub({ replay: 3, setInterval: () => ({ clear() {} }) });
    for (let i = 0; i < 10; i++) hub.publish(delta(`p${i}`));
    const s = sink();
    hub.subscribe({}, s, 2, () => ({ rows: [] }));
    expect(events(s.frames)).toEqual(["resync", "snapshot"]);
  });

  it("drops a subscriber that stops reading, telling it to resync", () => {
    const hub = new StreamHub({ maxPending: 5, setInterval: () => ({ clear() {} }) });
    const slow = sink(2);
    hub.subscribe({}, slow, null, () => ({}));
    for (let i = 0; i < 20; i++) hub.publish(delta(`p${i}`));
    expect(slow.closed()).toBe(true);
    expect(events(slow.frames).at(-1)).toBe("resync");
    expect(hub.size).toBe(0);
  });

  it("sends heartbeats and filters by label", () => {
    let beat = () => {};
    const hub = new StreamHub({ setInterval: (fn) => ((beat = fn), { clear() {} }) });
    const s = sink();
    hub.subscribe({ labels: (l) => l.app === "web" }, s, null, () => ({}));
    hub.publish(delta("db", "dev", { app: "db" }));
    hub.publish(delta("web", "dev", { app: "web" }));
    beat();
    expect(events(s.frames)).toEqual(["snapshot", "pod", "ping"]);
    expect(s.frames.at(-1)).toBe("event: ping\ndata: {}\n\n");
  });

  it("goodbye: every stream gets a retry hint and a last frame saying the server is going away, then ends; a stream opened after it too", () => {
    // Each subscriber its own delay in [1 s, 3 s): the browsers do not all come back at once.
    const spread = [0, 0.5, 0.999];
    const hub = new StreamHub({
      setInterval: () => ({ clear() {} }),
      random: () => spread.shift() ?? 0,
    });
    const a = sink();
    const b = sink();
    hub.subscribe({}, a, null, () => ({}));
    hub.subscribe({ namespaces: ["dev"], scoped: true }, b, null, () => ({}));
    hub.publish(delta("a"));
    hub.goodbye();
    expect(events(a.frames)).toEqual(["snapshot", "pod", "goodbye"]);
    expect(a.frames.at(-1)).toBe(
      'retry: 1000\nevent: goodbye\ndata: {"reason":"this server is shutting down; connect again","retryMs":1000}\n\n',
    );
    expect(b.frames.at(-1)).toMatch(
      /^retry: 2000\nevent: goodbye\ndata: \{.*"retryMs":2000\}\n\n$/,
    );
    expect([a.closed(), b.closed(), hub.size]).toEqual([true, true, 0]);
    // Later deltas and heartbeats reach nobody; a stream opened now is told the same at once.
    hub.publish(delta("later"));
    const c = sink();
    hub.subscribe({}, c, null, () => ({}));
    expect(events(c.frames)).toEqual(["goodbye"]);
    expect(c.frames[0]).toMatch(/^retry: 2998\n/);
    expect([c.closed(), hub.size]).toEqual([true, 0]);
  });
});
