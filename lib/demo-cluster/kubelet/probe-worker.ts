// One probe (liveness, readiness or startup) of one container run: ticks every periodSeconds after
// initialDelaySeconds, applies successThreshold / failureThreshold, and reports result changes.
import type { Container, Probe } from "../../k8s/types";
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
