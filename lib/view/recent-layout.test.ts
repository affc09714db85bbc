// What the pod timeline says about 1.33–1.35 behaviour: resize markers, generations, restart rules,
// back-offs shorter than 10 s — in English and Chinese.
import { describe, expect, it } from "vitest";
import { story, storyInput } from "../fixtures";
import { translator } from "../i18n";
import { buildTimeline } from "../timeline";
import { layoutTimeline } from "./timeline-layout";

function layout(name: string, lang: "en" | "zh" = "en") {
  const input = storyInput(story(name)!);
  return layoutTimeline(buildTimeline(input), input.now, { width: 960, t: translator(lang) });
}

describe("resize and generations on the pod timeline", () => {
  it("draws each resize step as a marker whose tooltip says old → new, the pending reason and message", () => {
    const ticks = layout("resize-in-place").rows.find((r) => r.id === "markers")!.ticks;
    const resize = ticks.filter(
      (k) => k.kind.startsWith("resize") || k.kind === "resized" || k.kind === "spec-changed",
    );
    expect(resize.map((k) => k.what)).toEqual([
      "Spec changed, generation 1 → 2",
      "Resize requested (app), cpu requests 250m → 500m, cpu limits 500m → 1",
      "Resize pending (Deferred)",
      "Resize in progress",
      "Resized (app), cpu requests 250m → 500m, cpu limits 500m → 1",
      "Spec changed, generation 2 → 3",
      "Resize requested (app), memory requests 128Mi → 8Gi, memory limits 256Mi → 8Gi",
      "Resize pending (Infeasible)",
    ]);
    expect(resize[7].title).toContain(
      "— Node didn't have enough capacity: memory, requested: 8589934592, capacity: 4110970880",
    );
    expect(resize[7].fill).not.toBe(resize[2].fill);
  });

  it("says it in Chinese too", () => {
    const ticks = layout("resize-in-place", "zh").rows.find((r) => r.id === "markers")!.ticks;
    expect(ticks.filter((k) => k.kind === "resize-requested")[0].what).toBe(
      "请求调整资源 (app)，cpu 请求 250m → 500m，cpu 限制 500m → 1",
    );
    expect(ticks.filter((k) => k.kind === "resize-pending").map((k) => k.what)).toEqual([
      "资源调整待定 (Deferred)",
      "资源调整待定 (Infeasible)",
    ]);
  });

  it("names the observedGeneration in condition and STATUS tooltips", () => {
    const l = layout("resize-in-place");
    const pending = l.rows.find((r) => r.id === "condition-PodResizePending")!.boxes;
    expect(pending.map((b) => b.what)).toEqual([
      "PodResizePending=True (Deferred), observedGeneration 2",
      "PodResizePending=True (Infeasible), observedGeneration 3",
    ]);
    const status = l.rows.find((r) => r.id === "status")!.boxes;
    expect(status[status.length - 1].what).toBe("STATUS Running, observedGeneration 3");
    expect(status[0].what).toBe("STATUS Pending");
  });
});

describe("restart rules on the pod timeline", () => {
  it("says which runs a rule restarted and which one the container's policy stopped", () => {
    const runs = layout("restart-rules")
      .rows.find((r) => r.id === "container-worker")!
      .boxes.filter((b) => b.kind === "run");
    expect(runs.map((b) => b.what)).toEqual([
      "worker run #1, exit code 42 (Error), restarted by restartPolicyRules (exit code In 42)",
      "worker run #2, exit code 42 (Error), restarted by restartPolicyRules (exit code In 42)",
      "worker run #3, exit code 1 (Error), not restarted: container restartPolicy Never",
    ]);
    const zh = layout("restart-rules", "zh")
      .rows.find((r) => r.id === "container-worker")!
      .boxes.filter((b) => b.kind === "run");
    expect(zh[2].what).toContain("不会重启：容器 restartPolicy 为 Never");
  });
});

describe("back-offs from 1 s", () => {
  it("labels each bracket with the kubelet's announced delay, never an assumed 10s", () => {
    const row = layout("backoff-fast").rows.find((r) => r.id === "container-cli")!;
    expect(row.brackets.map((b) => b.label)).toEqual([
      "1s",
      "1s",
      "2s",
      "4s",
      "8s",
      "16s",
      "32s",
      "1m0s",
      "1m0s",
    ]);
  });
});
