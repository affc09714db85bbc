// A Deployment adopts the orphaned ReplicaSets its selector matches, as kube's does
// (deployment_controller.go getReplicaSetsForDeployment → ControllerRefManager.ClaimReplicaSets):
// `kubectl delete deploy web --cascade=orphan` then the same Deployment again takes back the
// ReplicaSet and its pods instead of making a second one beside it (twice the pods, collisionCount 1).
import { describe, expect, it } from "vitest";
import { Kit } from "../cluster.test-kit";
import { RESOURCES } from "../api-server/resources";
import { deployment, get, pods, replicaSets, sizes } from "./deployment.test-kit";

const DEPLOYMENTS = RESOURCES.find((r) => r.plural === "deployments")!;

describe("the Deployment controller adopts orphans", () => {
  it("takes back the ReplicaSet an Orphan delete left, with its pods, and makes no other", () => {
    const kit = new Kit();
    kit.apply(deployment("web"));
    kit.clock.flush();
    const [rs] = replicaSets(kit, "web");
    const podUids = pods(kit, rs).map((p) => p.metadata.uid);
    expect(podUids).toHaveLength(3);

    kit.cluster.registry.delete(DEPLOYMENTS, "dev", "web", {
      dryRun: false,
      propagationPolicy: "Orphan",
    });
    kit.clock.flush();
    const orphan = kit.cluster.store.get("replicasets", "dev", rs.metadata.name)!;
    expect(orphan.metadata.ownerReferences).toBeUndefined();

    kit.apply(deployment("web"));
    kit.clock.flush();
    const d = get(kit, "web");
    const all = kit.cluster.store.list("replicasets", "dev");
    expect(all.map((o) => o.metadata.uid)).toEqual([rs.metadata.uid]);
    expect(all[0].metadata.ownerReferences).toEqual([
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        name: "web",
        uid: d.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    // (This kit has no nodes: the pods stay Pending, so none is ready.)
    expect(sizes(kit, "web")).toEqual([`${rs.metadata.name}:3/0`]);
    expect(pods(kit, all[0]).map((p) => p.metadata.uid)).toEqual(podUids);
    expect(d.status.collisionCount).toBeUndefined();
    expect(d.status.replicas).toBe(3);
    expect(kit.cluster.store.list("pods", "dev")).toHaveLength(3);
    void kit.cluster.stop();
  });

  it("leaves alone an orphan its selector does not match", () => {
    const kit = new Kit();
    kit.apply(deployment("api"));
    kit.clock.flush();
    const [rs] = replicaSets(kit, "api");
    kit.cluster.registry.delete(DEPLOYMENTS, "dev", "api", {
      dryRun: false,
      propagationPolicy: "Orphan",
    });
    kit.clock.flush();
    kit.apply(deployment("web"));
    kit.clock.flush();
    expect(
      kit.cluster.store.get("replicasets", "dev", rs.metadata.name)?.metadata.ownerReferences,
    ).toBeUndefined();
    expect(replicaSets(kit, "web")).toHaveLength(1);
    expect(replicaSets(kit, "web")[0].metadata.uid).not.toBe(rs.metadata.uid);
    void kit.cluster.stop();
  });

  it("releases a ReplicaSet it controls whose labels no longer match, and replaces it", () => {
    const kit = new Kit();
    kit.apply(deployment("web"));
    kit.clock.flush();
    const [rs] = replicaSets(kit, "web");
    kit.cluster.store.mutate("replicasets", "dev", rs.metadata.name, (o) => {
      o.metadata.labels = { app: "quarantined" };
    });
    kit.clock.flush();
    const released = kit.cluster.store.get("replicasets", "dev", rs.metadata.name)!;
    expect(released.metadata.uid).toBe(rs.metadata.uid);
    expect(released.metadata.ownerReferences).toBeUndefined();
    const now = replicaSets(kit, "web");
    expect(now).toHaveLength(1);
    expect(now[0].metadata.uid).not.toBe(rs.metadata.uid);
    void kit.cluster.stop();
  });
});
