import { describe, expect, it } from "vitest";
import { Kit } from "../cluster.test-kit";
import type { KubeObject } from "../api-server/store";
import { RESOURCES } from "../api-server/resources";

const BUSYBOX = "docker.1ms.run/library/busybox:1.36";

function ds(
  name: string,
  spec: Record<string, unknown> = {},
  podSpec: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name, namespace: "dev" },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name: "agent", image: BUSYBOX, command: ["sleep", "infinity"] }],
          ...podSpec,
        },
      },
      ...spec,
    },
  };
}

const agentPods = (kit: Kit, name: string) =>
  kit.cluster.store
    .list("pods", "dev")
    .filter((p) => p.metadata.name.startsWith(`${name}-`))
    .sort((a, b) => {
      const na = String((a.spec as { nodeName?: string }).nodeName);
      const nb = String((b.spec as { nodeName?: string }).nodeName);
      return na < nb ? -1 : 1;
    });
const nodesOf = (kit: Kit, name: string) =>
  agentPods(kit, name).map((p) => (p.spec as { nodeName?: string }).nodeName);
const status = (kit: Kit, name: string) => kit.cluster.store.get("daemonsets", "dev", name)!.status;
const dsEvents = (kit: Kit, name: string) =>
  (kit.cluster.store.list("events", "dev") as KubeObject[])
    .filter((e) => (e.involvedObject as { name?: string }).name === name)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
    .map((e) => `${e.reason}: ${e.message}`);

function taint(kit: Kit, node: string, taints: Record<string, unknown>[]): void {
  kit.cluster.store.mutate("nodes", undefined, node, (n) => {
    (n.spec as { taints?: unknown[] }).taints = taints;
  });
}

describe("the DaemonSet controller", () => {
  it("defaults a DaemonSet as kube-apiserver 1.34 does", () => {
    const kit = new Kit();
    const o = kit.apply(ds("agent"));
    expect(o.spec).toMatchObject({
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    });
    expect(o.metadata.annotations).toEqual({ "deprecated.daemonset.template.generation": "1" });
    expect(() =>
      kit.apply({
        ...ds("bad"),
        metadata: { name: "bad", namespace: "dev" },
        spec: {
          ...(ds("bad").spec as object),
          updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } },
        },
      }),
    ).toThrow(/may not be 0 when `maxSurge` is 0/);
  });

  it("runs one pod per node, bound by node affinity, with the daemon tolerations", () => {
    const kit = new Kit();
    kit.apply(ds("agent"));
    kit.at(30);
    const pods = agentPods(kit, "agent");
    expect(nodesOf(kit, "agent")).toEqual(["node-1", "node-2", "node-3"]);
    const rev = kit.cluster.store.list("controllerrevisions", "dev")[0];
    const hash = rev.metadata.labels!["controller-revision-hash"];
    expect(rev.metadata.name).toBe(`agent-${hash}`);
    expect(rev.revision).toBe(1);
    const pod = pods[0];
    expect(pod.metadata.generateName).toBe("agent-");
    expect(pod.metadata.labels).toEqual({
      app: "agent",
      "controller-revision-hash": hash,
      "pod-template-generation": "1",
    });
    const spec = pod.spec as Record<string, unknown>;
    expect(spec.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: "metadata.name", operator: "In", values: ["node-1"] }] },
          ],
        },
      },
    });
    expect(spec.tolerations).toEqual([
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute" },
      { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" },
      { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
      { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
      { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
      { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
    ]);
    expect(status(kit, "agent")).toEqual({
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      desiredNumberScheduled: 3,
      numberReady: 3,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
    });
    expect(dsEvents(kit, "agent")).toEqual(
      // in node order, as the pods were made
      pods.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`),
    );
  });

  it("leaves out nodes with untolerated taints or other labels, and a NoExecute taint evicts", () => {
    const kit = new Kit();
    taint(kit, "node-2", [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }]);
    kit.apply(ds("agent", {}, { nodeSelector: { "kubernetes.io/os": "linux" } }));
    kit.apply(
      ds(
        "gpu",
        {},
        {
          tolerations: [
            { key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" },
          ],
          nodeSelector: { "topology.kubernetes.io/zone": "zone-b" },
        },
      ),
    );
    kit.apply(
      ds(
        "zoned",
        {},
        {
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                  {
                    matchExpressions: [
                      {
                        key: "topology.kubernetes.io/zone",
                        operator: "In",
                        values: ["zone-a"],
                      },
                    ],
                  },
                ],
              },
            },
          },
        },
      ),
    );
    kit.at(30);
    expect(nodesOf(kit, "agent")).toEqual(["node-1", "node-3"]);
    expect(nodesOf(kit, "gpu")).toEqual(["node-2"]);
    expect(nodesOf(kit, "zoned")).toEqual(["node-1"]);
    expect(status(kit, "agent")).toMatchObject({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
    });
    // A NoSchedule taint added later keeps the pod already there (misscheduled); NoExecute removes it.
    taint(kit, "node-3", [{ key: "maintenance", effect: "NoSchedule" }]);
    kit.at(31);
    expect(nodesOf(kit, "agent")).toEqual(["node-1", "node-3"]);
    expect(status(kit, "agent")).toMatchObject({
      desiredNumberScheduled: 1,
      currentNumberScheduled: 1,
      numberMisscheduled: 1,
    });
    taint(kit, "node-3", [{ key: "maintenance", effect: "NoExecute" }]);
    kit.at(31.001);
    expect(agentPods(kit, "agent")[1].metadata.deletionTimestamp).toBe("2026-11-20T09:01:01Z");
    kit.at(70); // sleep ignores SIGTERM: the pod goes after its 30 s grace
    expect(nodesOf(kit, "agent")).toEqual(["node-1"]);
    expect(status(kit, "agent")).toMatchObject({
      desiredNumberScheduled: 1,
      numberMisscheduled: 0,
    });
  });

  it("runs on a cordoned node, whose unschedulable taint daemon pods tolerate; other pods keep off", () => {
    const kit = new Kit();
    kit.cluster.store.mutate("nodes", undefined, "node-2", (n) => {
      (n.spec as { unschedulable?: boolean }).unschedulable = true;
    });
    kit.apply(ds("agent"));
    kit.apply({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "pinned", namespace: "dev" },
      spec: {
        nodeSelector: { "kubernetes.io/hostname": "node-2" },
        containers: [{ name: "c", image: BUSYBOX, command: ["sleep", "infinity"] }],
      },
    });
    kit.at(30);
    expect(nodesOf(kit, "agent")).toEqual(["node-1", "node-2", "node-3"]);
    expect(kit.status("pinned")).toBe("Pending");
    expect(kit.events("pinned", "FailedScheduling")[0]?.message).toMatch(
      // kube-scheduler sorts the "count reason" strings: "1 …" before "2 …".
      /^0\/3 nodes are available: 1 node\(s\) were unschedulable, 2 node\(s\) didn't match Pod's node affinity\/selector\./,
    );
  });

  it("rolls out a new template one node at a time (maxUnavailable 1)", () => {
    const kit = new Kit();
    kit.apply(
      ds(
        "agent",
        {},
        {
          containers: [
            {
              name: "agent",
              image: BUSYBOX,
              command: ["sleep", "infinity"],
              readinessProbe: { exec: { command: ["true"] }, periodSeconds: 5 },
            },
          ],
        },
      ),
    );
    kit.at(30);
    const oldHash = agentPods(kit, "agent")[0].metadata.labels!["controller-revision-hash"];
    kit.cluster.store.mutate("daemonsets", "dev", "agent", (o) => {
      o.metadata.generation = 2;
      o.metadata.annotations!["deprecated.daemonset.template.generation"] = "2";
      const t = (o.spec as { template: { metadata: { labels: Record<string, string> } } }).template;
      t.metadata.labels.version = "2";
    });
    const oldPods = agentPods(kit, "agent").map((p) => p.metadata.name);
    let maxUnavailable = 0;
    for (let t = 30; t <= 200; t += 0.5) {
      kit.at(t);
      const st = status(kit, "agent") as Record<string, number>;
      maxUnavailable = Math.max(maxUnavailable, st.numberUnavailable ?? 0);
    }
    expect(maxUnavailable).toBe(1);
    const pods = agentPods(kit, "agent");
    expect(pods).toHaveLength(3);
    const newHash = pods[0].metadata.labels!["controller-revision-hash"];
    expect(newHash).not.toBe(oldHash);
    expect(pods.every((p) => p.metadata.labels!["pod-template-generation"] === "2")).toBe(true);
    expect(status(kit, "agent")).toEqual({
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      desiredNumberScheduled: 3,
      numberReady: 3,
      observedGeneration: 2,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
    });
    // node by node: an old pod goes, its replacement is made, and only once that one is Ready the next old pod goes
    const newPods = pods.map((p) => p.metadata.name);
    expect(dsEvents(kit, "agent").slice(3)).toEqual(
      [0, 1, 2].flatMap((i) => [
        `SuccessfulDelete: Deleted pod: ${oldPods[i]}`,
        `SuccessfulCreate: Created pod: ${newPods[i]}`,
      ]),
    );
    const revs = kit.cluster.store
      .list("controllerrevisions", "dev")
      .map((r) => [r.metadata.name, r.revision]);
    expect(revs).toEqual([
      [`agent-${oldHash}`, 1],
      [`agent-${newHash}`, 2],
    ]);
  });

  it("with maxSurge 1, makes the new pod beside the old one, which goes once the new one is available", () => {
    const kit = new Kit();
    kit.apply(
      ds("agent", {
        updateStrategy: {
          type: "RollingUpdate",
          rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
        },
      }),
    );
    kit.at(30);
    const old = agentPods(kit, "agent").map((p) => p.metadata.name);
    kit.cluster.store.mutate("daemonsets", "dev", "agent", (o) => {
      o.metadata.generation = 2;
      o.metadata.annotations!["deprecated.daemonset.template.generation"] = "2";
      const t = (o.spec as { template: { metadata: { labels: Record<string, string> } } }).template;
      t.metadata.labels.version = "2";
    });
    // At every moment each node keeps a Ready pod that is not going, and at most one node has two
    // pods that are not going (status counts the oldest pod per node, a terminating one included,
    // as kube's updateDaemonSetStatus does, so the pods are read here).
    let fewestServing = 3;
    let mostLive = 0;
    for (let t = 30; t <= 200; t += 0.5) {
      kit.at(t);
      const live = agentPods(kit, "agent").filter((p) => !p.metadata.deletionTimestamp);
      const serving = new Set(
        live
          .filter((p) =>
            (p.status as { conditions?: { type: string; status: string }[] }).conditions?.some(
              (c) => c.type === "Ready" && c.status === "True",
            ),
          )
          .map((p) => (p.spec as { nodeName?: string }).nodeName),
      );
      fewestServing = Math.min(fewestServing, serving.size);
      mostLive = Math.max(mostLive, live.length);
    }
    expect(fewestServing).toBe(3);
    expect(mostLive).toBe(4);
    const pods = agentPods(kit, "agent");
    expect(pods.every((p) => p.metadata.labels!["pod-template-generation"] === "2")).toBe(true);
    const events = dsEvents(kit, "agent").slice(3);
    const news = pods.map((p) => p.metadata.name);
    expect(events).toEqual(
      [0, 1, 2].flatMap((i) => [
        `SuccessfulCreate: Created pod: ${news[i]}`,
        `SuccessfulDelete: Deleted pod: ${old[i]}`,
      ]),
    );
  });

  it("daemonset story with node-lost: the lost node's agent stays, not Ready, and leaves the desired count", () => {
    const kit = new Kit({ scenarios: ["node-lost", "daemonset"] });
    kit.at(170);
    const infra = () => kit.cluster.store.list("pods", "infra");
    // One agent per node: the default three and node-4, the node-lost story's own.
    expect(infra()).toHaveLength(4);
    const lost = kit.cluster.nodeOf("dev", "app", "my-nginx")!;
    expect(lost).toBe("node-4");
    const agent = infra().find((p) => (p.spec as { nodeName?: string }).nodeName === lost)!;
    kit.at(600);
    const after = kit.cluster.store.get("pods", "infra", agent.metadata.name)!;
    expect(after.metadata.uid).toBe(agent.metadata.uid);
    expect(after.metadata.deletionTimestamp).toBeFalsy();
    expect(
      (after.status as { conditions: { type: string; status: string }[] }).conditions.find(
        (c) => c.type === "Ready",
      )!.status,
    ).toBe("False");
    expect(infra()).toHaveLength(4);
    expect(kit.cluster.store.get("daemonsets", "infra", "node-agent")!.status).toEqual({
      currentNumberScheduled: 3,
      numberMisscheduled: 1,
      desiredNumberScheduled: 3,
      numberReady: 3,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
    });
    // my-nginx's pods there (tolerationSeconds 2) were evicted; the agent was not.
    const evicted = kit.cluster.truth.query({ what: "pod.evicted" }).map((e) => e.namespace);
    expect(evicted).not.toContain("infra");
    expect(evicted).toContain("dev");
  });

  it("deleting the DaemonSet takes its pods and revisions; Orphan keeps them", () => {
    const kit = new Kit();
    kit.apply(ds("agent"));
    kit.apply(ds("keep"));
    kit.at(30);
    const resource = RESOURCES.find((r) => r.plural === "daemonsets")!;
    kit.cluster.registry.delete(resource, "dev", "agent", { dryRun: false });
    kit.cluster.registry.delete(resource, "dev", "keep", {
      dryRun: false,
      propagationPolicy: "Orphan",
    });
    kit.at(120);
    expect(agentPods(kit, "agent")).toHaveLength(0);
    expect(agentPods(kit, "keep")).toHaveLength(3);
    const revs = kit.cluster.store.list("controllerrevisions", "dev").map((r) => r.metadata.name);
    expect(revs).toHaveLength(1);
    expect(revs[0]).toMatch(/^keep-/);
  });
});
