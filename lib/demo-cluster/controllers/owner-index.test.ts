// The ReplicaSets-by-owner index the Deployment controller reads: it follows an owner reference
// that moves, is stripped by an Orphan delete or comes back, and a ReplicaSet that is deleted; and
// a Deployment's sync reads it instead of listing the namespace's ReplicaSets.
import { describe, expect, it, vi } from "vitest";
import { ManualClock } from "../clock";
import { Kit, T0 } from "../cluster.test-kit";
import { Registry } from "../api-server/registry";
import { RESOURCES } from "../api-server/resources";
import type { KubeObject } from "../api-server/store";
import { ObjectStore } from "../api-server/store";
import { TruthLog } from "../truth";
import { deployment, edit, get, replicaSets, sizes } from "./deployment.test-kit";
import { OwnerIndex } from "./owner-index";

const DEPLOYMENTS = RESOURCES.find((r) => r.plural === "deployments")!;
const REPLICASETS = RESOURCES.find((r) => r.plural === "replicasets")!;

const ownerRef = (d: KubeObject, controller = true) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  name: d.metadata.name,
  uid: d.metadata.uid!,
  controller,
  blockOwnerDeletion: true,
});

function replicaSet(name: string, owners: ReturnType<typeof ownerRef>[]): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name,
      namespace: "dev",
      labels: { app: "web", "pod-template-hash": "5d4f8b6c9" },
      ownerReferences: owners,
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "web", "pod-template-hash": "5d4f8b6c9" } },
      template: {
        metadata: { labels: { app: "web", "pod-template-hash": "5d4f8b6c9" } },
        spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
      },
    },
  };
}

const names = (list: KubeObject[]) => list.map((o) => o.metadata.name).sort();

describe("OwnerIndex", () => {
  it("follows a ReplicaSet whose controller reference moves, is orphaned, comes back, and is deleted", () => {
    const store = new ObjectStore();
    const registry = new Registry(store, new ManualClock(T0), new TruthLog());
    const a = store.create("deployments", deployment("a"), T0);
    const b = store.create("deployments", deployment("b"), T0);
    // Filed before the index starts (listed at start) and after (from the watch).
    store.create("replicasets", replicaSet("a-old", [ownerRef(a)]), T0);
    const index = new OwnerIndex(store, "replicasets");
    index.start();
    const rs = store.create("replicasets", replicaSet("a-new", [ownerRef(a)]), T0);
    // A non-controller owner reference is no controller: not filed under b.
    store.create("replicasets", replicaSet("loose", [ownerRef(b, false)]), T0);
    expect(names(index.controlledBy(a))).toEqual(["a-new", "a-old"]);
    expect(index.controlledBy(b)).toEqual([]);

    store.mutate("replicasets", "dev", "a-new", (o) => {
      o.metadata.ownerReferences = [ownerRef(b)];
    });
    expect(names(index.controlledBy(a))).toEqual(["a-old"]);
    expect(index.controlledBy(b).map((o) => o.metadata.uid)).toEqual([rs.metadata.uid]);

    // Deleting b with propagationPolicy Orphan strips its reference (the garbage collector's way).
    registry.delete(DEPLOYMENTS, "dev", "b", { dryRun: false, propagationPolicy: "Orphan" });
    expect(store.get("replicasets", "dev", "a-new")?.metadata.ownerReferences).toBeUndefined();
    expect(index.size(b.metadata.uid!)).toBe(0);
    expect(names(index.controlledBy(a))).toEqual(["a-old"]);

    store.mutate("replicasets", "dev", "a-new", (o) => {
      o.metadata.ownerReferences = [ownerRef(a)];
    });
    expect(names(index.controlledBy(a))).toEqual(["a-new", "a-old"]);

    registry.delete(REPLICASETS, "dev", "a-old", { dryRun: false });
    expect(names(index.controlledBy(a))).toEqual(["a-new"]);
    expect(index.size(a.metadata.uid!)).toBe(1);

    // Same name again, new uid: the new object is filed, the old one's entry is gone.
    const again = store.create("replicasets", replicaSet("a-old", [ownerRef(a)]), T0);
    expect(index.controlledBy(a).map((o) => o.metadata.uid)).toEqual([
      rs.metadata.uid,
      again.metadata.uid,
    ]);
    index.stop();
  });

  it("files a malformed object once per controller and skips references without a uid", () => {
    const store = new ObjectStore();
    const a = store.create("deployments", deployment("a"), T0);
    const index = new OwnerIndex(store, "replicasets");
    index.start();
    const twice = replicaSet("twice", [ownerRef(a), ownerRef(a)]);
    const noUid = replicaSet("no-uid", [{ ...ownerRef(a), uid: undefined as unknown as string }]);
    store.create("replicasets", twice, T0);
    store.create("replicasets", noUid, T0);
    store.create("replicasets", { ...replicaSet("bare", []), metadata: { name: "bare" } }, T0);
    expect(names(index.controlledBy(a))).toEqual(["twice"]);
    expect(index.size(a.metadata.uid!)).toBe(1);
    index.stop();
  });
});

describe("the Deployment controller's ReplicaSets", () => {
  it("are read from the index: a sync lists no ReplicaSets, and a deleted one is replaced and followed", () => {
    const kit = new Kit();
    kit.apply(deployment("web"));
    kit.clock.flush();
    const [first] = replicaSets(kit, "web");
    const list = vi.spyOn(kit.cluster.store, "list");
    edit(kit, "web", (s) => void (s.replicas = 5));
    kit.clock.flush();
    // The ReplicaSet controller lists its whole resource; only the Deployment's sync read the
    // namespace's ReplicaSets, once per Deployment per round, before the index.
    expect(list.mock.calls.filter(([r, ns]) => r === "replicasets" && ns === "dev")).toEqual([]);
    list.mockRestore();
    expect(sizes(kit, "web")).toEqual([`${first.metadata.name}:5/0`]);

    kit.cluster.registry.delete(REPLICASETS, "dev", first.metadata.name, { dryRun: false });
    kit.clock.flush();
    const [second] = replicaSets(kit, "web");
    // The same template hashes to the same name; a new object, at the Deployment's 5 replicas.
    expect(second.metadata.name).toBe(first.metadata.name);
    expect(second.metadata.uid).not.toBe(first.metadata.uid);
    expect(sizes(kit, "web")).toEqual([`${first.metadata.name}:5/0`]);
    // The next change reaches the new ReplicaSet, not the deleted one's entry.
    edit(kit, "web", (s) => void (s.replicas = 2));
    kit.clock.flush();
    expect(sizes(kit, "web")).toEqual([`${first.metadata.name}:2/0`]);
    expect(get(kit, "web").status.replicas).toBe(2);
    void kit.cluster.stop();
  });
});
