import { describe, expect, it } from "vitest";
import { story, storyInput } from "../fixtures";
import { buildTimeline } from "../timeline";
import { podFacts } from "./pod-summary";

const facts = (name: string) => podFacts(buildTimeline(storyInput(story(name)!)));

describe("pod header facts", () => {
  it("names the controller that owns the pod, or none", () => {
    expect(facts("job-completed").owner).toBe("Job/pi");
    expect(facts("oom-killed").owner).toBeNull();
    // A timeline stored before it carried the owner (an old snapshot): not known, not "none".
    const old: Partial<ReturnType<typeof buildTimeline>> = buildTimeline(
      storyInput(story("job-completed")!),
    );
    delete old.owner;
    expect(podFacts(old as never).owner).toBeUndefined();
  });
  it("gives each container's image, requests and limits (OOM needs the limit in view)", () => {
    expect(facts("oom-killed").containers).toEqual([
      {
        name: "stress",
        kind: "main",
        image: "polinux/stress:1.0.4",
        requests: "memory 50Mi",
        limits: "memory 100Mi",
      },
    ]);
    expect(facts("unschedulable").containers[0]).toMatchObject({
      requests: "cpu 64",
      limits: null,
    });
    expect(facts("sidecar").containers.map((c) => [c.kind, c.name, c.image])).toEqual([
      ["sidecar", "log-shipper", "fluent/fluent-bit:3.1"],
      ["init", "setup", "busybox:1.36"],
      ["main", "app", "nginx:1.27"],
    ]);
  });
});
