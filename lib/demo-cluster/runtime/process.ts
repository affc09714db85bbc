// One run of a container's program on the cluster clock. It reports its end once, with the exit
// code and the reason the runtime would give (Completed, Error, OOMKilled).
import type { Clock, Timer } from "../clock";
import type { Program } from "./program";
import { ExitSignal, run, type Effect, type RunContext } from "./shell";
import { OomSignal, type ContainerWorld } from "./world";

export interface Exit {
  exitCode: number;
  reason: "Completed" | "Error" | "OOMKilled";
  signal?: number;
}

export class Process {
  private gen: Generator<Effect, number> | null = null;
  private timer: Timer | null = null;
  private done = false;
  readonly output: string[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly program: Program,
    readonly world: ContainerWorld,
    private readonly onExit: (exit: Exit) => void,
  ) {}

  get exited(): boolean {
    return this.done;
  }

  start(): void {
    const p = this.program;
    if (p.kind === "server") {
      this.world.onServerSignal = (sig) => {
        if (this.done) return false;
        this.stopServer(sig === "stop" ? 0 : p.image.stopMs);
        return true;
      };
      this.timer = this.clock.at(this.clock.now() + p.image.startMs, () => {
        const ports = new Set([...p.image.ports]);
        for (const port of this.declaredPorts) ports.add(port);
        for (const port of ports) this.world.listen(port, p.image.http, p.image.otherStatus);
      });
      return;
    }
    if (p.kind === "forever") return;
    this.drive(run(p.script, this.context()));
  }

  /** Ports from the container spec; servers listen on these besides their image's own. */
  declaredPorts: number[] = [];

  /** SIGTERM: servers shut down, trapped scripts run their handler, PID-1 shells ignore it. */
  term(): void {
    if (this.done) return;
    const p = this.program;
    if (p.kind === "server") {
      this.stopServer(p.image.stopMs);
      return;
    }
    const handler = this.world.traps.get("TERM");
    if (handler) {
      this.timer?.cancel();
      this.drive(run(handler, this.context()));
    }
  }

  /** SIGKILL: ends the process now with 137. */
  kill(): void {
    this.finish({ exitCode: 137, reason: "Error" });
  }

  private stopServer(afterMs: number): void {
    this.timer?.cancel();
    this.timer = this.clock.at(this.clock.now() + afterMs, () =>
      this.finish({ exitCode: 0, reason: "Completed" }),
    );
  }

  private context(): RunContext {
    return {
      world: this.world,
      output: this.output,
      scripted: this.program.kind === "script" && this.program.scripted,
    };
  }

  private drive(gen: Generator<Effect, number>): void {
    this.gen = gen;
    const step = () => {
      if (this.done || this.gen !== gen) return;
      try {
        const r = gen.next();
        if (r.done) return this.finish(exitOf(r.value));
        if (r.value.sleep === Infinity) return;
        this.timer = this.clock.at(this.clock.now() + r.value.sleep, step);
      } catch (err) {
        if (err instanceof ExitSignal) return this.finish(exitOf(err.code));
        if (err instanceof OomSignal) return this.finish({ exitCode: 137, reason: "OOMKilled" });
        throw err;
      }
    };
    step();
  }

  private finish(exit: Exit): void {
    if (this.done) return;
    this.done = true;
    this.timer?.cancel();
    this.world.closeAll();
    this.world.onServerSignal = null;
    // Report on the next turn so callers never see an exit inside their own call.
    this.clock.at(this.clock.now(), () => this.onExit(exit));
  }
}

function exitOf(code: number): Exit {
  return { exitCode: code, reason: code === 0 ? "Completed" : "Error" };
}
