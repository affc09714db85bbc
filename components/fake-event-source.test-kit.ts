// A stand-in for the browser's EventSource in component tests: records every source a view opens,
// and lets a test play the server (frames) and the browser (open, a dropped or refused connection).
import { act } from "@testing-library/react";
import { vi } from "vitest";
import { story, storyInput } from "@/lib/fixtures";
import type { Pod } from "@/lib/k8s/types";
import { podRow, type PodRow } from "@/lib/rows/pod-row";

export class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  /** Every source opened since the last reset, oldest first. */
  static made: FakeEventSource[] = [];

  readyState = FakeEventSource.CONNECTING;
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  private readonly listeners = new Map<string, Set<(e: Event) => void>>();

  constructor(public readonly url: string) {
    FakeEventSource.made.push(this);
  }

  static reset(): void {
    FakeEventSource.made = [];
  }

  /** The source opened last. */
  static get last(): FakeEventSource {
    return FakeEventSource.made[FakeEventSource.made.length - 1];
  }

  addEventListener(type: string, fn: (e: Event) => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(fn);
  }

  removeEventListener(type: string, fn: (e: Event) => void): void {
    this.listeners.get(type)?.delete(fn);
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  get closed(): boolean {
    return this.readyState === FakeEventSource.CLOSED;
  }

  private dispatch(type: string, e: Event): void {
    if (this.closed) return;
    for (const fn of [...(this.listeners.get(type) ?? [])]) fn(e);
    if (type === "open") this.onopen?.(e);
    if (type === "error") this.onerror?.(e);
  }

  /** The connection opened. */
  open(): void {
    this.readyState = FakeEventSource.OPEN;
    this.dispatch("open", { type: "open" } as Event);
  }

  /** The server sent `event: type` with `data` (JSON-encoded as the hub does). */
  send(type: string, data: unknown = {}): void {
    this.dispatch(type, { type, data: JSON.stringify(data) } as unknown as Event);
  }

  /**
   * The connection ended: the server closed the stream (the browser will reconnect by itself,
   * CONNECTING), or the browser gave the source up for good (CLOSED: answered with anything but
   * a stream).
   */
  drop(giveUp = false): void {
    if (this.closed) return;
    this.readyState = giveUp ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
    for (const fn of [...(this.listeners.get("error") ?? [])]) fn({ type: "error" } as Event);
    this.onerror?.({ type: "error" } as Event);
  }
}

/** What the fake `fetch` answers for a URL. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
}

/**
 * Installs FakeEventSource as the global EventSource (none opened yet) and a `fetch` that answers
 * each URL with `answer(url)`. Undo with vi.unstubAllGlobals().
 */
export function fakeStreamGlobals(answer: (url: string) => FakeAnswer): void {
  FakeEventSource.reset();
  vi.stubGlobal("EventSource", FakeEventSource);
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      const a = answer(String(url));
      return { ok: a.status < 400, status: a.status, json: async () => a.body };
    }),
  );
}

/** A ResizeObserver that observes nothing (happy-dom has none): the pod page measures its width with one. */
export function stubResizeObserver(): void {
  vi.stubGlobal(
    "ResizeObserver",
    class {
      observe() {}
      disconnect() {}
    },
  );
}

/** Lets `ms` pass on vitest's fake clock, inside act: the timers fire and the promises settle. */
export const later = (ms = 0) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));

/** The source opens and sends its snapshot of `pods`. */
export const opened = (es: FakeEventSource, pods: unknown[]) =>
  act(async () => {
    es.open();
    es.send("snapshot", { pods });
  });

const oom = storyInput(story("oom-killed")!);
/** The moment the rows below stand for (the oom-killed story's now). */
export const ROW_NOW = oom.now;
const lastPod = oom.observations[oom.observations.length - 1].object as Pod;

/** A real-shaped row (the oom-killed story's pod) named `name`, uid `uid-<name>`. */
export const streamRow = (name: string, deletedAt: number | null = null): PodRow => ({
  ...podRow(lastPod, oom.now),
  uid: `uid-${name}`,
  name,
  deletedAt,
});

const answeredStreams = new WeakSet<FakeEventSource>();

/**
 * Plays the server of the workload channel (GET /api/stream?channel=workloads): each workload
 * stream opened and not yet answered gets what GET /api/workloads would answer for its namespaces
 * (`answer` is given that URL): a 2xx opens it and sends the body as its snapshot; anything else is
 * a refusal, which the browser answers by giving the source up.
 */
export const answerWorkloadStreams = (answer: (listUrl: string) => FakeAnswer) =>
  act(async () => {
    for (const es of FakeEventSource.made) {
      if (!es.url.startsWith("/api/stream?channel=workloads") || answeredStreams.has(es)) continue;
      if (es.closed) continue;
      answeredStreams.add(es);
      const ns = new URL(es.url, "http://x").searchParams.get("namespace");
      const a = answer(`/api/workloads${ns ? `?namespace=${encodeURIComponent(ns)}` : ""}`);
      if (a.status < 400) {
        es.open();
        es.send("snapshot", a.body);
      } else es.drop(true);
    }
  });

/** The workload streams opened so far (their URLs). */
export const workloadStreams = () =>
  FakeEventSource.made.filter((e) => e.url.startsWith("/api/stream?channel=workloads"));
