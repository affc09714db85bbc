// GET /api/v1/namespaces/{ns}/pods/{name}/log over HTTP on a ManualClock: every option and every
// error with the status code and text kube-apiserver (and the kubelet behind it) gives.
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { DemoCluster } from "../cluster";
import { podManifest, T0 } from "../cluster.test-kit";
import { rfc3339Nano } from "./pod-log";

const clusters: DemoCluster[] = [];
afterEach(async () => {
  await Promise.all(clusters.splice(0).map((c) => c.stop()));
});

async function start() {
  const clock = new ManualClock(T0);
  const cluster = await DemoCluster.start({ scenarios: [], clock });
  clusters.push(cluster);
  const logs = async (pod: string, query = "") => {
    const res = await fetch(`${cluster.url}/api/v1/namespaces/dev/pods/${pod}/log${query}`);
    const text = await res.text();
    const type = res.headers.get("content-type") ?? "";
    return {
      status: res.status,
      type,
      text,
      body: type.includes("json") ? JSON.parse(text) : undefined,
    };
  };
  /** Advances the clock second by second until `done` holds (at most `max` seconds). */
  const until = (done: () => boolean, max = 120) => {
    for (let i = 0; i < max && !done(); i++) clock.advance(1000);
    if (!done()) throw new Error("condition not reached");
  };
  const status = (pod: string, container = "app") => {
    const p = cluster.store.get("pods", "dev", pod) as {
      status?: {
        containerStatuses?: {
          name: string;
          restartCount: number;
          containerID?: string;
          state?: Record<string, { reason?: string }>;
        }[];
      };
    };
    return p?.status?.containerStatuses?.find((c) => c.name === container);
  };
  return { cluster, clock, logs, until, status };
}

const pod = podManifest;

/** A busybox container runs 1.8 s after its pod is created: 1 s of sandbox, 0.8 s of pull. */
const STARTS_AFTER = 1800;

const scripted = (name: string, script: string, extra: Record<string, unknown> = {}) =>
  pod(
    name,
    { containers: [{ name: "app", image: "busybox:1.36" }], ...extra },
    { "lifeline.dev/script.app": script },
  );

/** The Status body kube-apiserver sends for an error. */
const status = (code: number, reason: string, message: string, details?: unknown) => ({
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Failure",
  message,
  ...(reason ? { reason } : {}),
  ...(details ? { details } : {}),
  code,
});

describe("pods/log: what an instance printed", () => {
  it("serves the current instance, and after a restart the previous one apart from it", async () => {
    const { cluster, logs, until, status: st } = await start();
    cluster.apply(scripted("talker", "echo run started; sleep 10; echo about to fail; exit 3"));
    until(() => st("talker")?.state?.running !== undefined);
    const first = await logs("talker");
    expect(first).toMatchObject({ status: 200, type: "text/plain", text: "run started\n" });
    // It ends: still the current instance (terminated), with its last words.
    until(() => st("talker")?.state?.terminated !== undefined);
    expect((await logs("talker")).text).toBe("run started\nabout to fail\n");
    const run1 = st("talker")!.containerID!;
    const run1Stamped = (await logs("talker", "?timestamps=true")).text;
    // Restarted: the new instance's log is its own; the old one is `previous`.
    until(() => st("talker")?.restartCount === 1 && st("talker")?.state?.running !== undefined);
    expect((await logs("talker")).text).toBe("run started\n");
    expect((await logs("talker", "?previous=true")).text).toBe("run started\nabout to fail\n");
    expect((await logs("talker", "?previous=true&timestamps=true")).text).toBe(run1Stamped);
    const run2Stamped = (await logs("talker", "?timestamps=true")).text;
    // The kubelet keeps one previous instance: after the next restart, run 1 is gone.
    until(() => st("talker")?.restartCount === 2 && st("talker")?.state?.running !== undefined);
    const prev = (await logs("talker", "?previous=true&timestamps=true")).text;
    expect(prev.startsWith(run2Stamped)).toBe(true);
    expect(prev).not.toBe(run1Stamped);
    const node = (
      cluster.store.get("pods", "dev", "talker") as unknown as { spec: { nodeName: string } }
    ).spec.nodeName;
    const worker = cluster.kubelets.get(node)!.worker("dev", "talker")!;
    expect(worker.containerLog("app", run1)).toBeUndefined();
    expect(worker.containerLog("app", st("talker")!.containerID!)).toBeDefined();
  });

  it("stamps lines with Go's RFC3339Nano on the cluster clock (timestamps=true)", async () => {
    expect(rfc3339Nano(Date.parse("2026-11-20T09:00:01Z"))).toBe("2026-11-20T09:00:01Z");
    expect(rfc3339Nano(Date.parse("2026-11-20T09:00:01.500Z"))).toBe("2026-11-20T09:00:01.5Z");
    expect(rfc3339Nano(Date.parse("2026-11-20T09:00:01.230Z"))).toBe("2026-11-20T09:00:01.23Z");
    const { cluster, clock, logs, status: st } = await start();
    cluster.apply(scripted("talker", "echo one; sleep 2; echo two; sleep infinity"));
    // Started 1.8 s in: the sandbox takes 1 s and the busybox pull 0.8 s.
    clock.advance(STARTS_AFTER);
    expect(st("talker")?.state?.running).toBeDefined();
    const started = clock.now();
    expect(started).toBe(T0 + 1800);
    clock.advance(2000);
    const res = await logs("talker", "?timestamps=1");
    expect(res.text).toBe(`${rfc3339Nano(started)} one\n${rfc3339Nano(started + 2000)} two\n`);
  });

  it("tailLines, limitBytes, sinceSeconds and sinceTime cut as the kubelet's ReadLogs does", async () => {
    const { cluster, clock, logs, status: st } = await start();
    cluster.apply(
      scripted(
        "counter",
        "echo line-1; sleep 10; echo line-2; sleep 10; echo line-3; sleep infinity",
      ),
    );
    clock.advance(STARTS_AFTER);
    expect(st("counter")?.state?.running).toBeDefined();
    const started = clock.now();
    clock.advance(25_000);
    expect((await logs("counter", "?tailLines=2")).text).toBe("line-2\nline-3\n");
    expect((await logs("counter", "?tailLines=0")).text).toBe("");
    expect((await logs("counter", "?tailLines=99")).text).toBe("line-1\nline-2\nline-3\n");
    // limitBytes cuts in the middle of a line, timestamps counted.
    expect((await logs("counter", "?limitBytes=9")).text).toBe("line-1\nli");
    const stamped = `${rfc3339Nano(started)} line-1\n`;
    expect((await logs("counter", "?timestamps=true&limitBytes=12")).text).toBe(
      stamped.slice(0, 12),
    );
    // now = started + 25 s: line-2 was printed 15 s ago, line-3 5 s ago.
    expect((await logs("counter", "?sinceSeconds=15")).text).toBe("line-2\nline-3\n");
    expect((await logs("counter", "?sinceSeconds=14")).text).toBe("line-3\n");
    // sinceTime reaches the kubelet in whole seconds (RFC 3339 without the fraction).
    const at = new Date(started + 10_000).toISOString().replace(/\.\d+Z$/, "Z");
    expect((await logs("counter", `?sinceTime=${at}`)).text).toBe("line-2\nline-3\n");
    // tail first, then since.
    expect((await logs("counter", "?tailLines=2&sinceSeconds=14")).text).toBe("line-3\n");
  });

  it("servers print their start-up, one access line per probe and a 404's error line", async () => {
    const { cluster, clock, logs, until, status: st } = await start();
    cluster.apply(
      pod("web", {
        containers: [
          {
            name: "app",
            image: "nginx:1.27",
            livenessProbe: { httpGet: { path: "/hello", port: 80 }, periodSeconds: 10 },
          },
        ],
      }),
    );
    until(() => st("web")?.state?.running !== undefined);
    clock.advance(12_000);
    const { text } = await logs("web");
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
    );
    expect(lines).toContain("/docker-entrypoint.sh: Configuration complete; ready for start up");
    const ip = (cluster.store.get("pods", "dev", "web") as unknown as { status: { podIP: string } })
      .status.podIP;
    const gw = ip.replace(/\.\d+$/, ".1");
    const access = lines.filter((l) => l.startsWith(`${gw} - - [`));
    expect(access.length).toBeGreaterThan(0);
    expect(access[0]).toMatch(
      new RegExp(
        `^${gw.replace(/\./g, "\\.")} - - \\[20/Nov/2026:09:00:\\d\\d \\+0000\\] "GET /hello HTTP/1\\.1" 404 153 "-" "kube-probe/1\\.34" "-"$`,
      ),
    );
    expect(
      lines.some((l) =>
        l.includes(
          `[error] 29#29: *1 open() "/usr/share/nginx/html/hello" failed (2: No such file or directory), client: ${gw}`,
        ),
      ),
    ).toBe(true);
    // Killed by its liveness probe: SIGTERM's lines end the instance's log.
    until(() => st("web")?.restartCount === 1);
    const prev = (await logs("web", "?previous=true")).text.trimEnd().split("\n");
    expect(prev[prev.length - 1]).toMatch(/ \[notice\] 1#1: exit$/);
    // SIGTERM's line when the kubelet sends it, the exit's when nginx exits (300 ms later).
    const term = prev.findIndex((l) => l.endsWith("signal 15 (SIGTERM) received, exiting"));
    expect(prev.slice(term + 1).map((l) => l.replace(/^\S+ \S+ /, ""))).toEqual([
      "[notice] 29#29: exiting",
      "[notice] 29#29: exit",
      "[notice] 1#1: signal 17 (SIGCHLD) received from 29",
      "[notice] 1#1: worker process 29 exited with code 0",
      "[notice] 1#1: exit",
    ]);
    const stamped = (await logs("web", "?previous=true&timestamps=true")).text
      .trimEnd()
      .split("\n");
    const at = (i: number) => Date.parse(stamped[i].split(" ")[0]);
    expect(at(stamped.length - 1) - at(term)).toBe(300);
    expect(prev).toContainEqual(expect.stringMatching(/signal 15 \(SIGTERM\) received, exiting$/));
  });

  it("a wget from another pod is an access line from its IP, and its errors are on its own log", async () => {
    const { cluster, clock, logs, until, status: st } = await start();
    cluster.apply(pod("web", { containers: [{ name: "app", image: "nginx:1.27" }] }));
    until(() => st("web")?.state?.running !== undefined);
    clock.advance(1000); // nginx listens 200 ms after its start
    cluster.apply(
      scripted(
        "client",
        "wget -q http://web/nope; wget -q http://web/; echo fetched; sleep infinity",
      ),
    );
    until(() => st("client")?.state?.running !== undefined);
    const ipOf = (name: string) =>
      (cluster.store.get("pods", "dev", name) as unknown as { status: { podIP: string } }).status
        .podIP;
    const access = (await logs("web")).text
      .split("\n")
      .filter((l) => l.startsWith(`${ipOf("client")} `));
    expect(access.map((l) => l.replace(/\[[^\]]+\]/, "[…]"))).toEqual([
      `${ipOf("client")} - - […] "GET /nope HTTP/1.1" 404 153 "-" "Wget" "-"`,
      `${ipOf("client")} - - […] "GET / HTTP/1.1" 200 615 "-" "Wget" "-"`,
    ]);
    expect((await logs("client")).text).toBe(
      "wget: server returned error: HTTP/1.1 404\nfetched\n",
    );
  });

  it("a crash's last words: a panic, and an out-of-memory line before OOMKilled", async () => {
    const { cluster, logs, until, status: st } = await start();
    cluster.apply(
      scripted(
        "panicky",
        "echo serving; sleep 5; panic runtime error: index out of range [3] with length 3",
      ),
    );
    cluster.apply(
      pod(
        "hungry",
        {
          containers: [
            { name: "app", image: "busybox:1.36", resources: { limits: { memory: "64Mi" } } },
          ],
        },
        { "lifeline.dev/script.app": "echo loading; alloc 40Mi; sleep 3; alloc 40Mi" },
      ),
    );
    until(() => st("panicky")?.restartCount === 1 && st("hungry")?.restartCount === 1);
    expect((await logs("panicky", "?previous=true")).text).toBe(
      "serving\npanic: runtime error: index out of range [3] with length 3\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:12 +0x1d\n",
    );
    expect((await logs("hungry", "?previous=true")).text).toBe(
      "loading\nfatal error: runtime: out of memory\n",
    );
  });

  it("keeps at most 64 KiB and 1,000 lines per instance (the newest)", async () => {
    const { cluster, clock, logs, until, status: st } = await start();
    const line = "x".repeat(99);
    cluster.apply(scripted("chatty", `until false; do echo ${line}; done`));
    until(() => st("chatty")?.state?.running !== undefined);
    clock.advance(5000); // one echo per ms: 5,000 lines of 100 bytes
    const { text } = await logs("chatty");
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(64 * 1024);
    expect(text.split("\n").filter(Boolean)).toHaveLength(Math.floor((64 * 1024) / 100));
    cluster.apply(scripted("short", `until false; do echo a; done`));
    until(() => st("short")?.state?.running !== undefined);
    clock.advance(5000);
    expect((await logs("short")).text.split("\n").filter(Boolean)).toHaveLength(1000);
  });
});

describe("pods/log: errors as kube-apiserver gives them", () => {
  it("validates the options first: 400 for what cannot be read, 422 for what is out of range", async () => {
    const { logs } = await start();
    // Parsing happens before the pod is looked up: no pod "ghost" is needed for these.
    expect((await logs("ghost", "?tailLines=abc")).body).toEqual(
      status(400, "BadRequest", 'strconv.ParseInt: parsing "abc": invalid syntax'),
    );
    expect((await logs("ghost", "?limitBytes=99999999999999999999")).body).toEqual(
      status(
        400,
        "BadRequest",
        'strconv.ParseInt: parsing "99999999999999999999": value out of range',
      ),
    );
    expect((await logs("ghost", "?sinceTime=yesterday")).body).toEqual(
      status(
        400,
        "BadRequest",
        'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
      ),
    );
    expect((await logs("ghost", "?sinceTime=2026-13-01T00:00:00Z")).body.message).toBe(
      'parsing time "2026-13-01T00:00:00Z": month out of range',
    );
    const invalid = (message: string, causes: unknown[]) =>
      status(422, "Invalid", `PodLogOptions "ghost" is invalid: ${message}`, {
        name: "ghost",
        kind: "PodLogOptions",
        causes,
      });
    expect((await logs("ghost", "?tailLines=-1")).body).toEqual(
      invalid("tailLines: Invalid value: -1: must be greater than or equal to 0", [
        {
          reason: "FieldValueInvalid",
          message: "Invalid value: -1: must be greater than or equal to 0",
          field: "tailLines",
        },
      ]),
    );
    expect((await logs("ghost", "?limitBytes=0&sinceSeconds=0")).body).toEqual(
      invalid(
        "[limitBytes: Invalid value: 0: must be greater than 0, sinceSeconds: Invalid value: 0: must be greater than 0]",
        [
          {
            reason: "FieldValueInvalid",
            message: "Invalid value: 0: must be greater than 0",
            field: "limitBytes",
          },
          {
            reason: "FieldValueInvalid",
            message: "Invalid value: 0: must be greater than 0",
            field: "sinceSeconds",
          },
        ],
      ),
    );
    expect((await logs("ghost", "?sinceSeconds=5&sinceTime=2026-11-20T09:00:00Z")).body).toEqual(
      invalid("[]: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified", [
        {
          reason: "FieldValueForbidden",
          message: "Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified",
          field: "[]",
        },
      ]),
    );
  });

  it("a missing pod is 404; a missing or unnamed container is 400 (LogLocation)", async () => {
    const { cluster, logs, until, status: st } = await start();
    expect((await logs("ghost")).body).toEqual(
      status(404, "NotFound", 'pods "ghost" not found', { name: "ghost", kind: "pods" }),
    );
    cluster.apply(
      pod("duo", {
        initContainers: [{ name: "setup", image: "busybox:1.36", command: ["true"] }],
        containers: [
          { name: "web", image: "nginx:1.27" },
          { name: "side", image: "busybox:1.36", command: ["sleep", "infinity"] },
        ],
      }),
    );
    expect((await logs("duo")).body).toEqual(
      status(
        400,
        "BadRequest",
        "a container name must be specified for pod duo, choose one of: [setup web side]",
      ),
    );
    expect((await logs("duo", "?container=db")).body).toEqual(
      status(400, "BadRequest", "container db is not valid for pod duo"),
    );
    // The init container is a container of the pod: its log is there once it ran.
    until(() => st("duo", "web")?.state?.running !== undefined);
    expect(await logs("duo", "?container=setup")).toMatchObject({ status: 200, text: "" });
  });

  it("the kubelet's refusals: waiting to start, no previous instance, pulls failing", async () => {
    const { cluster, clock, logs, until, status: st } = await start();
    cluster.apply(scripted("fresh", "sleep infinity"));
    clock.advance(1); // scheduled and synced: the sandbox is still being made
    expect((await logs("fresh")).body).toEqual(
      status(
        400,
        "BadRequest",
        'container "app" in pod "fresh" is waiting to start: ContainerCreating',
      ),
    );
    until(() => st("fresh")?.state?.running !== undefined);
    expect((await logs("fresh", "?previous=true")).body).toEqual(
      status(400, "BadRequest", 'previous terminated container "app" in pod "fresh" not found'),
    );
    cluster.apply(pod("typo", { containers: [{ name: "app", image: "ngnix:1.27" }] }));
    until(() => st("typo")?.state?.waiting?.reason === "ErrImagePull");
    expect((await logs("typo")).body.message).toBe(
      'container "app" in pod "typo" is waiting to start: image can\'t be pulled',
    );
    until(() => st("typo")?.state?.waiting?.reason === "ImagePullBackOff");
    expect((await logs("typo")).body).toEqual(
      status(
        400,
        "BadRequest",
        'container "app" in pod "typo" is waiting to start: trying and failing to pull image',
      ),
    );
    cluster.apply(
      pod("gated", {
        initContainers: [{ name: "wait", image: "busybox:1.36", command: ["sleep", "infinity"] }],
        containers: [{ name: "app", image: "busybox:1.36", command: ["sleep", "infinity"] }],
      }),
    );
    until(() => st("gated", "app")?.state?.waiting?.reason === "PodInitializing");
    expect((await logs("gated", "?container=app")).body.message).toBe(
      'container "app" in pod "gated" is waiting to start: PodInitializing',
    );
  });

  it("an unscheduled pod answers 204 with no body; a lost node's kubelet cannot be dialled (500)", async () => {
    const { cluster, clock, logs, until, status: st } = await start();
    cluster.apply(
      pod("huge", {
        containers: [
          { name: "app", image: "busybox:1.36", resources: { requests: { cpu: "64" } } },
        ],
      }),
    );
    clock.advance(1000);
    expect(await logs("huge")).toMatchObject({ status: 204, text: "" });
    cluster.apply(scripted("stranded", "echo hi; sleep infinity"));
    until(() => st("stranded")?.state?.running !== undefined);
    const node = (
      cluster.store.get("pods", "dev", "stranded") as unknown as { spec: { nodeName: string } }
    ).spec.nodeName;
    cluster.loseNode(node);
    const ip = (
      cluster.store.get("nodes", undefined, node) as unknown as {
        status: { addresses: { type: string; address: string }[] };
      }
    ).status.addresses.find((a) => a.type === "InternalIP")!.address;
    expect((await logs("stranded", "?tailLines=5&timestamps=true")).body).toEqual(
      status(
        500,
        "",
        `Get "https://${ip}:10250/containerLogs/dev/stranded/app?tailLines=5&timestamps=true": dial tcp ${ip}:10250: connect: no route to host`,
      ),
    );
  });

  it("other verbs on pods/log are 405, and discovery lists pods/log", async () => {
    const { cluster, logs } = await start();
    const res = await fetch(`${cluster.url}/api/v1/namespaces/dev/pods/x/log`, { method: "POST" });
    expect(res.status).toBe(405);
    const discovery = await (await fetch(`${cluster.url}/api/v1`)).json();
    expect(discovery.resources).toContainEqual({
      name: "pods/log",
      singularName: "",
      namespaced: true,
      kind: "Pod",
      verbs: ["get"],
    });
    expect((await logs("x")).status).toBe(404);
  });
});

describe("pods/log: follow", () => {
  it("streams new lines on the cluster clock and ends when the instance ends", async () => {
    const { cluster, clock, until, status: st } = await start();
    cluster.apply(scripted("tick", "echo a; sleep 5; echo b; sleep 5; echo c; exit 1"));
    until(() => st("tick")?.state?.running !== undefined);
    const res = await fetch(`${cluster.url}/api/v1/namespaces/dev/pods/tick/log?follow=true`);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const read = async () => {
      const { value, done } = await reader.read();
      return done ? null : decoder.decode(value);
    };
    expect(await read()).toBe("a\n");
    clock.advance(5000);
    expect(await read()).toBe("b\n");
    clock.advance(5000);
    expect(await read()).toBe("c\n");
    expect(await read()).toBeNull(); // the instance ended: so does the stream
  });

  it("limitBytes ends a follow; a client that disconnects releases it", async () => {
    const { cluster, clock, until, status: st } = await start();
    cluster.apply(scripted("tick", "until false; do echo tick; sleep 1; done"));
    until(() => st("tick")?.state?.running !== undefined);
    const res = await fetch(
      `${cluster.url}/api/v1/namespaces/dev/pods/tick/log?follow=true&tailLines=0&limitBytes=7`,
    );
    clock.advance(3000);
    expect(await res.text()).toBe("tick\nti");
    const nodeName = (
      cluster.store.get("pods", "dev", "tick") as unknown as { spec: { nodeName: string } }
    ).spec.nodeName;
    const log = cluster.kubelets
      .get(nodeName)!
      .worker("dev", "tick")!
      .containerLog("app", st("tick")!.containerID!)!;
    expect(log.followerCount()).toBe(0);
    const ctl = new AbortController();
    const open = await fetch(`${cluster.url}/api/v1/namespaces/dev/pods/tick/log?follow=true`, {
      signal: ctl.signal,
    });
    await open.body!.getReader().read();
    expect(log.followerCount()).toBe(1);
    ctl.abort();
    for (let i = 0; i < 50 && log.followerCount() > 0; i++)
      await new Promise((r) => setImmediate(r));
    expect(log.followerCount()).toBe(0);
  });
});

describe("pods/log: the seed stories and the scale pods", () => {
  it("memory-hog's previous run ends with its out-of-memory line; readiness-flapping says why", async () => {
    const clock = new ManualClock(T0);
    const cluster = await DemoCluster.start({
      scenarios: ["oom-killed", "readiness-flapping"],
      clock,
    });
    clusters.push(cluster);
    clock.advance(70_000);
    const get = async (pod: string, q = "") =>
      (await fetch(`${cluster.url}/api/v1/namespaces/dev/pods/${pod}/log${q}`)).text();
    expect(await get("memory-hog", "?previous=true")).toBe(
      "loading the dataset\nbuilding the index\nfatal error: runtime: out of memory\n",
    );
    // Started 1.8 s in: ok, degraded at 41.8 s, ok again at 61.8 s.
    expect(await get("api-flappy")).toBe(
      "listening on :8080\nhealth: ok\nhealth: degraded, upstream timed out\nhealth: ok\n",
    );
  });

  it("light scale pods print nothing; their errors are the kubelet's, from their status", async () => {
    const clock = new ManualClock(T0);
    const cluster = await DemoCluster.start({
      scenarios: [],
      clock,
      scale: { pods: 10, light: true },
    });
    clusters.push(cluster);
    clock.advance(2000);
    const name = (cluster.store.list("pods", "scale") as { metadata: { name: string } }[])[3]
      .metadata.name;
    const get = (q = "") =>
      fetch(`${cluster.url}/api/v1/namespaces/scale/pods/${name}/log${q}`).then(async (r) => ({
        status: r.status,
        text: await r.text(),
      }));
    expect(await get()).toEqual({ status: 200, text: "" });
    expect(JSON.parse((await get("?previous=true")).text).message).toBe(
      `previous terminated container "pause" in pod "${name}" not found`,
    );
    cluster.light!.kill(3);
    clock.advance(1000);
    expect(await get("?previous=true")).toEqual({ status: 200, text: "" });
  });

  it("a follow of the previous instance ends at once", async () => {
    const { cluster, logs, until, status: st } = await start();
    cluster.apply(scripted("once", "echo bye; exit 1"));
    until(() => st("once")?.restartCount === 1);
    expect(await logs("once", "?previous=true&follow=true")).toMatchObject({
      status: 200,
      text: "bye\n",
    });
  });
});

describe("pods/log: RBAC", () => {
  it("roles without pods/log answer 403 as kube-apiserver's authorizer words it", async () => {
    const clock = new ManualClock(T0);
    const cluster = await DemoCluster.start({
      scenarios: [],
      clock,
      rbac: { namespaces: ["dev"], logs: false },
    });
    clusters.push(cluster);
    cluster.apply(scripted("web", "echo up; sleep infinity"));
    clock.advance(STARTS_AFTER);
    const get = (path: string) =>
      fetch(`${cluster.url}/api/v1/namespaces/dev/pods/${path}`).then(async (r) => ({
        status: r.status,
        body: r.headers.get("content-type")?.includes("json") ? await r.json() : await r.text(),
      }));
    expect((await get("web")).status).toBe(200);
    expect(await get("web/log")).toEqual({
      status: 403,
      body: status(
        403,
        "Forbidden",
        'pods "web" is forbidden: User "system:serviceaccount:lifeline:lifeline" cannot get resource "pods/log" in API group "" in the namespace "dev"',
        { name: "web", kind: "pods" },
      ),
    });
    // Cluster-wide roles without pods/log: the same.
    cluster.rbac.set({ logs: false });
    expect((await get("web/log")).status).toBe(403);
    expect(cluster.rbac.denied.map((d) => `${d.verb} ${d.path}`)).toEqual([
      "get /api/v1/namespaces/dev/pods/web/log",
      "get /api/v1/namespaces/dev/pods/web/log",
    ]);
    // A role bound later: logs from the next request on.
    cluster.rbac.set({ namespaces: ["dev"] });
    expect(await get("web/log")).toEqual({ status: 200, body: "up\n" });
  });
});
