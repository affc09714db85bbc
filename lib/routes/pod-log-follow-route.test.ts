// GET /api/pods/{ns}/{name}/logs/follow in-process: the route handler over the pipeline over the
// demo cluster's log endpoint (follow=true as the kubelet serves it) on a manual clock. Lines
// arrive as the container prints them, redacted; the follow ends with why; the browser leaving
// ends the cluster's request; the caps; the access of the captured logs.
import { afterEach, describe, expect, it, vi } from "vitest";

vi.setConfig({ testTimeout: 20_000 });
import { GET, HEAD } from "@/app/api/pods/[namespace]/[name]/logs/follow/route";
import { viewerOf, withAccess } from "../auth/access.test-kit";
import type { Access } from "../auth/access";
import { PEER_ADDRESS_HEADER } from "../auth/forwarded";
import { podManifest } from "../demo-cluster/cluster.test-kit";
import type { DemoCluster } from "../demo-cluster/cluster";
import { rfc3339Nano } from "../demo-cluster/api-server/pod-log";
import { KubeClient } from "../kube/client";
import { kubeConfigFor } from "../kube/connection";
import { pipelineOnDemo } from "../live/fidelity.test-kit";
import type { Live } from "../live/live";
import { LogFollows, logFollowsFor } from "../logs/follow";
import { DEFAULT_REDACTIONS } from "../logs/redact";
import { frameReader, type FollowFrame } from "../view/follow-frames";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A busybox container runs 1.8 s after its pod is created: 1 s of sandbox, 0.8 s of pull. */
const STARTS_AFTER = 1800;
const WITH_LOGS: Access = { ...viewerOf("dev"), logs: true };

async function demo() {
  const p = await pipelineOnDemo({ scenarios: [] });
  cleanup.push(p.stop);
  const { demo: cluster, clock, live } = p;
  const talker = (script: string, extra: Record<string, unknown> = {}) => {
    cluster.apply(
      podManifest(
        "talker",
        { containers: [{ name: "app", image: "busybox:1.36" }], ...extra },
        { "lifeline.dev/script.app": script },
      ),
    );
    clock.advance(STARTS_AFTER);
  };
  return { cluster, clock, live, talker };
}

/** The demo kubelet's open follows of the talker's current instance. */
function followers(cluster: DemoCluster): number {
  const pod = cluster.store.get("pods", "dev", "talker") as unknown as {
    spec: { nodeName: string };
    status: { containerStatuses: { containerID: string }[] };
  };
  const worker = cluster.kubelets.get(pod.spec.nodeName)!.worker("dev", "talker")!;
  return worker.containerLog("app", pod.status.containerStatuses[0].containerID)!.followerCount();
}

/** A browser on the route: the answer, the frames as they come, a way to leave. */
async function follow(
  query: string,
  access: Access = WITH_LOGS,
  opts: { pod?: string; peer?: string } = {},
) {
  const abort = new AbortController();
  const headers: Record<string, string> = opts.peer ? { [PEER_ADDRESS_HEADER]: opts.peer } : {};
  const name = opts.pod ?? "talker";
  const res = await GET(
    new Request(
      `http://lifeline.test/api/pods/dev/${name}/logs/follow${query}`,
      withAccess({ headers, signal: abort.signal }, access),
    ),
    { params: Promise.resolve({ namespace: "dev", name }) },
  );
  const frames: FollowFrame[] = [];
  let closed = false;
  let raw = "";
  const reader = res.ok ? res.body!.getReader() : null;
  if (reader) {
    const read = frameReader((f) => frames.push(f));
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          const text = decoder.decode(value, { stream: true });
          raw += text;
          read(text);
        }
      } catch {
        // the browser left
      }
      closed = true;
    })();
  }
  const lines = () =>
    frames.flatMap((f) => (f.t === "lines" ? f.lines.map((l) => l.text) : [])).join("\n");
  return {
    res,
    frames,
    lines,
    raw: () => raw,
    closed: () => closed,
    leave: () => abort.abort(),
    /** The page closed: the body's reader cancels. */
    cancel: () => reader!.cancel(),
    end: () => frames.find((f) => f.t === "end"),
  };
}

const soon = <T>(fn: () => T) => vi.waitFor(fn, { timeout: 5000, interval: 2 });

describe("following the current run's log", () => {
  it("relays lines as the container prints them, redacted and timed, and ends when it exits", async () => {
    const { clock, talker } = await demo();
    talker(
      "echo one; sleep 2; echo 'login with password=hunter2 <script>x</script>'; sleep 2; echo bye; exit 3",
      { restartPolicy: "Never" },
    );
    const started = clock.now();
    const f = await follow("?container=app&timestamps=1");
    expect(f.res.status).toBe(200);
    expect(f.res.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    await soon(() => expect(f.lines()).toBe("one"));
    expect(f.frames[0]).toEqual({ t: "open", container: "app", timestamps: true });
    clock.advance(2000);
    await soon(() => expect(f.lines()).toContain("password"));
    expect(f.lines()).toBe("one\nlogin with password=[REDACTED] <script>x</script>");
    expect(f.raw()).not.toContain("hunter2");
    // Markup never travels as markup: the frames' strings escape it.
    expect(f.raw()).not.toContain("<script>");
    const timed = f.frames.flatMap((x) => (x.t === "lines" ? x.lines : []));
    expect(timed.map((l) => l.at)).toEqual([started, started + 2000]);
    clock.advance(2000);
    await soon(() => expect(f.end()).toBeDefined());
    expect(f.lines()).toBe("one\nlogin with password=[REDACTED] <script>x</script>\nbye");
    expect(f.end()).toEqual({ t: "end", why: "exited", exitCode: 3, reason: "Error" });
    await soon(() => expect(f.closed()).toBe(true));
  });

  it("starts with the last tailLines lines; stamps only when asked", async () => {
    const { clock, talker } = await demo();
    talker("echo a; echo b; echo c; sleep infinity");
    const f = await follow("?container=app&tailLines=2");
    await soon(() => expect(f.lines()).toBe("b\nc"));
    const g = await follow("?container=app&tailLines=0");
    clock.advance(1000);
    await soon(() => expect(f.frames[0]).toBeDefined());
    expect(g.lines()).toBe("");
    expect(f.frames.flatMap((x) => (x.t === "lines" ? x.lines : []))[0]).toEqual({ text: "b" });
    f.leave();
    g.leave();
  });

  it("a container the kubelet will restart ends its follow as exited, with its code (the next run is another follow)", async () => {
    const { clock, talker } = await demo();
    talker("echo up; sleep 3; exit 1");
    const f = await follow("?container=app");
    await soon(() => expect(f.lines()).toBe("up"));
    clock.advance(3000);
    await soon(() => expect(f.end()).toBeDefined());
    expect(f.end()).toEqual({ t: "end", why: "exited", exitCode: 1, reason: "Error" });
  });

  it("says the pod was deleted when it goes while followed", async () => {
    const { cluster, clock, talker } = await demo();
    talker("echo up; sleep infinity");
    const f = await follow("?container=app");
    await soon(() => expect(f.lines()).toBe("up"));
    cluster.registry.deletePod(cluster.store.get("pods", "dev", "talker")!, 0);
    clock.advance(1000);
    await soon(() => expect(f.end()).toEqual({ t: "end", why: "deleted" }));
  });

  it("ends the cluster's request when the browser leaves, and gives the slot back", async () => {
    const { cluster, live, talker } = await demo();
    talker("echo on; sleep infinity");
    const f = await follow("?container=app");
    await soon(() => expect(f.lines()).toBe("on"));
    expect(followers(cluster)).toBe(1);
    expect(live.follows!.count).toBe(1);
    f.leave();
    await soon(() => expect(followers(cluster)).toBe(0));
    expect(live.follows!.count).toBe(0);
    // A reader that cancels the body (the page closed) does the same.
    const g = await follow("?container=app");
    await soon(() => expect(followers(cluster)).toBe(1));
    await g.cancel();
    await soon(() => expect(followers(cluster)).toBe(0));
    expect(live.follows!.count).toBe(0);
  });

  it("a HEAD says what a GET would, and follows nothing", async () => {
    const { cluster, live, talker } = await demo();
    talker("echo on; sleep infinity");
    const head = (query: string, access: Access = WITH_LOGS) =>
      HEAD(
        new Request(`http://lifeline.test/api/pods/dev/talker/logs/follow${query}`, {
          ...withAccess({}, access),
          method: "HEAD",
        }),
        { params: Promise.resolve({ namespace: "dev", name: "talker" }) },
      );
    const ok = await head("?container=app");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
    expect((await head("?container=app", viewerOf("dev"))).status).toBe(403);
    expect((await head("?container=app&tailLines=x")).status).toBe(400);
    expect(live.follows!.count).toBe(0);
    expect(followers(cluster)).toBe(0);
  });

  it("ends every follow with why when Lifeline stops", async () => {
    const { live, talker } = await demo();
    talker("echo on; sleep infinity");
    const f = await follow("?container=app");
    await soon(() => expect(f.lines()).toBe("on"));
    live.follows!.close();
    await soon(() => expect(f.end()).toEqual({ t: "end", why: "stopped" }));
    expect((await follow("?container=app")).res.status).toBe(503);
  });

  it("caps the follows on the server (503) and per client (429), each with a sentence", async () => {
    const { cluster, live, talker } = await demo();
    talker("echo on; sleep infinity");
    live.follows = new LogFollows({
      client: new KubeClient(kubeConfigFor(cluster.url)),
      redactions: DEFAULT_REDACTIONS,
      namespaces: null,
      maxOpen: 3,
      maxPerClient: 2,
    });
    const a = await follow("?container=app", WITH_LOGS, { peer: "10.0.0.1" });
    const b = await follow("?container=app", WITH_LOGS, { peer: "10.0.0.1" });
    const c = await follow("?container=app", WITH_LOGS, { peer: "10.0.0.1" });
    expect([a.res.status, b.res.status, c.res.status]).toEqual([200, 200, 429]);
    expect(await c.res.json()).toEqual({
      code: "busy",
      error:
        "You already follow 2 container logs from this address, the limit per client; close one of them first.",
    });
    const d = await follow("?container=app", WITH_LOGS, { peer: "10.0.0.2" });
    const e = await follow("?container=app", WITH_LOGS, { peer: "10.0.0.3" });
    expect([d.res.status, e.res.status]).toEqual([200, 503]);
    expect(e.res.headers.get("retry-after")).toBe("5");
    expect((await e.res.json()).error).toMatch(/already follows 3 container logs, its limit/);
    a.leave();
    await soon(() => expect(live.follows!.count).toBe(2));
    const again = await follow("?container=app", WITH_LOGS, { peer: "10.0.0.3" });
    expect(again.res.status).toBe(200);
    for (const x of [b, d, again]) x.leave();
    await soon(() => expect(followers(cluster)).toBe(0));
  });
});

describe("who may follow, and what is refused", () => {
  const refused = async (
    live: Live,
    query: string,
    access: Access,
    status: number,
    body: object,
    pod?: string,
  ) => {
    const f = await follow(query, access, { pod });
    expect(f.res.status).toBe(status);
    expect(await f.res.json()).toEqual(body);
    expect(live.follows?.count ?? 0).toBe(0);
  };

  it("a viewer without --logs, or outside its namespaces, gets a 403 sentence and no text", async () => {
    const { live, cluster, talker } = await demo();
    talker("echo secret-ish line; sleep infinity");
    await refused(live, "?container=app", viewerOf("dev"), 403, {
      code: "no-grant",
      error:
        "This viewer link does not include container logs: ask for a token minted with --logs.",
    });
    await refused(live, "?container=app", { ...viewerOf("prod"), logs: true }, 403, {
      code: "namespace",
      error: "This access covers namespace(s) prod only.",
    });
    expect(followers(cluster)).toBe(0);
  });

  it("LIFELINE_LOGS=off: no follow at all; a namespaced install follows its namespaces only", async () => {
    const { cluster, live, talker } = await demo();
    talker("echo x; sleep infinity");
    const client = new KubeClient(kubeConfigFor(cluster.url));
    expect(logFollowsFor({ LIFELINE_LOGS: "off" }, client, null)).toBeNull();
    const kept = live.follows;
    live.follows = null;
    await refused(live, "?container=app", WITH_LOGS, 403, {
      code: "logs-off",
      error: "This Lifeline server shows no container logs (LIFELINE_LOGS=off).",
    });
    live.follows = logFollowsFor({}, client, ["prod", "staging"]);
    await refused(live, "?container=app", WITH_LOGS, 403, {
      code: "namespace",
      error: "This Lifeline server watches namespace(s) prod, staging only.",
    });
    live.follows = kept;
  });

  it("a 403 from the API server (no get on pods/log) is said in a sentence", async () => {
    const { cluster, live, talker } = await demo();
    talker("echo x; sleep infinity");
    cluster.rbac.set({ logs: false });
    await refused(live, "?container=app", WITH_LOGS, 403, {
      code: "cluster-forbidden",
      error:
        'The cluster does not let Lifeline read container logs in namespace dev (403 Forbidden): grant its service account "get" on pods/log. The API server said: pods "talker" is forbidden: User "system:serviceaccount:lifeline:lifeline" cannot get resource "pods/log" in API group "" in the namespace "dev".',
    });
  });

  it("bad parameters: 400 sentences; the API server's own for an unknown container or pod", async () => {
    const { live, talker } = await demo();
    talker("echo x; sleep infinity");
    const bad = (error: string) => ({ error });
    await refused(
      live,
      "",
      WITH_LOGS,
      400,
      bad("container is needed: container=<name> names the container to follow."),
    );
    await refused(
      live,
      "?container=app&tailLines=abc",
      WITH_LOGS,
      400,
      bad(
        'tailLines "abc" must be a whole number from 0 to 5000: the lines shown before new ones follow.',
      ),
    );
    await refused(
      live,
      "?container=app&tailLines=5001",
      WITH_LOGS,
      400,
      bad(
        'tailLines "5001" must be a whole number from 0 to 5000: the lines shown before new ones follow.',
      ),
    );
    await refused(
      live,
      "?container=app&timestamps=yes",
      WITH_LOGS,
      400,
      bad('timestamps "yes" must be 1 or 0 (true or false).'),
    );
    await refused(
      live,
      "?container=nope",
      WITH_LOGS,
      400,
      bad("The API server said: container nope is not valid for pod talker"),
    );
    await refused(
      live,
      "?container=app",
      WITH_LOGS,
      404,
      bad('The API server said: pods "ghost" not found'),
      "ghost",
    );
  });
});

describe("timestamps as the kubelet writes them", () => {
  it("Go's RFC3339Nano prefix becomes `at`", async () => {
    const { clock, talker } = await demo();
    talker("echo stamped; sleep infinity");
    const f = await follow("?container=app&timestamps=true");
    await soon(() => expect(f.lines()).toBe("stamped"));
    const [line] = f.frames.flatMap((x) => (x.t === "lines" ? x.lines : []));
    expect(rfc3339Nano(line.at!)).toBe(rfc3339Nano(clock.now()));
    f.leave();
  });
});
