import { describe, expect, it } from "vitest";
import { Kit, podManifest, runs } from "../cluster.test-kit";

const BUSYBOX = "busybox:1.36";
const NGINX = "nginx:1.27";

function unhealthy(kit: Kit, pod: string) {
  return kit.events(pod, "Unhealthy").map((e) => ({ message: e.message, count: e.count }));
}

describe("probes", () => {
  it("exec liveness: the classic /tmp/healthy pod is killed after failureThreshold failures and restarted", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("liveness-exec", {
        containers: [
          {
            name: "liveness",
            image: BUSYBOX,
            command: [
              "/bin/sh",
              "-c",
              "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600",
            ],
            livenessProbe: {
              exec: { command: ["cat", "/tmp/healthy"] },
              initialDelaySeconds: 5,
              periodSeconds: 5,
            },
          },
        ],
      }),
    );
    kit.at(77);
    const [first, second] = runs(kit, "liveness-exec", "liveness");
    // Started at 1.8 s; probes every 5 s from 6.8 s. The file goes at 31.8 s, just before that
    // instant's probe (the script's timer was set first), so failures at 31.8, 36.8, 41.8 s.
    expect(first.start).toBe(1800);
    expect(first.end).toBe(41_800 + 30_000);
    expect(unhealthy(kit, "liveness-exec")).toEqual([
      { message: "Liveness probe failed: cat: /tmp/healthy: No such file or directory", count: 3 },
    ]);
    expect(kit.events("liveness-exec", "Killing")[0].message).toBe(
      "Container liveness failed liveness probe, will be restarted",
    );
    expect(second.start).toBe(72_800);
    kit.at(120);
    const r = runs(kit, "liveness-exec", "liveness");
    // `sh` as PID 1 ignores SIGTERM: killed after the 30 s grace period with 137, then restarted at once.
    expect(r[0].to).toBe("terminated:Error(137)");
    expect(r[1].start).toBe(r[0].end! + 1000);
    expect(kit.container("liveness-exec", "liveness")!.restartCount).toBe(1);
  });

  it("tcpSocket liveness against a closed port reports connection refused and restarts nginx (exit 0 on SIGTERM)", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("tcp", {
        containers: [
          {
            name: "nginx",
            image: NGINX,
            ports: [{ containerPort: 80 }],
            livenessProbe: { tcpSocket: { port: 8080 } },
          },
        ],
      }),
    );
    kit.at(25);
    const ip = kit.pod("tcp")!.status!.podIP;
    expect(unhealthy(kit, "tcp")[0]).toEqual({
      message: `Liveness probe failed: dial tcp ${ip}:8080: connect: connection refused`,
      count: 3,
    });
    const [first] = runs(kit, "tcp", "nginx");
    // Started 3.1 s; probes at 4.1, 14.1, 24.1 → SIGTERM; nginx stops in 0.3 s.
    expect(first.end).toBe(24_400);
    expect(first.to).toBe("terminated:Completed(0)");
    kit.at(26);
    expect(kit.container("tcp", "nginx")!.restartCount).toBe(1);
  });

  it("httpGet readiness on a 404 path keeps the pod unready without restarting it", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("http", {
        containers: [
          {
            name: "nginx",
            image: NGINX,
            readinessProbe: { httpGet: { path: "/hello", port: 80 }, periodSeconds: 5 },
          },
        ],
      }),
    );
    kit.at(60);
    expect(kit.status("http")).toBe("Running");
    expect(kit.container("http", "nginx")).toMatchObject({ ready: false, restartCount: 0 });
    expect(kit.condition("http", "Ready")).toBe("False");
    expect(unhealthy(kit, "http")[0].message).toBe(
      "Readiness probe failed: HTTP probe failed with statuscode: 404",
    );
  });

  it("httpGet against a named port that nginx serves passes, and the pod turns Ready", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("ok", {
        containers: [
          {
            name: "nginx",
            image: NGINX,
            ports: [{ name: "web", containerPort: 80 }],
            readinessProbe: { httpGet: { path: "/", port: "web" }, periodSeconds: 5 },
          },
        ],
      }),
    );
    kit.at(10);
    expect(kit.container("ok", "nginx")!.ready).toBe(true);
    expect(kit.condition("ok", "Ready")).toBe("True");
    expect(unhealthy(kit, "ok")).toEqual([]);
  });

  it("readiness successThreshold: ready only after that many successes in a row", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("slow-ready", {
        containers: [
          {
            name: "nginx",
            image: NGINX,
            readinessProbe: {
              httpGet: { path: "/", port: 80 },
              periodSeconds: 2,
              successThreshold: 3,
            },
          },
        ],
      }),
    );
    const readyAt = () =>
      kit.truth("slow-ready", "container.ready").find((e) => e.to === "true")?.at;
    kit.at(30);
    // Started 3.1 s; successes at 4.1, 6.1, 8.1.
    expect(readyAt()! - kit.clock.now() + 30_000 - 8_100).toBe(0);
  });

  it("readiness flaps with a scripted server, without restarts", () => {
    const kit = new Kit();
    kit.apply(
      podManifest(
        "flappy",
        {
          containers: [
            {
              name: "api",
              image: BUSYBOX,
              readinessProbe: {
                httpGet: { path: "/healthz", port: 8080 },
                periodSeconds: 5,
                failureThreshold: 2,
              },
            },
          ],
        },
        {
          "lifeline.dev/script.api":
            "listen 8080; while true; do serve 8080 /healthz 200; sleep 40; serve 8080 /healthz 503; sleep 20; done",
        },
      ),
    );
    kit.at(200);
    const flips = kit.truth("flappy", "container.ready").map((e) => e.to);
    expect(flips.slice(0, 5)).toEqual(["true", "false", "true", "false", "true"]);
    expect(kit.container("flappy", "api")!.restartCount).toBe(0);
  });

  it("startup probe holds liveness back, and kills the container after failureThreshold × period", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("slow-start", {
        containers: [
          {
            name: "app",
            image: BUSYBOX,
            command: ["sleep", "infinity"],
            startupProbe: {
              exec: { command: ["test", "-f", "/tmp/started"] },
              periodSeconds: 2,
              failureThreshold: 5,
            },
            livenessProbe: { exec: { command: ["false"] }, periodSeconds: 1, failureThreshold: 1 },
          },
        ],
      }),
    );
    kit.at(41);
    const [first] = runs(kit, "slow-start", "app");
    const events = kit.events("slow-start", "Unhealthy").map((e) => e.message);
    expect(events).toEqual(["Startup probe failed: "]);
    expect(kit.events("slow-start", "Unhealthy")[0].count).toBeGreaterThanOrEqual(5);
    expect(kit.events("slow-start", "Killing")[0].message).toBe(
      "Container app failed startup probe, will be restarted",
    );
    // Probes at 2.8, 4.8, 6.8, 8.8, 10.8 fail; the kill then waits out the 30 s grace (sleep ignores SIGTERM).
    expect(first.end).toBe(10_800 + 30_000);
    expect(kit.container("slow-start", "app")!.started).toBe(false);
  });

  it("an exec probe slower than timeoutSeconds fails as timed out", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("slow-probe", {
        containers: [
          {
            name: "app",
            image: BUSYBOX,
            command: ["sleep", "infinity"],
            readinessProbe: { exec: { command: ["sleep", "5"] }, timeoutSeconds: 2 },
          },
        ],
      }),
    );
    kit.at(15);
    expect(unhealthy(kit, "slow-probe")[0].message).toBe(
      'Readiness probe failed: command "sleep 5" timed out',
    );
  });

  it("initialDelaySeconds delays the first probe", () => {
    const kit = new Kit();
    kit.apply(
      podManifest("delayed", {
        containers: [
          {
            name: "nginx",
            image: NGINX,
            readinessProbe: { httpGet: { path: "/", port: 80 }, initialDelaySeconds: 20 },
          },
        ],
      }),
    );
    kit.at(22);
    expect(kit.container("delayed", "nginx")!.ready).toBe(false);
    kit.at(24);
    expect(kit.container("delayed", "nginx")!.ready).toBe(true);
    expect(
      kit.cluster.truth.query({ name: "delayed", what: "probe" })[0].at -
        Date.parse("2026-11-20T09:00:00Z"),
    ).toBe(23_100);
  });
});
