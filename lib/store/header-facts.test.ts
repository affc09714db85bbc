// The pod header's facts (owner, images, requests/limits) and the node's state survive the
// projection into the store and come back in the timeline; env values never enter the store.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Kit } from "../demo-cluster/cluster.test-kit";
import type { Observation } from "../kube/reflector";
import { HistoryStore } from "./history-store";

const open: HistoryStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function feed(kit: Kit, store: HistoryStore): void {
  for (const [resource, kind] of [
    ["pods", "Pod"],
    ["events", "Event"],
    ["nodes", "Node"],
  ] as const) {
    kit.cluster.store.watch(resource, 0, (c) =>
      store.observe({
        kind,
        type: c.type,
        object: structuredClone(c.object) as Observation["object"],
        observedAt: kit.clock.now(),
      }),
    );
  }
}

describe("header facts through the store", () => {
  it("keeps the owner, images, requests and limits, and the node's Ready; never env values", () => {
    const file = join(mkdtempSync(join(tmpdir(), "lifeline-header-")), "history.db");
    const kit = new Kit({ scenarios: ["oom-killed"] });
    const store = new HistoryStore(file);
    open.push(store);
    feed(kit, store);
    kit.apply({
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "web-5d8f", namespace: "dev", labels: { app: "web" } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: {
            containers: [
              {
                name: "web",
                image: "docker.1ms.run/library/nginx:latest",
                env: [{ name: "PASSWORD", value: "hunter2" }],
                resources: {
                  requests: { cpu: "250m", memory: "128Mi" },
                  limits: { cpu: "500m", memory: "256Mi" },
                },
              },
            ],
          },
        },
      },
    });
    kit.at(30);
    const hog = store.pods({ namespace: "dev", name: "memory-hog" })[0];
    const tl = store.timeline(hog.uid, kit.clock.now())!;
    expect(tl.owner).toBeNull();
    expect(tl.containers.map((c) => [c.name, c.image, c.specResources])).toEqual([
      [
        "stress",
        "docker.1ms.run/library/busybox:1.36",
        { requests: { memory: "32Mi" }, limits: { memory: "64Mi" } },
      ],
    ]);
    expect(tl.nodeReady).toMatchObject({ node: tl.node, status: "True" });
    const web = store.pods({ namespace: "dev" }).find((p) => p.name.startsWith("web-5d8f-"))!;
    const webTl = store.timeline(web.uid, kit.clock.now())!;
    expect(webTl.owner).toEqual({ kind: "ReplicaSet", name: "web-5d8f" });
    expect(webTl.containers[0].specResources).toEqual({
      requests: { cpu: "250m", memory: "128Mi" },
      limits: { cpu: "500m", memory: "256Mi" },
    });
    expect(JSON.stringify(webTl)).not.toContain("hunter2");
    store.close();
    open.pop();
    for (const f of [file, file + "-wal"]) {
      let text = "";
      try {
        text = readFileSync(f, "latin1");
      } catch {
        continue;
      }
      expect(text).not.toContain("hunter2");
    }
  });
});
