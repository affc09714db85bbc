import { describe, expect, it } from "vitest";
import { story, storyInput, storySnapshot } from "../fixtures";
import { buildTimeline } from "../timeline";
import { translator } from "../i18n";
import { axisFormat, layoutTimeline } from "./timeline-layout";
import { placeLabels } from "./box-labels";
import type { Box } from "./timeline-types";
import { AA_TEXT, contrast } from "./contrast";
import { PAGE } from "./palette";
import { stories } from "../fixtures";

function layout(name: string, snapshot = false) {
  const s = story(name)!;
  const input = snapshot ? storySnapshot(s) : storyInput(s);
  return layoutTimeline(buildTimeline(input), input.now, 960);
}

describe("layoutTimeline", () => {
  it("keeps every box inside the plot area", () => {
    const l = layout("liveness-exec");
    for (const row of l.rows) {
      for (const b of row.boxes) {
        expect(b.x).toBeGreaterThanOrEqual(l.gutter);
        expect(b.x + b.width).toBeLessThanOrEqual(l.width - 12 + 1);
        expect(b.width).toBeGreaterThanOrEqual(1);
      }
    }
    expect(l.rows.map((r) => r.id)).toEqual([
      "phase",
      "status",
      "condition-PodScheduled",
      "condition-PodReadyToStartContainers",
      "condition-Initialized",
      "condition-ContainersReady",
      "condition-Ready",
      "container-nginx",
      "ready-nginx",
      "probes-nginx",
      "markers",
    ]);
  });

  it("labels back-off brackets with the announced delay, the observed one when none was announced", () => {
    const row = layout("liveness-exec").rows.find((r) => r.id === "container-nginx")!;
    expect(row.brackets.map((b) => b.label)).toEqual([
      "1s",
      "10s",
      "20s",
      "40s",
      "1m20s",
      "2m40s",
      "5m0s",
      "5m0s",
    ]);
    expect(row.brackets.some((b) => b.differs)).toBe(false);
    // Brackets sit between runs, left to right.
    const xs = row.brackets.map((b) => b.x1);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it("shades what was reconstructed for a pod first met mid-life", () => {
    expect(layout("liveness-exec").observedFromX).toBeNull();
    const l = layout("liveness-exec", true);
    expect(l.observedFromX).toBeGreaterThan(l.gutter);
    expect(l.observedFromX).toBeLessThanOrEqual(l.nowX);
  });
});

describe("layout for the pod page", () => {
  const s = story("liveness-exec")!;
  const input = storyInput(s);
  const tl = buildTimeline(input);

  it("draws the probe track: liveness failures counted against failureThreshold, and the kill that followed", () => {
    const l = layoutTimeline(tl, input.now, 960);
    const probes = l.rows.find((r) => r.id === "probes-nginx")!;
    const liveness = probes.ticks.filter((t) => t.kind === "probe-liveness");
    expect(liveness).toHaveLength(24);
    expect(liveness.every((t) => t.shape === "triangle")).toBe(true);
    // Each run meets three failures (periodSeconds 5, failureThreshold 3) and then the kill.
    expect(liveness.slice(0, 3).map((t) => t.what)).toEqual([
      expect.stringContaining("1 consecutive of failureThreshold 3"),
      expect.stringContaining("2 consecutive of failureThreshold 3"),
      expect.stringContaining("3 consecutive of failureThreshold 3"),
    ]);
    expect(liveness[3].what).toContain("1 consecutive");
    expect(probes.ticks.filter((t) => t.kind === "probe-kill").length).toBeGreaterThan(0);
  });

  it("draws a readiness probe failing for minutes as one failing stretch with its count, not as two ticks", () => {
    const s = story("readiness-flapping")!;
    const input = storyInput(s);
    const at = (sec: number) => Date.parse("2026-11-20T09:00:00Z") + sec * 1000;
    // What `kubectl describe` shows as "Warning Unhealthy … (x25 over 4m)": one event, first and last.
    const tl = buildTimeline({
      ...input,
      now: at(300),
      events: [
        {
          apiVersion: "v1",
          kind: "Event",
          metadata: { name: "api-flappy.1", namespace: "dev", uid: "e-long" },
          involvedObject: {
            kind: "Pod",
            name: "api-flappy",
            namespace: "dev",
            uid: input.observations[0].object.metadata!.uid,
            fieldPath: "spec.containers{api}",
          },
          reason: "Unhealthy",
          message: "Readiness probe failed: HTTP probe failed with statuscode: 503",
          type: "Warning",
          count: 25,
          firstTimestamp: new Date(at(20)).toISOString(),
          lastTimestamp: new Date(at(260)).toISOString(),
        },
      ],
    });
    const l = layoutTimeline(tl, at(300), 960);
    const readiness = l.rows
      .find((r) => r.id === "probes-api")!
      .ticks.filter((t) => t.kind === "probe-readiness");
    expect(readiness).toHaveLength(1);
    const [stretch] = readiness;
    expect(stretch).toMatchObject({ start: at(20), end: at(260), label: "×25" });
    expect(stretch.span).toBeCloseTo(
      stretch.x - (l.gutter + ((at(20) - at(0)) / (at(300) - at(0))) * (960 - 12 - l.gutter)),
      3,
    );
    expect(stretch.what).toContain("×25");
    // Failures within the threshold keep their ticks (counted n/threshold).
    const live = layout("liveness-exec")
      .rows.find((r) => r.id === "probes-nginx")!
      .ticks.filter((t) => t.kind === "probe-liveness");
    expect(live).toHaveLength(24);
    expect(
      live.every((t) => t.span === undefined && / consecutive of failureThreshold 3$/.test(t.what)),
    ).toBe(true);
  });

  it("zooms: a domain keeps only what overlaps it, boxes clamped to the plot", () => {
    const full = layoutTimeline(tl, input.now, 960);
    const runs = full.rows
      .find((r) => r.id === "container-nginx")!
      .boxes.filter((b) => b.kind === "run");
    const third = runs[2];
    const l = layoutTimeline(tl, input.now, { width: 960, domain: [third.start, third.end!] });
    const inDomain = l.rows
      .find((r) => r.id === "container-nginx")!
      .boxes.filter((b) => b.kind === "run");
    expect(inDomain.map((b) => b.label)).toContain(third.label);
    expect(inDomain.length).toBeLessThan(runs.length);
    for (const b of inDomain) {
      expect(b.x).toBeGreaterThanOrEqual(l.gutter);
      expect(b.x + b.width).toBeLessThanOrEqual(l.width - 12 + 1);
    }
    expect(l.domain).toEqual([third.start, third.end]);
  });

  it("translates every track label and tooltip", () => {
    const zh = layoutTimeline(tl, input.now, { width: 960, t: translator("zh"), tz: "utc" });
    expect(zh.rows.find((r) => r.id === "phase")!.label).toBe("阶段");
    expect(zh.rows.find((r) => r.id === "probes-nginx")!.label).toBe("nginx 探针");
    const run = zh.rows
      .find((r) => r.id === "container-nginx")!
      .boxes.find((b) => b.kind === "run")!;
    expect(run.title).toMatch(
      /^nginx 第 1 次运行，退出码 0 \(Completed\)，2026-11-20 09:00:05 UTC → /,
    );
    expect(run.title).toContain("UTC");
  });
});

describe("placeLabels (label collision)", () => {
  const tick = (x: number, label?: string) => ({
    x,
    label,
    kind: "k",
    fill: "#000",
    title: "",
    what: "",
    start: x,
    end: x,
  });
  it("labels failed runs as it does the others (a shorter form where the full one has no room), drawn solid, unlike the hatched back-off beside them", () => {
    for (const name of ["init-crashloop", "backoff-reset", "restart-never-failed", "oom-killed"]) {
      const row = layout(name).rows.find(
        (r) =>
          r.id.startsWith("container-") &&
          r.boxes.some((b) => b.kind === "run" && b.label!.includes("exit")),
      )!;
      const runs = row.boxes.filter((b) => b.kind === "run");
      const room = (i: number) => (i + 1 < runs.length ? runs[i + 1].x : 948) - runs[i].x;
      runs.forEach((r, i) => {
        const n = /^#\d+/.exec(r.label!)![0];
        // Every run with room for its number (up to the next run) is labelled.
        if (room(i) >= n.length * 6 + 6)
          expect(r.text, `${name} ${r.label}`).toMatch(new RegExp(`^${n}( |$)`));
        if (r.label!.includes("exit") && !r.label!.includes("exit 0"))
          expect(r.hatched ?? false, `${name} ${r.label}`).toBe(false);
      });
      expect(runs.filter((r) => r.text).length).toBeGreaterThanOrEqual(runs.length - 1);
      // Where a run has room, up to the next run, its full label is drawn.
      const roomy = runs.filter((r, i) => room(i) >= r.label!.length * 6 + 6);
      for (const r of roomy) expect(r.text).toBe(r.label);
      for (const w of row.boxes.filter((b) => b.kind === "waiting")) expect(w.hatched).toBe(true);
      // No two drawn labels overlap.
      const drawn = row.boxes.filter((b) => b.text).sort((a, b) => a.textX! - b.textX!);
      drawn.forEach(
        (b, i) =>
          i > 0 &&
          expect(b.textX!).toBeGreaterThanOrEqual(
            drawn[i - 1].textX! + drawn[i - 1].text!.length * 6,
          ),
      );
    }
    expect(
      layout("backoff-reset")
        .rows.find((r) => r.id === "container-worker")!
        .boxes.find((b) => b.label === "#3 exit 1")!.text,
    ).toBe("#3 exit 1");
  });

  it("draws every label with AA contrast in both themes: the fill's ink inside a box (haloed over hatching), the page's ink past it", () => {
    let drawn = 0;
    for (const name of stories.map((s) => s.name)) {
      const boxes: Box[] = layout(name)
        .rows.flatMap((r) => r.boxes)
        .filter((b) => b.text);
      drawn += boxes.length;
      for (const b of boxes) {
        if (b.textOn === "fill") {
          expect(contrast(b.ink!, b.fill), `${name} ${b.text} on ${b.fill}`).toBeGreaterThanOrEqual(
            AA_TEXT,
          );
          expect(b.textX! + b.text!.length * 6).toBeLessThanOrEqual(b.x + b.width);
        } else {
          expect(b.textOn).toBe("page");
          for (const mode of ["light", "dark"] as const)
            expect(contrast(PAGE[mode].ink, PAGE[mode].bg)).toBeGreaterThanOrEqual(AA_TEXT);
        }
      }
    }
    expect(drawn).toBeGreaterThan(100);
  });

  it("keeps a label only where it does not overlap the one before", () => {
    const placed = placeLabels([
      tick(10, "1/3"),
      tick(14, "2/3"),
      tick(40, "3/3"),
      tick(41),
      tick(44, "×2"),
    ]);
    expect(placed.map((t) => t.label)).toEqual(["1/3", undefined, "3/3", undefined, undefined]);
  });
  it("keeps every label when they are far apart, in x order", () => {
    expect(placeLabels([tick(100, "b"), tick(0, "a")]).map((t) => t.label)).toEqual(["a", "b"]);
  });
});

const T = Date.parse("2026-11-20T09:00:05.678Z");

describe("axisFormat", () => {
  it("shows seconds under 10 minutes, the date past a day", () => {
    const d = new Date(T);
    expect(axisFormat(60_000, "utc")(d)).toBe("09:00:05");
    expect(axisFormat(3600_000, "utc")(d)).toBe("09:00");
    expect(axisFormat(3 * 86_400_000, "utc")(d)).toBe("Nov 20 09:00");
  });
});
