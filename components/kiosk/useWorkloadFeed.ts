"use client";
// The kiosk's workloads (`/kiosk?group=workload`): GET /api/workloads for the namespaces asked for,
// read again every 10 s (as the /workloads list does), and each shown card's timeline over the
// window, GET /api/workloads/{ns}/{kind}/{name}?from=&to=, read when its row changes and at most
// every 30 s otherwise. A refusal is told in the server's words; a 401 as "signed out".
import { useEffect, useRef, useState } from "react";
import { KIND_PATH } from "@/lib/view/workload-kinds";
import type { KioskWorkloadRow } from "@/lib/view/kiosk-workloads";
import type { WorkloadTimeline } from "@/lib/workloads/types";
import { SIGNED_OUT } from "./useKioskFeed";

export const WORKLOADS_EVERY_MS = 10_000;
export const DETAIL_EVERY_MS = 30_000;

export interface WorkloadFeed {
  rows: KioskWorkloadRow[];
  /** Kinds Lifeline may not list there (`omitted` of GET /api/workloads). */
  omitted: string[];
  lastMessageAt: number | null;
  open: boolean;
  error: string | null;
  loaded: boolean;
}

async function refusal(res: Response): Promise<string> {
  const body = await res.json().catch(() => null);
  return res.status === 401 ? SIGNED_OUT : (body?.error ?? `the server answered ${res.status}`);
}

/** `namespaces` null: not asked (the kiosk shows pods). */
export function useWorkloadFeed(namespaces: string[] | null): WorkloadFeed {
  const [feed, setFeed] = useState<WorkloadFeed>({
    rows: [],
    omitted: [],
    lastMessageAt: null,
    open: false,
    error: null,
    loaded: false,
  });
  const scope = namespaces === null ? null : namespaces.join(",");
  useEffect(() => {
    if (scope === null) return;
    let gone = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        const res = await fetch(
          `/api/workloads${scope ? `?namespace=${encodeURIComponent(scope)}` : ""}`,
          { cache: "no-store" },
        );
        if (gone) return;
        if (!res.ok) {
          const error = await refusal(res);
          if (!gone) setFeed((f) => ({ ...f, open: false, error }));
        } else {
          const body = await res.json();
          if (gone) return;
          setFeed({
            rows: Array.isArray(body?.workloads) ? body.workloads : [],
            omitted: Array.isArray(body?.omitted)
              ? body.omitted.map((o: { resource?: string }) => String(o?.resource ?? ""))
              : [],
            lastMessageAt: Date.now(),
            open: true,
            error: null,
            loaded: true,
          });
        }
      } catch {
        // The server is away: "reconnecting", and stale once it has been too long.
        if (!gone) setFeed((f) => ({ ...f, open: false }));
      }
      if (!gone) timer = setTimeout(read, WORKLOADS_EVERY_MS);
    };
    void read();
    return () => {
      gone = true;
      clearTimeout(timer);
    };
  }, [scope]);
  return feed;
}

export interface Wanted {
  key: string;
  row: KioskWorkloadRow;
  /** rowSignature: read again when it changes. */
  sig: string;
}

interface Held {
  sig: string;
  readAt: number;
}

/**
 * The shown cards' timelines over [now − windowMs, now] (`now`: the server's clock). `keep`: the
 * keys of every card (a workload gone from the list drops its timeline: a wall runs for days).
 */
export function useWorkloadDetails(
  wanted: readonly Wanted[],
  keep: readonly string[],
  windowMs: number,
  now: () => number,
  tick: number,
): Map<string, WorkloadTimeline> {
  const held = useRef(new Map<string, Held>());
  const [out, setOut] = useState(() => new Map<string, WorkloadTimeline>());
  const ask = wanted.map((w) => `${w.key}\u0000${w.sig}`).join("\n");
  const kept = keep.join("\n");
  useEffect(() => {
    const alive = new Set(kept.split("\n"));
    const gone = [...held.current.keys()].filter((k) => !alive.has(k));
    if (!gone.length) return;
    for (const k of gone) held.current.delete(k);
    setOut((m) => new Map([...m].filter(([k]) => alive.has(k))));
  }, [kept]);
  useEffect(() => {
    let gone = false;
    const wall = Date.now();
    const due = wanted.filter((w) => {
      const h = held.current.get(w.key);
      return !h || h.sig !== w.sig || wall - h.readAt >= DETAIL_EVERY_MS;
    });
    const to = now();
    const from = to - windowMs;
    // Four at a time: a page of cards is up to 28 timelines.
    const queue = [...due];
    const worker = async () => {
      for (let w = queue.shift(); w && !gone; w = queue.shift()) {
        const { row: r, key, sig } = w;
        const url = `/api/workloads/${encodeURIComponent(r.namespace)}/${KIND_PATH[r.kind]}/${encodeURIComponent(r.name)}?from=${Math.round(from)}&to=${Math.round(to)}`;
        try {
          const res = await fetch(url, { cache: "no-store" });
          const body = res.ok ? await res.json() : null;
          if (gone || !body?.timeline) continue;
          held.current.set(key, { sig, readAt: Date.now() });
          const timeline = body.timeline as WorkloadTimeline;
          setOut((m) => new Map(m).set(key, timeline));
        } catch {
          // Kept as last read; tried again on the next tick.
        }
      }
    };
    void Promise.all([worker(), worker(), worker(), worker()]);
    return () => {
      gone = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `ask` stands for `wanted`
  }, [ask, windowMs, tick]);
  return out;
}
