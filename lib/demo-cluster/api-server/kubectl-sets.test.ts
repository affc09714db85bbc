// kubectl reading StatefulSets, DaemonSets and their ControllerRevisions from the demo cluster:
// the columns printers.go gives them, and `rollout history|status` reading the revisions.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { DemoCluster } from "../cluster";
import { T0 } from "../cluster.test-kit";
import { findKubectl } from "./kubectl.test-kit";

const run = promisify(execFile);
const kubectl = findKubectl("kubectl StatefulSet/DaemonSet tests");

describe.skipIf(!kubectl)("kubectl get sts, ds and controllerrevisions", () => {
  const clock = new ManualClock(T0);
  let cluster: DemoCluster;
  const k = async (...args: string[]) =>
    (await run(kubectl!, ["--kubeconfig", cluster.kubeconfigPath, ...args], { timeout: 20_000 }))
      .stdout;

  beforeAll(async () => {
    cluster = await DemoCluster.start({
      clock,
      scenarios: ["statefulset-blocked", "daemonset", "node-lost"],
    });
    clock.advanceTo(T0 + 300_000);
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("prints the StatefulSet's READY and the DaemonSet's counts, the lost node left out", async () => {
    expect(await k("get", "sts", "-n", "data", "-o", "wide")).toBe(
      [
        "NAME   READY   AGE   CONTAINERS   IMAGES",
        "db     1/3     5m    db           docker.1ms.run/library/busybox:1.36",
        "",
      ].join("\n"),
    );
    expect(await k("get", "ds", "-n", "infra")).toBe(
      [
        "NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE",
        "node-agent   3         3         3       3            3           <none>          5m",
        "",
      ].join("\n"),
    );
    const revisions = await k("get", "controllerrevisions", "-A");
    expect(revisions).toMatch(
      /^NAMESPACE +NAME +CONTROLLER +REVISION +AGE\ndata +db-[a-z0-9]+ +statefulset\.apps\/db +1 +5m\ninfra +node-agent-[a-z0-9]+ +daemonset\.apps\/node-agent +1 +5m\n$/,
    );
  }, 30_000);

  it("rollout history lists the revisions; rollout status waits on the blocked set", async () => {
    expect(await k("rollout", "history", "sts/db", "-n", "data")).toBe(
      "statefulset.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n\n",
    );
    const status = await run(
      kubectl!,
      [
        "--kubeconfig",
        cluster.kubeconfigPath,
        "rollout",
        "status",
        "sts/db",
        "-n",
        "data",
        "--timeout=1s",
      ],
      { timeout: 20_000 },
    ).catch((e: { stdout: string; stderr: string }) => e);
    expect(status.stdout).toContain("Waiting for 2 pods to be ready...");
    expect(status.stderr).toBe("error: timed out waiting for the condition\n");
  }, 30_000);
});
