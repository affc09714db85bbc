// kubectl against the demo cluster: the seed scenarios print the STATUS the seeds describe.
// Needs a kubectl binary: $KUBECTL, /usr/bin/kubectl or one on PATH (.ci/run installs Debian's
// kubernetes-client when there is none); without one these tests are skipped, saying why.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { DemoCluster } from "../cluster";
import { T0 } from "../cluster.test-kit";
import { findKubectl } from "./kubectl.test-kit";

const run = promisify(execFile);
const kubectl = findKubectl("kubectl tests");

describe.skipIf(!kubectl)("kubectl against the demo cluster", () => {
  const clock = new ManualClock(T0);
  let cluster: DemoCluster;
  const k = async (...args: string[]) =>
    (await run(kubectl!, ["--kubeconfig", cluster.kubeconfigPath, ...args], { timeout: 20_000 }))
      .stdout;
  const statuses = async () => {
    const out = await k("get", "pods", "-o", "wide", "--no-headers");
    return Object.fromEntries(
      out
        .trim()
        .split("\n")
        .map((line) => {
          const cells = line.split(/\s+/);
          return [cells[0].replace(/-[bcdfghjklmnpqrstvwxz2456789]{5}$/, "-*"), cells[2]];
        }),
    );
  };

  beforeAll(async () => {
    cluster = await DemoCluster.start({ clock });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("prints each seed scenario's STATUS half a minute in", async () => {
    clock.advanceTo(T0 + 30_000);
    expect(await statuses()).toMatchObject({
      "pod-initcontainer": "Init:0/2",
      "pod-hook-exec": "Running",
      "pod-restartpolicy": "Completed",
      "web-typo": "ImagePullBackOff",
      "big-batch": "Pending",
      "memory-hog": "CrashLoopBackOff",
      "pi-*": "Completed",
    });
    const header = (await k("get", "pods", "-o", "wide")).split("\n")[0].split(/\s{2,}/);
    expect(header).toEqual([
      "NAME",
      "READY",
      "STATUS",
      "RESTARTS",
      "AGE",
      "IP",
      "NODE",
      "NOMINATED NODE",
      "READINESS GATES",
    ]);
    const restartpolicy = (await k("get", "pod", "pod-restartpolicy", "--no-headers")).split(/\s+/);
    expect(restartpolicy.slice(1, 4)).toEqual(["0/1", "Completed", "0"]);
  }, 30_000);

  it("shows the init containers finishing once mysql and redis exist, and the liveness failures restarting", async () => {
    clock.advanceTo(T0 + 130_000);
    const s = await statuses();
    expect(s["pod-initcontainer"]).toBe("Running");
    expect(s["mysql"]).toBe("Running");
    const line = (await k("get", "pod", "pod-liveness-httpget", "--no-headers"))
      .trim()
      .split(/\s+/);
    expect(Number(line[3])).toBeGreaterThanOrEqual(3);
    const events = await k(
      "get",
      "events",
      "--field-selector",
      "involvedObject.name=pod-liveness-httpget",
    );
    expect(events).toContain("Liveness probe failed: HTTP probe failed with statuscode: 404");
    const scheduling = await k("get", "events", "--field-selector", "reason=FailedScheduling");
    // node-4 is kept for the node-lost story by a taint big-batch does not tolerate.
    expect(scheduling).toContain(
      "0/4 nodes are available: 1 node(s) had untolerated taint {lifeline.dev/story: node-lost}, 3 Insufficient cpu.",
    );
  }, 30_000);

  it("creates and deletes a pod with kubectl create -f and kubectl delete pod", async () => {
    const manifest = JSON.stringify({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "from-kubectl" },
      spec: {
        containers: [
          {
            name: "app",
            image: "busybox:1.36",
            command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600"],
          },
        ],
      },
    });
    const child = run(kubectl!, ["--kubeconfig", cluster.kubeconfigPath, "create", "-f", "-"], {
      timeout: 20_000,
    });
    child.child.stdin!.end(manifest);
    expect((await child).stdout.trim()).toBe("pod/from-kubectl created");
    clock.advance(5000);
    expect((await statuses())["from-kubectl"]).toBe("Running");
    expect((await k("delete", "pod", "from-kubectl", "--wait=false")).trim()).toBe(
      'pod "from-kubectl" deleted',
    );
    clock.advance(1000);
    expect((await statuses())["from-kubectl"]).toBeUndefined();
  }, 30_000);
});
