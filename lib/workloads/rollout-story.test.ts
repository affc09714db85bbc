// The demo cluster's rollout-stalled story (rollouts/checkout: a typo'd image at 1 min, the
// progress deadline passing at 3 min, kubectl rollout undo at 5 min) through the workload model
// and the page's tracks: the stall is drawn from when the deadline passed, and the rolled-back
// rollout keeps what the controller said when it stalled.
import { describe, expect, it } from "vitest";
import { Kit, T0 } from "../demo-cluster/cluster.test-kit";
import { ROLLOUTS_NS } from "../demo-cluster/scenarios/rollouts";
import { translator } from "../i18n";
import { PALETTE } from "../view/palette";
import { workloadPage } from "../view/workload-page";
import { buildWorkloadTimeline } from ".";
import { recorder } from "./recorder.test-kit";

const t = translator("en");
const s = (sec: number) => T0 + sec * 1000;
const rel = (ms: number) => (ms - T0) / 1000;

function rolloutBoxes(input: ReturnType<ReturnType<typeof recorder>>) {
  const timeline = buildWorkloadTimeline(input);
  const page = workloadPage({ timeline, rows: [], from: T0, to: input.now, now: input.now, t });
  return { timeline, boxes: page.tracks.find((k) => k.key === "rollouts")!.boxes };
}

describe("rollout-stalled through the model and the page", () => {
  it("hatches the stall from the deadline, and keeps it on the rolled-back rollout", () => {
    const kit = new Kit({ scenarios: ["rollout-stalled"] });
    const input = recorder(kit, ROLLOUTS_NS);

    kit.at(200);
    const stalled = rolloutBoxes(input());
    // The controller's Progressing=False ProgressDeadlineExceeded at 09:03:01 (181 s).
    expect(stalled.timeline.rollouts[1]).toMatchObject({
      outcome: "stalled",
      start: s(60),
      stalledAt: s(181),
      stalledUntil: null,
    });
    expect(
      stalled.boxes.slice(1).map((b) => [rel(b.start), rel(b.end), b.label, b.hatched]),
    ).toEqual([
      [60, 181, "in progress", false],
      [181, 200, "stalled", true],
    ]);

    kit.at(320);
    const undone = rolloutBoxes(input());
    const r = undone.timeline.rollouts[1];
    expect([r.outcome, rel(r.stalledAt!), r.end && rel(r.end)]).toEqual(["rolled-back", 181, 300]);
    expect(r.evidence[0]).toMatchObject({ kind: "condition", at: s(181) });
    expect(r.evidence[0].text).toMatch(
      /^Progressing=False ProgressDeadlineExceeded: ReplicaSet "checkout-\w+" has timed out progressing\.$/,
    );
    // The first rollout, then the rolled-back one's two phases, then the undo's (it finds revision 1's pods still there).
    const boxes = undone.boxes.slice(1, 3);
    expect(boxes.map((b) => [rel(b.start), rel(b.end), b.label, b.fill])).toEqual([
      [60, 181, "rolled back", PALETTE.purple],
      [181, 300, "stalled", PALETTE.vermillion],
    ]);
    // The controller set Progressing=True ReplicaSetUpdated at the undo (300 s), ending the stall.
    expect(rel(r.stalledUntil!)).toBe(300);
    for (const b of boxes)
      expect(b.detail).toMatch(
        /^revision 1 → 2 · rolled back · 4m 00s · stalled 2m 01s after it began, for 1m 59s: Progressing=False ProgressDeadlineExceeded: ReplicaSet "checkout-\w+" has timed out progressing\. · revision 3 began \(rollback to revision 1\)$/,
      );
  }, 60_000);
});
