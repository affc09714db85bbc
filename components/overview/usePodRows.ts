"use client";
// The overview's rows. Live: a window of them from the server (GET /api/stream?limit=…,
// lib/live/views.ts), which filters and sorts every pod and sends the rows at [offset, offset +
// limit), their total and the filters' choices, then what changes in them. The rows array is as
// long as the total, with only the window's places filled (the rest are drawn as rows still
// coming); scrolling past the window's edge opens the stream again where the eye is. Changes are
// applied at most every 250 ms, so thousands of them cost one render. Frozen window: the
// history's pods alive in it, every row, filtered and sorted in the browser.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { PodRow } from "@/lib/rows/pod-row";
import type { ViewWindow } from "@/lib/rows/row-view";
import type { SortKey } from "@/lib/rows/order";
import { openStream, type StreamClient } from "@/components/useStream";
import {
  FIRST_WINDOW_ROWS,
  FRAME,
  overviewStreamPath,
  type StreamState,
} from "@/lib/view/stream-frames";

/** The rows in order; in a live window only the window's places hold a row (the others are holes). */
export type Rows = readonly (PodRow | undefined)[];

export type RowsState =
  | { state: "loading" }
  | { state: "error"; status: number | null; error: string }
  | {
      state: "ok";
      rows: Rows;
      truncated: boolean;
      streaming: boolean;
      preview?: Preview;
      /** A live window's place and counts (the server filtered and sorted); absent for every row. */
      window?: ViewWindow;
      /** The rows of the query before: the new one's have not come yet (shown dimmed, for a second at most). */
      stale?: boolean;
    };

/** The server's first screen of rows (the page's HTML), shown until the stream's snapshot. */
export interface Preview {
  rows: PodRow[];
  shown: number;
  total: number;
  at: number;
}

export interface Query {
  namespace: string | null;
  selector: string;
  status: string;
  node: string;
  search: string;
  sort: SortKey;
  desc: boolean;
  window: string;
  from: number | null;
  to: number | null;
}

/** Longest a live update waits for `hold` (a user who scrolls on and on still sees changes). */
const MAX_HOLD_MS = 2_000;
/** Rows a live window holds at least and at most, and how close the screen may come to its edge before it moves. */
const WINDOW_ROWS = FIRST_WINDOW_ROWS;
const MAX_WINDOW_ROWS = 500;
const EDGE_ROWS = 15;
/** A scroll settles this long before the window moves (a fling opens one stream, not twenty). */
const MOVE_AFTER_MS = 80;
/** A new query's rows not come after this long: "loading" instead of the last query's rows. */
const STALE_MS = 1000;

/** Rows a window holds for `count` rows on screen: half a screen each side, at least 15 (a tall screen gets more than 120). */
export function limitFor(count: number): number {
  return Math.min(
    MAX_WINDOW_ROWS,
    Math.max(WINDOW_ROWS, count + 2 * Math.max(EDGE_ROWS, Math.ceil(count / 2))),
  );
}

/** Where a window of `limit` rows should start for the rows [first, first + count) on screen. */
export function windowFor(
  first: number,
  count: number,
  total: number,
  limit = WINDOW_ROWS,
): number {
  const start = Math.max(0, Math.floor(first + count / 2 - limit / 2));
  return Math.max(0, Math.min(start, Math.max(0, total - limit)));
}

/** The screen's rows are well inside the window (or the window reaches the list's end there). */
export function covers(
  offset: number,
  total: number,
  first: number,
  count: number,
  limit = WINDOW_ROWS,
): boolean {
  const end = offset + limit;
  return (
    (first >= offset + EDGE_ROWS || (offset === 0 && first >= 0)) &&
    (first + count <= end - EDGE_ROWS || (end >= total && first + count <= end))
  );
}

/** The rows of a windowed stream's state: as long as the total, the window's places filled. */
export function windowRows(s: StreamState<PodRow>): Rows {
  const w = s.window;
  if (!w) return [...s.rows.values()];
  const rows = new Array<PodRow | undefined>(w.total);
  w.uids.forEach((uid, i) => {
    if (w.offset + i < w.total) rows[w.offset + i] = s.rows.get(uid);
  });
  return rows;
}

/**
 * `frozen`: a snapshot's rows; nothing is fetched or streamed. `preview`: rows to show until the live
 * ones come. `hold`: true while the user scrolls or zooms; deltas wait (rows do not move under the
 * pointer), at most 2 s. Returns the state and `look(first, count)`: the rows on screen now.
 */
export function usePodRows(
  q: Query,
  frozen: { rows: PodRow[]; truncated: boolean } | null = null,
  preview: Preview | null = null,
  hold: () => boolean = () => false,
): [RowsState, (first: number, count: number) => void] {
  const [state, setState] = useState<RowsState>(
    frozen
      ? { state: "ok", rows: frozen.rows, truncated: frozen.truncated, streaming: false }
      : preview
        ? { state: "ok", rows: preview.rows, truncated: false, streaming: true, preview }
        : { state: "loading" },
  );
  // The preview stands for the query the page was loaded with: kept on screen for that query's first load only.
  const keepPreview = useRef(preview !== null);
  const holdRef = useRef(hold);
  useLayoutEffect(() => void (holdRef.current = hold));
  const lookRef = useRef<(first: number, count: number) => void>(() => {});
  // The rows on screen as last said (a new query's window is checked against them too).
  const lastLook = useRef<[number, number]>([0, 0]);
  const { namespace, selector, status, node, search, sort, desc, window, from, to } = q;
  const still = frozen !== null;
  useEffect(() => {
    if (still) return;
    let stopped = false;
    const base = new URLSearchParams();
    if (namespace) base.set("namespace", namespace);
    if (selector) base.set("selector", selector);
    const previewing = (from === null || to === null) && keepPreview.current;
    const live = from === null || to === null;
    if (!previewing) {
      // A new query starts from "loading"; a live one that follows a live one keeps the rows on
      // screen until its own first frame (a search typed, a column sorted: no flash of "loading").
      setState((v) =>
        live && v.state === "ok" && v.window ? { ...v, stale: true } : { state: "loading" },
      );
    }
    keepPreview.current = false;
    const fail = async (res: Response) => {
      const body = await res.json().catch(() => null);
      if (!stopped)
        setState({
          state: "error",
          status: res.status,
          error: body?.error ?? `HTTP ${res.status}`,
        });
    };
    if (from !== null && to !== null) {
      const p = new URLSearchParams(base);
      p.set("from", new Date(from).toISOString());
      p.set("to", new Date(to).toISOString());
      p.set("limit", "10000");
      fetch(`/api/pods?${p}`, { cache: "no-store" })
        .then(async (res) => {
          if (!res.ok) return fail(res);
          const body = await res.json();
          if (!stopped)
            setState({ state: "ok", rows: body.pods, truncated: body.truncated, streaming: false });
        })
        .catch(
          (err) =>
            !stopped && setState({ state: "error", status: null, error: (err as Error).message }),
        );
      return () => void (stopped = true);
    }
    // Live: the window's rows from the stream's snapshot, then its changes (components/useStream).
    // The page's inline script may have opened the first window's stream before this code loaded.
    // Nothing is shown before the snapshot (no empty list flashing before the rows or an error).
    const query = {
      namespaces: namespace ? namespace.split(",") : [],
      selector,
      status,
      node,
      search,
      sort,
      desc,
      window,
    };
    let heldSince = 0;
    // What was last rendered: the rows (their changes), the connection, and which stream.
    let seen: (Pick<StreamState, "changes" | "connection"> & { client: unknown }) | null = null;
    // The stream whose rows are shown, and the one opened for a window further on (shown once its snapshot comes).
    let client: StreamClient<PodRow>;
    let next: { client: StreamClient<PodRow>; offset: number; limit: number } | null = null;
    let offset = 0;
    let limit = WINDOW_ROWS;
    let moveTimer: ReturnType<typeof setTimeout> | null = null;
    // The last query's rows, still on screen, give way to "loading" if this one's are slow.
    const staleTimer = setTimeout(
      () => !stopped && setState((v) => (v.state === "ok" && v.stale ? { state: "loading" } : v)),
      STALE_MS,
    );
    const flush = (now = false) => {
      if (stopped) return;
      if (next?.client.read().loaded) {
        client.close();
        client = next.client;
        offset = next.offset;
        limit = next.limit;
        next = null;
      }
      const s = client.read();
      if (
        seen &&
        s.changes === seen.changes &&
        s.connection === seen.connection &&
        seen.client === client
      )
        return;
      if (!now && holdRef.current()) {
        const t = performance.now();
        if (!heldSince) heldSince = t;
        if (t - heldSince < MAX_HOLD_MS) return;
      }
      heldSince = 0;
      const streaming = s.connection === "open";
      if (!s.loaded) {
        // The server's preview stays until the snapshot replaces it; the notice follows the stream.
        if (previewing)
          setState((v) =>
            v.state === "ok" && v.streaming !== streaming ? { ...v, streaming } : v,
          );
        return;
      }
      seen = { changes: s.changes, connection: s.connection, client };
      setState({
        state: "ok",
        rows: windowRows(s),
        truncated: false,
        streaming,
        window: s.window ?? undefined,
      });
      // The window may not cover the screen (a new query while scrolled down, a list that shrank).
      lookRef.current(...lastLook.current);
    };
    const open = (at: number, rows: number, early: boolean) =>
      openStream<PodRow>(overviewStreamPath(query, at, rows), {
        early,
        onFrame: (type) => {
          if (type === FRAME.snapshot) flush(true);
        },
      });
    client = open(0, WINDOW_ROWS, true);
    // The rows on screen: a window that no longer covers them moves there once the scroll settles.
    lookRef.current = (first, count) => {
      const s = client.read();
      if (!s.loaded) return;
      const total = s.window?.total ?? 0;
      const want = limitFor(count);
      const fits = (o: number, l: number) => l >= want && covers(o, total, first, count, l);
      if (fits(offset, limit) || (next && fits(next.offset, next.limit))) {
        if (moveTimer) clearTimeout(moveTimer);
        moveTimer = null;
        // Back inside the window shown: the one opened for further on is not needed.
        if (next && fits(offset, limit)) {
          next.client.close();
          next = null;
        }
        return;
      }
      if (moveTimer) clearTimeout(moveTimer);
      moveTimer = setTimeout(() => {
        moveTimer = null;
        if (stopped) return;
        const at = windowFor(first, count, total, want);
        next?.client.close();
        next = { client: open(at, want, false), offset: at, limit: want };
      }, MOVE_AFTER_MS);
    };
    const timer = setInterval(() => flush(), 250);
    // An early stream's snapshot came before this code did.
    if (client.read().loaded) flush(true);
    // The stream and a one-row request start together: the request is there for its error sentence
    // (a bad selector, a namespace out of reach), which an EventSource cannot read.
    // Namespaces and selector only: the stream takes any status, node or search (the check's
    // /api/pods is stricter about a search), and at 150,000 pods the one row is picked in one pass.
    const check = new URLSearchParams(base);
    check.set("limit", "1");
    fetch(`/api/pods?${check}`, { cache: "no-store" })
      .then((res) => {
        if (stopped) return;
        if (res.ok) return;
        client.close();
        next?.client.close();
        return fail(res);
      })
      .catch((err) => {
        if (stopped) return;
        client.close();
        next?.client.close();
        setState({ state: "error", status: null, error: (err as Error).message });
      });
    return () => {
      stopped = true;
      clearTimeout(staleTimer);
      clearInterval(timer);
      if (moveTimer) clearTimeout(moveTimer);
      lookRef.current = () => {};
      client.close();
      next?.client.close();
    };
  }, [namespace, selector, status, node, search, sort, desc, window, from, to, still]);
  const look = useCallback((first: number, count: number) => {
    lastLook.current = [first, count];
    lookRef.current(first, count);
  }, []);
  return [state, look];
}
