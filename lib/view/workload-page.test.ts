import { describe, expect, it } from "vitest";
import { workloadStory, workloadStoryInput } from "../fixtures/workloads";
import { translator } from "../i18n";
import { buildWorkloadTimeline } from "../workloads";
import { PALETTE } from "./palette";
import { changeLines, rolloutPhases, workloadPage } from "./workload-page";

const t = translator("en");

function pageOf(name: string, at?: (created: number) => number) {
  const story = workloadStory(name)!;
  const first = buildWorkloadTimeline(workloadStoryInput(story));
  const now = at ? at(first.createdAt!) : Date.parse(story.now);
  const timeline = buildWorkloadTimeline(workloadStoryInput(story, now));
  return {
    created: timeline.createdAt!,
    timeline,
    page: workloadPage({ timeline, rows: [], from: timeline.createdAt!, to: now, now, t }),
  };
}

describe("workloadPage: the typo'd rollout, stalled then undone", () => {
  it("draws the rollouts by outcome, the revisions with what each changed, and the stall on Progressing", () => {
    const { created, page } = pageOf("deployment-stalled-undo");
    const s = (ms: number) => created + ms;
    const rollouts = page.tracks.find((k) => k.key === "rollouts")!;
    // The rolled-back rollout is hatched as stalled from the deadline (182 s) until the undo only.
    expect(rollouts.boxes.map((b) => [b.start, b.end, b.label, b.hatched])).toEqual([
      [s(0), s(6580), "complete", false],
      [s(60_000), s(182_000), "rolled back", false],
      [s(182_000), s(300_080), "stalled", true],
      [s(300_080), s(301_580), "complete", false],
    ]);
    expect(rollouts.boxes[1].fill).toBe(PALETTE.purple);
    expect(rollouts.boxes[2].fill).toBe(PALETTE.vermillion);
    const revisions = page.tracks.find((k) => k.key === "revisions")!;
    expect(revisions.boxes.map((b) => b.label)).toEqual(["revision 1", "revision 2", "revision 3"]);
    expect(revisions.boxes[1].detail).toContain("web: nginx:1.27 → nginx:1.27-typo");
    expect(revisions.boxes[1].detail).toContain(
      "kubectl set image deployment/web web=nginx:1.27-typo",
    );
    const stall = page.tracks
      .find((k) => k.key === "condition:Progressing")!
      .boxes.find((b) => b.label === "ProgressDeadlineExceeded")!;
    expect([stall.start, stall.end, stall.fill, stall.hatched]).toEqual([
      s(182_000),
      s(300_000),
      PALETTE.vermillion,
      true,
    ]);
    // Progressing True while a ReplicaSet rolls is drawn as work in progress, not as done.
    expect(
      page.tracks
        .find((k) => k.key === "condition:Progressing")!
        .boxes.find((b) => b.label === "ReplicaSetUpdated")!.fill,
    ).toBe(PALETTE.blue);
  });

  it("the rolled-back rollout's tooltip keeps the stall: when it passed its deadline and the condition's message", () => {
    const { page } = pageOf("deployment-stalled-undo");
    const rollouts = page.tracks.find((k) => k.key === "rollouts")!;
    const expected =
      "revision 1 → 2 · rolled back · 4m 00s · stalled 2m 02s after it began: " +
      'Progressing=False ProgressDeadlineExceeded: ReplicaSet "web-7d9c5b8f4" has timed out progressing. · ' +
      "revision 3 began (rollback to revision 1)";
    // Both of its boxes, before the deadline and after, tell the same story.
    expect(rollouts.boxes[1].detail).toBe(expected);
    expect(rollouts.boxes[2].detail).toBe(expected);
  });

  it("during the stall: the rollout is stalled and the new revision's pods come first", () => {
    const { created, page, timeline } = pageOf("deployment-stalled-undo", (c) => c + 200_000);
    const s = (ms: number) => created + ms;
    // In progress from the change (60 s), stalled from the deadline's lastTransitionTime (182 s).
    expect(
      page.tracks
        .find((k) => k.key === "rollouts")!
        .boxes.slice(1)
        .map((b) => [b.start, b.end, b.label, b.fill, b.hatched]),
    ).toEqual([
      [s(60_000), s(182_000), "in progress", PALETTE.blue, false],
      [s(182_000), s(200_000), "stalled", PALETTE.vermillion, true],
    ]);
    expect(timeline.stuck?.pods.map((p) => p.text).join("\n")).toContain("nginx:1.27-typo");
    expect(page.groups[0].current).toBe(true);
    expect(page.groups[0].title).toMatch(/^Revision 2 · web-7d9c5b8f4$/);
    expect(page.counts.map((c) => c.name)).toEqual(["desired", "ready", "available", "updated"]);
    expect(page.maxCount).toBe(3);
  });

  it("clips everything to the window", () => {
    const { created, timeline } = pageOf("deployment-stalled-undo");
    const page = workloadPage({
      timeline,
      rows: [],
      from: created + 100_000,
      to: created + 200_000,
      now: created + 420_000,
      t,
    });
    for (const track of page.tracks)
      for (const b of track.boxes) {
        expect(b.start).toBeGreaterThanOrEqual(created + 100_000);
        expect(b.end).toBeLessThanOrEqual(created + 200_000);
      }
    expect(page.tracks.find((k) => k.key === "revisions")!.boxes.map((b) => b.label)).toEqual([
      "revision 2",
    ]);
  });
});

describe("workloadPage: a template changed while paused, then resumed", () => {
  it("while paused: the pending rollout is drawn paused from the change", () => {
    const { created, page } = pageOf("deployment-paused-change", (c) => c + 120_000);
    const s = (ms: number) => created + ms;
    const rollouts = page.tracks.find((k) => k.key === "rollouts")!;
    expect(rollouts.boxes.map((b) => [b.start, b.end, b.label, b.fill, b.hatched])).toEqual([
      [s(0), s(6580), "complete", PALETTE.green, false],
      [s(60_080), s(120_000), "paused", PALETTE.orange, true],
    ]);
    expect(rollouts.boxes[1].detail).toBe(
      "revision 1 → a changed template, no revision yet · paused · 59s · spec.paused: the pod template changed (generation 3); the controller makes no ReplicaSet for it until kubectl rollout resume",
    );
  });

  it("resumed: paused from the change until the resume, then the rollout itself", () => {
    const { created, page } = pageOf("deployment-paused-change");
    const s = (ms: number) => created + ms;
    const rollouts = page.tracks.find((k) => k.key === "rollouts")!;
    expect(rollouts.boxes.slice(1).map((b) => [b.start, b.end, b.label, b.hatched])).toEqual([
      [s(60_080), s(180_080), "paused", true],
      [s(180_080), s(199_580), "complete", false],
    ]);
    expect(rollouts.boxes[1].detail).toBe(
      'revision 1 → 2 · complete · 2m 19s · held by spec.paused for 2m 00s · Progressing=True NewReplicaSetAvailable: ReplicaSet "cart-5c7b9d4f86" has successfully progressed.',
    );
  });
});

describe("rolloutPhases", () => {
  it("a stall that ended before the rollout completed is hatched only while it lasted", () => {
    const r = {
      from: 1,
      fromName: "web-a",
      to: 2,
      toName: "web-b",
      start: 60_000,
      end: 260_000,
      outcome: "complete" as const,
      stalledAt: 181_000,
      stalledUntil: 248_000,
      pending: false,
      pausedSpans: [],
      rollback: false,
      durationMs: 200_000,
      evidence: [],
    };
    expect(rolloutPhases(r, 300_000)).toEqual([
      { start: 60_000, end: 181_000, outcome: "complete" },
      { start: 181_000, end: 248_000, outcome: "stalled" },
      { start: 248_000, end: 260_000, outcome: "complete" },
    ]);
    // Seen on the demo cluster: the stall's end is the condition's lastTransitionTime, whole
    // seconds, so it can fall a fraction of a second before the undo observed: no sliver after it.
    expect(rolloutPhases({ ...r, stalledUntil: 300_000, end: 300_450 }, 0)).toEqual([
      { start: 60_000, end: 181_000, outcome: "complete" },
      { start: 181_000, end: 300_450, outcome: "stalled" },
    ]);
    expect(rolloutPhases({ ...r, stalledAt: null, stalledUntil: null }, 300_000)).toEqual([
      { start: 60_000, end: 260_000, outcome: "complete" },
    ]);
  });
});

describe("workloadPage: a deleted workload", () => {
  it("ends its last revision at the deletion, not at now", () => {
    const { created, timeline } = pageOf("deployment-stalled-undo");
    const page = workloadPage({
      timeline: { ...timeline, deletedAt: created + 350_000 },
      rows: [],
      from: created,
      to: created + 420_000,
      now: created + 420_000,
      t,
    });
    const last = page.tracks.find((k) => k.key === "revisions")!.boxes.at(-1)!;
    expect([last.label, last.end]).toEqual(["revision 3", created + 350_000]);
  });
});

describe("workloadPage: a CronJob", () => {
  it("heads its pods by Job, its runs, not by revision (in English and Chinese)", () => {
    const story = workloadStory("cronjob-third-fails")!;
    const now = Date.parse(story.now);
    const timeline = buildWorkloadTimeline(workloadStoryInput(story, now));
    const at = { timeline, rows: [], from: timeline.createdAt!, to: now, now };
    const en = workloadPage({ ...at, t });
    const n = en.groups.reduce((k, g) => k + g.pods.length, 0);
    expect(n).toBeGreaterThan(0);
    expect(en.podsTitle).toBe(`Pods by Job, one per run (${n})`);
    expect(workloadPage({ ...at, t: translator("zh") }).podsTitle).toBe(
      `按 Job（每次运行一个）分组的 Pod（${n}）`,
    );
    // Its newest Job is its latest run, not a "current" revision.
    expect(en.groups[0]).toMatchObject({ current: true, badge: "latest run" });
    expect(en.groups.slice(1).every((g) => g.badge === null)).toBe(true);
    // A Job's pods are its own: a plain heading, no group title.
    const job = workloadPage({ ...at, timeline: { ...timeline, kind: "Job" }, t });
    expect(job.podsTitle).toBe(`Pods (${n})`);
    expect(job.groups.map((g) => g.title)).toEqual(job.groups.map(() => ""));
    // A ReplicaSet's pods are its own too (it has no revisions): not "Pods no revision claims".
    const rs = workloadPage({ ...at, timeline: { ...timeline, kind: "ReplicaSet" }, t });
    expect(rs.podsTitle).toBe(`Pods (${n})`);
    expect(rs.groups.map((g) => g.title)).toEqual(rs.groups.map(() => ""));
    // No "available" nor "up to date" lines for a Job: it has neither.
    expect(job.counts.map((c) => c.name)).toEqual(["desired", "ready"]);
    // A revisioned workload keeps its heading and its current revision.
    const deploy = pageOf("deployment-stalled-undo").page;
    expect(deploy.podsTitle).toMatch(/^Pods by revision \(\d+\)$/);
    expect(deploy.groups.find((g) => g.current)?.badge).toBe("current");
  });

  it("draws its runs by result, the failed one hatched", () => {
    const { page } = pageOf("cronjob-third-fails");
    const runs = page.tracks.find((k) => k.key === "runs")!;
    expect(runs.boxes.map((b) => b.label)).toContain("Failed");
    const failed = runs.boxes.find((b) => b.label === "Failed")!;
    expect([failed.fill, failed.hatched]).toEqual([PALETTE.vermillion, true]);
  });
});

describe("changeLines", () => {
  it("says each change in words, env by name only", () => {
    expect(
      changeLines(
        {
          images: [{ container: "web", from: "a:1", to: "a:2" }],
          containersAdded: ["side"],
          containersRemoved: [],
          env: [{ container: "web", added: ["TOKEN"], removed: ["OLD"] }],
          resources: [
            { container: "web", field: "limits", resource: "memory", from: "128Mi", to: "256Mi" },
          ],
          restartedAt: { from: null, to: "2026-11-24T10:00:00Z" },
          otherFields: true,
        },
        t,
      ),
    ).toEqual([
      "web: a:1 → a:2",
      "container side added",
      "web: env +TOKEN −OLD",
      "web: limits.memory 128Mi → 256Mi",
      "restarted (kubectl rollout restart)",
      "other fields of the template",
    ]);
    expect(changeLines(null, t)).toEqual([]);
  });
});
