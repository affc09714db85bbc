// The current run's live tail on demand (issue 21): GET …/pods/{name}/log?follow=true through the
// pipeline's client, relayed to one browser as newline-delimited JSON frames (lib/view/
// follow-frames.ts), each line cut at 16 KiB and redacted as a captured tail is. At most
// `maxOpen` follows on the server and `maxPerClient` from one client address; the upstream request
// is aborted the moment the browser goes (its request's signal, or the body cancelled), when the
// viewer's access expires, and when Lifeline stops. docs/live-pipeline.md#following-a-log.
import type { IncomingMessage } from "node:http";
import type { ContainerStatus, Pod } from "../k8s/types";
import type { KubeClient } from "../kube/client";
import { KubeError } from "../kube/kube-error";
import {
  frameLine,
  type FollowFrame,
  type FollowLine,
  type FollowRefusal,
} from "../view/follow-frames";
import { followedLine, lineRedactor, lineSplitter } from "./follow-lines";
import type { RedactRule } from "./redact";
import { logSettingsFrom } from "./settings";

export interface FollowOptions {
  client: KubeClient;
  /** The capture's rules (LIFELINE_LOG_REDACT included). */
  redactions: RedactRule[];
  /** LIFELINE_NAMESPACES: a follow elsewhere is refused; null: the whole cluster. */
  namespaces: string[] | null;
  /** Follows open on this server at most (default 20). */
  maxOpen?: number;
  /** Follows open from one client address at most (default 4). */
  maxPerClient?: number;
  /** A longer line is cut to this many bytes (default 16 KiB). */
  maxLineBytes?: number;
  /** A `beat` frame after this long without one (default 15 s). */
  beatMs?: number;
  /** Waits between looks at the pod when its log ended and its status does not say why yet. */
  settleMs?: number[];
}

export interface FollowRequest {
  namespace: string;
  pod: string;
  container: string;
  tailLines: number;
  timestamps: boolean;
  /** Who is asking (lib/auth/attempts.ts clientKey): the per-client cap counts by it. */
  client: string;
  /** The browser's request: aborts when it leaves. */
  signal?: AbortSignal;
  /** The viewer's access ends this many ms from now: so does the follow. */
  endAfterMs?: number;
}

export type FollowAnswer =
  | { ok: true; body: ReadableStream<Uint8Array> }
  | { ok: false; status: number; error: string; code?: FollowRefusal; retryAfterS?: number };

export const FOLLOW_DEFAULTS = { maxOpen: 20, maxPerClient: 4, maxLineBytes: 16 * 1024 };

type End = Extract<FollowFrame, { t: "end" }>;
const encoder = new TextEncoder();

function statusOf(pod: Pod | null, container: string): ContainerStatus | undefined {
  const s = pod?.status;
  return [
    ...(s?.containerStatuses ?? []),
    ...(s?.initContainerStatuses ?? []),
    ...(s?.ephemeralContainerStatuses ?? []),
  ].find((c) => c?.name === container);
}

/** The sentence and status of a refused log request (the API server's words where it has them). */
function refused(err: unknown, namespace: string): Extract<FollowAnswer, { ok: false }> {
  if (!(err instanceof KubeError))
    return { ok: false, status: 502, error: `Lifeline could not follow this log: ${String(err)}` };
  if (err.status === 403)
    return {
      ok: false,
      status: 403,
      code: "cluster-forbidden",
      error: `The cluster does not let Lifeline read container logs in namespace ${namespace} (403 Forbidden): grant its service account "get" on pods/log.${
        err.message ? ` The API server said: ${err.message.replace(/\.+$/, "")}.` : ""
      }`,
    };
  if (err.status === 400 || err.status === 404)
    return { ok: false, status: err.status, error: `The API server said: ${err.message}` };
  if (err.status === 0)
    return {
      ok: false,
      status: 502,
      error: `Lifeline could not reach the cluster to follow this log: ${err.message}.`,
    };
  return { ok: false, status: 502, error: err.sentence() };
}

export class LogFollows {
  private open = 0;
  private readonly perClient = new Map<string, number>();
  private readonly active = new Set<(why: "stopped") => void>();
  private closed = false;

  constructor(private readonly o: FollowOptions) {}

  /** Follows open now. */
  get count(): number {
    return this.open;
  }

  get max(): number {
    return this.o.maxOpen ?? FOLLOW_DEFAULTS.maxOpen;
  }

  async follow(r: FollowRequest): Promise<FollowAnswer> {
    if (this.o.namespaces && !this.o.namespaces.includes(r.namespace))
      return {
        ok: false,
        status: 403,
        code: "namespace",
        error: `This Lifeline server watches namespace(s) ${this.o.namespaces.join(", ")} only.`,
      };
    if (this.closed)
      return { ok: false, status: 503, error: "Lifeline is shutting down.", retryAfterS: 2 };
    const perClient = this.o.maxPerClient ?? FOLLOW_DEFAULTS.maxPerClient;
    if (this.open >= this.max)
      return {
        ok: false,
        status: 503,
        code: "busy",
        retryAfterS: 5,
        error: `This Lifeline server already follows ${this.max} container logs, its limit; close another live tail or try again in a moment.`,
      };
    if ((this.perClient.get(r.client) ?? 0) >= perClient)
      return {
        ok: false,
        status: 429,
        code: "busy",
        retryAfterS: 5,
        error: `You already follow ${perClient} container logs from this address, the limit per client; close one of them first.`,
      };
    // The slot is taken now (opening takes a while), given back once, however the follow ends.
    this.open++;
    this.perClient.set(r.client, (this.perClient.get(r.client) ?? 0) + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.open--;
      const n = (this.perClient.get(r.client) ?? 1) - 1;
      if (n > 0) this.perClient.set(r.client, n);
      else this.perClient.delete(r.client);
    };
    const upstream = new AbortController();
    const onLeave = () => upstream.abort();
    r.signal?.addEventListener("abort", onLeave, { once: true });
    const giveUp = (answer: Extract<FollowAnswer, { ok: false }>) => {
      upstream.abort();
      r.signal?.removeEventListener("abort", onLeave);
      release();
      return r.signal?.aborted
        ? { ok: false as const, status: 499, error: "The browser left before the log was opened." }
        : answer;
    };
    if (r.signal?.aborted) return giveUp({ ok: false, status: 499, error: "" });
    const podPath = `/api/v1/namespaces/${encodeURIComponent(r.namespace)}/pods/${encodeURIComponent(r.pod)}`;
    let res: IncomingMessage;
    let instance: string | undefined;
    try {
      // Which instance is followed, to tell at the end whether it exited or was restarted.
      instance = statusOf(await this.pod(podPath, upstream.signal), r.container)?.containerID;
      res = await this.o.client.stream(
        `${podPath}/log`,
        {
          container: r.container,
          follow: "true",
          tailLines: String(r.tailLines),
          ...(r.timestamps ? { timestamps: "true" } : {}),
        },
        upstream.signal,
      );
    } catch (err) {
      return giveUp(refused(err, r.namespace));
    }
    if (res.statusCode === 204) {
      // Not scheduled: LogLocation gives no location and the API server answers 204 No Content.
      res.resume();
      return giveUp({
        ok: false,
        status: 409,
        error: `Pod ${r.pod} is not on a node yet: there is no log to follow.`,
      });
    }
    r.signal?.removeEventListener("abort", onLeave);
    return { ok: true, body: this.relay(r, res, upstream, release, podPath, instance) };
  }

  /** Ends every follow (Lifeline stops): each gets an `end` frame saying so. */
  close(): void {
    this.closed = true;
    for (const end of [...this.active]) end("stopped");
  }

  private async pod(path: string, signal: AbortSignal): Promise<Pod | null> {
    try {
      return await this.o.client.get<Pod>(path, {}, "get", signal);
    } catch {
      return null; // not found, or not allowed: the log request says what it has to say
    }
  }

  /** Why the log ended: the pod's status, looked at again while it does not say yet. */
  private async endOf(
    path: string,
    container: string,
    instance: string | undefined,
    signal: AbortSignal,
  ): Promise<End> {
    for (const wait of [0, ...(this.o.settleMs ?? [500, 1000, 2000])]) {
      if (wait) await new Promise((r) => setTimeout(r, wait).unref?.());
      if (signal.aborted) break;
      let pod: Pod | null;
      try {
        pod = await this.o.client.get<Pod>(path, {}, "get", signal);
      } catch (err) {
        if (err instanceof KubeError && err.status === 404) return { t: "end", why: "deleted" };
        continue;
      }
      if (pod?.metadata?.deletionTimestamp) return { t: "end", why: "deleted" };
      const s = statusOf(pod, container);
      if (!s) continue;
      const same = !instance || s.containerID === instance;
      const term = same ? s.state?.terminated : null;
      if (term) return { t: "end", why: "exited", ...exitOf(term) };
      const last = s.lastState?.terminated;
      if (instance && s.containerID !== instance)
        return {
          t: "end",
          why: "restarted",
          ...(last && last.containerID === instance ? exitOf(last) : {}),
        };
    }
    return { t: "end", why: "ended" };
  }

  private relay(
    r: FollowRequest,
    res: IncomingMessage,
    upstream: AbortController,
    release: () => void,
    podPath: string,
    instance: string | undefined,
  ): ReadableStream<Uint8Array> {
    let finish: (why: End | "stopped" | "expired" | "lost" | null) => void = () => {};
    const redactLine = lineRedactor(this.o.redactions);
    const maxLine = this.o.maxLineBytes ?? FOLLOW_DEFAULTS.maxLineBytes;
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          let done = false;
          let pending: FollowLine[] = [];
          const send = (frame: FollowFrame) => {
            if (!done) controller.enqueue(encoder.encode(frameLine(frame)));
          };
          const flush = () => {
            if (!pending.length || done) return;
            const lines = pending;
            pending = [];
            send({ t: "lines", lines });
            // The browser reads slower than the container writes: stop reading the cluster too.
            if ((controller.desiredSize ?? 1) <= 0) res.pause();
          };
          const split = lineSplitter(maxLine, (bytes, cut) => {
            if (!pending.length) setImmediate(flush);
            pending.push(followedLine(bytes, cut, r.timestamps, redactLine));
          });
          // A beat keeps an idle connection open; a browser with frames still to read needs none.
          const beat = setInterval(() => {
            if ((controller.desiredSize ?? 1) > 0) send({ t: "beat" });
          }, this.o.beatMs ?? 15_000);
          beat.unref?.();
          const expiry =
            r.endAfterMs !== undefined
              ? setTimeout(
                  () => finish("expired"),
                  Math.min(2 ** 31 - 1, Math.max(0, r.endAfterMs)),
                )
              : null;
          expiry?.unref?.();
          const onLeave = () => finish(null);
          /** Once: everything taken is given back, the cluster's request aborted. */
          finish = (why) => {
            if (done) return;
            split.flush();
            flush();
            if (why) send(typeof why === "string" ? { t: "end", why } : why);
            done = true;
            pending = [];
            clearInterval(beat);
            if (expiry) clearTimeout(expiry);
            r.signal?.removeEventListener("abort", onLeave);
            this.active.delete(finish);
            upstream.abort();
            res.destroy();
            release();
            try {
              controller.close();
            } catch {
              // cancelled by the browser already
            }
          };
          this.active.add(finish);
          if (r.signal?.aborted) return finish(null);
          r.signal?.addEventListener("abort", onLeave, { once: true });
          send({ t: "open", container: r.container, timestamps: r.timestamps });
          res.on("data", (chunk: Buffer) => split.push(chunk));
          res.on("close", () => {
            if (done) return;
            if (!res.complete) return finish("lost");
            split.flush();
            flush();
            // The log ended: say why once the pod's status does (the browser may leave meanwhile).
            void this.endOf(podPath, r.container, instance, upstream.signal).then(
              (end) => finish(end),
              () => finish({ t: "end", why: "ended" }),
            );
          });
          res.on("error", () => {}); // "close" follows, and says it
        },
        pull: () => {
          if (res.isPaused()) res.resume();
        },
        cancel: () => finish(null),
      },
      { highWaterMark: 64 },
    );
  }
}

function exitOf(t: { exitCode?: number; signal?: number; reason?: string }): Partial<End> {
  return {
    ...(typeof t.exitCode === "number" ? { exitCode: t.exitCode } : {}),
    ...(typeof t.signal === "number" ? { signal: t.signal } : {}),
    ...(t.reason ? { reason: t.reason } : {}),
  };
}

/** The pipeline's follows (lib/live/live.ts): none when LIFELINE_LOGS=off (no log text at all). */
export function logFollowsFor(
  env: Record<string, string | undefined>,
  client: KubeClient,
  namespaces: string[] | null,
): LogFollows | null {
  const settings = logSettingsFrom(env);
  if (settings.mode === "off") return null;
  return new LogFollows({ client, redactions: settings.redactions, namespaces });
}
