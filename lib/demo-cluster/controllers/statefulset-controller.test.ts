import { describe, expect, it } from "vitest";
import { Kit } from "../cluster.test-kit";
import type { KubeObject } from "../api-server/store";
import { RESOURCES } from "../api-server/resources";

const NGINX = "docker.1ms.run/library/nginx:latest";

function sts(name: string, spec: Record<string, unknown> = {}, image = NGINX): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name, namespace: "dev" },
    spec: {
      serviceName: name,
      replicas: 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: "web",
              image,
              readinessProbe: { httpGet: { path: "/", port: 80 }, periodSeconds: 2 },
            },
          ],
        },
      },
      ...spec,
    },
  };
}

const get = (kit: Kit, resource: string, name: string) =>
  kit.cluster.store.get(resource, "dev", name);
const pods = (kit: Kit, prefix: string) =>
  kit.cluster.store
    .list("pods", "dev")
    .filter((p) => p.metadata.name.startsWith(`${prefix}-`))
    .map((p) => p.metadata.name)
    .sort();
const created = (kit: Kit, name: string) =>
  kit.cluster.truth
    .query({ what: "pod.created" })
    .filter((e) => e.name?.startsWith(`${name}-`))
    .map((e) => [e.name, (e.at - kit.clock.now()) / 1000]);
const setEvents = (kit: Kit, name: string) =>
  (kit.cluster.store.list("events", "dev") as KubeObject[])
    .filter((e) => (e.involvedObject as { name?: string }).name === name)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
    .map((e) => `${e.reason}: ${e.message}${Number(e.count) > 1 ? ` (x${e.count})` : ""}`);

describe("the StatefulSet controller", () => {
  it("defaults a StatefulSet as kube-apiserver 1.34 does", () => {
    const kit = new Kit();
    const o = kit.apply(sts("web"));
    expect(o.spec).toMatchObject({
      podManagementPolicy: "OrderedReady",
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
    });
    expect(o.metadata.generation).toBe(1);
    // DefaultTolerationSeconds admits pods, not templates: only the pods get the 300 s tolerations.
    const template = (o.spec as { template: { spec: Record<string, unknown> } }).template;
    expect(template.spec.tolerations).toBeUndefined();
  });

  it("creates pods one at a time, each after the one before is Running and Ready", () => {
    const kit = new Kit();
    kit.apply(sts("web"));
    kit.at(0);
    expect(pods(kit, "web")).toEqual(["web-0"]);
    const web0 = kit.pod("web-0")!;
    const rev = get(kit, "controllerrevisions", web0.metadata!.labels!["controller-revision-hash"]);
    expect(rev).toBeDefined();
    expect(web0.metadata!.labels).toEqual({
      app: "web",
      "apps.kubernetes.io/pod-index": "0",
      "controller-revision-hash": rev!.metadata.name,
      "statefulset.kubernetes.io/pod-name": "web-0",
    });
    expect(web0.spec).toMatchObject({ hostname: "web-0", subdomain: "web" });
    expect(web0.metadata!.ownerReferences).toEqual([
      {
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        name: "web",
        uid: get(kit, "statefulsets", "web")!.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    kit.at(60);
    expect(pods(kit, "web")).toEqual(["web-0", "web-1", "web-2"]);
    const times = kit.cluster.truth
      .query({ what: "pod.created" })
      .filter((e) => e.name?.startsWith("web-"))
      .map((e) => e.name);
    expect(times).toEqual(["web-0", "web-1", "web-2"]);
    // each was created only once its predecessor turned Ready
    const readyAt = (n: string) =>
      Date.parse(
        kit.pod(n)!.status!.conditions!.find((c) => c.type === "Ready")!.lastTransitionTime!,
      );
    const createdAt = (n: string) => Date.parse(kit.pod(n)!.metadata!.creationTimestamp!);
    expect(createdAt("web-1")).toBe(readyAt("web-0"));
    expect(createdAt("web-2")).toBe(readyAt("web-1"));
    expect(get(kit, "statefulsets", "web")!.status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      currentRevision: rev!.metadata.name,
      updateRevision: rev!.metadata.name,
      collisionCount: 0,
      availableReplicas: 3,
    });
    expect(setEvents(kit, "web")).toEqual([
      "SuccessfulCreate: create Pod web-0 in StatefulSet web successful",
      "SuccessfulCreate: create Pod web-1 in StatefulSet web successful",
      "SuccessfulCreate: create Pod web-2 in StatefulSet web successful",
    ]);
    expect(created(kit, "web")).toHaveLength(3);
  });
});

/** A new template (what PUT/PATCH will do): generation bumped, image changed. */
function setImage(kit: Kit, name: string, image: string, namespace = "dev"): void {
  kit.cluster.store.mutate("statefulsets", namespace, name, (o) => {
    o.metadata.generation = (o.metadata.generation ?? 1) + 1;
    const t = (o.spec as { template: { spec: { containers: { image: string }[] } } }).template;
    t.spec.containers[0].image = image;
  });
}

const revisionOf = (kit: Kit, pod: string, ns = "dev") =>
  kit.pod(pod, ns)?.metadata?.labels?.["controller-revision-hash"];

describe("the StatefulSet controller's stories", () => {
  it("statefulset-blocked: db-1 never turns Ready, so db-2 is never created", () => {
    const kit = new Kit({ scenarios: ["statefulset-blocked"] });
    kit.at(300);
    const names = kit.cluster.store
      .list("pods", "data")
      .map((p) => p.metadata.name)
      .sort();
    expect(names).toEqual(["db-0", "db-1"]);
    expect(kit.status("db-0", "data")).toBe("Running");
    expect(
      kit.pod("db-0", "data")!.status!.conditions!.find((c) => c.type === "Ready")!.status,
    ).toBe("True");
    expect(kit.status("db-1", "data")).toBe("Running");
    expect(
      kit.pod("db-1", "data")!.status!.conditions!.find((c) => c.type === "Ready")!.status,
    ).toBe("False");
    const set = kit.cluster.store.get("statefulsets", "data", "db")!;
    expect(set.status).toMatchObject({ replicas: 2, readyReplicas: 1, availableReplicas: 1 });
    expect(set.status).toMatchObject({ currentReplicas: 2, updatedReplicas: 2 });
  });
});

describe("StatefulSet updates, scale and deletion", () => {
  function ready3(kit: Kit, spec: Record<string, unknown> = {}) {
    kit.apply(sts("web", spec));
    kit.at(60);
    expect(pods(kit, "web")).toEqual(["web-0", "web-1", "web-2"]);
    return get(kit, "statefulsets", "web")!.status as { currentRevision: string };
  }

  it("rolls from the highest ordinal down, one at a time, and stops at a pod that is not Ready", () => {
    const kit = new Kit();
    const { currentRevision: r1 } = ready3(kit);
    setImage(kit, "web", "ngnix:1.27"); // a typo: the image never pulls
    kit.at(61);
    const set = get(kit, "statefulsets", "web")!;
    const r2 = (set.status as { updateRevision: string }).updateRevision;
    expect(r2).not.toBe(r1);
    expect(revisionOf(kit, "web-0")).toBe(r1);
    expect(revisionOf(kit, "web-1")).toBe(r1);
    kit.at(200);
    expect(revisionOf(kit, "web-2")).toBe(r2);
    expect(kit.status("web-2")).toBe("ImagePullBackOff");
    expect(revisionOf(kit, "web-1")).toBe(r1);
    expect(get(kit, "statefulsets", "web")!.status).toEqual({
      observedGeneration: 2,
      replicas: 3,
      readyReplicas: 2,
      currentReplicas: 2,
      updatedReplicas: 1,
      currentRevision: r1,
      updateRevision: r2,
      collisionCount: 0,
      availableReplicas: 2,
    });
    const revs = kit.cluster.store
      .list("controllerrevisions", "dev")
      .map((r) => [r.metadata.name, r.revision]);
    expect(revs).toEqual([
      [r1, 1],
      [r2, 2],
    ]);
    // The recorder folds the second identical create into the first (count 2), as client-go's does.
    expect(setEvents(kit, "web")).toEqual([
      "SuccessfulCreate: create Pod web-0 in StatefulSet web successful",
      "SuccessfulCreate: create Pod web-1 in StatefulSet web successful",
      "SuccessfulCreate: create Pod web-2 in StatefulSet web successful (x2)",
      "SuccessfulDelete: delete Pod web-2 in StatefulSet web successful",
    ]);
  });

  it("a good update completes: currentRevision becomes the update revision", () => {
    const kit = new Kit();
    const { currentRevision: r1 } = ready3(kit);
    setImage(kit, "web", "docker.1ms.run/library/nginx:1.27");
    kit.at(400);
    const status = get(kit, "statefulsets", "web")!.status as Record<string, unknown>;
    expect(status.currentRevision).toBe(status.updateRevision);
    expect(status.currentRevision).not.toBe(r1);
    expect(status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
    });
    const deletes = setEvents(kit, "web").filter((e) => e.startsWith("SuccessfulDelete"));
    expect(deletes).toEqual([
      "SuccessfulDelete: delete Pod web-2 in StatefulSet web successful",
      "SuccessfulDelete: delete Pod web-1 in StatefulSet web successful",
      "SuccessfulDelete: delete Pod web-0 in StatefulSet web successful",
    ]);
  });

  it("honours the partition: ordinals below it keep the old revision", () => {
    const kit = new Kit();
    const { currentRevision: r1 } = ready3(kit, {
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 2 } },
    });
    setImage(kit, "web", "docker.1ms.run/library/nginx:1.27");
    kit.at(400);
    const status = get(kit, "statefulsets", "web")!.status as Record<string, unknown>;
    expect(revisionOf(kit, "web-2")).toBe(status.updateRevision);
    expect([revisionOf(kit, "web-0"), revisionOf(kit, "web-1")]).toEqual([r1, r1]);
    expect(status).toMatchObject({ currentRevision: r1, currentReplicas: 2, updatedReplicas: 1 });
  });

  it("scales down from the highest ordinal, one at a time", () => {
    const kit = new Kit();
    ready3(kit);
    kit.cluster.store.mutate("statefulsets", "dev", "web", (o) => {
      (o.spec as { replicas: number }).replicas = 1;
      o.metadata.generation = 2;
    });
    kit.at(200);
    expect(pods(kit, "web")).toEqual(["web-0"]);
    // web-1 is asked to go only once web-2 is gone (nginx quits on SIGTERM within the tick).
    const truth = kit.cluster.truth
      .query({})
      .filter((e) => e.name?.startsWith("web-") && e.what.startsWith("pod.delet"))
      .map((e) => `${e.what} ${e.name}`);
    expect(truth).toEqual([
      "pod.deletion-requested web-2",
      "pod.deleted web-2",
      "pod.deletion-requested web-1",
      "pod.deleted web-1",
    ]);
    expect(setEvents(kit, "web").slice(3)).toEqual([
      "SuccessfulDelete: delete Pod web-2 in StatefulSet web successful",
      "SuccessfulDelete: delete Pod web-1 in StatefulSet web successful",
    ]);
    const deleted = kit.cluster.truth
      .query({ what: "pod.deleted" })
      .filter((e) => e.name?.startsWith("web-"))
      .map((e) => e.name);
    expect(deleted).toEqual(["web-2", "web-1"]);
  });

  it("Parallel creates every pod at once; OnDelete replaces only deleted pods", () => {
    const kit = new Kit();
    kit.apply(
      sts("par", { podManagementPolicy: "Parallel", updateStrategy: { type: "OnDelete" } }),
    );
    kit.at(0);
    expect(pods(kit, "par")).toEqual(["par-0", "par-1", "par-2"]);
    kit.at(60);
    const r1 = revisionOf(kit, "par-0");
    setImage(kit, "par", "docker.1ms.run/library/nginx:1.27");
    kit.at(120);
    expect(["par-0", "par-1", "par-2"].map((p) => revisionOf(kit, p))).toEqual([r1, r1, r1]);
    kit.cluster.registry.deletePod(kit.cluster.store.get("pods", "dev", "par-1")!, 0);
    kit.at(121);
    const r2 = (get(kit, "statefulsets", "par")!.status as { updateRevision: string })
      .updateRevision;
    expect(revisionOf(kit, "par-1")).toBe(r2);
    expect(revisionOf(kit, "par-0")).toBe(r1);
  });

  it("deletes a Failed pod and makes it again", () => {
    const kit = new Kit();
    ready3(kit);
    const uid = kit.pod("web-1")!.metadata!.uid;
    kit.cluster.store.mutate("pods", "dev", "web-1", (o) => {
      (o.status as { phase: string }).phase = "Failed";
    });
    kit.at(61);
    expect(kit.pod("web-1")!.metadata!.uid).not.toBe(uid);
    expect(setEvents(kit, "web")).toEqual([
      "SuccessfulCreate: create Pod web-0 in StatefulSet web successful",
      "SuccessfulCreate: create Pod web-1 in StatefulSet web successful (x2)",
      "SuccessfulCreate: create Pod web-2 in StatefulSet web successful",
      "SuccessfulDelete: delete Pod web-1 in StatefulSet web successful",
    ]);
  });

  it("deleting the set takes its pods and revisions; propagationPolicy=Orphan keeps them", () => {
    const kit = new Kit();
    ready3(kit);
    kit.apply(sts("keep", { replicas: 1 }));
    kit.at(90);
    const resource = RESOURCES.find((r) => r.plural === "statefulsets")!;
    kit.cluster.registry.delete(resource, "dev", "web", { dryRun: false });
    kit.cluster.registry.delete(resource, "dev", "keep", {
      dryRun: false,
      propagationPolicy: "Orphan",
    });
    kit.at(200);
    expect(pods(kit, "web")).toEqual([]);
    expect(pods(kit, "keep")).toEqual(["keep-0"]);
    const revs = kit.cluster.store.list("controllerrevisions", "dev").map((r) => r.metadata.name);
    expect(revs).toHaveLength(1);
    expect(revs[0]).toMatch(/^keep-/);
  });
});
