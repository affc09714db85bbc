import { describe, expect, it } from "vitest";
import { firstRows, type PodRow } from "./pod-row";

const T = Date.parse("2026-11-24T12:00:00Z");
const row = (namespace: string, name: string): PodRow => ({
  uid: `${namespace}/${name}`,
  namespace,
  name,
  node: null,
  phase: "Running",
  status: "Running",
  ready: "1/1",
  restarts: "stale",
  restartCount: 0,
  lastRestartAt: null,
  age: "stale",
  labels: {},
  createdAt: T - 90_000,
  deletedAt: null,
  podReady: true,
  recent: [],
});

describe("firstRows", () => {
  it("takes the first rows of the whole list by namespace and name, brings them to now, and counts all", () => {
    const rows = [row("prod", "b"), row("dev", "z"), row("prod", "a"), row("dev", "a")];
    const { rows: first, total } = firstRows(rows, T, 2);
    expect(total).toBe(4);
    expect(first.map((r) => r.uid)).toEqual(["dev/a", "dev/z"]);
    expect(first.map((r) => [r.age, r.restarts])).toEqual([
      ["90s", "0"],
      ["90s", "0"],
    ]);
  });

  it("picks a few of many in one pass: the same rows as sorting them all", () => {
    let seed = 3;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const rows = Array.from({ length: 2000 }, () =>
      row(`ns-${next() % 7}`, `pod-${next() % 300}`),
    ).map((r, i) => ({ ...r, uid: `${r.uid}#${i}` }));
    const sorted = [...rows].sort((a, b) =>
      a.namespace === b.namespace
        ? a.name < b.name
          ? -1
          : a.name > b.name
            ? 1
            : 0
        : a.namespace < b.namespace
          ? -1
          : 1,
    );
    for (const limit of [1, 2, 17, 100]) {
      const { rows: first, total } = firstRows([...rows], T, limit);
      expect(total).toBe(2000);
      expect(first.map((r) => r.namespace + "/" + r.name)).toEqual(
        sorted.slice(0, limit).map((r) => r.namespace + "/" + r.name),
      );
    }
  });
});
