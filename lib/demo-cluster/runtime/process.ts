// One run of a container's program on the cluster clock. It reports its end once, with the exit
// code and the reason the runtime would give (Completed, Error, OOMKilled). What it prints goes to
// its instance's log (container-log.ts): a script's echo and errors, a server's start-up, access
// and shutdown lines (server-log.ts), an OOM's last words.
import type { Clock, Timer } from "../clock";
import type { ContainerLog } from "./container-log";
import { serverExited, serverStarted, served, serverStopping, type Request } from "./server-log";
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

  constructor(
    private readonly clock: Clock,
    private readonly program: Program,
    readonly world: ContainerWorld,
    private readonly onExit: (exit: Exit) => void,
    readonly log: ContainerLog,
  ) {}

  get exited(): boolean {
    return this.done;
  }

  start(): void {
    const p = this.program;
    if (p.kind === "server") {
      const repo = p.image.repository;
      this.world.onServerSignal = (sig) => {
        if (this.done) return false;
        serverStopping(repo, this.log, this.clock.now(), sig);
        this.stopServer(sig === "stop" ? 0 : p.image.stopMs);
        return true;
      };
      this.timer = this.clock.at(this.clock.now() + p.image.startMs, () => {
        serverStarted(repo, this.log, this.clock.now(), this.world.net.ip);
        const ports = new Set([...p.image.ports]);
        for (const port of this.declaredPorts) ports.add(port);
        const onRequest = (r: Request) => served(repo, this.log, this.clock.now(), r);
        for (const port of ports)
          this.world.listen(port, p.image.http, p.image.otherStatus, onRequest);
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
      serverStopping(p.image.repository, this.log, this.clock.now(), "term");
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
    this.timer = this.clock.at(this.clock.now() + afterMs, () => {
      if (this.program.kind === "server")
        serverExited(this.program.image.repository, this.log, this.clock.now());
      this.finish({ exitCode: 0, reason: "Completed" });
    });
  }

  private context(): RunContext {
    return {
      world: this.world,
      output: this.log.stdout,
      errors: this.log.stderr,
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
        if (err instanceof OomSignal) {
          // Its last words before the kernel's OOM killer (a Go runtime's, as most demo apps'd be).
          this.log.stderr.push("fatal error: runtime: out of memory");
          return this.finish({ exitCode: 137, reason: "OOMKilled" });
        }
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
    this.log.close();
    // Report on the next turn so callers never see an exit inside their own call.
    this.clock.at(this.clock.now(), () => this.onExit(exit));
  }
}

function exitOf(code: number): Exit {
  return { exitCode: code, reason: code === 0 ? "Completed" : "Error" };
}
