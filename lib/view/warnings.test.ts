import { describe, expect, it } from "vitest";
import { translator } from "../i18n";
import { buildTimeline } from "../timeline";
import { stories } from "../fixtures";
import { storySnapshot } from "../fixtures/story";
import type { TimelineWarning } from "../timeline";
import { warningText } from "./warnings";

const NOW = Date.parse("2026-01-01T00:10:00Z");

describe("the notes under a pod's timeline", () => {
  it("are sentences in the reader's language, built from the model's codes", () => {
    const tl = buildTimeline({ observations: [], now: NOW });
    expect(tl.warnings).toEqual([{ code: "no-observations" }]);
    expect(warningText(tl.warnings[0], translator("en"))).toBe(
      "No version of this pod was observed.",
    );
    expect(warningText(tl.warnings[0], translator("zh"))).toBe("没有观察到该 Pod 的任何版本。");
  });
  it("name what the model found: the phase, the container, the count", () => {
    const tl = buildTimeline({
      observations: [
        {
          type: "ADDED",
          observedAt: NOW,
          object: {
            metadata: {
              uid: "u",
              name: "p",
              namespace: "dev",
              creationTimestamp: "2026-01-01T00:00:00Z",
            },
            status: { phase: "Sleeping" },
          },
        },
      ],
      now: NOW,
    });
    const phase = tl.warnings.find((w) => w.code === "unknown-phase")!;
    expect(warningText(phase, translator("en"))).toBe(
      'The pod reported an unknown phase "Sleeping"; it is not drawn.',
    );
    expect(warningText(phase, translator("zh"))).toBe(
      "该 Pod 报告了未知的阶段“Sleeping”，未绘制。",
    );
  });
  it("count the runs the API no longer describes, in both languages", () => {
    const story = stories.find((s) => s.name === "backoff-reset") ?? stories[0];
    const tl = buildTimeline(storySnapshot(story));
    const unplaced = tl.warnings.find((w) => w.code === "unplaced-runs");
    expect(unplaced).toBeDefined();
    const { count, container } = unplaced!.params as { count: number; container: string };
    expect(unplaced!.container).toBe(container);
    expect(warningText(unplaced!, translator("en"))).toBe(
      `${count} earlier run(s) of ${container} happened before Lifeline watched; the API keeps only the last one's times.`,
    );
    expect(warningText(unplaced!, translator("zh"))).toBe(
      `${container} 在 Lifeline 开始观察之前已运行过 ${count} 次；API 只保留最后一次的时间。`,
    );
  });
});

describe("a warning stored before the warnings had codes and params", () => {
  // A snapshot (kept 90 days) made by an older Lifeline holds {code, container, message}: the
  // sentence in English, no params. It is shown as stored, never with raw {placeholders}.
  const stored = [
    {
      code: "unplaced-runs",
      container: "nginx",
      message: "2 earlier run(s) of nginx happened before Lifeline watched.",
    },
    {
      code: "unknown-container",
      container: "sidecar",
      message: 'Probe events name a container "sidecar" the pod does not have.',
    },
  ] as unknown as TimelineWarning[];
  it("keeps its sentence, in either language", () => {
    for (const lang of ["en", "zh"] as const) {
      const text = stored.map((w) => warningText(w, translator(lang)));
      expect(text).toEqual([
        "2 earlier run(s) of nginx happened before Lifeline watched.",
        'Probe events name a container "sidecar" the pod does not have.',
      ]);
      for (const s of text) expect(s).not.toMatch(/\{\w+\}/);
    }
  });
  it("a warning of today with params is translated as before", () => {
    const w: TimelineWarning = {
      code: "unknown-container",
      container: "sidecar",
      params: { container: "sidecar" },
    };
    expect(warningText(w, translator("en"))).toBe(
      'Probe events name a container "sidecar" the pod does not have.',
    );
  });
});
