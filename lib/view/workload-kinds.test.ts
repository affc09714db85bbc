import { describe, expect, it } from "vitest";
import { WORKLOAD_RESOURCES } from "../kube/workload-resources";
import { KIND_PATH, listedOnItsOwn } from "./workload-kinds";

describe("workload kinds in addresses and lists", () => {
  it("each kind's address segment is the resource's plural the API serves", () => {
    expect(KIND_PATH).toEqual(
      Object.fromEntries(WORKLOAD_RESOURCES.map((r) => [r.kind, r.plural])),
    );
  });

  it("a row of its own: not a ControllerRevision, nor anything a controller owns", () => {
    expect(listedOnItsOwn({ kind: "Deployment", owner: null })).toBe(true);
    expect(listedOnItsOwn({ kind: "ReplicaSet", owner: null })).toBe(true);
    expect(listedOnItsOwn({ kind: "ReplicaSet", owner: { kind: "Deployment" } })).toBe(false);
    expect(listedOnItsOwn({ kind: "Job", owner: { kind: "CronJob" } })).toBe(false);
    expect(listedOnItsOwn({ kind: "ControllerRevision", owner: null })).toBe(false);
  });
});
