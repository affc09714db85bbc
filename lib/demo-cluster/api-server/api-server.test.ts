import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { DemoCluster, type DemoClusterOptions } from "../cluster";
import { T0 } from "../cluster.test-kit";

const clusters: DemoCluster[] = [];
afterEach(async () => {
  await Promise.all(clusters.splice(0).map((c) => c.stop()));
});

async function start(opts: DemoClusterOptions = {}) {
  const clock = new ManualClock(T0);
  const cluster = await DemoCluster.start({ scenarios: [], clock, ...opts });
  clusters.push(cluster);
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(cluster.url + path, init);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const create = (path: string, body: unknown) =>
    call(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  return { cluster, clock, call, create };
}

const pod = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, labels: { app: name } },
  spec: {
    containers: [{ name: "app", image: "busybox:1.36", command: ["sleep", "infinity"] }],
    ...extra,
  },
});

/** Reads a watch stream line by line until `until` says stop or the stream ends. */
async function readWatch(
  res: Response,
  until: (events: { type: string; object: Record<string, unknown> }[]) => boolean,
  onOpen?: () => void,
) {
  const events: { type: string; object: Record<string, unknown> }[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  onOpen?.();
  for (;;) {
    if (until(events)) {
      await reader.cancel();
      return { events, ended: false };
    }
    const { value, done } = await reader.read();
    if (done) return { events, ended: true };
    buffer += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      events.push(JSON.parse(buffer.slice(0, nl)));
      buffer = buffer.slice(nl + 1);
    }
  }
}

describe("discovery", () => {
  it("gives each start its own uids, kube-system's too, as two real clusters have (tests may inject them)", async () => {
    const one = await start();
    const two = await start();
    const uid = async (c: typeof one) =>
      (await c.call("/api/v1/namespaces/kube-system")).body.metadata.uid as string;
    expect(await uid(one)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(await uid(two)).not.toBe(await uid(one));
    const nodes = async (c: typeof one) =>
      ((await c.call("/api/v1/nodes")).body.items as { metadata: { uid: string } }[]).map(
        (n) => n.metadata.uid,
      );
    const first = await nodes(one);
    expect((await nodes(two)).filter((u) => first.includes(u))).toEqual([]);
    let n = 0;
    const fixed = await start({
      uid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
    });
    expect(await uid(fixed)).toBe("00000000-0000-4000-8000-000000000002");
  });

  it("serves /version, /api, /apis and resource lists for every group", async () => {
    const { call } = await start();
    expect((await call("/version")).body.gitVersion).toMatch(/^v1\.34/);
    expect((await call("/api")).body).toMatchObject({ kind: "APIVersions", versions: ["v1"] });
    const groups = (await call("/apis")).body.groups.map((g: { name: string }) => g.name);
    expect(groups).toEqual(["events.k8s.io", "apps", "batch"]);
    const core = (await call("/api/v1")).body.resources.map((r: { name: string }) => r.name);
    expect(core).toEqual([
      "namespaces",
      "nodes",
      "nodes/status",
      "pods",
      "pods/log",
      "pods/status",
      "events",
    ]);
    const apps = (await call("/apis/apps/v1")).body.resources as { name: string }[];
    expect(apps.map((r) => r.name)).toEqual([
      "deployments",
      "deployments/scale",
      "deployments/status",
      "replicasets",
      "replicasets/scale",
      "replicasets/status",
      "statefulsets",
      "statefulsets/scale",
      "statefulsets/status",
      "daemonsets",
      "daemonsets/status",
      "controllerrevisions",
    ]);
    expect(apps[3]).toMatchObject({ name: "replicasets", kind: "ReplicaSet", namespaced: true });
    const batch = (await call("/apis/batch/v1")).body.resources as { name: string }[];
    expect(batch.map((r) => r.name)).toEqual([
      "jobs",
      "jobs/status",
      "cronjobs",
      "cronjobs/status",
    ]);
  });
});

describe("errors are Status objects with the right code", () => {
  it.each([
    [
      "GET",
      "/api/v1/namespaces/dev/pods/nope",
      undefined,
      404,
      "NotFound",
      'pods "nope" not found',
    ],
    [
      "GET",
      "/api/v1/namespaces/dev/pods?labelSelector=app%20in%20(",
      undefined,
      400,
      "BadRequest",
      /unable to parse requirement/,
    ],
    [
      "GET",
      "/api/v1/pods?fieldSelector=spec.color%3Dred",
      undefined,
      400,
      "BadRequest",
      "field label not supported: spec.color",
    ],
    [
      "GET",
      "/api/v1/namespaces/dev/widgets",
      undefined,
      404,
      "NotFound",
      /could not find the requested resource/,
    ],
    [
      "PUT",
      "/api/v1/namespaces/dev/pods",
      "{}",
      405,
      "MethodNotAllowed",
      /does not allow this method/,
    ],
    ["POST", "/api/v1/namespaces/dev/pods", "{not json", 400, "BadRequest", /not valid JSON/],
    [
      "POST",
      "/api/v1/namespaces/nowhere/pods",
      JSON.stringify(pod("p")),
      404,
      "NotFound",
      'namespaces "nowhere" not found',
    ],
    [
      "POST",
      "/api/v1/namespaces/dev/pods",
      JSON.stringify({ metadata: { name: "empty" }, spec: { containers: [] } }),
      422,
      "Invalid",
      'Pod "empty" is invalid: spec.containers: Required value',
    ],
    [
      "POST",
      "/api/v1/namespaces/dev/pods",
      JSON.stringify({ apiVersion: "apps/v1", kind: "Pod", metadata: { name: "x" } }),
      400,
      "BadRequest",
      "the API version in the data (apps/v1) does not match the expected API version (v1)",
    ],
    [
      "GET",
      "/api/v1/namespaces/dev/pods?watch=1&resourceVersion=abc",
      undefined,
      400,
      "BadRequest",
      /invalid resourceVersion/,
    ],
  ])("%s %s → %i", async (method, path, body, code, reason, message) => {
    const { call } = await start();
    const res = await call(path, {
      method,
      body,
      headers: body ? { "Content-Type": "application/json" } : {},
    });
    expect(res.status).toBe(code);
    expect(res.body).toMatchObject({ kind: "Status", status: "Failure", code, reason });
    expect(res.body.message).toMatch(message);
  });

  it("409 for a name that exists, 422 with every cause listed, 415 for YAML", async () => {
    const { call, create } = await start();
    expect((await create("/api/v1/namespaces/dev/pods", pod("twice"))).status).toBe(201);
    const again = await create("/api/v1/namespaces/dev/pods", pod("twice"));
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('pods "twice" already exists');
    const bad = await create("/api/v1/namespaces/dev/pods", {
      metadata: { name: "Bad_Name" },
      spec: {
        restartPolicy: "Sometimes",
        containers: [
          { name: "a" },
          {
            name: "a",
            image: "x",
            livenessProbe: { successThreshold: 2, exec: { command: ["true"] } },
          },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details.causes.map((c: { field: string }) => c.field)).toEqual([
      "metadata.name",
      "spec.restartPolicy",
      "spec.containers[0].image",
      "spec.containers[1].name",
      "spec.containers[1].livenessProbe.successThreshold",
    ]);
    const yaml = await call("/api/v1/namespaces/dev/pods", {
      method: "POST",
      headers: { "Content-Type": "application/yaml" },
      body: "kind: Pod",
    });
    expect(yaml.status).toBe(415);
  });
});

describe("list", () => {
  it("filters by label and field selectors, pages with limit/continue, and prints tables", async () => {
    const { create, call, clock } = await start();
    for (const n of ["a", "b", "c", "d"]) await create("/api/v1/namespaces/dev/pods", pod(n));
    clock.advance(5000);
    const all = await call("/api/v1/namespaces/dev/pods");
    expect(all.body.kind).toBe("PodList");
    expect(all.body.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual([
      "a",
      "b",
      "c",
      "d",
    ]);
    expect((await call("/api/v1/pods?labelSelector=app%20in%20(a,c)")).body.items).toHaveLength(2);
    expect((await call("/api/v1/pods?labelSelector=app!%3Da")).body.items).toHaveLength(3);
    const node = all.body.items[0].spec.nodeName;
    const onNode = (await call(`/api/v1/pods?fieldSelector=spec.nodeName%3D${node}`)).body.items;
    expect(onNode.every((p: { spec: { nodeName: string } }) => p.spec.nodeName === node)).toBe(
      true,
    );
    expect(
      (await call("/api/v1/namespaces/dev/pods?fieldSelector=metadata.name%3Db")).body.items,
    ).toHaveLength(1);
    const page1 = await call("/api/v1/namespaces/dev/pods?limit=3");
    expect(page1.body.items).toHaveLength(3);
    expect(page1.body.metadata.remainingItemCount).toBe(1);
    // Later pages show the state of the first one, at its resourceVersion (as etcd snapshots do).
    await create("/api/v1/namespaces/dev/pods", pod("cc"));
    const page2 = await call(
      `/api/v1/namespaces/dev/pods?limit=3&continue=${page1.body.metadata.continue}`,
    );
    expect(page2.body.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual([
      "d",
    ]);
    expect(page2.body.metadata.resourceVersion).toBe(page1.body.metadata.resourceVersion);
    expect((await call("/api/v1/namespaces/dev/pods")).body.items).toHaveLength(5);
    expect((await call("/api/v1/namespaces/dev/pods?continue=garbage")).status).toBe(400);
    const table = await call("/api/v1/namespaces/dev/pods", {
      headers: { Accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" },
    });
    expect(table.body.kind).toBe("Table");
    expect(table.body.columnDefinitions.map((c: { name: string }) => c.name)).toEqual([
      "Name",
      "Ready",
      "Status",
      "Restarts",
      "Age",
      "IP",
      "Node",
      "Nominated Node",
      "Readiness Gates",
    ]);
    expect(table.body.rows[0].cells.slice(0, 5)).toEqual(["a", "1/1", "Running", 0, "5s"]);
  });

  it("serves events in both core/v1 and events.k8s.io/v1 shapes", async () => {
    const { create, call, clock } = await start();
    await create("/api/v1/namespaces/dev/pods", pod("ev"));
    clock.advance(5000);
    const core = (
      await call(
        "/api/v1/namespaces/dev/events?fieldSelector=involvedObject.name%3Dev,reason%3DStarted",
      )
    ).body.items;
    expect(core).toHaveLength(1);
    expect(core[0]).toMatchObject({
      reason: "Started",
      message: "Started container app",
      count: 1,
      source: { component: "kubelet" },
      involvedObject: { kind: "Pod", name: "ev", fieldPath: "spec.containers{app}" },
    });
    const v1 = (
      await call("/apis/events.k8s.io/v1/namespaces/dev/events?fieldSelector=regarding.name%3Dev")
    ).body;
    expect(v1.kind).toBe("EventList");
    const scheduled = v1.items.find((e: { reason: string }) => e.reason === "Scheduled");
    expect(scheduled).toMatchObject({
      note: expect.stringMatching(/^Successfully assigned dev\/ev to node-/),
      reportingController: "default-scheduler",
      regarding: { name: "ev" },
      eventTime: "2026-11-20T09:00:00.000000Z",
      deprecatedFirstTimestamp: null,
    });
  });
});

describe("event validation (kube-apiserver's legacyValidateEvent)", () => {
  const event = (
    name: string,
    involved: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ) => ({
    apiVersion: "v1",
    kind: "Event",
    metadata: { name },
    involvedObject: { apiVersion: "v1", kind: "Pod", name: "api-flappy", ...involved },
    reason: "Unhealthy",
    message: "Readiness probe failed: planted",
    type: "Warning",
    ...extra,
  });

  it("rejects an event whose namespace is not its object's with 422, as kube-apiserver does", async () => {
    const { create } = await start();
    expect(
      (
        await create("/api/v1/namespaces", {
          apiVersion: "v1",
          kind: "Namespace",
          metadata: { name: "secret-team" },
        })
      ).status,
    ).toBe(201);
    const planted = await create(
      "/api/v1/namespaces/secret-team/events",
      event("planted.1", { namespace: "dev" }),
    );
    expect(planted.status).toBe(422);
    expect(planted.body).toMatchObject({
      kind: "Status",
      reason: "Invalid",
      code: 422,
      message:
        'Event "planted.1" is invalid: involvedObject.namespace: Invalid value: "dev": does not match event.namespace',
    });
    // No namespace on the object: only the default namespace (or none) will do.
    expect(
      (await create("/api/v1/namespaces/secret-team/events", event("planted.2", {}))).status,
    ).toBe(422);
    expect(
      (await create("/api/v1/namespaces/dev/events", event("fine.1", { namespace: "dev" }))).status,
    ).toBe(201);
    // With eventTime (the "new" events), another namespace is accepted; only an object without a
    // namespace needs default or kube-system. Lifeline ignores such events for the pod (lib/store).
    const withTime = {
      eventTime: "2026-11-20T09:00:00.000000Z",
      reportingComponent: "planter",
      reportingInstance: "planter-1",
      action: "Plant",
    };
    expect(
      (
        await create(
          "/api/v1/namespaces/secret-team/events",
          event("planted.3", { namespace: "dev" }, withTime),
        )
      ).status,
    ).toBe(201);
    expect(
      (await create("/api/v1/namespaces/secret-team/events", event("planted.4", {}, withTime)))
        .status,
    ).toBe(422);
  });
});

describe("watch", () => {
  it("streams changes after a list's resourceVersion, in order, and ends at timeoutSeconds", async () => {
    const { cluster, create, call, clock } = await start();
    const list = await call("/api/v1/namespaces/dev/pods");
    const res = await fetch(
      `${cluster.url}/api/v1/namespaces/dev/pods?watch=1&resourceVersion=${list.body.metadata.resourceVersion}&timeoutSeconds=30`,
    );
    const created = create("/api/v1/namespaces/dev/pods", pod("w"));
    const { events } = await readWatch(
      res,
      (ev) => ev.length >= 3,
      () => void created.then(() => clock.advance(3000)),
    );
    expect(events[0].type).toBe("ADDED");
    expect(events.slice(1).every((e) => e.type === "MODIFIED")).toBe(true);
    const versions = events.map((e) =>
      Number((e.object.metadata as { resourceVersion: string }).resourceVersion),
    );
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    const timed = await fetch(
      `${cluster.url}/api/v1/namespaces/dev/pods?watch=1&resourceVersion=${cluster.store.version()}&timeoutSeconds=5`,
    );
    const done = await readWatch(
      timed,
      () => false,
      () => setTimeout(() => clock.advance(5000), 20),
    );
    expect(done.ended).toBe(true);
  });

  it("sends bookmarks when asked, and initial ADDED events when watching from no version", async () => {
    const { cluster, create, clock } = await start({ bookmarkIntervalMs: 60_000 });
    await create("/api/v1/namespaces/dev/pods", pod("x"));
    const res = await fetch(
      `${cluster.url}/api/v1/namespaces/dev/pods?watch=1&allowWatchBookmarks=true`,
    );
    const { events } = await readWatch(
      res,
      (ev) => ev.some((e) => e.type === "BOOKMARK"),
      () => setTimeout(() => clock.advance(60_000), 20),
    );
    expect(events[0]).toMatchObject({
      type: "ADDED",
      object: { kind: "Pod", metadata: { name: "x" } },
    });
    const bookmark = events.find((e) => e.type === "BOOKMARK")!;
    expect(bookmark.object).toEqual({
      kind: "Pod",
      apiVersion: "v1",
      metadata: { resourceVersion: cluster.store.version() },
    });
  });

  it("answers a watch from a compacted version with an ERROR event carrying 410 Gone, then closes", async () => {
    const { cluster, create, call } = await start({ historyLimit: 3 });
    const old = (await call("/api/v1/namespaces/dev/pods")).body.metadata.resourceVersion;
    for (const n of ["p1", "p2", "p3", "p4"]) await create("/api/v1/namespaces/dev/pods", pod(n));
    const res = await fetch(
      `${cluster.url}/api/v1/namespaces/dev/pods?watch=1&resourceVersion=${old}`,
    );
    expect(res.status).toBe(200);
    const { events, ended } = await readWatch(res, () => false);
    expect(ended).toBe(true);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "ERROR",
      object: { kind: "Status", code: 410, reason: "Expired" },
    });
    expect(events[0].object.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
    // compact() makes every earlier version expire at once.
    const recent = cluster.store.version();
    cluster.compact();
    await create("/api/v1/namespaces/dev/pods", pod("p5"));
    const after = await readWatch(
      await fetch(
        `${cluster.url}/api/v1/namespaces/dev/pods?watch=1&resourceVersion=${Number(recent) - 1}`,
      ),
      () => false,
    );
    expect(after.events[0].object.code).toBe(410);
  });

  it("a label-selected watch sees an object leave the selection as DELETED", async () => {
    const { cluster, create, clock } = await start();
    await create("/api/v1/namespaces/dev/pods", pod("mover"));
    clock.advance(5000);
    const res = await fetch(
      `${cluster.url}/api/v1/namespaces/dev/pods?watch=1&resourceVersion=${cluster.store.version()}&fieldSelector=status.phase%3DRunning`,
    );
    const { events } = await readWatch(
      res,
      (ev) => ev.length >= 1,
      () =>
        setTimeout(() => {
          cluster.store.mutate(
            "pods",
            "dev",
            "mover",
            (p) => void ((p.status as { phase: string }).phase = "Failed"),
          );
        }, 20),
    );
    expect(events[0].type).toBe("DELETED");
  });
});

describe("delete", () => {
  it("sets deletionTimestamp from gracePeriodSeconds and returns the object", async () => {
    const { create, call, clock } = await start();
    await create("/api/v1/namespaces/dev/pods", pod("bye"));
    clock.advance(5000);
    const res = await call("/api/v1/namespaces/dev/pods/bye?gracePeriodSeconds=7", {
      method: "DELETE",
    });
    expect(res.status).toBe(200);
    expect(res.body.metadata).toMatchObject({
      deletionGracePeriodSeconds: 7,
      deletionTimestamp: "2026-11-20T09:00:12Z",
    });
    expect(
      (await call("/api/v1/namespaces/dev/pods/bye?gracePeriodSeconds=soon", { method: "DELETE" }))
        .status,
    ).toBe(400);
    clock.advance(7000);
    expect((await call("/api/v1/namespaces/dev/pods/bye")).status).toBe(404);
  });
});

describe("malformed objects", () => {
  it("answers every malformed pod with a 4xx sentence and keeps running pods afterwards", async () => {
    const { create, call, clock } = await start();
    const base = { apiVersion: "v1", kind: "Pod", metadata: { name: "m" } };
    const bodies: unknown[] = [
      { ...base, spec: null },
      { ...base, spec: { containers: "nginx" } },
      { ...base, spec: { containers: [null] } },
      { ...base, spec: { containers: [{ name: "a", image: 7 }] } },
      { ...base, spec: { containers: [{ name: "a", image: "nginx", command: "sleep 10" }] } },
      { ...base, spec: { containers: [{ name: "a", image: "nginx", ports: "80" }] } },
      { ...base, spec: { containers: [{ name: "a", image: "nginx", env: [1] }] } },
      { ...base, spec: { containers: [{ name: "a", image: "nginx", livenessProbe: "yes" }] } },
      { ...base, spec: { containers: [{ name: "a", image: "nginx", lifecycle: 1 }] } },
      { ...base, spec: { containers: [{ name: "a", image: "nginx" }], tolerations: {} } },
      { ...base, spec: { containers: [{ name: "a", image: "nginx" }], initContainers: {} } },
      {
        ...base,
        spec: {
          containers: [{ name: "a", image: "nginx" }],
          terminationGracePeriodSeconds: "soon",
        },
      },
      {
        ...base,
        metadata: { name: "m", labels: ["x"] },
        spec: { containers: [{ name: "a", image: "nginx" }] },
      },
      { ...base, metadata: "m" },
      [],
      "pod",
    ];
    for (const body of bodies) {
      const res = await create("/api/v1/namespaces/dev/pods", body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
      expect(res.body.message.length).toBeGreaterThan(10);
    }
    expect((await create("/api/v1/namespaces/dev/pods", pod("fine"))).status).toBe(201);
    clock.advance(5000);
    expect((await call("/api/v1/namespaces/dev/pods/fine")).body.status.phase).toBe("Running");
  });
});

describe("faults", () => {
  it("restart cuts open watches, keeps the port, the objects and the resourceVersion counter", async () => {
    const { cluster, create, call } = await start();
    await create("/api/v1/namespaces/dev/pods", pod("survivor"));
    const before = cluster.store.version();
    const res = await fetch(
      `${cluster.url}/api/v1/namespaces/dev/pods?watch=1&resourceVersion=${before}`,
    );
    const port = cluster.port;
    const reading = readWatch(res, () => false).catch(() => ({ events: [], ended: true }));
    await cluster.restart();
    expect((await reading).ended).toBe(true);
    expect(cluster.port).toBe(port);
    expect((await call("/api/v1/namespaces/dev/pods/survivor")).status).toBe(200);
    await create("/api/v1/namespaces/dev/pods", pod("after"));
    expect(Number(cluster.store.version())).toBeGreaterThan(Number(before));
    expect(cluster.truth.query({ what: "api.restarted" })).toHaveLength(1);
  });

  it("started afresh on the same address, answers the old cluster's versions as kube-apiserver does: Too large resource version", async () => {
    const first = await start();
    for (const n of ["a", "b", "c", "d", "e", "f"])
      await first.create("/api/v1/namespaces/dev/pods", pod(n));
    first.clock.advance(5000);
    const old = Number(first.cluster.store.version());
    const port = first.cluster.port;
    await first.cluster.stop();
    const { cluster, create, call, clock } = await start({ port });
    const current = Number(cluster.store.version());
    expect(current).toBeLessThan(old);
    await call("/version").catch(() => undefined); // fetch's kept-alive socket to the first cluster may be told it is closed only now
    const status = (retry: boolean) => ({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: `Timeout: Too large resource version: ${old}, current: ${current}`,
      reason: "Timeout",
      details: {
        causes: [{ reason: "ResourceVersionTooLarge", message: "Too large resource version" }],
        ...(retry ? { retryAfterSeconds: 1 } : {}),
      },
      code: 504,
    });
    // A list "not older than" it: from etcd (paged) at once, from the watch cache with a retry hint.
    expect(await call(`/api/v1/namespaces/dev/pods?limit=500&resourceVersion=${old}`)).toEqual({
      status: 504,
      body: status(false),
    });
    expect(await call(`/api/v1/pods?resourceVersion=${old}`)).toEqual({
      status: 504,
      body: status(true),
    });
    expect((await call(`/api/v1/pods?resourceVersion=${current}`)).status).toBe(200);
    // A watch-list from it: an ERROR event carrying the Status, then the stream ends.
    const listing = await fetch(
      `${cluster.url}/api/v1/namespaces/dev/pods?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&resourceVersion=${old}`,
    );
    expect(listing.status).toBe(200);
    expect(await readWatch(listing, () => false)).toEqual({
      events: [{ type: "ERROR", object: status(true) }],
      ended: true,
    });
    // A plain watch from it is accepted and waits for that version: nothing at or below it arrives, bookmarks neither.
    const res = await fetch(
      `${cluster.url}/api/v1/namespaces/dev/pods?watch=1&allowWatchBookmarks=true&timeoutSeconds=120&resourceVersion=${old}`,
    );
    const waiting = await readWatch(
      res,
      () => false,
      () =>
        setTimeout(
          () =>
            void create("/api/v1/namespaces/dev/pods", pod("new")).then(() =>
              clock.advance(120_000),
            ),
          20,
        ),
    );
    expect(Number(cluster.store.version())).toBeLessThanOrEqual(old);
    expect(waiting).toEqual({ events: [], ended: true });
  });

  it("dropWatchesEveryMs cuts watch connections on the cluster clock", async () => {
    const { cluster, clock } = await start({ dropWatchesEveryMs: 10_000 });
    const res = await fetch(
      `${cluster.url}/api/v1/namespaces/dev/pods?watch=1&resourceVersion=${cluster.store.version()}`,
    );
    const reading = readWatch(
      res,
      () => false,
      () => setTimeout(() => clock.advance(10_000), 20),
    ).catch(() => ({ events: [], ended: true }));
    expect((await reading).ended).toBe(true);
    expect(cluster.api.openWatches()).toBe(0);
  });
});
