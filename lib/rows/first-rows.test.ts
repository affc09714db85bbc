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
});
