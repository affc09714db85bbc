import { describe, expect, it } from "vitest";
import { ObjectStore, type Change } from "./store";

const obj = (name: string) => ({ metadata: { name, namespace: "dev" } });

describe("object store", () => {
  it("delivers changes in resourceVersion order even when a listener writes while being told", () => {
    const store = new ObjectStore();
    store.list("pods");
    const seen: number[] = [];
    store.watch("pods", Number(store.version()), (c) => {
      if (c.type === "ADDED")
        store.mutate(
          "pods",
          "dev",
          c.object.metadata.name,
          (o) => void (o.status = { phase: "Pending" }),
        );
    });
    store.watch("pods", Number(store.version()), (c) => seen.push(c.rv));
    store.create("pods", obj("a"), 0);
    store.create("pods", obj("b"), 0);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(seen).toHaveLength(4);
  });

  it("keeps a bounded window: older versions are 410 Gone, compaction expires everything before it", () => {
    const store = new ObjectStore({ historyLimit: 2 });
    store.list("pods");
    const start = Number(store.version());
    for (const n of ["a", "b", "c"]) store.create("pods", obj(n), 0);
    expect(() => store.watch("pods", start, () => {})).toThrow(/too old resource version/);
    const replayed: Change[] = [];
    store.watch("pods", start + 1, (c) => replayed.push(c)).cancel();
    expect(replayed.map((c) => c.object.metadata.name)).toEqual(["b", "c"]);
    store.compact();
    expect(() => store.watch("pods", Number(store.version()) - 1, () => {})).toThrow(
      expect.objectContaining({ code: 410 }),
    );
    expect(() => store.watch("pods", Number(store.version()), () => {})).not.toThrow();
  });

  it("copies on write: a stored version never changes after the fact", () => {
    const store = new ObjectStore();
    const first = store.create("pods", obj("a"), 0);
    store.mutate("pods", "dev", "a", (o) => void (o.metadata.labels = { v: "2" }));
    expect(first.metadata.labels).toBeUndefined();
    expect(store.get("pods", "dev", "a")!.metadata.labels).toEqual({ v: "2" });
    expect(() => store.create("pods", obj("a"), 0)).toThrow('pods "a" already exists');
  });

  it("gives every object a fresh random uid (RFC 4122 version 4), different in each store, as a real cluster does", () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const one = new ObjectStore().create("pods", obj("a"), 0).metadata.uid!;
    const two = new ObjectStore().create("pods", obj("a"), 0).metadata.uid!;
    expect(one).toMatch(v4);
    expect(two).toMatch(v4);
    expect(two).not.toBe(one);
    // Tests that need the same uids every run inject them.
    let n = 0;
    const fixed = new ObjectStore({ uid: () => `uid-${++n}` });
    expect([
      fixed.create("pods", obj("a"), 0).metadata.uid,
      fixed.create("pods", obj("b"), 0).metadata.uid,
    ]).toEqual(["uid-1", "uid-2"]);
  });
});
