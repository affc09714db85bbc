// Probe and lifecycle-hook handlers (exec, httpGet, tcpSocket, grpc, sleep) evaluated against the
// container's world, with the failure text the kubelet's prober would report.
import type { Container, LifecycleHandler, ProbeHandler } from "../../k8s/types";
import { scriptForArgv } from "../runtime/program";
import { ExitSignal, run } from "../runtime/shell";
import { OomSignal, type ContainerWorld } from "../runtime/world";

/** The prober's User-Agent (kube-probe/<major>.<minor>). */
const KUBE_PROBE = "kube-probe/1.34";

/** The pod network's gateway (x.y.z.1), where the node's traffic to its pods comes from. */
function gateway(ip: string): string {
  const parts = ip.split(".");
  return parts.length === 4 ? [...parts.slice(0, 3), "1"].join(".") : ip;
}

export type HandlerResult =
  { ok: true; output: string } | { ok: false; output: string; timedOut?: boolean };

/** Runs a handler now. Exec commands run to completion in simulated time; past `timeoutMs` they fail as timed out. */
export function runHandler(
  handler: ProbeHandler,
  container: Container,
  world: ContainerWorld,
  timeoutMs: number,
): HandlerResult {
  const ip = world.net.ip;
  if (handler.exec) {
    const argv = handler.exec.command ?? [];
    const parsed = scriptForArgv(argv);
    // Commands outside the subset are assumed to succeed: the demo cluster cannot know otherwise.
    if ("error" in parsed || parsed.unknown.length) return { ok: true, output: "" };
    const output: string[] = [];
    const gen = run(parsed.script, { world, output, scripted: false });
    let elapsed = 0;
    let code: number;
    try {
      for (;;) {
        const r = gen.next();
        if (r.done) {
          code = r.value;
          break;
        }
        elapsed += r.value.sleep;
        if (elapsed > timeoutMs)
          return { ok: false, output: `command "${argv.join(" ")}" timed out`, timedOut: true };
      }
    } catch (err) {
      if (err instanceof ExitSignal) code = err.code;
      else if (err instanceof OomSignal) code = 137;
      else throw err;
    }
    const text = output.join("\n");
    return code === 0 ? { ok: true, output: text } : { ok: false, output: text };
  }
  if (handler.httpGet) {
    const host = handler.httpGet.host || ip;
    const port = resolvePort(handler.httpGet.port, container);
    const path = handler.httpGet.path || "/";
    const url = `${(handler.httpGet.scheme ?? "HTTP").toLowerCase()}://${host}:${port}${path.startsWith("/") ? path : "/" + path}`;
    // The kubelet's prober connects from the node, through the pod network's gateway.
    const result = world.httpGet(host, port, path, { ip: gateway(ip), agent: KUBE_PROBE });
    if (result === "refused")
      return {
        ok: false,
        output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused`,
      };
    if (result === "not-http")
      return {
        ok: false,
        output: `Get "${url}": net/http: HTTP/1.x transport connection broken: malformed HTTP response`,
      };
    return result >= 200 && result < 400
      ? { ok: true, output: "" }
      : { ok: false, output: `HTTP probe failed with statuscode: ${result}` };
  }
  if (handler.tcpSocket) {
    const host = handler.tcpSocket.host || ip;
    const port = resolvePort(handler.tcpSocket.port, container);
    return world.tcpOpen(host, port)
      ? { ok: true, output: "" }
      : { ok: false, output: `dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (handler.grpc) {
    const port = handler.grpc.port ?? 0;
    return world.tcpOpen(ip, port)
      ? { ok: true, output: "" }
      : {
          ok: false,
          output: `timeout: failed to connect service "${ip}:${port}" within ${Math.round(timeoutMs / 1000)}s`,
        };
  }
  return { ok: false, output: "no handler specified" };
}

/** A named or numbered port of the container. */
export function resolvePort(port: number | string | undefined, container: Container): number {
  if (typeof port === "number") return port;
  if (port && /^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort ?? 0;
}

export type HookResult = { ok: boolean; message: string; elapsedMs: number };

/**
 * Runs a postStart or preStop hook now (exec, httpGet or sleep) with the kubelet's failure text;
 * `pod` names the pod as the kubelet does ("name_namespace(uid)").
 */
export function runHook(
  hook: LifecycleHandler,
  container: Container,
  world: ContainerWorld,
  budgetMs: number,
  pod: string,
): HookResult {
  const who = `for Container "${container.name}" in Pod "${pod}"`;
  if (hook.sleep) return { ok: true, message: "", elapsedMs: (hook.sleep.seconds ?? 0) * 1000 };
  if (hook.exec) {
    const cmd = (hook.exec.command ?? []).join(" ");
    const result = runHandler(hook, container, world, budgetMs);
    if (result.ok) return { ok: true, message: "", elapsedMs: 0 };
    const out = result.output ? result.output + "\n" : "";
    return {
      ok: false,
      message: `Exec lifecycle hook ([${cmd}]) ${who} failed - error: command '${cmd}' exited with 1: ${out}, message: ${JSON.stringify(out)}`,
      elapsedMs: 0,
    };
  }
  if (hook.httpGet) {
    const result = runHandler(hook, container, world, budgetMs);
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
