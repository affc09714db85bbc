"use client";
// One poll of GET /api/cluster every 5 s shared by every component that needs it: the connection
// banner, and the views' idea of "now" (the server's clock, which runs fast for a sped-up demo).
import { useEffect, useState } from "react";
import { serverTime, type Answer } from "@/lib/view/connection";

interface Shared {
  answer: Answer | null;
  /** Date.now() when the answer arrived. */
  at: number;
}

let shared: Shared = { answer: null, at: 0 };
const listeners = new Set<(s: Shared) => void>();
let timer: ReturnType<typeof setInterval> | null = null;

async function ask(): Promise<Answer> {
  try {
    const res = await fetch("/api/cluster", { cache: "no-store" });
    const body = await res.json().catch(() => null);
    if (res.ok && body) return { ok: true, info: body };
    return {
      ok: false,
      status: res.status,
      error: body?.error ?? `the server answered ${res.status}`,
    };
  } catch (err) {
    return { ok: false, status: null, error: (err as Error).message || "the request failed" };
  }
}

async function poll(): Promise<void> {
  const answer = await ask();
  shared = { answer, at: Date.now() };
  for (const l of listeners) l(shared);
}

const onVisible = () => document.visibilityState === "visible" && void poll();

/** `enabled` false: no polling (a snapshot stands for a moment that has passed; its reader may not be signed in). */
export function useClusterInfo(enabled = true): Shared {
  const [state, setState] = useState(shared);
  useEffect(() => {
    if (!enabled) return;
    listeners.add(setState);
    if (listeners.size === 1) {
      void poll();
      timer = setInterval(poll, 5_000);
      document.addEventListener("visibilitychange", onVisible);
      // eslint-disable-next-line react-hooks/set-state-in-effect -- catch up with an answer that arrived before this component subscribed
    } else setState(shared);
    return () => {
      listeners.delete(setState);
      if (listeners.size === 0) {
        if (timer) clearInterval(timer);
        timer = null;
        document.removeEventListener("visibilitychange", onVisible);
      }
    };
  }, [enabled]);
  return state;
}

/** The server's clock now, extrapolated from its last answer (at its speed); the browser's clock until it answered. */
export function serverNow(s: Shared): number {
  return serverTime(s.answer, s.at, Date.now());
}
