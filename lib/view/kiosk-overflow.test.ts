// The kiosk at 150,000 pods: how many rows its stream asks for, and what of the pods in trouble its
// cards cannot hold, by namespace, from the server's counts (lib/rows/row-view.ts ViewCounts.health).
import { describe, expect, it } from "vitest";
import { KIOSK_PAGES, kioskLimit, kioskOverflow } from "./kiosk-overflow";

const held = (ns: string, level: "failing" | "warning" | "ok") => ({ namespace: ns, level });

describe("kioskLimit", () => {
  it("asks for a few pages of cards, never more than the server's 500", () => {
    expect(kioskLimit(28)).toBe(28 * KIOSK_PAGES);
    expect(kioskLimit(1)).toBe(KIOSK_PAGES);
    expect(kioskLimit(400)).toBe(500);
    expect(kioskLimit(0)).toBe(KIOSK_PAGES);
  });
});

describe("kioskOverflow", () => {
  it("nothing hidden when the window holds every pod", () => {
    const o = kioskOverflow({ failing: 1, warning: 1, ok: 2, namespaces: [["a", 1, 1]] }, 4, [
      held("a", "failing"),
      held("a", "warning"),
      held("a", "ok"),
      held("a", "ok"),
    ]);
    expect(o).toEqual({ hiddenTrouble: 0, hiddenHealthy: 0, namespaces: [], moreNamespaces: 0 });
  });

  it("healthy pods past the window are counted, not aggregated", () => {
    const o = kioskOverflow({ failing: 1, warning: 0, ok: 9, namespaces: [["a", 1, 0]] }, 10, [
      held("a", "failing"),
      held("b", "ok"),
      held("b", "ok"),
    ]);
    expect(o).toMatchObject({ hiddenTrouble: 0, hiddenHealthy: 7, namespaces: [] });
  });

  it("the pods in trouble past the window: their number, and by namespace what is not on a card", () => {
    // 3 failing + 4 warning in all; the window holds the first 4 of them (server order: failing first).
    const o = kioskOverflow(
      {
        failing: 3,
        warning: 4,
        ok: 100,
        namespaces: [
          ["shop", 2, 1],
          ["db", 1, 0],
          ["web", 0, 3],
        ],
      },
      107,
      [
        held("shop", "failing"),
        held("db", "failing"),
        held("shop", "failing"),
        held("web", "warning"),
      ],
    );
    expect(o.hiddenTrouble).toBe(3);
    expect(o.hiddenHealthy).toBe(100);
    // shop: 1 warning left; db: none; web: 2 warning left. Most failing first, then most warning.
    expect(o.namespaces).toEqual([
      ["web", 0, 2],
      ["shop", 0, 1],
    ]);
    expect(o.namespaces.reduce((n, [, f, w]) => n + f + w, 0)).toBe(o.hiddenTrouble);
  });

  it("a held row the browser judges differently from the server still leaves the sums right", () => {
    // The server counted 2 failing in "a"; the browser's clock calls one of the held two a warning.
    const o = kioskOverflow({ failing: 3, warning: 0, ok: 0, namespaces: [["a", 3, 0]] }, 3, [
      held("a", "failing"),
      held("a", "warning"),
    ]);
    expect(o.hiddenTrouble).toBe(1);
    expect(o.namespaces).toEqual([["a", 1, 0]]);
  });

  it("keeps at most `max` namespaces and says how many more", () => {
    const namespaces: [string, number, number][] = Array.from({ length: 30 }, (_, i) => [
      `ns-${i}`,
      30 - i,
      0,
    ]);
    const o = kioskOverflow({ failing: 465, warning: 0, ok: 0, namespaces }, 465, [], 12);
    expect(o.hiddenTrouble).toBe(465);
    expect(o.namespaces).toHaveLength(12);
    expect(o.namespaces[0]).toEqual(["ns-0", 30, 0]);
    expect(o.moreNamespaces).toBe(18);
  });

  it("never negative on counts that disagree with the rows (a frame mid-change)", () => {
    const o = kioskOverflow({ failing: 0, warning: 1, ok: 0, namespaces: [["a", 0, 1]] }, 1, [
      held("b", "failing"),
      held("a", "warning"),
    ]);
    expect(o.hiddenTrouble).toBe(0);
    expect(o.hiddenHealthy).toBe(0);
    expect(o.namespaces).toEqual([]);
  });
});
