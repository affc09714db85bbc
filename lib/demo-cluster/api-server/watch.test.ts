// The demo API server's watch-list: initial events streamed with the socket's backpressure, the
// initial-events-end bookmark at the snapshot's version, and the changes made meanwhile after it.
import { get, type IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { DemoCluster } from "../cluster";
import { T0 } from "../cluster.test-kit";

const clusters: DemoCluster[] = [];
afterEach(async () => {
  await Promise.all(clusters.splice(0).map((c) => c.stop()));
});

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
};

/** `n` pods stored as the API server would keep them, each about 2 KB on the wire. */
function fill(cluster: DemoCluster, n: number): void {
  const padding = "x".repeat(1500);
  for (let i = 0; i < n; i++)
    cluster.store.create(
      "pods",
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: `p-${String(i).padStart(5, "0")}`, namespace: "bulk" },
        spec: { containers: [{ name: "app", image: "busybox:1.36" }] },
        status: { phase: "Running", message: padding },
      },
      T0,
    );
}

function open(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => get(url, resolve).on("error", reject));
}

type Event = { type: string; object: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Reads events until `count` have come (then leaves), or the stream ends. */
function read(res: IncomingMessage, count: number): Promise<Event[]> {
  return new Promise((resolve, reject) => {
    const events: Event[] = [];
    let buffer = "";
    res.setEncoding("utf8");
    res.on("data", (c: string) => {
      buffer += c;
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        events.push(JSON.parse(buffer.slice(0, nl)));
        buffer = buffer.slice(nl + 1);
      }
      if (events.length >= count) {
        res.destroy();
        resolve(events);
      }
    });
    res.on("end", () => resolve(events));
    res.on("error", reject);
  });
}

describe("watch-list (sendInitialEvents)", () => {
  it("streams the initial events as the client reads them, then the end bookmark, then what changed meanwhile", async () => {
    const clock = new ManualClock(T0);
    const cluster = await DemoCluster.start({ scenarios: [], clock });
    clusters.push(cluster);
    const pods = 12_000; // ~24 MB of events: more than loopback's socket buffers take
    fill(cluster, pods);
    const snapshot = cluster.store.version();
    const res = await open(
      `${cluster.url}/api/v1/namespaces/bulk/pods?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&resourceVersion=&timeoutSeconds=60`,
    );
    res.pause();
    await turns(50);
    // The client reads nothing: the server holds back, with at most a chunk or two in Node's buffer.
    expect(cluster.api.bufferedWatchBytes()).toBeLessThan(512 * 1024);
    // Changed and deleted while the initial events wait: told after the bookmark, in order.
    cluster.store.mutate("pods", "bulk", "p-00000", (p) => {
      p.metadata.labels = { touched: "yes" };
    });
    cluster.store.remove("pods", "bulk", "p-00001");
    const reading = read(res, pods + 3);
    res.resume();
    const events = await reading;
    const added = events.filter((e) => e.type === "ADDED");
    expect(added).toHaveLength(pods);
    expect(added[0].object.metadata.name).toBe("p-00000");
    expect(added[0].object.metadata.labels).toBeUndefined(); // as it was at the snapshot
    const end = events.findIndex((e) => e.type === "BOOKMARK");
    expect(end).toBe(pods);
    expect(events[end].object.metadata).toEqual({
      resourceVersion: snapshot,
      annotations: { "k8s.io/initial-events-end": "true" },
    });
    expect(events.slice(end + 1).map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([
      "MODIFIED p-00000",
      "DELETED p-00001",
    ]);
  }, 30_000);

  it("plays a server with the WatchList gate off: sendInitialEvents is 422 Invalid, a plain watch is served", async () => {
    const cluster = await DemoCluster.start({
      scenarios: [],
      clock: new ManualClock(T0),
      watchList: false,
    });
    clusters.push(cluster);
    const refused = await fetch(
      `${cluster.url}/api/v1/pods?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&resourceVersion=`,
    );
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      kind: "Status",
      reason: "Invalid",
      code: 422,
      message: expect.stringContaining("sendInitialEvents is forbidden for watch"),
    });
    const plain = await open(
      `${cluster.url}/api/v1/pods?watch=1&resourceVersion=${cluster.store.version()}`,
    );
    expect(plain.statusCode).toBe(200);
    plain.destroy();
  });

  it('sends no initial events when sendInitialEvents=false, from now for resourceVersion ""', async () => {
    const clock = new ManualClock(T0);
    const cluster = await DemoCluster.start({ scenarios: [], clock });
    clusters.push(cluster);
    fill(cluster, 3);
    const res = await open(
      `${cluster.url}/api/v1/namespaces/bulk/pods?watch=1&sendInitialEvents=false&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&resourceVersion=`,
    );
    const reading = read(res, 1);
    await turns(5);
    cluster.store.remove("pods", "bulk", "p-00002");
    const events = await reading;
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(["DELETED p-00002"]);
  });
});
