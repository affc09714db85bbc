"use client";
// The kiosk's data: the first `limit` pods of the server's problems-first order (the windowed
// stream, GET /api/stream?limit=…: at 150,000 pods the browser gets a few pages of cards, not every
// pod) and the counts over all of them, kept current for days (components/useStream: the browser
// resumes a dropped connection; a refused one or a resync opens a new stream, 1 s … 30 s). When the
// server refuses it, this hook asks why and the kiosk shows it.
import { useMemo } from "react";
import { useStream } from "@/components/useStream";
import type { PodRow } from "@/lib/rows/pod-row";
import type { ViewWindow } from "@/lib/rows/row-view";
import { kioskStreamPath } from "@/lib/view/stream-frames";
import type { KioskPreview } from "@/lib/view/kiosk";

export interface Feed {
  /** The window's rows in the server's order (the pods in trouble first). */
  rows: PodRow[];
  /** Where the rows stand among all the pods, and the counts over all of them (null: not yet). */
  window: ViewWindow | null;
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

/**
 * `limit` null: no stream yet. `preview`: the server's first cards (the page's HTML), the feed until
 * the stream's first frame.
 */
export function useKioskFeed(
  namespaces: string[],
  selector: string,
  limit: number | null,
  preview: KioskPreview | null = null,
): Feed {
  const path = limit === null ? null : kioskStreamPath(namespaces, selector, limit);
  // The refusal's question: the namespaces and selector (a plain request reads no window).
  const ask = new URLSearchParams();
  if (namespaces.length) ask.set("namespace", namespaces.join(","));
  if (selector) ask.set("selector", selector);
  const s = useStream<PodRow>(path, { every: 500, onRefused: () => whyRefused(ask.toString()) });
  const w = s.window;
  const rows = useMemo(
    () =>
      w
        ? w.uids.map((uid) => s.rows.get(uid)).filter((r): r is PodRow => r !== undefined)
        : [...s.rows.values()],
    [s.rows, w],
  );
  if (!s.loaded && !s.refused && preview)
    return {
      rows: preview.rows,
      window: preview.window,
      lastMessageAt: s.lastFrameAt,
      open: s.connection === "open",
      error: null,
      loaded: true,
    };
  return {
    rows,
    window: w,
    lastMessageAt: s.lastFrameAt,
    open: s.connection === "open",
    error: s.refused,
    loaded: s.loaded,
  };
}
