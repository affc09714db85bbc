// The Deployment stories on the fast clock: the stalled rollout reaches its deadline and is
// undone; the good rolling update moves one pod at a time.
import { describe, expect, it } from "vitest";
import type { CoreEvent } from "../../k8s/types";
import { Kit, T0 } from "../cluster.test-kit";
import type { DeploymentStatus } from "../controllers/deployment-util";
import { replicasOf, revisionOf } from "../controllers/deployment-util";
import { ROLLOUTS_NS } from "./rollouts";

function reader(kit: Kit, name: string) {
  const store = kit.cluster.store;
  const d = () => store.get("deployments", ROLLOUTS_NS, name)!;
  const progressing = () =>
    (d().status as DeploymentStatus).conditions?.find((c) => c.type === "Progressing");
  const sets = () =>
    store
      .list("replicasets", ROLLOUTS_NS)
      .filter((rs) => rs.metadata.ownerReferences?.[0]?.uid === d().metadata.uid)
      .sort((a, b) => revisionOf(a) - revisionOf(b))
      .map(
        (rs) =>
          `r${revisionOf(rs)}:${replicasOf(rs)}/${(rs.status as { availableReplicas?: number }).availableReplicas ?? 0}`,
      );
  const events = () =>
    (store.list("events", ROLLOUTS_NS) as unknown as CoreEvent[])
      .filter((e) => e.involvedObject?.kind === "Deployment" && e.involvedObject.name === name)
      .sort((a, b) => ((a.metadata?.name ?? "") < (b.metadata?.name ?? "") ? -1 : 1))
      .map((e) => e.message!.replace(/replica set \S+/, "replica set RS"));
  return { d, progressing, sets, events };
}

describe("the rollout stories", () => {
  it("rollout-stalled: the typo'd image stalls the rollout, the deadline passes at 3 min, the undo at 5 min completes it", () => {
    const kit = new Kit({ scenarios: ["rollout-stalled"] });
    const r = reader(kit, "checkout");
    kit.at(59);
    expect(r.sets()).toEqual(["r1:3/3"]);
    expect(r.progressing()?.reason).toBe("NewReplicaSetAvailable");
    kit.at(90);
    expect(r.sets()).toEqual(["r1:3/3", "r2:1/0"]);
    const stuck = kit.cluster.store
      .list("pods", ROLLOUTS_NS)
      .find(
        (p) =>
          p.metadata.name.startsWith(`checkout-`) &&
          kit.status(p.metadata.name, ROLLOUTS_NS) !== "Running",
      );
    expect(kit.status(stuck!.metadata.name, ROLLOUTS_NS)).toMatch(
      /^(ErrImagePull|ImagePullBackOff)$/,
    );
    expect(r.progressing()).toMatchObject({
      status: "True",
      reason: "ReplicaSetUpdated",
      lastUpdateTime: "2026-11-20T09:01:00Z",
    });
    kit.at(180);
    expect(r.progressing()?.reason).toBe("ReplicaSetUpdated");
    kit.at(181);
    expect(r.progressing()).toMatchObject({
      status: "False",
      reason: "ProgressDeadlineExceeded",
      lastTransitionTime: "2026-11-20T09:03:01Z",
    });
    expect(r.progressing()?.message).toMatch(
      /^ReplicaSet "checkout-\w+" has timed out progressing\.$/,
    );
    expect((r.d().status as DeploymentStatus).availableReplicas).toBe(3);
    kit.at(299);
    expect(r.sets()).toEqual(["r1:3/3", "r2:1/0"]);
    kit.at(301);
    expect(r.sets()).toEqual(["r2:0/0", "r3:3/3"]);
    expect(r.d().metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("3");
    expect(r.progressing()).toMatchObject({ status: "True", reason: "NewReplicaSetAvailable" });
    expect(r.events()).toEqual([
      "Scaled up replica set RS from 0 to 3",
      "Scaled up replica set RS from 0 to 1",
      "Scaled down replica set RS from 1 to 0",
    ]);
    expect(
      kit.cluster.truth
        .query({ what: "scenario.step" })
        .map((e) => [(e.at - T0) / 1000, e.detail?.step]),
    ).toEqual([
      [0, "create rollouts/checkout"],
      [60, "kubectl set image deploy/checkout web=ngnix:1.28 (a typo)"],
      [300, "kubectl rollout undo deploy/checkout"],
    ]);
  });

  it("rollout-good: one new pod at a time, each old pod leaving once a new one has been available for minReadySeconds", () => {
    const kit = new Kit({ scenarios: ["rollout-good"] });
    const r = reader(kit, "catalog");
    kit.at(89);
    expect(r.sets()).toEqual(["r1:4/4"]);
    const seen: string[] = [];
    for (let t = 90; t <= 240; t++) {
      kit.at(t);
      const now = `${r.sets().join(" ")}`;
      if (seen[seen.length - 1]?.endsWith(now) !== true) seen.push(`${t} ${now}`);
    }
    expect(seen.map((s) => s.replace(/^\d+ /, ""))).toEqual([
      "r1:4/4 r2:1/0",
      "r1:3/3 r2:2/1",
      "r1:2/2 r2:3/2",
      "r1:1/1 r2:4/3",
      "r1:0/0 r2:4/4",
    ]);
    const times = seen.map((s) => Number(s.split(" ")[0]));
    // Each step waits for a pod's pull, readiness delay and minReadySeconds: the rollout is visible.
    for (let i = 1; i < times.length; i++)
      expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(15);
    expect(r.progressing()).toMatchObject({ status: "True", reason: "NewReplicaSetAvailable" });
    expect(r.events()).toHaveLength(9);
  });
});
