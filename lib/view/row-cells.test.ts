import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n";
import type { PodRow } from "@/lib/rows/pod-row";
import { cellsAt } from "./row-cells";

const T = Date.parse("2026-11-20T09:00:00Z");
const row = (over: Partial<PodRow> = {}): PodRow => ({
  uid: "u1",
  namespace: "dev",
  name: "api",
  node: null,
  phase: "Running",
  status: "Running",
  ready: "1/1",
  restarts: "0",
  restartCount: 0,
  lastRestartAt: null,
  age: "stale",
  labels: {},
  createdAt: T,
  deletedAt: null,
  podReady: true,
  recent: [],
  ...over,
});

describe("an overview row's cells", () => {
  it("live: AGE and RESTARTS as of now; frozen: as stored", () => {
    const r = row({ restartCount: 2, lastRestartAt: T + 50_000, restarts: "2 (old)" });
    const live = cellsAt(true, T + 120_000, translator("en"))(r);
    expect([live.age, live.restarts]).toEqual(["2m", "2 (70s ago)"]);
    const frozen = cellsAt(false, T + 120_000, translator("en"))(r);
    expect([frozen.age, frozen.restarts]).toEqual(["stale", "2 (old)"]);
    expect(live.node).toBe("<none>");
  });
  it('RESTARTS reads kubectl\'s "5 (2m5s ago)" in English and its equivalent in Chinese, live and frozen', () => {
    const r = row({ restartCount: 5, lastRestartAt: T - 125_000, restarts: "5 (9m ago)" });
    expect(cellsAt(true, T, translator("en"))(r).restarts).toBe("5 (2m5s ago)");
    expect(cellsAt(true, T, translator("zh"))(r).restarts).toBe("5（2m5s 前）");
    // A frozen window's row as the server brought it to the window's end.
    expect(cellsAt(false, T, translator("en"))(r).restarts).toBe("5 (9m ago)");
    expect(cellsAt(false, T, translator("zh"))(r).restarts).toBe("5（9m 前）");
    // No restart, or none known: just the count, in either language.
    const none = row({ restartCount: 3, lastRestartAt: null, restarts: "3" });
    expect(cellsAt(true, T, translator("zh"))(none).restarts).toBe("3");
    expect(cellsAt(true, T, translator("zh"))(row()).restarts).toBe("0");
  });
  it("a failing status is strong with no reason after it; a recent restart says so, in the chosen language", () => {
    const failing = cellsAt(
      true,
      T + 60_000,
      translator("en"),
    )(row({ status: "CrashLoopBackOff", podReady: false }));
    expect([failing.level, failing.score, failing.strong, failing.reason]).toEqual([
      "failing",
      2,
      true,
      "",
    ]);
    expect(failing.title).not.toBe("");
    const restarted = cellsAt(
      true,
      T + 60_000,
      translator("en"),
    )(row({ restartCount: 1, lastRestartAt: T + 50_000 }));
    expect([restarted.level, restarted.score, restarted.strong]).toEqual(["warning", 1, false]);
    expect(restarted.reason).toMatch(/restarted/);
    expect(
      cellsAt(
        true,
        T + 60_000,
        translator("zh"),
      )(row({ restartCount: 1, lastRestartAt: T + 50_000 })).reason,
    ).not.toBe(restarted.reason);
  });
  it("works a row out once per moment", () => {
    const cells = cellsAt(true, T, translator("en"));
    const r = row();
    expect(cells(r)).toBe(cells(r));
    expect(cellsAt(true, T, translator("en"))(r)).not.toBe(cells(r));
  });
});
