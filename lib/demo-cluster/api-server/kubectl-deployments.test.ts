// kubectl driving Deployments on the demo cluster: apply (create, then a changed image), get with
// its columns, set image, scale, rollout status|history|undo|restart|pause|resume. The cluster runs
// on a ManualClock; while a kubectl that waits (rollout status) runs, the test moves the clock.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { DemoCluster } from "../cluster";
import { T0 } from "../cluster.test-kit";
import { findKubectl } from "./kubectl.test-kit";

const run = promisify(execFile);
const kubectl = findKubectl("kubectl Deployment tests");

const manifest = (image: string, extra = "") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: dev
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ${image}
${extra}`;

describe.skipIf(!kubectl)("kubectl and Deployments on the demo cluster", () => {
  const clock = new ManualClock(T0);
  let cluster: DemoCluster;
  const dir = mkdtempSync(join(tmpdir(), "lifeline-deploy-"));
  const k = async (...args: string[]) =>
    (
      await run(kubectl!, ["--kubeconfig", cluster.kubeconfigPath, "-n", "dev", ...args], {
        timeout: 20_000,
      })
    ).stdout;
  const apply = (text: string) => {
    const file = join(dir, "web.yaml");
    writeFileSync(file, text);
    return k("apply", "-f", file);
  };
  /** Runs a kubectl that waits, moving the cluster clock a second at a time until it exits. */
  const waiting = async (...args: string[]) => {
    const child = spawn(kubectl!, ["--kubeconfig", cluster.kubeconfigPath, "-n", "dev", ...args]);
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    let code: number | null | undefined;
    child.on("close", (c) => (code = c));
    for (let i = 0; i < 2000 && code === undefined; i++) {
      await new Promise((r) => setTimeout(r, 10));
      if (i >= 20) clock.advance(1000);
    }
    if (code === undefined) child.kill();
    return { code, out, err };
  };
  const rsTable = async () =>
    (await k("get", "rs", "--no-headers"))
      .trim()
      .split("\n")
      .map((l) => l.split(/\s+/).slice(0, 4).join(" "));

  beforeAll(async () => {
    cluster = await DemoCluster.start({ clock, scenarios: [] });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("apply creates, get prints kubectl's columns, a changed image rolls out, rollout status waits for it", async () => {
    expect(await apply(manifest("nginx:1.27"))).toBe("deployment.apps/web created\n");
    clock.advance(30_000);
    const table = (await k("get", "deploy", "-o", "wide")).split("\n");
    expect(table[0].split(/\s{2,}/)).toEqual([
      "NAME",
      "READY",
      "UP-TO-DATE",
      "AVAILABLE",
      "AGE",
      "CONTAINERS",
      "IMAGES",
      "SELECTOR",
    ]);
    expect(table[1].split(/\s+/)).toEqual([
      "web",
      "3/3",
      "3",
      "3",
      "30s",
      "web",
      "nginx:1.27",
      "app=web",
    ]);
    expect(await apply(manifest("nginx:1.28"))).toBe("deployment.apps/web configured\n");
    const status = await waiting("rollout", "status", "deploy/web");
    expect(status.code).toBe(0);
    const lines = status.out.trim().split("\n");
    expect(lines[lines.length - 1]).toBe('deployment "web" successfully rolled out');
    for (const line of lines.slice(0, -1))
      expect(line).toMatch(
        /^Waiting for deployment (spec update to be observed|"web" rollout to finish: (\d+ out of 3 new replicas have been updated|\d+ old replicas are pending termination|\d+ of 3 updated replicas are available))\.\.\.$/,
      );
    expect((await rsTable()).map((l) => l.replace(/^web-\w+ /, "")).sort()).toEqual([
      "0 0 0",
      "3 3 3",
    ]);
    expect(
      await k(
        "get",
        "deploy",
        "web",
        "-o",
        "jsonpath={.metadata.generation} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}",
      ),
    ).toBe("2 2");
  }, 60_000);

  it("set image, scale, rollout history and undo (the old ReplicaSet comes back as revision 4)", async () => {
    expect(await k("set", "image", "deploy/web", "web=nginx:1.29")).toBe(
      "deployment.apps/web image updated\n",
    );
    expect((await waiting("rollout", "status", "deploy/web")).code).toBe(0);
    expect(await k("scale", "deploy/web", "--replicas=5")).toBe("deployment.apps/web scaled\n");
    clock.advance(20_000);
    expect((await k("get", "deploy", "web", "--no-headers")).split(/\s+/).slice(0, 4)).toEqual([
      "web",
      "5/5",
      "5",
      "5",
    ]);
    const history = await k("rollout", "history", "deploy/web");
    expect(history).toBe(
      "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n3         <none>\n\n",
    );
    expect(await k("rollout", "history", "deploy/web", "--revision=2")).toContain("nginx:1.28");
    expect(await k("rollout", "undo", "deploy/web")).toBe("deployment.apps/web rolled back\n");
    expect((await waiting("rollout", "status", "deploy/web")).code).toBe(0);
    expect(
      await k("get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}"),
    ).toBe("nginx:1.28");
    expect(await k("rollout", "history", "deploy/web")).toBe(
      "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n3         <none>\n4         <none>\n\n",
    );
    const events = await k(
      "get",
      "events",
      "--field-selector",
      "involvedObject.kind=Deployment",
      "-o",
      'jsonpath={range .items[*]}{.reason} {.message}{"\\n"}{end}',
    );
    // The core/v1 recorder's aggregation: past 10 similar events (same object and reason) in 10
    // minutes, one "(combined from similar events)" event follows the newest message.
    expect(events.split("\n")[0]).toMatch(
      /^ScalingReplicaSet Scaled up replica set web-\w+ from 0 to 3$/,
    );
    expect(events).toMatch(
      /^ScalingReplicaSet \(combined from similar events\): Scaled (up|down) replica set web-\w+ from \d+ to \d+$/m,
    );
  }, 60_000);

  it("rollout pause holds a change back, resume rolls it out, restart rolls the same image again", async () => {
    expect(await k("rollout", "pause", "deploy/web")).toBe("deployment.apps/web paused\n");
    await k("set", "image", "deploy/web", "web=nginx:1.30");
    clock.advance(30_000);
    expect(
      await k(
        "get",
        "deploy",
        "web",
        "-o",
        'jsonpath={.status.conditions[?(@.type=="Progressing")].reason}',
      ),
    ).toBe("DeploymentPaused");
    expect((await rsTable()).filter((l) => !l.includes(" 0 0 0"))).toHaveLength(1);
    expect(await k("rollout", "resume", "deploy/web")).toBe("deployment.apps/web resumed\n");
    expect((await waiting("rollout", "status", "deploy/web")).code).toBe(0);
    const rsBefore = (await rsTable()).length;
    expect(await k("rollout", "restart", "deploy/web")).toBe("deployment.apps/web restarted\n");
    expect((await waiting("rollout", "status", "deploy/web")).code).toBe(0);
    expect((await rsTable()).length).toBe(rsBefore + 1);
    expect(
      await k("get", "deploy", "web", "-o", "jsonpath={.spec.template.metadata.annotations}"),
    ).toMatch(/kubectl.kubernetes.io\/restartedAt/);
  }, 60_000);

  it("rollout status reports a rollout stuck past its deadline as kubectl does", async () => {
    await k("patch", "deploy/web", "-p", '{"spec":{"progressDeadlineSeconds":30}}');
    await k("set", "image", "deploy/web", "web=ngnix:1.30");
    const stuck = await waiting("rollout", "status", "deploy/web");
    expect(stuck.code).toBe(1);
    expect(stuck.err).toBe('error: deployment "web" exceeded its progress deadline\n');
    expect(await k("rollout", "undo", "deploy/web")).toBe("deployment.apps/web rolled back\n");
    expect((await waiting("rollout", "status", "deploy/web")).code).toBe(0);
  }, 60_000);
});
