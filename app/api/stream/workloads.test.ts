// GET /api/stream?channel=workloads: GET /api/workloads' parameters and access rules (400 with a
// sentence for bad input and for the pod stream's parameters, 401 signed out, 403 outside the
// caller's namespaces), then the snapshot of the caller's namespaces and the rows that change.
import { afterEach, describe, expect, it, vi } from "vitest";
import { encodeAccess, type Access } from "@/lib/auth/access";
import { ACCESS_HEADER } from "@/lib/auth/request";
import type { Observation } from "@/lib/kube/reflector";
import { projectWorkload } from "@/lib/kube/workload-resources";
import { LiveWorkloads } from "@/lib/live/live-workloads";
import { WorkloadStreams } from "@/lib/live/workload-stream";
import { workloadRow } from "@/lib/routes/workloads";
import { StreamHub } from "@/lib/stream/hub";

afterEach(() => {
  vi.resetModules();
  vi.doUnmock("@/lib/live/start");
});

const admin: Access = { role: "admin", user: "ops", namespaces: null, expiresAt: null };
const viewer: Access = { role: "viewer", user: "team-a", namespaces: ["shop"], expiresAt: null };

function deployment(namespace: string, name: string, replicas: number) {
  return projectWorkload({
    type: "ADDED",
    kind: "Deployment",
    observedAt: Date.parse("2026-11-25T10:00:00Z"),
    object: <Observation["object"]>{
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: {
        name,
        namespace,
        uid: `uid-${namespace}-${name}`,
        generation: 1,
        resourceVersion: "7",
        creationTimestamp: "2026-11-25T09:00:00Z",
      },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name, image: "nginx:1.27" }] },
        },
      },
      status: {
        observedGeneration: 1,
        replicas,
        updatedReplicas: replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
      },
    },
  });
}

/** The route over a pipeline that holds two Deployments (shop/web, other/api); `live` counts its calls. */
async function route() {
  const workloads = new LiveWorkloads();
  const hub = new StreamHub({ setInterval: () => ({ clear() {} }) });
  const streams = new WorkloadStreams({
    hub,
    workloads,
    answer: (q) => ({
      workloads: workloads.list(q).map((s) => workloadRow(workloads, s)),
      omitted: [],
    }),
    omitted: () => [],
  });
  streams.observe(deployment("shop", "web", 3));
  streams.observe(deployment("other", "api", 1));
  const live = vi.fn(async () => ({ workloadStreams: streams }));
  vi.doMock("@/lib/live/start", async (importActual) => ({
    ...(await importActual<typeof import("@/lib/live/start")>()),
    live,
  }));
  const { GET, HEAD } = await import("./route");
  return { GET, HEAD, live, streams, hub };
}

const ask = (query: string, access: Access | null = admin, init: RequestInit = {}) =>
  new Request(`http://127.0.0.1:3000/api/stream?${query}`, {
    ...init,
    headers: access ? { [ACCESS_HEADER]: encodeAccess(access) } : {},
  });

/** The frames of the body's first chunk, then the stream is cancelled. */
async function firstFrames(res: Response) {
  const reader = res.body!.getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return new TextDecoder()
    .decode(value)
    .split("\n\n")
    .filter(Boolean)
    .map((f) => ({
      event: /^event: (.*)$/m.exec(f)![1],
      data: JSON.parse(/^data: (.*)$/m.exec(f)![1]),
    }));
}

describe("GET /api/stream?channel=workloads", () => {
  it("refuses bad input with a 400 and a sentence, before the pipeline is asked", async () => {
    const { GET, HEAD, live } = await route();
    const cases: [string, string][] = [
      [
        "channel=nodes",
        'channel "nodes" is not a stream channel: pods (the default) or workloads.',
      ],
      [
        "channel=workloads&pod=web-1",
        '"pod" is not a parameter of the workload stream (channel=workloads): it takes namespace and kind, as GET /api/workloads.',
      ],
      [
        "channel=workloads&limit=50",
        '"limit" is not a parameter of the workload stream (channel=workloads): it takes namespace and kind, as GET /api/workloads.',
      ],
      [
        "channel=workloads&kind=pods",
        'kind "pods" is not a workload kind: deployments, replicasets, statefulsets, daemonsets, jobs or cronjobs.',
      ],
      [
        "channel=workloads&namespace=Shop!",
        "namespace \"Shop!\" is not a valid namespace name (lowercase letters, digits and '-', at most 63 characters).",
      ],
    ];
    for (const [query, error] of cases)
      for (const handler of [GET, HEAD]) {
        const res = await handler(ask(query));
        expect(res.status, query).toBe(400);
        if (handler === GET) expect(await res.json(), query).toEqual({ error });
      }
    expect(live).not.toHaveBeenCalled();
  }, 30_000);

  it("401 signed out, 403 for a namespace outside a viewer's", async () => {
    const { GET, live } = await route();
    const out = await GET(ask("channel=workloads", null));
    expect(out.status).toBe(401);
    expect(await out.json()).toEqual({ error: "Sign in to Lifeline first." });
    const denied = await GET(ask("channel=workloads&namespace=other", viewer));
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ error: "This access covers namespace(s) shop only." });
    expect(live).not.toHaveBeenCalled();
  }, 30_000);

  it("streams a viewer's namespaces only: the snapshot, then a change", async () => {
    const { GET, streams } = await route();
    const res = await GET(ask("channel=workloads", viewer));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/event-stream");
    const reader = res.body!.getReader();
    const text = async () => new TextDecoder().decode((await reader.read()).value);
    const snapshot = await text();
    expect(snapshot).toMatch(/^event: snapshot\n/);
    const rows = JSON.parse(/^data: (.*)$/m.exec(snapshot)![1]).workloads;
    expect(
      rows.map((r: { namespace: string; name: string }) => `${r.namespace}/${r.name}`),
    ).toEqual(["shop/web"]);
    streams.observe(deployment("other", "api", 2));
    streams.observe(deployment("shop", "web", 4));
    const change = await text();
    expect(change).toMatch(/^event: workload\n/);
    const frame = JSON.parse(/^data: (.*)$/m.exec(change)![1]);
    expect([frame.uid, frame.row.counts.desired]).toEqual(["uid-shop-web", 4]);
    await reader.cancel();
    expect(streams.size).toBe(0);
  }, 30_000);

  it("takes kind as kubectl writes it, and HEAD subscribes to nothing", async () => {
    const { GET, HEAD, streams, hub } = await route();
    const head = await HEAD(ask("channel=workloads&kind=deploy&namespace=shop,other"));
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    expect(hub.size).toBe(0);
    const frames = await firstFrames(await GET(ask("channel=workloads&kind=rs")));
    expect(frames).toEqual([{ event: "snapshot", data: { workloads: [], omitted: [] } }]);
    expect(streams.size).toBe(0);
  }, 30_000);
});
