// A large snapshot is sent a slice per turn of the event loop (hub.ts, RowsSnapshot): the same
// bytes as one frame, the deltas of that time after it, and other streams served in between.
import { describe, expect, it } from "vitest";
import { frame, RowsSnapshot, StreamHub, type Sink } from "./hub";

function sink() {
  const writes: string[] = [];
  let closed = false;
  const s: Sink & { writes: string[]; closed: () => boolean } = {
    writes,
    closed: () => closed,
    write: (f) => {
      writes.push(f);
      return true;
    },
    close: () => void (closed = true),
  };
  return s;
}

/** A scheduler run by hand: each call to `turn()` runs what the previous turn scheduled. */
function turns() {
  let queue: (() => void)[] = [];
  return {
    schedule: (fn: () => void) => void queue.push(fn),
    turn() {
      const now = queue;
      queue = [];
      for (const fn of now) fn();
      return now.length;
    },
    get waiting() {
      return queue.length;
    },
  };
}

const delta = (name: string, namespace = "dev") => ({
  type: "pod" as const,
  uid: `u-${name}`,
  namespace,
  name,
  labels: {},
  row: { name },
});
const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `p${String(i).padStart(4, "0")}`, age: "" }));
const present = (r: { name: string; age: string }) => ({ ...r, age: "5m" });

describe("a snapshot sent in slices", () => {
  it("writes the same bytes as one frame, one slice per turn, then what was published meanwhile, in order", () => {
    const t = turns();
    const hub = new StreamHub({
      setInterval: () => ({ clear() {} }),
      snapshotSlice: 100,
      schedule: t.schedule,
    });
    hub.publish(delta("before"));
    const all = rows(1050);
    const s = sink();
    hub.subscribe({}, s, null, () => new RowsSnapshot(all, present));
    // The first slice at once; the rest waits for later turns.
    expect(s.writes).toHaveLength(1);
    expect(t.waiting).toBe(1);
    hub.publish(delta("during-1"));
    let n = 1;
    while (t.turn()) {
      n++;
      if (n === 5) hub.publish(delta("during-2"));
    }
    expect(n).toBe(11);
    const text = s.writes.join("");
    const whole = frame("snapshot", { pods: all.map(present) }, 1);
    expect(text.startsWith(whole)).toBe(true);
    expect(text.slice(whole.length)).toBe(
      frame("pod", { ...delta("during-1"), id: 2 }, 2) +
        frame("pod", { ...delta("during-2"), id: 3 }, 3),
    );
    // And after it, deltas go straight out again.
    hub.publish(delta("after"));
    expect(s.writes.at(-1)).toBe(frame("pod", { ...delta("after"), id: 4 }, 4));
  });

  it("another stream gets each delta at once while a large snapshot is still being written", () => {
    const t = turns();
    const hub = new StreamHub({
      setInterval: () => ({ clear() {} }),
      snapshotSlice: 10,
      schedule: t.schedule,
    });
    const old = sink();
    hub.subscribe({}, old, null, () => new RowsSnapshot([]));
    const fresh = sink();
    hub.subscribe({}, fresh, null, () => new RowsSnapshot(rows(100)));
    hub.publish(delta("x"));
    expect(old.writes.at(-1)).toContain('"name":"x"');
    expect(fresh.writes.join("")).not.toContain('"name":"x"');
    while (t.turn());
    expect(fresh.writes.at(-1)).toContain('"name":"x"');
  });

  it("a small one is a single frame, written at once; a scoped one carries no id", () => {
    const hub = new StreamHub({
      setInterval: () => ({ clear() {} }),
      snapshotSlice: 100,
      schedule: () => {
        throw new Error("nothing to schedule");
      },
    });
    const s = sink();
    hub.subscribe(
      { namespaces: ["dev"], scoped: true },
      s,
      null,
      () => new RowsSnapshot(rows(100), present),
    );
    expect(s.writes).toEqual([frame("snapshot", { pods: rows(100).map(present) })]);
    const big = sink();
    const t = turns();
    const sliced = new StreamHub({
      setInterval: () => ({ clear() {} }),
      snapshotSlice: 10,
      schedule: t.schedule,
    });
    sliced.subscribe(
      { namespaces: ["dev"], scoped: true },
      big,
      null,
      () => new RowsSnapshot(rows(25)),
    );
    while (t.turn());
    expect(big.writes.join("")).toBe(frame("snapshot", { pods: rows(25) }));
  });

  it("cancelled, or the server leaving, mid-snapshot: nothing more is written, and no goodbye inside the frame", () => {
    const t = turns();
    const hub = new StreamHub({
      setInterval: () => ({ clear() {} }),
      snapshotSlice: 10,
      schedule: t.schedule,
    });
    const a = sink();
    const sub = hub.subscribe({}, a, null, () => new RowsSnapshot(rows(100)));
    const b = sink();
    hub.subscribe({}, b, null, () => new RowsSnapshot(rows(100)));
    t.turn();
    sub.cancel();
    hub.goodbye();
    while (t.turn());
    expect(a.writes).toHaveLength(2);
    expect(b.writes).toHaveLength(2);
    expect(b.writes.join("")).not.toContain("goodbye");
    expect(b.closed()).toBe(true);
    expect(hub.size).toBe(0);
  });

  it("more deltas meanwhile than a reconnect could replay: the stream is closed, not buffered without end", () => {
    const t = turns();
    let dropped = 0;
    const hub = new StreamHub({
      setInterval: () => ({ clear() {} }),
      snapshotSlice: 10,
      schedule: t.schedule,
      replay: 50,
      onDropped: () => dropped++,
    });
    const s = sink();
    hub.subscribe({}, s, null, () => new RowsSnapshot(rows(100)));
    for (let i = 0; i < 51; i++) hub.publish(delta(`p${i}`));
    while (t.turn());
    expect([s.closed(), dropped, hub.size, s.writes.length]).toEqual([true, 1, 0, 1]);
  });
});
