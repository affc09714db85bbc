// kubectl changing StatefulSets and DaemonSets on the demo cluster: `apply -f` with a new image
// starts a rolling update, `rollout status` watches it to the end, `rollout history` and `undo`
// read and re-apply the ControllerRevisions, `scale` and `set image`. `rollout status` is a watch:
// the cluster's clock is moved on while kubectl waits, half a second at a time.
import { execFile } from "node:child_process";
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
const kubectl = findKubectl("kubectl rollout tests for StatefulSets and DaemonSets");
const NGINX = "docker.1ms.run/library/nginx";

const manifest = (
  kind: "StatefulSet" | "DaemonSet",
  name: string,
  image: string,
) => `apiVersion: apps/v1
kind: ${kind}
metadata: {name: ${name}, namespace: dev}
spec:
${kind === "StatefulSet" ? `  serviceName: ${name}\n  replicas: 3\n` : ""}  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: ${name}
        image: ${image}
        readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 2}
`;

describe.skipIf(!kubectl)("kubectl rollout on StatefulSets and DaemonSets", () => {
  const clock = new ManualClock(T0);
  const dir = mkdtempSync(join(tmpdir(), "lifeline-sets-"));
  let cluster: DemoCluster;
  const k = async (...args: string[]) => {
    const r = await run(kubectl!, ["--kubeconfig", cluster.kubeconfigPath, ...args], {
      timeout: 60_000,
    });
    return r.stdout;
  };
  /** Runs kubectl while the cluster's clock moves on, until kubectl returns. */
  const whileTimePasses = async (...args: string[]) => {
    let done = false;
    const out = k(...args).finally(() => (done = true));
    for (let i = 0; i < 1200 && !done; i++) {
      clock.advance(500);
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 2));
    }
    return out;
  };
  const apply = (kind: "StatefulSet" | "DaemonSet", name: string, image: string) => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, manifest(kind, name, image));
    return k("apply", "-f", file);
  };
  const images = (prefix: string) =>
    cluster.store
      .list("pods", "dev")
      .filter((p) => p.metadata.name.startsWith(`${prefix}-`))
      .map((p) => (p.spec as { containers: { image: string }[] }).containers[0].image);

  beforeAll(async () => {
    cluster = await DemoCluster.start({ clock, scenarios: [] });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("apply, rollout status, a new image rolled out, history, undo and scale on a StatefulSet", async () => {
    expect(await apply("StatefulSet", "web", `${NGINX}:1.27`)).toBe(
      "statefulset.apps/web created\n",
    );
    expect(await whileTimePasses("rollout", "status", "sts/web", "-n", "dev")).toContain(
      "partitioned roll out complete: 3 new pods have been updated...\n",
    );
    expect(await apply("StatefulSet", "web", `${NGINX}:1.28`)).toBe(
      "statefulset.apps/web configured\n",
    );
    expect(cluster.store.get("statefulsets", "dev", "web")!.metadata.generation).toBe(2);
    const status = await whileTimePasses("rollout", "status", "sts/web", "-n", "dev");
    expect(status).toContain("partitioned roll out complete: 3 new pods have been updated...\n");
    expect(images("web")).toEqual([`${NGINX}:1.28`, `${NGINX}:1.28`, `${NGINX}:1.28`]);
    expect(await k("rollout", "history", "sts/web", "-n", "dev")).toBe(
      "statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n",
    );
    expect(await k("rollout", "history", "sts/web", "-n", "dev", "--revision=1")).toContain(
      `Image:\t${NGINX}:1.27`,
    );
    expect(await k("rollout", "undo", "sts/web", "-n", "dev")).toBe(
      "statefulset.apps/web rolled back\n",
    );
    await whileTimePasses("rollout", "status", "sts/web", "-n", "dev");
    expect(images("web")).toEqual([`${NGINX}:1.27`, `${NGINX}:1.27`, `${NGINX}:1.27`]);
    // The undone revision 1 came back as revision 3 (history.go: an equal revision gets the next number).
    expect(await k("rollout", "history", "sts/web", "-n", "dev")).toBe(
      "statefulset.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n",
    );
    expect(await k("scale", "sts/web", "-n", "dev", "--replicas=1")).toBe(
      "statefulset.apps/web scaled\n",
    );
    await whileTimePasses("rollout", "status", "sts/web", "-n", "dev");
    expect(
      cluster.store
        .list("pods", "dev")
        .map((p) => p.metadata.name)
        .filter((n) => n.startsWith("web-")),
    ).toEqual(["web-0"]);
    expect(await k("get", "sts", "web", "-n", "dev", "--no-headers")).toMatch(/^web +1\/1 +\S+\n$/);
    // ValidateStatefulSetUpdate: serviceName is not among the fields an update may change.
    const refused = await k(
      "patch",
      "sts",
      "web",
      "-n",
      "dev",
      "-p",
      '{"spec":{"serviceName":"other"}}',
    ).catch((e: { stderr: string }) => e.stderr);
    expect(refused).toContain(
      "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  }, 120_000);

  it("apply, a new image rolled out, set image and undo on a DaemonSet", async () => {
    expect(await apply("DaemonSet", "agent", `${NGINX}:1.27`)).toBe(
      "daemonset.apps/agent created\n",
    );
    expect(await whileTimePasses("rollout", "status", "ds/agent", "-n", "dev")).toContain(
      'daemon set "agent" successfully rolled out\n',
    );
    expect(await apply("DaemonSet", "agent", `${NGINX}:1.28`)).toBe(
      "daemonset.apps/agent configured\n",
    );
    const ds = cluster.store.get("daemonsets", "dev", "agent")!;
    expect(ds.metadata.annotations?.["deprecated.daemonset.template.generation"]).toBe("2");
    const status = await whileTimePasses("rollout", "status", "ds/agent", "-n", "dev");
    expect(status).toContain('daemon set "agent" successfully rolled out\n');
    expect(images("agent")).toEqual([`${NGINX}:1.28`, `${NGINX}:1.28`, `${NGINX}:1.28`]);
    expect(await k("set", "image", "ds/agent", "-n", "dev", `agent=${NGINX}:1.29`)).toBe(
      "daemonset.apps/agent image updated\n",
    );
    await whileTimePasses("rollout", "status", "ds/agent", "-n", "dev");
    expect(images("agent")).toEqual([`${NGINX}:1.29`, `${NGINX}:1.29`, `${NGINX}:1.29`]);
    expect(await k("rollout", "undo", "ds/agent", "-n", "dev", "--to-revision=1")).toBe(
      "daemonset.apps/agent rolled back\n",
    );
    await whileTimePasses("rollout", "status", "ds/agent", "-n", "dev");
    expect(images("agent")).toEqual([`${NGINX}:1.27`, `${NGINX}:1.27`, `${NGINX}:1.27`]);
    expect(await k("rollout", "history", "ds/agent", "-n", "dev")).toBe(
      "daemonset.apps/agent \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n4         <none>\n\n",
    );
  }, 120_000);
});
