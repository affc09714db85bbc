"use client";
// The kiosk's data: the current pods from the stream, kept current for days. The browser's
// EventSource retries a dropped connection by itself; when it gives up (the server answered with an
// error), this hook asks why, shows it, and tries again with a growing pause (1 s … 30 s).
import { useEffect, useState } from "react";
import type { PodRow } from "@/lib/rows/pod-row";

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

export function useKioskFeed(namespaces: string[], selector: string): Feed {
  const [feed, setFeed] = useState<Feed>({
    rows: [],
    lastMessageAt: null,
    open: false,
    error: null,
    loaded: false,
  });
  const key = `${namespaces.join(",")}\n${selector}`;
  useEffect(() => {
    const [ns, sel] = key.split("\n");
    const q = new URLSearchParams();
    if (ns) q.set("namespace", ns);
    if (sel) q.set("selector", sel);
    const rows = new Map<string, PodRow>();
    let es: EventSource | null = null;
    let stopped = false;
    let dirty = false;
    let open = false;
    let loaded = false;
    let error: string | null = null;
    let lastMessageAt: number | null = null;
    let pause = 1000;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const heard = () => {
      lastMessageAt = Date.now();
      dirty = true;
    };
    const flush = () => {
      if (!dirty || stopped) return;
      dirty = false;
      setFeed({ rows: [...rows.values()], lastMessageAt, open, error, loaded });
    };
    const timer = setInterval(flush, 500);
    const connect = () => {
      if (stopped) return;
      es = new EventSource(`/api/stream?${q}`);
      es.addEventListener("snapshot", (e) => {
        rows.clear();
        for (const p of (JSON.parse((e as MessageEvent).data) as { pods: PodRow[] }).pods)
          rows.set(p.uid, p);
        open = true;
        loaded = true;
        error = null;
        pause = 1000;
        heard();
        flush();
      });
      es.addEventListener("pod", (e) => {
        const d = JSON.parse((e as MessageEvent).data) as { uid: string; row: PodRow };
        rows.set(d.uid, d.row);
        heard();
      });
      es.addEventListener("removed", (e) => {
        rows.delete((JSON.parse((e as MessageEvent).data) as { uid: string }).uid);
        heard();
      });
      es.addEventListener("ping", heard);
      es.onopen = () => {
        open = true;
        dirty = true;
      };
      es.onerror = () => {
        open = false;
        dirty = true;
        if (es?.readyState !== EventSource.CLOSED) return; // the browser is retrying by itself
        es.close();
        // Refused: ask the same question as a plain request to learn why, then try again later.
        fetch(`/api/pods?${q}&limit=1`, { cache: "no-store" })
          .then(async (res) => {
            if (res.ok) return;
            const body = await res.json().catch(() => null);
            error =
              res.status === 401
                ? SIGNED_OUT
                : (body?.error ?? `the server answered ${res.status}`);
          })
          .catch(() => {
            error = null; // the server is away: nothing to say beyond "reconnecting"
          })
          .finally(() => {
            dirty = true;
            flush();
            retry = setTimeout(connect, pause);
            pause = Math.min(30_000, pause * 2);
          });
      };
    };
    connect();
    return () => {
      stopped = true;
      clearInterval(timer);
      if (retry) clearTimeout(retry);
      es?.close();
    };
  }, [key]);
  return feed;
}
