// The kubelet's work on one pod: sandbox, image pulls, init containers in order, sidecars, main
// containers, hooks, probes, restarts with back-off, graceful termination — and the pod status it
// reports after every change. All timing comes from the cluster clock.
import type { Pod } from "../../k8s/types";
import { formatTime } from "../../k8s/time";
import {
  containerRef,
  crashLoopWait,
  gracePeriodMs,
  missingConfig,
  startProcess,
  newRun,
  RELIST_MS,
  willRestart,
  type Run,
} from "./container-run";
import { pullThenStart } from "./image-puller";
import type { Timer } from "../clock";
import type { NodeRuntime } from "./kubelet";
import { runHook } from "./handlers";
import { digest, type ImageInfo } from "../runtime/images";
import {
  assemblePodStatus,
  exitedStatus,
  podPhase,
  startedStatus,
  waitingStatus,
  type ContainerView,
} from "./pod-status";
import { probeTitle, startProbes } from "./probe-worker";
import { Process, type Exit } from "../runtime/process";
import type { KubeObject } from "../api-server/store";
import { recordPodStatus, type TruthSubject } from "../truth";
import { PodNetwork } from "../runtime/world";
import type { ContainerLog } from "../runtime/container-log";

const SANDBOX_MS = 1000;
const MIN_GRACE_AFTER_PRESTOP_MS = 2000;

export class PodWorker {
  readonly net = new PodNetwork();
  private readonly runs: Run[];
  private sandbox: "none" | "creating" | "ready" = "none";
  private terminating = false;
  private frozen = false;
  private done = false;
  private phase = "Pending";
  private timers: Timer[] = [];
  private startTime?: string;

  constructor(
    private pod: Pod,
    private readonly rt: NodeRuntime,
  ) {
    const spec = pod.spec ?? {};
    this.runs = [
      ...(spec.initContainers ?? []).map((c) =>
        newRun(c, c.restartPolicy === "Always" ? "sidecar" : "init", pod, rt.crashLoopBackOff),
      ),
      ...(spec.containers ?? []).map((c) => newRun(c, "main", pod, rt.crashLoopBackOff)),
    ];
  }

  get uid(): string {
    return this.pod.metadata?.uid ?? "";
  }
  get name(): string {
    return this.pod.metadata?.name ?? "";
  }
  get namespace(): string {
    return this.pod.metadata?.namespace ?? "";
  }

  /** The API object changed (e.g. deletion requested). */
  update(pod: Pod): void {
    this.pod = pod;
    this.sync();
  }

  /** The node was lost: nothing reaches the API any more until thaw(). */
  freeze(): void {
    this.frozen = true;
  }

  thaw(pod: Pod | undefined): void {
    this.frozen = false;
    if (!pod) return this.forgetAll();
    this.pod = pod;
    this.sync();
  }

  /** The container's process dies at once (exit 137), as if the runtime killed it. */
  crash(container: string): boolean {
    const r = this.runs.find((x) => x.spec.name === container);
    if (!r?.process || r.killTimer) return false;
    r.process.kill();
    return true;
  }

  /** The kept log of a container instance, by the containerID its status names. */
  containerLog(container: string, containerID: string): ContainerLog | undefined {
    const r = this.runs.find((x) => x.spec.name === container);
    return r?.logs.find((l) => l.containerID === containerID);
  }

  /** Stops every timer (the cluster is shutting down). */
  dispose(): void {
    this.done = true;
    for (const t of this.timers) t.cancel();
    for (const r of this.runs) {
      r.timer?.cancel();
      r.killTimer?.cancel();
      for (const p of r.probes) p.stop();
      r.process?.kill();
    }
  }

  private later(ms: number, fn: () => void): Timer {
    const t = this.rt.clock.at(this.rt.clock.now() + ms, () => {
      if (!this.done && !this.frozen) fn();
    });
    this.timers.push(t);
    if (this.timers.length > 64)
      this.timers = this.timers.filter((x) => x.at >= this.rt.clock.now());
    return t;
  }

  // ---- the sync loop ------------------------------------------------------------------------

  sync(): void {
    if (this.done || this.frozen) return;
    if (this.pod.metadata?.deletionTimestamp) return this.terminate();
    if (this.phase === "Succeeded" || this.phase === "Failed") return;
    if (this.sandbox === "none") {
      this.sandbox = "creating";
      this.startTime = formatTime(this.rt.clock.now());
      this.writeStatus();
      this.later(SANDBOX_MS, () => {
        this.sandbox = "ready";
        this.net.ip = this.rt.allocateIP();
        this.writeStatus();
        this.sync();
      });
      return;
    }
    if (this.sandbox !== "ready") return;
    if (!this.syncInit()) return this.writeStatus();
    const mains = this.runs.filter((r) => r.kind === "main");
    for (const r of mains) this.syncMain(r);
    if (
      mains.every(
        (r) =>
          !r.process &&
          !r.busy &&
          !willRestart(r, this.restartPolicy, this.terminating) &&
          r.runs > 0,
      )
    ) {
      // Every main container is done for good: sidecars are stopped and the pod becomes terminal.
      const sidecars = this.runs.filter((r) => r.kind === "sidecar" && r.process);
      for (const r of sidecars)
        this.stopContainer(r, `Stopping container ${r.spec.name}`, this.graceMs());
      if (sidecars.length === 0) this.phase = podPhase(this.restartPolicy, this.views(), true);
    }
    this.writeStatus();
  }

  /** Init containers one at a time, sidecars started in order; true once all are done. */
  private syncInit(): boolean {
    for (const r of this.runs) {
      if (r.kind === "init") {
        if (r.status.state?.terminated?.exitCode === 0) continue;
        if (r.process || r.busy) return false;
        if (r.runs > 0 && this.restartPolicy === "Never") {
          this.phase = "Failed";
          return false;
        }
        this.ensureStarted(r);
        return false;
      }
      if (r.kind === "sidecar") {
        if (r.process && r.status.started) continue;
        if (!r.process && !r.busy) this.ensureStarted(r);
        return false;
      }
    }
    return true;
  }

  private syncMain(r: Run): void {
    if (r.process || r.busy) return;
    if (r.runs === 0 || willRestart(r, this.restartPolicy, this.terminating)) this.ensureStarted(r);
  }

  private get restartPolicy(): string {
    return this.pod.spec?.restartPolicy ?? "Always";
  }

  // ---- starting a container -------------------------------------------------------------------

  private ensureStarted(r: Run): void {
    const now = this.rt.clock.now();
    if (r.runs > 0 && r.lastFinish !== undefined) {
      if (now < r.lastFinish + RELIST_MS) return this.wake(r, r.lastFinish + RELIST_MS);
      const wait = crashLoopWait(r, r.lastFinish, now, this.podRef());
      if (wait) {
        if (!r.hookError) this.setWaiting(r, "CrashLoopBackOff", wait.waiting);
        this.event(r, "BackOff", wait.event, "Warning");
        return this.wake(r, wait.until);
      }
      r.crash.next(r.lastFinish, now);
    }
    this.pullThenStart(r);
  }

  private wake(r: Run, at: number): void {
    r.busy = true;
    r.timer?.cancel();
    r.timer = this.later(Math.max(0, at - this.rt.clock.now()), () => {
      r.busy = false;
      this.sync();
    });
  }

  private pullThenStart(r: Run): void {
    pullThenStart(r, {
      clock: this.rt.clock,
      images: this.rt.images,
      terminating: () => this.terminating,
      event: (reason, message, type) => this.event(r, reason, message, type),
      setWaiting: (reason, message) => this.setWaiting(r, reason, message),
      wake: (at) => this.wake(r, at),
      later: (ms, fn) => void this.later(ms, fn),
      create: (found) => this.create(r, found),
      sync: () => this.sync(),
      writeStatus: () => this.writeStatus(),
    });
  }

  private create(r: Run, found: { info: ImageInfo; imageID: string } | undefined): void {
    if (this.terminating) return;
    const missing = missingConfig(r.spec);
    if (missing) {
      this.event(r, "Failed", `Error: ${missing}`, "Warning");
      this.setWaiting(r, "CreateContainerConfigError", missing);
      // The kubelet retries on its next sync of the pod.
      return this.wake(r, this.rt.clock.now() + 12_000);
    }
    const now = this.rt.clock.now();
    r.image = found?.info;
    r.status = startedStatus(r.spec, r.status, {
      startedAt: formatTime(now),
      restartCount: r.runs,
      imageID: found?.imageID ?? "",
      containerID: `containerd://${digest(`${this.uid}/${r.spec.name}/${r.runs}`)}`,
    });
    r.runs++;
    r.hookError = undefined;
    this.event(r, "Created", `Created container ${r.spec.name}`);
    this.event(r, "Started", `Started container ${r.spec.name}`);
    const world = startProcess(r, this.pod, this.net, this.rt, (proc, exit) =>
      this.exited(r, proc, exit),
    );
    const hook = r.spec.lifecycle?.postStart;
    if (hook) {
      const result = runHook(hook, r.spec, world, this.graceMs(), this.podRef());
      if (!result.ok) {
        this.event(r, "FailedPostStartHook", result.message, "Warning");
        r.hookError = result.message;
        this.stopContainer(r, "FailedPostStartHook", this.graceMs());
        return;
      }
    }
    this.startProbes(r, now);
  }

  // ---- probes ---------------------------------------------------------------------------------

  private startProbes(r: Run, startedAt: number): void {
    r.probes = startProbes(r, r.world!, this.rt.clock, startedAt, {
      ran: (kind, result) => {
        this.rt.truth.add({
          ...this.subject(),
          what: "probe",
          container: r.spec.name,
          to: result.ok ? "success" : "failure",
          detail: { probe: kind, output: result.output },
        });
        if (!result.ok)
          this.event(
            r,
            "Unhealthy",
            `${probeTitle(kind)} probe failed: ${result.output}`,
            "Warning",
          );
      },
      failed: (kind, graceMs) =>
        this.stopContainer(
          r,
          `Container ${r.spec.name} failed ${kind} probe, will be restarted`,
          graceMs ?? this.graceMs(),
        ),
      changed: () => {
        this.writeStatus();
        this.sync();
      },
    });
  }

  // ---- stopping -------------------------------------------------------------------------------

  /** Killing event, preStop hook, SIGTERM, and SIGKILL when the grace period runs out. */
  private stopContainer(r: Run, message: string, graceMs: number): void {
    const proc = r.process;
    if (!proc || r.killTimer) return;
    for (const p of r.probes) p.stop();
    if (r.status.ready) {
      r.status.ready = false;
      this.writeStatus();
    }
    this.event(r, "Killing", message);
    let termAfter = 0;
    const preStop = r.spec.lifecycle?.preStop;
    if (preStop && r.world) {
      const result = runHook(preStop, r.spec, r.world, graceMs, this.podRef());
      termAfter = Math.min(result.elapsedMs, graceMs);
      if (!result.ok) this.event(r, "FailedPreStopHook", result.message, "Warning");
    }
    const killAt = Math.max(graceMs, termAfter + (preStop ? MIN_GRACE_AFTER_PRESTOP_MS : 0));
    this.later(termAfter, () => proc.term());
    r.killTimer = this.later(killAt, () => proc.kill());
  }

  private exited(r: Run, proc: Process, exit: Exit): void {
    if (this.done || r.process !== proc) return;
    if (this.frozen) {
      // Nobody reports anything while the node is lost; the next sync after thaw sees the exit.
      this.later(0, () => this.exited(r, proc, exit));
      return;
    }
    const now = this.rt.clock.now();
    r.killTimer?.cancel();
    r.killTimer = undefined;
    r.process = undefined;
    for (const p of r.probes) p.stop();
    r.probes = [];
    r.lastFinish = now;
    r.status = exitedStatus(r.status, r.kind, exit, formatTime(now), r.hookError);
    this.writeStatus();
    this.sync();
  }

  private terminate(): void {
    const grace = this.graceMs();
    if (!this.terminating) {
      this.terminating = true;
      for (const r of this.runs) {
        r.timer?.cancel();
        r.busy = false;
      }
      for (const r of this.runs.filter((x) => x.kind !== "sidecar"))
        this.stopContainer(r, `Stopping container ${r.spec.name}`, grace);
    }
    const mainsRunning = this.runs.some((r) => r.kind !== "sidecar" && r.process);
    if (!mainsRunning)
      for (const r of this.runs.filter((x) => x.kind === "sidecar"))
        this.stopContainer(r, `Stopping container ${r.spec.name}`, grace);
    if (this.runs.some((r) => r.process)) return;
    // Everything has stopped: report the terminal phase, then ask the API to finish the deletion.
    this.phase =
      this.sandbox === "ready" || this.runs.some((r) => r.runs > 0)
        ? podPhase(this.restartPolicy, this.views(), true)
        : this.phase;
    this.writeStatus();
    this.later(0, () => this.forgetAll());
  }

  private forgetAll(): void {
    if (this.done) return;
    this.dispose();
    const gone = this.rt.store.remove("pods", this.namespace, this.name);
    if (gone) this.rt.truth.add({ ...this.subject(), what: "pod.deleted" });
    this.rt.forget(this.uid);
  }

  private graceMs(): number {
    return gracePeriodMs(this.pod);
  }

  // ---- status ---------------------------------------------------------------------------------

  private setWaiting(r: Run, reason: string, message?: string): void {
    r.status = waitingStatus(r.status, reason, message);
    this.writeStatus();
  }

  private views(): ContainerView[] {
    return this.runs.map((r) => ({
      name: r.spec.name ?? "",
      kind: r.kind,
      status: r.status,
      restarts:
        r.kind === "main" &&
        r.runs > 0 &&
        !r.process &&
        willRestart(r, this.restartPolicy, this.terminating),
    }));
  }

  /** Writes the pod status if it changed, and logs each transition to the ground truth. */
  writeStatus(): void {
    if (this.done || this.frozen) return;
    const now = this.rt.clock.now();
    const at = formatTime(now);
    const views = this.views();
    if (this.phase !== "Succeeded" && this.phase !== "Failed")
      this.phase = this.sandbox === "none" ? "Pending" : podPhase(this.restartPolicy, views, false);
    const gates = this.pod.spec?.readinessGates ?? [];
    this.rt.store.mutate("pods", this.namespace, this.name, (o: KubeObject) => {
      const before = JSON.stringify(o.status ?? {});
      const old = (o.status ?? {}) as Pod["status"] & object;
      const status = assemblePodStatus(old, {
        at,
        sandbox: this.sandbox === "ready",
        phase: this.phase,
        containers: views,
        gates: gates.map((g) => g.conditionType ?? ""),
        nodeIP: this.rt.nodeIP,
        podIP: this.net.ip,
        startTime: this.startTime,
      });
      if (JSON.stringify(status) === before) return false;
      recordPodStatus(this.rt.truth, { ...this.subject(), at: now }, old, status);
      o.status = status;
    });
  }

  private event(
    r: Run,
    reason: string,
    message: string,
    type: "Normal" | "Warning" = "Normal",
  ): void {
    const ref = containerRef(this.pod, r);
    this.rt.events.record(ref, reason, message, { type, component: "kubelet", host: this.rt.node });
  }

  /** This pod, now, for the ground truth. */
  private subject(): TruthSubject {
    const { namespace, name, uid } = this;
    return { at: this.rt.clock.now(), namespace, name, uid };
  }

  private podRef(): string {
    return `${this.name}_${this.namespace}(${this.uid})`;
  }
}
