// The kubelet's work on one pod: sandbox, image pulls, init containers in order, sidecars, main
// containers, hooks, probes, restarts with back-off, graceful termination — and the pod status it
// reports after every change. All timing comes from the cluster clock.
import type {
  Container,
  ContainerStatus,
  LifecycleHandler,
  Pod,
  PodCondition,
} from "../../k8s/types";
import { formatGoDuration, formatTime } from "../../k8s/time";
import { Backoff, CRASHLOOP_EXPIRY_MS } from "./backoff";
import { restartDecision, restartRules } from "../../k8s/restart-rules";
import type { Clock, Timer } from "../clock";
import type { EventRecorder, ObjectRef } from "../events";
import { runHandler } from "./handlers";
import { digest, lookupImage, type ImageInfo } from "../runtime/images";
import { kubeletConditions, podPhase, type ContainerView } from "./pod-status";
import { ProbeWorker, type ProbeKind } from "./probe-worker";
import { Process, type Exit } from "../runtime/process";
import { programFor } from "../runtime/program";
import { quantityBytes } from "../runtime/shell";
import type { KubeObject, ObjectStore } from "../api-server/store";
import type { TruthLog } from "../truth";
import { ContainerWorld, PodNetwork, type ClusterNet } from "../runtime/world";

export interface NodeRuntime {
  clock: Clock;
  store: ObjectStore;
  events: EventRecorder;
  truth: TruthLog;
  net: ClusterNet;
  node: string;
  nodeIP: string;
  images: Set<string>;
  /** The node's CrashLoopBackOff initial and maximum delays. */
  crashLoopBackOff: { initialMs: number; maxMs: number };
  allocateIP(): string;
  /** Called when the pod object is gone from the API. */
  forget(uid: string): void;
}

const SANDBOX_MS = 1000;
const RELIST_MS = 1000;
const MIN_GRACE_AFTER_PRESTOP_MS = 2000;

interface Run {
  spec: Container;
  kind: "init" | "sidecar" | "main";
  status: ContainerStatus;
  process?: Process;
  world?: ContainerWorld;
  probes: ProbeWorker[];
  busy: boolean;
  timer?: Timer;
  runs: number;
  crash: Backoff;
  pull: Backoff;
  lastFinish?: number;
  pullFailedAt?: number;
  /** Set when the last run ended because postStart failed: the waiting reason until the next start. */
  hookError?: string;
  /** The kill in progress: the SIGKILL timer. */
  killTimer?: Timer;
  image?: ImageInfo;
}

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
        this.newRun(c, c.restartPolicy === "Always" ? "sidecar" : "init"),
      ),
      ...(spec.containers ?? []).map((c) => this.newRun(c, "main")),
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

  private newRun(spec: Container, kind: Run["kind"]): Run {
    return {
      spec,
      kind,
      probes: [],
      busy: false,
      runs: 0,
      crash: new Backoff(
        this.rt.crashLoopBackOff.initialMs,
        this.rt.crashLoopBackOff.maxMs,
        CRASHLOOP_EXPIRY_MS,
      ),
      pull: new Backoff(),
      status: {
        name: spec.name,
        state: {
          waiting: {
            reason:
              kind === "main" && (this.pod.spec?.initContainers ?? []).length
                ? "PodInitializing"
                : kind === "main"
                  ? "ContainerCreating"
                  : "PodInitializing",
          },
        },
        lastState: {},
        ready: false,
        restartCount: 0,
        image: spec.image ?? "",
        imageID: "",
        started: false,
      },
    };
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
    if (mains.every((r) => !r.process && !r.busy && !this.willRestart(r) && r.runs > 0)) {
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
    if (r.runs === 0 || this.willRestart(r)) this.ensureStarted(r);
  }

  private get restartPolicy(): string {
    return this.pod.spec?.restartPolicy ?? "Always";
  }

  private willRestart(r: Run): boolean {
    if (this.terminating) return false;
    if (r.kind === "sidecar") return true;
    const code = r.status.state?.terminated?.exitCode ?? r.status.lastState?.terminated?.exitCode;
    if (r.runs === 0 || code === undefined) return r.runs === 0;
    // KEP-5307: a container's own restartPolicy / restartPolicyRules decide first.
    const rules = restartRules(r.spec.restartPolicyRules);
    const own = typeof r.spec.restartPolicy === "string" ? r.spec.restartPolicy : null;
    if (rules.length > 0 || own !== null) {
      const podPolicy =
        r.kind === "init" && this.restartPolicy === "Always" ? "OnFailure" : this.restartPolicy;
      return restartDecision(code, rules, own, podPolicy) === "restart";
    }
    if (r.kind === "init") return code !== 0 && this.restartPolicy !== "Never";
    return this.restartPolicy === "Always" || (this.restartPolicy === "OnFailure" && code !== 0);
  }

  // ---- starting a container -------------------------------------------------------------------

  private ensureStarted(r: Run): void {
    const now = this.rt.clock.now();
    if (r.runs > 0 && r.lastFinish !== undefined) {
      if (now < r.lastFinish + RELIST_MS) return this.wake(r, r.lastFinish + RELIST_MS);
      if (r.crash.inBackoffSince(r.lastFinish, now)) {
        const delay = formatGoDuration(r.crash.current());
        if (!r.hookError) {
          this.setWaiting(
            r,
            "CrashLoopBackOff",
            `back-off ${delay} restarting failed container=${r.spec.name} pod=${this.podRef()}`,
          );
        }
        this.event(
          r,
          "BackOff",
          `Back-off restarting failed container ${r.spec.name} in pod ${this.podRef()}`,
          "Warning",
        );
        return this.wake(r, r.crash.until(r.lastFinish));
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
    const reference = r.spec.image ?? "";
    const found = lookupImage(reference);
    if (!found.ok && found.reason === "InvalidImageName") {
      if (r.status.state?.waiting?.reason !== "InvalidImageName") {
        this.event(r, "InspectFailed", found.message, "Warning");
        this.event(r, "Failed", "Error: InvalidImageName", "Warning");
        this.setWaiting(r, "InvalidImageName", found.message);
      }
      return;
    }
    const present = found.ok && this.rt.images.has(found.normalized);
    const policy =
      r.spec.imagePullPolicy ??
      (reference.includes(":") && !reference.endsWith(":latest") ? "IfNotPresent" : "Always");
    if (present && policy !== "Always") {
      this.event(r, "Pulled", `Container image "${reference}" already present on machine`);
      return this.create(r, found.ok ? found : undefined);
    }
    if (policy === "Never") {
      this.setWaiting(
        r,
        "ErrImageNeverPull",
        `Container image "${reference}" is not present with pull policy of Never`,
      );
      this.event(
        r,
        "ErrImageNeverPull",
        `Container image "${reference}" is not present with pull policy of Never`,
        "Warning",
      );
      this.event(r, "Failed", "Error: ErrImageNeverPull", "Warning");
      return;
    }
    const now = this.rt.clock.now();
    if (r.pullFailedAt !== undefined && r.pull.inBackoffSince(r.pullFailedAt, now)) {
      this.setWaiting(r, "ImagePullBackOff", `Back-off pulling image "${reference}"`);
      this.event(r, "BackOff", `Back-off pulling image "${reference}"`);
      this.event(r, "Failed", "Error: ImagePullBackOff", "Warning");
      return this.wake(r, r.pull.until(r.pullFailedAt));
    }
    r.busy = true;
    this.event(r, "Pulling", `Pulling image "${reference}"`);
    const pullMs = found.ok ? (present ? 400 : found.info.pullMs) : 1000;
    this.later(pullMs, () => {
      r.busy = false;
      // Deleted meanwhile: the pull finishes, but nothing new starts in a terminating pod.
      if (this.terminating) return this.sync();
      if (!found.ok) {
        const at = this.rt.clock.now();
        r.pull.next(at, at);
        r.pullFailedAt = at;
        this.event(r, "Failed", `Failed to pull image "${reference}": ${found.message}`, "Warning");
        this.event(r, "Failed", "Error: ErrImagePull", "Warning");
        this.setWaiting(r, "ErrImagePull", `rpc error: code = Unknown desc = ${found.message}`);
        this.writeStatus();
        // The next sync finds the image in back-off.
        return this.wake(r, at + RELIST_MS);
      }
      this.rt.images.add(found.normalized);
      const took = formatGoDuration(pullMs);
      this.event(
        r,
        "Pulled",
        `Successfully pulled image "${reference}" in ${took} (${took} including waiting). Image size: ${found.info.sizeBytes} bytes.`,
      );
      this.create(r, found);
      this.sync();
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
    const previous = r.status.state?.terminated ?? r.status.lastState?.terminated;
    r.status = {
      name: r.spec.name,
      state: { running: { startedAt: formatTime(now) } },
      lastState: previous ? { terminated: previous } : {},
      ready: false,
      restartCount: r.runs,
      image: r.spec.image ?? "",
      imageID: found?.imageID ?? "",
      containerID: `containerd://${digest(`${this.uid}/${r.spec.name}/${r.runs}`)}`,
      started: false,
    };
    r.runs++;
    r.hookError = undefined;
    this.event(r, "Created", `Created container ${r.spec.name}`);
    this.event(r, "Started", `Started container ${r.spec.name}`);
    const limit = r.spec.resources?.limits?.memory
      ? quantityBytes(String(r.spec.resources.limits.memory))
      : null;
    const world = new ContainerWorld(r.spec.name ?? "", r.image, this.net, this.rt.net, limit);
    const { program } = programFor(r.spec, this.pod.metadata?.annotations, r.image);
    const proc = new Process(this.rt.clock, program, world, (exit) => this.exited(r, proc, exit));
    proc.declaredPorts = (r.spec.ports ?? []).map((p) => p.containerPort ?? 0).filter((p) => p > 0);
    r.process = proc;
    r.world = world;
    proc.start();
    const hook = r.spec.lifecycle?.postStart;
    if (hook) {
      const result = this.runHook(hook, r, world, this.graceMs());
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
    const world = r.world!;
    const hasStartup = !!r.spec.startupProbe;
    const hasReadiness = !!r.spec.readinessProbe;
    r.status.started = !hasStartup;
    if (!hasStartup && !hasReadiness && r.kind !== "init") r.status.ready = true;
    const listener = {
      active: (kind: ProbeKind) => kind === "startup" || !!r.status.started,
      ran: (kind: ProbeKind, result: { ok: boolean; output: string }) => {
        this.rt.truth.add({
          at: this.rt.clock.now(),
          what: "probe",
          namespace: this.namespace,
          name: this.name,
          uid: this.uid,
          container: r.spec.name,
          to: result.ok ? "success" : "failure",
          detail: { probe: kind, output: result.output },
        });
        if (!result.ok)
          this.event(r, "Unhealthy", `${title(kind)} probe failed: ${result.output}`, "Warning");
      },
      changed: (kind: ProbeKind, success: boolean) => {
        if (kind === "readiness") r.status.ready = success;
        else if (kind === "startup" && success) {
          r.status.started = true;
          if (!hasReadiness) r.status.ready = r.kind !== "init";
        } else if (!success) {
          const grace = (kind === "liveness" ? r.spec.livenessProbe : r.spec.startupProbe)
            ?.terminationGracePeriodSeconds;
          this.stopContainer(
            r,
            `Container ${r.spec.name} failed ${kind} probe, will be restarted`,
            grace != null ? grace * 1000 : this.graceMs(),
          );
          return;
        }
        this.writeStatus();
        this.sync();
      },
    };
    const probes: [ProbeKind, typeof r.spec.livenessProbe][] = [
      ["startup", r.spec.startupProbe],
      ["liveness", r.spec.livenessProbe],
      ["readiness", r.spec.readinessProbe],
    ];
    r.probes = probes
      .filter(([, p]) => p)
      .map(([kind, p]) => new ProbeWorker(kind, p!, r.spec, world, this.rt.clock, listener));
    for (const p of r.probes) p.start(startedAt);
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
      const result = this.runHook(preStop, r, r.world, graceMs);
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
    const startedAt = r.status.state?.running?.startedAt ?? formatTime(now);
    const terminated = {
      exitCode: exit.exitCode,
      reason: exit.reason,
      startedAt,
      finishedAt: formatTime(now),
      containerID: r.status.containerID,
    };
    r.status = {
      ...r.status,
      state: { terminated },
      ready: r.kind === "init" && exit.exitCode === 0,
      started: false,
    };
    if (r.hookError) {
      r.status = {
        ...r.status,
        state: { waiting: { reason: "PostStartHookError", message: r.hookError } },
        lastState: { terminated },
      };
    }
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
    if (gone)
      this.rt.truth.add({
        at: this.rt.clock.now(),
        what: "pod.deleted",
        namespace: this.namespace,
        name: this.name,
        uid: this.uid,
      });
    this.rt.forget(this.uid);
  }

  private graceMs(): number {
    const fromDeletion = this.pod.metadata?.deletionGracePeriodSeconds;
    const s = fromDeletion ?? this.pod.spec?.terminationGracePeriodSeconds ?? 30;
    return Math.max(0, s) * 1000;
  }

  // ---- hooks ----------------------------------------------------------------------------------

  private runHook(
    hook: LifecycleHandler,
    r: Run,
    world: ContainerWorld,
    budgetMs: number,
  ): { ok: boolean; message: string; elapsedMs: number } {
    const who = `for Container "${r.spec.name}" in Pod "${this.podRef()}"`;
    if (hook.sleep) return { ok: true, message: "", elapsedMs: (hook.sleep.seconds ?? 0) * 1000 };
    if (hook.exec) {
      const cmd = (hook.exec.command ?? []).join(" ");
      const result = runHandler(hook, r.spec, world, budgetMs);
      if (result.ok) return { ok: true, message: "", elapsedMs: 0 };
      const out = result.output ? result.output + "\n" : "";
      return {
        ok: false,
        message: `Exec lifecycle hook ([${cmd}]) ${who} failed - error: command '${cmd}' exited with 1: ${out}, message: ${JSON.stringify(out)}`,
        elapsedMs: 0,
      };
    }
    if (hook.httpGet) {
      const result = runHandler(hook, r.spec, world, budgetMs);
      if (result.ok) return { ok: true, message: "", elapsedMs: 0 };
      return {
        ok: false,
        message: `HTTP lifecycle hook (${hook.httpGet.path ?? "/"}) ${who} failed - error: ${result.output}`,
        elapsedMs: 0,
      };
    }
    return {
      ok: false,
      message: `Cannot run handler: invalid handler: only exec, httpGet and sleep lifecycle handlers are supported`,
      elapsedMs: 0,
    };
  }

  // ---- status ---------------------------------------------------------------------------------

  private setWaiting(r: Run, reason: string, message?: string): void {
    const previous = r.status.state?.terminated ?? r.status.lastState?.terminated;
    r.status = {
      ...r.status,
      state: { waiting: { reason, ...(message ? { message } : {}) } },
      lastState: previous ? { terminated: previous } : {},
      ready: false,
      started: false,
    };
    this.writeStatus();
  }

  private views(): ContainerView[] {
    return this.runs.map((r) => ({
      name: r.spec.name ?? "",
      kind: r.kind,
      status: r.status,
      restarts: r.kind === "main" && r.runs > 0 && !r.process && this.willRestart(r),
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
      const conditions = structuredClone(old.conditions ?? []) as PodCondition[];
      kubeletConditions(conditions, at, {
        sandbox: this.sandbox === "ready",
        phase: this.phase,
        containers: views,
        gates: gates.map((g) => g.conditionType ?? ""),
      });
      const byName = (a: ContainerStatus, b: ContainerStatus) =>
        (a.name ?? "") < (b.name ?? "") ? -1 : 1;
      const status = {
        ...old,
        phase: this.phase,
        conditions,
        hostIP: this.rt.nodeIP,
        hostIPs: [{ ip: this.rt.nodeIP }],
        ...(this.net.ip ? { podIP: this.net.ip, podIPs: [{ ip: this.net.ip }] } : {}),
        startTime: old.startTime ?? this.startTime,
        ...(views.some((v) => v.kind !== "main")
          ? {
              initContainerStatuses: this.runs
                .filter((r) => r.kind !== "main")
                .map((r) => structuredClone(r.status)),
            }
          : {}),
        containerStatuses: this.runs
          .filter((r) => r.kind === "main")
          .map((r) => structuredClone(r.status))
          .sort(byName),
        qosClass: old.qosClass,
      };
      if (JSON.stringify(status) === before) return false;
      this.recordTruth(old, status, now);
      o.status = status;
    });
  }

  private recordTruth(
    old: NonNullable<Pod["status"]>,
    next: NonNullable<Pod["status"]>,
    at: number,
  ): void {
    const base = { at, namespace: this.namespace, name: this.name, uid: this.uid };
    const { truth } = this.rt;
    if (old.phase !== next.phase)
      truth.add({ ...base, what: "pod.phase", from: old.phase, to: next.phase });
    for (const c of next.conditions ?? []) {
      const was = old.conditions?.find((x) => x.type === c.type);
      if (was?.status !== c.status)
        truth.add({
          ...base,
          what: "pod.condition",
          container: undefined,
          from: was?.status,
          to: c.status,
          detail: { type: c.type, reason: c.reason },
        });
    }
    const all = (s: NonNullable<Pod["status"]>) => [
      ...(s.initContainerStatuses ?? []),
      ...(s.containerStatuses ?? []),
    ];
    for (const c of all(next)) {
      const was = all(old).find((x) => x.name === c.name);
      const a = stateText(was);
      const b = stateText(c);
      if (a !== b)
        truth.add({
          ...base,
          what: "container.state",
          container: c.name,
          from: a,
          to: b,
          detail: { restartCount: c.restartCount },
        });
      if (!!was?.ready !== !!c.ready)
        truth.add({
          ...base,
          what: "container.ready",
          container: c.name,
          from: String(!!was?.ready),
          to: String(!!c.ready),
        });
    }
  }

  private event(
    r: Run,
    reason: string,
    message: string,
    type: "Normal" | "Warning" = "Normal",
  ): void {
    const ref: ObjectRef = {
      kind: "Pod",
      namespace: this.namespace,
      name: this.name,
      uid: this.uid,
      apiVersion: "v1",
      fieldPath: `spec.${r.kind === "main" ? "containers" : "initContainers"}{${r.spec.name}}`,
    };
    this.rt.events.record(ref, reason, message, { type, component: "kubelet", host: this.rt.node });
  }

  private podRef(): string {
    return `${this.name}_${this.namespace}(${this.uid})`;
  }
}

function stateText(s: ContainerStatus | undefined): string {
  const st = s?.state;
  if (!st) return "none";
  if (st.running) return "running";
  if (st.terminated) return `terminated:${st.terminated.reason ?? ""}(${st.terminated.exitCode})`;
  return `waiting:${st.waiting?.reason ?? ""}`;
}

function title(kind: ProbeKind): string {
  return kind[0].toUpperCase() + kind.slice(1);
}

/** ConfigMaps and Secrets are not served by the demo cluster, so a required reference to one cannot be met. */
function missingConfig(c: Container): string | undefined {
  for (const e of (c.env ?? []) as {
    valueFrom?: {
      configMapKeyRef?: { name?: string; optional?: boolean };
      secretKeyRef?: { name?: string; optional?: boolean };
    };
  }[]) {
    const cm = e.valueFrom?.configMapKeyRef;
    if (cm && !cm.optional) return `configmap "${cm.name}" not found`;
    const secret = e.valueFrom?.secretKeyRef;
    if (secret && !secret.optional) return `secret "${secret.name}" not found`;
  }
  return undefined;
}
