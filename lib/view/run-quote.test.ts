// Which run "Why is it like this?" quotes: the failed run an explanation is about, from fixture
// stories (real-shaped Kubernetes JSON).
import { describe, expect, it } from "vitest";
import { story, storyInput } from "../fixtures";
import { buildTimeline } from "../timeline";
import { explain, explainPod } from "./explain";
import { failedRun } from "./run-quote";

const load = (name: string) => {
  const input = storyInput(story(name)!);
  return { tl: buildTimeline(input), now: input.now };
};
const ctx = { namespace: "dev", pod: "p" };

describe("failedRun", () => {
  it("a crash-looping container: its last ended run, which failed", () => {
    const { tl, now } = load("oom-killed");
    const e = explainPod(tl, "en", { now, tz: "utc" });
    expect(e.aboutFailure).toBe(true);
    const c = tl.containers.find((x) => x.name === e.container)!;
    const last = c.runs.filter((r) => r.end !== null).at(-1)!;
    expect(failedRun(tl, e.container)).toEqual({
      container: c.name,
      attempt: last.attempt,
      start: last.start,
    });
  });
  it("an init container that crash-loops is the one quoted", () => {
    const { tl, now } = load("init-crashloop");
    const e = explainPod(tl, "en", { now, tz: "utc" });
    expect(e.aboutFailure).toBe(true);
    expect(tl.containers.find((c) => c.name === e.container)?.kind).toBe("init");
    expect(failedRun(tl, e.container)?.container).toBe(e.container);
  });
  it("a selected run: that run; a selected back-off: the run before it", () => {
    const { tl } = load("oom-killed");
    const c = tl.containers.find((x) => x.runs.filter((r) => r.end !== null).length >= 2)!;
    const [first, second] = c.runs;
    expect(failedRun(tl, c.name, first.start)?.attempt).toBe(first.attempt);
    expect(failedRun(tl, c.name, second.start)?.attempt).toBe(second.attempt);
    expect(failedRun(tl, c.name, second.start - 1)?.attempt).toBe(first.attempt);
  });
  it("no failed run: a success, a run still going, an unknown container", () => {
    const { tl, now } = load("job-completed");
    const e = explainPod(tl, "en", { now, tz: "utc" });
    expect(e.aboutFailure).toBe(false);
    expect(failedRun(tl, e.container)).toBeNull();
    expect(failedRun(tl, "nope")).toBeNull();
    expect(failedRun(tl, null)).toBeNull();
    const { tl: oom } = load("oom-killed");
    const c = oom.containers[0];
    expect(failedRun(oom, c.name, c.runs[0].start - 1)).toBeNull();
  });
  it("explanations about a failed run are those that suggest kubectl logs --previous", () => {
    for (const s of ["CrashLoopBackOff", "Error", "OOMKilled", "ExitCode:1", "Signal:9", "Failed"])
      expect(explain(s, ctx, "en").aboutFailure, s).toBe(true);
    for (const s of ["Running", "Completed", "ImagePullBackOff", "Pending", "Unschedulable"])
      expect(explain(s, ctx, "en").aboutFailure, s).toBe(false);
    expect(explain("Init:CrashLoopBackOff", ctx, "en").aboutFailure).toBe(true);
  });
});
