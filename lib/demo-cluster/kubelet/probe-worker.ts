// One probe (liveness, readiness or startup) of one container run: ticks every periodSeconds after
// initialDelaySeconds, applies successThreshold / failureThreshold, and reports result changes;
// startProbes starts a container's three as the kubelet's prober manager does.
import type { Container, ContainerStatus, Probe } from "../../k8s/types";
import type { Clock, Timer } from "../clock";
import { runHandler, type HandlerResult } from "./handlers";
import type { ContainerWorld } from "../runtime/world";

export type ProbeKind = "liveness" | "readiness" | "startup";

export interface ProbeListener {
  /** Every run: for Unhealthy events and the ground-truth log. */
  ran(kind: ProbeKind, result: HandlerResult): void;
  /** The thresholded result changed (readiness: ready or not; startup: started; liveness: failed). */
  changed(kind: ProbeKind, success: boolean): void;
  /** Whether this probe may run now (liveness/readiness wait for the startup probe). */
  active(kind: ProbeKind): boolean;
}

export class ProbeWorker {
  private timer: Timer | null = null;
  private successes = 0;
  private failures = 0;
  /** The thresholded result: readiness starts false, liveness true, startup false. */
  result: boolean;

  constructor(
    readonly kind: ProbeKind,
    private readonly probe: Probe,
    private readonly container: Container,
    private readonly world: ContainerWorld,
    private readonly clock: Clock,
    private readonly listener: ProbeListener,
  ) {
    this.result = kind === "liveness";
  }

  get periodMs(): number {
    return Math.max(1, this.probe.periodSeconds ?? 10) * 1000;
  }

  /** First run at startedAt + initialDelaySeconds (at least 1 s), then every period. */
  start(startedAt: number): void {
    const first = startedAt + Math.max(1, this.probe.initialDelaySeconds ?? 0) * 1000;
    this.timer = this.clock.at(first, () => this.tick());
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private tick(): void {
    this.timer = this.clock.at(this.clock.now() + this.periodMs, () => this.tick());
    if (!this.listener.active(this.kind)) return;
    const timeoutMs = Math.max(1, this.probe.timeoutSeconds ?? 1) * 1000;
    const outcome = runHandler(this.probe, this.container, this.world, timeoutMs);
    this.listener.ran(this.kind, outcome);
    if (outcome.ok) {
      this.failures = 0;
      this.successes++;
      const needed = this.kind === "readiness" ? Math.max(1, this.probe.successThreshold ?? 1) : 1;
      if (!this.result && this.successes >= needed) this.flip(true);
    } else {
      this.successes = 0;
      this.failures++;
      if (
        (this.result || this.kind === "startup") &&
        this.failures >= Math.max(1, this.probe.failureThreshold ?? 3)
      ) {
        this.failures = 0;
        this.flip(false);
      }
    }
  }

  private flip(value: boolean): void {
    this.result = value;
    if (value && this.kind === "startup") this.stop();
    this.listener.changed(this.kind, value);
  }
}

/** The container run whose probes start: its status's `started` and `ready` are written here. */
export interface ProbedContainer {
  spec: Container;
  kind: "init" | "sidecar" | "main";
  status: ContainerStatus;
}

export interface ProbeOwner {
  /** Every run of every probe (the ground truth, Unhealthy events). */
  ran(kind: ProbeKind, result: HandlerResult): void;
  /** Liveness or startup failed: the container is restarted, with the probe's own grace (ms) if it has one. */
  failed(kind: ProbeKind, graceMs: number | null): void;
  /** `started` or `ready` changed. */
  changed(): void;
}

/**
 * Starts the container's startup, liveness and readiness probes from `startedAt`: liveness and
 * readiness wait for the startup probe; without startup and readiness probes a container is ready
 * (an init container never is).
 */
export function startProbes(
  c: ProbedContainer,
  world: ContainerWorld,
  clock: Clock,
  startedAt: number,
  owner: ProbeOwner,
): ProbeWorker[] {
  const hasStartup = !!c.spec.startupProbe;
  const hasReadiness = !!c.spec.readinessProbe;
  c.status.started = !hasStartup;
  if (!hasStartup && !hasReadiness && c.kind !== "init") c.status.ready = true;
  const listener: ProbeListener = {
    active: (kind) => kind === "startup" || !!c.status.started,
    ran: (kind, result) => owner.ran(kind, result),
    changed: (kind, success) => {
      if (kind === "readiness") c.status.ready = success;
      else if (kind === "startup" && success) {
        c.status.started = true;
        if (!hasReadiness) c.status.ready = c.kind !== "init";
      } else if (!success) {
        const grace = (kind === "liveness" ? c.spec.livenessProbe : c.spec.startupProbe)
          ?.terminationGracePeriodSeconds;
        owner.failed(kind, grace != null ? grace * 1000 : null);
        return;
      }
      owner.changed();
    },
  };
  const probes: [ProbeKind, Probe | null | undefined][] = [
    ["startup", c.spec.startupProbe],
    ["liveness", c.spec.livenessProbe],
    ["readiness", c.spec.readinessProbe],
  ];
  const workers = probes
    .filter(([, p]) => p)
    .map(([kind, p]) => new ProbeWorker(kind, p!, c.spec, world, clock, listener));
  for (const p of workers) p.start(startedAt);
  return workers;
}

/** "Liveness", "Readiness", "Startup": as the kubelet's Unhealthy events name them. */
export function probeTitle(kind: ProbeKind): string {
  return kind[0].toUpperCase() + kind.slice(1);
}
