// `kubectl logs [-p] [-f] [--tail] [--timestamps] [-c]` against the demo cluster, and kubectl's
// rendering of the API server's refusals. Needs a kubectl binary (kubectl.test-kit.ts); without one
// these tests are skipped, saying why.
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { DemoCluster } from "../cluster";
import { T0 } from "../cluster.test-kit";
import { findKubectl } from "./kubectl.test-kit";
import { rfc3339Nano } from "./pod-log";

const run = promisify(execFile);
const kubectl = findKubectl("kubectl logs tests");

describe.skipIf(!kubectl)("kubectl logs against the demo cluster", () => {
  const clock = new ManualClock(T0);
  let cluster: DemoCluster;
  const args = (...rest: string[]) => ["--kubeconfig", cluster.kubeconfigPath, ...rest];
  const k = async (...rest: string[]) =>
    (await run(kubectl!, args(...rest), { timeout: 20_000 })).stdout;
  /** kubectl's exit and stderr when it fails. */
  const fails = async (...rest: string[]) => {
    try {
      await run(kubectl!, args(...rest), { timeout: 20_000 });
    } catch (err) {
      const e = err as { code: number; stderr: string };
      return { code: e.code, stderr: e.stderr.trim() };
    }
    throw new Error(`kubectl ${rest.join(" ")} succeeded`);
  };
  const containerStatus = (pod: string) =>
    (
      cluster.store.get("pods", "dev", pod) as {
        status?: { containerStatuses?: { restartCount: number; containerID?: string }[] };
      }
    )?.status?.containerStatuses?.[0];
  const pod = (name: string, script: string, extra: Record<string, unknown> = {}) =>
    cluster.apply({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, namespace: "dev", annotations: { "lifeline.dev/script.app": script } },
      spec: { containers: [{ name: "app", image: "busybox:1.36" }], ...extra },
    });

  beforeAll(async () => {
    cluster = await DemoCluster.start({ clock, scenarios: [] });
    pod("talker", "echo run started; sleep 10; echo about to fail; exit 3");
    pod("fresh", "echo up; sleep infinity");
    cluster.apply({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "typo", namespace: "dev" },
      spec: { containers: [{ name: "app", image: "ngnix:1.27" }] },
    });
    // busybox runs 1.8 s after creation; talker exits at 11.8 s and restarts.
    clock.advanceTo(T0 + 15_000);
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("prints the current instance, -p the previous one, --tail and --timestamps as asked", async () => {
    expect(containerStatus("talker")?.restartCount).toBe(1);
    expect(await k("logs", "fresh")).toBe("up\n");
    expect(await k("logs", "-p", "talker")).toBe("run started\nabout to fail\n");
    expect(await k("logs", "talker", "-c", "app")).toBe("run started\n");
    expect(await k("logs", "--previous", "--tail=1", "--timestamps", "talker")).toBe(
      `${rfc3339Nano(T0 + 11_800)} about to fail\n`,
    );
    expect(await k("logs", "--limit-bytes=5", "-p", "talker")).toBe("run s");
  }, 30_000);

  it("shows the API server's refusals as kubectl does", async () => {
    expect(await fails("logs", "-p", "fresh")).toEqual({
      code: 1,
      stderr:
        'Error from server (BadRequest): previous terminated container "app" in pod "fresh" not found',
    });
    expect(await fails("logs", "typo")).toEqual({
      code: 1,
      stderr: expect.stringMatching(
        /^Error from server \(BadRequest\): container "app" in pod "typo" is waiting to start: (image can't be pulled|trying and failing to pull image)$/,
      ),
    });
    // kubectl reads the pod first; its own resource builder words the 404.
    expect(await fails("logs", "ghost")).toEqual({
      code: 1,
      stderr: 'error: error from server (NotFound): pods "ghost" not found in namespace "dev"',
    });
    expect(await fails("logs", "fresh", "-c", "db")).toEqual({
      code: 1,
      stderr: expect.stringContaining("container db is not valid for pod fresh"),
    });
  }, 30_000);

  it("-f follows the instance on the cluster clock and returns when it ends", async () => {
    pod("tick", "echo a; sleep 5; echo b; sleep 5; echo c; exit 0", { restartPolicy: "Never" });
    clock.advance(1800);
    const child = spawn(kubectl!, args("logs", "-f", "tick"));
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    // Wait for kubectl to hold the stream open (it prints the first line), then move the clock.
    const node = (
      cluster.store.get("pods", "dev", "tick") as unknown as { spec: { nodeName: string } }
    ).spec.nodeName;
    const log = () =>
      cluster.kubelets
        .get(node)!
        .worker("dev", "tick")!
        .containerLog("app", containerStatus("tick")!.containerID!)!;
    for (let i = 0; i < 400 && log().followerCount() === 0; i++)
      await new Promise((r) => setTimeout(r, 25));
    expect(log().followerCount()).toBe(1);
    clock.advance(10_000);
    expect(await exited).toBe(0);
    expect(out).toBe("a\nb\nc\n");
    expect(log().followerCount()).toBe(0);
  }, 30_000);
});
