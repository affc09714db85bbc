"use client";
// The kiosk's data: the current pods from the stream, kept current for days (components/useStream:
// the browser resumes a dropped connection; a refused one or a resync opens a new stream, 1 s …
// 30 s). When the server refuses it, this hook asks why and the kiosk shows it.
import { useMemo } from "react";
import { useStream } from "@/components/useStream";
import type { PodRow } from "@/lib/rows/pod-row";
import { streamPath } from "@/lib/view/stream-frames";

export interface Feed {
  rows: PodRow[];
  /** Date.now() of the last frame (a change, a snapshot or the 15 s ping); null before the first. */
  lastMessageAt: number | null;
  open: boolean;
  /**
   * Why the stream is refused, in the server's words (bad filter, namespace out of reach); the
   * SIGNED_OUT key when the access ended (a 401: the server restarted, the link expired).
   */
  error: string | null;
  loaded: boolean;
}

/** Feed.error when the server answered 401: the kiosk says "Signed out", not the API's sentence. */
export const SIGNED_OUT = "conn.signedOut";

/** Asks the stream's question as a plain request to learn why it was refused. */
async function whyRefused(query: string): Promise<string | null | undefined> {
  try {
    const res = await fetch(`/api/pods?${query}&limit=1`, { cache: "no-store" });
    if (res.ok) return undefined;
    const body = await res.json().catch(() => null);
    return res.status === 401 ? SIGNED_OUT : (body?.error ?? `the server answered ${res.status}`);
  } catch {
    return null; // the server is away: nothing to say beyond "reconnecting"
  }
}

export function useKioskFeed(namespaces: string[], selector: string): Feed {
  const path = streamPath({ namespaces, selector });
  const query = path.split("?")[1] ?? "";
  const s = useStream<PodRow>(path, { every: 500, onRefused: () => whyRefused(query) });
  const rows = useMemo(() => [...s.rows.values()], [s.rows]);
  return {
    rows,
    lastMessageAt: s.lastFrameAt,
    open: s.connection === "open",
    error: s.refused,
    loaded: s.loaded,
  };
}
