// GET /api/v1/namespaces/{ns}/pods/{name}/log, as kube-apiserver serves it (registry/core/pod/rest
// log.go → strategy.go LogLocation) by way of the node's kubelet (kuberuntime/logs/logs.go ReadLogs):
// options read and validated, the pod and its container found, the kubelet's answer or its error
// passed on (GenericHttpResponseChecker), then the instance's lines: the last `tailLines`, those
// printed since `sinceSeconds`/`sinceTime`, each after its RFC 3339 time with `timestamps`, cut at
// `limitBytes`; `follow` streams new lines on the cluster clock until the instance ends.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Pod } from "../../k8s/types";
import type { Clock } from "../clock";
import { ApiError, badRequest, notFound } from "./api-error";
import { parseLogOptions, validateLogOptions, type PodLogOptions } from "./log-options";
import type { ObjectStore } from "./store";

export interface LogEntry {
  at: number;
  text: string;
}

/** One container instance's log as the runtime keeps it (runtime/container-log.ts). */
export interface LogReader {
  readonly closed: boolean;
  entries(): LogEntry[];
  follow(f: { line(l: LogEntry): void; end(): void }): () => void;
}

/** The kubelet's answer; false when its node cannot be reached. */
export type KubeletLogAnswer = { log: LogReader } | { code: 400 | 404 | 500; text: string } | false;

/** Asks the kubelet of `node` (GET /containerLogs/{ns}/{pod}/{container}). */
export type KubeletLogs = (
  node: string,
  namespace: string,
  pod: string,
  container: string,
  previous: boolean,
) => KubeletLogAnswer;

export function servePodLog(
  res: ServerResponse,
  req: IncomingMessage,
  target: { namespace: string; name: string },
  q: URLSearchParams,
  deps: { store: ObjectStore; clock: Clock; kubelets?: KubeletLogs },
): void {
  const { namespace, name } = target;
  const o = parseLogOptions(q);
  validateLogOptions(name, o);
  const pod = deps.store.get("pods", namespace, name) as Pod | undefined;
  if (!pod) throw notFound("pods", name);
  const container = validateContainer(o.container, pod);
  const node = pod.spec?.nodeName;
  // Not scheduled: LogLocation gives no location, and the streamer answers 204 No Content.
  if (!node) {
    res.writeHead(204).end();
    return;
  }
  const answer = deps.kubelets?.(node, namespace, name, container, o.previous) ?? false;
  if (answer === false) throw unreachable(deps.store, node, `${namespace}/${name}/${container}`, o);
  if ("code" in answer) throw kubeletError(answer, name);
  stream(res, req, answer.log, o, deps.clock.now());
}

/** validateContainer: the only container, or the named one (init and ephemeral ones too). */
function validateContainer(container: string, pod: Pod): string {
  const spec = pod.spec ?? {};
  const name = pod.metadata?.name ?? "";
  const all = [
    ...(spec.initContainers ?? []),
    ...(spec.containers ?? []),
    ...((spec as { ephemeralContainers?: { name?: string }[] }).ephemeralContainers ?? []),
  ].map((c) => c.name ?? "");
  if (!container) {
    const main = spec.containers ?? [];
    if (main.length === 1) return main[0].name ?? "";
    if (main.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
    throw badRequest(
      `a container name must be specified for pod ${name}, choose one of: [${all.join(" ")}]`,
    );
  }
  if (!all.includes(container))
    throw badRequest(`container ${container} is not valid for pod ${name}`);
  return container;
}

/** GenericHttpResponseChecker: the kubelet's 400 text as a BadRequest, 404 and 500 as their Status. */
function kubeletError(a: { code: 400 | 404 | 500; text: string }, name: string): ApiError {
  if (a.code === 400) return badRequest(a.text);
  if (a.code === 500)
    return new ApiError(500, "InternalError", `Internal error occurred: ${a.text}`, {
      causes: [{ message: a.text }],
    });
  return new ApiError(
    404,
    "NotFound",
    `the server could not find the requested resource ( pods/log ${name})`,
    { name, kind: "pods/log" },
  );
}

/** The dial to a lost node's kubelet fails: a Status of code 500 and no reason (ErrorToAPIStatus). */
function unreachable(store: ObjectStore, node: string, path: string, o: PodLogOptions): ApiError {
  const n = store.get("nodes", undefined, node) as
    { status?: { addresses?: { type?: string; address?: string }[] } } | undefined;
  const ip = n?.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? node;
  const params = new URLSearchParams();
  if (o.follow) params.append("follow", "true");
  if (o.limitBytes !== undefined) params.append("limitBytes", String(o.limitBytes));
  if (o.previous) params.append("previous", "true");
  if (o.sinceSeconds !== undefined) params.append("sinceSeconds", String(o.sinceSeconds));
  if (o.sinceTime !== undefined)
    params.append("sinceTime", new Date(o.sinceTime).toISOString().replace(/\.\d+Z$/, "Z"));
  if (o.tailLines !== undefined) params.append("tailLines", String(o.tailLines));
  if (o.timestamps) params.append("timestamps", "true");
  const query = params.size ? `?${params}` : "";
  return new ApiError(
    500,
    "",
    `Get "https://${ip}:10250/containerLogs/${path}${query}": dial tcp ${ip}:10250: connect: no route to host`,
  );
}

/** Go's time.RFC3339Nano in UTC: fraction without trailing zeros. */
export function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d*?)0*Z$/, (_, f: string) => (f ? `.${f}Z` : "Z"));
}

/** ReadLogs: tail, then since, then timestamps and the byte limit; follow until the instance ends. */
function stream(
  res: ServerResponse,
  req: IncomingMessage,
  log: LogReader,
  o: PodLogOptions,
  now: number,
): void {
  let since = o.sinceSeconds !== undefined ? now - o.sinceSeconds * 1000 : -Infinity;
  if (o.sinceTime !== undefined && o.sinceTime > since) since = o.sinceTime;
  let remain = o.limitBytes ?? Infinity;
  res.writeHead(200, { "Content-Type": "text/plain" });
  // StreamObject flushes the headers at once, so a follow with nothing to say yet is open.
  res.flushHeaders();
  /** Writes one line; false once the byte limit is reached. */
  const write = (l: LogEntry): boolean => {
    if (l.at < since) return true;
    let bytes = Buffer.from(`${o.timestamps ? rfc3339Nano(l.at) + " " : ""}${l.text}\n`);
    if (bytes.length > remain) bytes = bytes.subarray(0, remain);
    remain -= bytes.length;
    res.write(bytes);
    return remain > 0;
  };
  let lines = log.entries();
  if (o.tailLines !== undefined) lines = o.tailLines === 0 ? [] : lines.slice(-o.tailLines);
  for (const l of lines) if (!write(l)) return void res.end();
  if (!o.follow || log.closed) return void res.end();
  let stop = () => {};
  const finish = () => {
    stop();
    if (!res.writableEnded) res.end();
  };
  stop = log.follow({ line: (l) => void (!write(l) && finish()), end: finish });
  // A client that goes away releases its follow at once.
  req.on("close", () => stop());
  res.on("close", () => stop());
}
