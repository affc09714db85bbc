// The demo cluster's bearer-token authentication: kube-apiserver's 401 Status for a token it does
// not accept, health paths for the anonymous user, and a watch authenticated once, when it opens.
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { DemoCluster } from "../cluster";
import { podManifest, T0 } from "../cluster.test-kit";

const clusters: DemoCluster[] = [];
afterEach(async () => {
  await Promise.all(clusters.splice(0).map((c) => c.stop()));
});

const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

describe("demo cluster authentication", () => {
  it("answers 401 with kube-apiserver's Status to a token it does not accept, and serves one it does", async () => {
    const valid = new Set(["good"]);
    const cluster = await DemoCluster.start({
      scenarios: [],
      clock: new ManualClock(T0),
      authenticate: (t) => valid.has(t),
    });
    clusters.push(cluster);
    const get = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(cluster.url + path, init);
      return { status: res.status, body: await res.text() };
    };
    const unauthorized = {
      status: 401,
      body: JSON.stringify({
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: "Unauthorized",
        reason: "Unauthorized",
        code: 401,
      }),
    };
    expect(await get("/api/v1/pods", bearer("stale"))).toEqual(unauthorized);
    expect(await get("/api/v1/pods")).toEqual(unauthorized);
    expect(await get("/api/v1/pods?watch=1", bearer("stale"))).toEqual(unauthorized);
    expect(await get("/healthz", bearer("stale"))).toEqual(unauthorized);
    expect(await get("/healthz")).toEqual({ status: 200, body: "ok" });
    expect((await get("/api/v1/pods", bearer("good"))).status).toBe(200);
    expect((await get("/apis", bearer("good"))).status).toBe(200);

    // A watch opened with a valid token keeps streaming after the token stops being valid.
    const res = await fetch(cluster.url + "/api/v1/namespaces/dev/pods?watch=1", bearer("good"));
    expect(res.status).toBe(200);
    valid.clear();
    valid.add("rotated");
    cluster.apply(podManifest("after", { containers: [{ name: "app", image: "busybox:1.36" }] }));
    const reader = res.body!.getReader();
    let text = "";
    while (!text.includes("\n")) text += new TextDecoder().decode((await reader.read()).value);
    expect(JSON.parse(text.split("\n")[0])).toMatchObject({
      type: "ADDED",
      object: { metadata: { name: "after" } },
    });
    await reader.cancel();
    expect(cluster.api.watchesOpened()).toBe(1);
    expect((await get("/api/v1/pods", bearer("good"))).status).toBe(401);
  });

  it("serves every request when no check is given (the default)", async () => {
    const cluster = await DemoCluster.start({ scenarios: [], clock: new ManualClock(T0) });
    clusters.push(cluster);
    expect((await fetch(cluster.url + "/api/v1/pods", bearer("anything"))).status).toBe(200);
    expect((await fetch(cluster.url + "/api/v1/pods")).status).toBe(200);
  });
});
