// A real client: @kubernetes/client-node's informer against the demo cluster over HTTP, through
// dropped watch connections and a compaction that forces 410 Gone and a relist.
import { CoreV1Api, makeInformer, type V1Pod } from "@kubernetes/client-node";
import { kubeConfigFor } from "../kube/connection";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "./clock";
import { DemoCluster } from "./cluster";
import { podManifest, T0 } from "./cluster.test-kit";

let cluster: DemoCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
});

describe("client-node informer", () => {
  it("stays consistent with the cluster across dropped watches and a 410 relist", async () => {
    const clock = new ManualClock(T0);
    cluster = await DemoCluster.start({ scenarios: [], clock });
    const kc = kubeConfigFor(cluster.url);
    const api = kc.makeApiClient(CoreV1Api);
    let lists = 0;
    const informer = makeInformer<V1Pod>(kc, "/api/v1/namespaces/dev/pods", () => {
      lists++;
      return api.listNamespacedPod({ namespace: "dev" });
    });
    let errors = 0;
    // What lib/kube will do: a dropped connection surfaces as an error; start again.
    informer.on("error", () => {
      errors++;
      setTimeout(() => void informer.start(), 10);
    });
    await informer.start();
    const c = cluster;
    const expected = () =>
      c.store
        .list("pods", "dev")
        .map((p) => `${p.metadata.name}@${p.metadata.resourceVersion}`)
        .sort();
    const seen = () =>
      informer
        .list("dev")
        .map((p) => `${p.metadata!.name}@${p.metadata!.resourceVersion}`)
        .sort();

    for (let round = 0; round < 4; round++) {
      c.apply(
        podManifest(`pod-${round}-a`, {
          containers: [{ name: "app", image: "busybox:1.36", command: ["sleep", "infinity"] }],
        }),
      );
      c.apply(
        podManifest(`pod-${round}-b`, {
          restartPolicy: "Never",
          containers: [
            { name: "app", image: "busybox:1.36", command: ["sh", "-c", "sleep 2; exit 1"] },
          ],
        }),
      );
      clock.advance(5000);
      await vi.waitFor(() => expect(seen()).toEqual(expected()), { timeout: 5000, interval: 10 });
      c.api.dropWatches();
      // Changes the informer cannot see while it is disconnected.
      c.registry.deletePod(c.store.get("pods", "dev", `pod-${round}-b`)!, 0);
      clock.advance(1000);
      if (round === 2) c.compact();
      await vi.waitFor(() => expect(seen()).toEqual(expected()), { timeout: 5000, interval: 10 });
    }
    expect(seen()).toHaveLength(4);
    expect(errors).toBeGreaterThanOrEqual(4);
    // The first list, plus the relist forced by 410 Gone after the compaction.
    expect(lists).toBe(2);
    expect(cluster.truth.query({ what: "api.compacted" })).toHaveLength(1);
    await informer.stop();
  });
});
