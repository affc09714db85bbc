"use client";
// The pod page's captured logs, read from GET /api/pods/{ns}/{name}/logs: the runs list (capture
// mode, each run's last line for the tooltip; read again when another run ends) and one run's text
// (when the reader opens it). A snapshot brings its logs with the page (or none): nothing is fetched.
import { useEffect, useState } from "react";
import type { LogCaptureMode, RunLogInfo, SnapshotRunLog } from "@/lib/view/run-logs";

export type RunsState =
  | { state: "loading" }
  | { state: "ok"; capture: LogCaptureMode | null; runs: RunLogInfo[] }
  | { state: "forbidden"; error: string }
  | { state: "error"; error: string };

export type RunTextState =
  | { state: "loading" }
  | { state: "ok"; run: RunLogInfo | null; text: string | null }
  /** Nothing kept for the run (404). */
  | { state: "missing"; error: string }
  /** A viewer token without --logs (403). */
  | { state: "forbidden"; error: string }
  /** The snapshot was shared without logs. */
  | { state: "unshared" }
  | { state: "error"; error: string };

export function logsPath(
  namespace: string,
  name: string,
  q: { uid?: string | null; container?: string; run?: number },
): string {
  const query = new URLSearchParams();
  if (q.uid) query.set("uid", q.uid);
  if (q.container) query.set("container", q.container);
  if (q.run !== undefined) query.set("run", String(q.run));
  return `/api/pods/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/logs${query.size ? `?${query}` : ""}`;
}

async function read(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { cache: "no-store" });
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  return { status: res.status, body: body ?? {} };
}

const errorOf = (status: number, body: Record<string, unknown>) =>
  typeof body.error === "string" ? body.error : `HTTP ${status}`;

/**
 * The runs list. `ended` counts the pod's ended runs: when it changes, the list is read again a
 * little later (a capture waits in its queue). `frozen`: a snapshot's logs (null: shared without).
 * `path` null: not yet (the pod's uid is not known).
 */
export function useRunsList(
  path: string | null,
  ended: number,
  frozen: SnapshotRunLog[] | null | undefined,
): RunsState {
  const [state, setState] = useState<RunsState>({ state: "loading" });
  useEffect(() => {
    if (frozen !== undefined || path === null) return;
    let gone = false;
    const get = async () => {
      try {
        const { status, body } = await read(path);
        if (gone) return;
        if (status === 403) setState({ state: "forbidden", error: errorOf(status, body) });
        else if (status >= 400) setState({ state: "error", error: errorOf(status, body) });
        else
          setState({
            state: "ok",
            capture: (body.capture as LogCaptureMode) ?? null,
            runs: Array.isArray(body.runs) ? (body.runs as RunLogInfo[]) : [],
          });
      } catch (err) {
        if (!gone) setState({ state: "error", error: (err as Error).message });
      }
    };
    // At once, and again once the capture of a run that just ended has had time to be stored.
    void get();
    const again = setTimeout(() => void get(), 5000);
    return () => {
      gone = true;
      clearTimeout(again);
    };
  }, [path, ended, frozen]);
  if (frozen !== undefined)
    return frozen === null
      ? { state: "ok", capture: null, runs: [] }
      : { state: "ok", capture: null, runs: frozen };
  return state;
}

/** One run's text; `attempt` null: nothing to read (a run still going). */
export function useRunText(
  path: string,
  frozen: SnapshotRunLog[] | null | undefined,
  container: string,
  attempt: number | null,
  retry: number,
): RunTextState {
  const [state, setState] = useState<{ key: string; value: RunTextState } | null>(null);
  const key = `${path}#${retry}`;
  useEffect(() => {
    if (frozen !== undefined || attempt === null) return;
    let gone = false;
    void (async () => {
      try {
        const { status, body } = await read(path);
        if (gone) return;
        const value: RunTextState =
          status === 403
            ? { state: "forbidden", error: errorOf(status, body) }
            : status === 404
              ? { state: "missing", error: errorOf(status, body) }
              : status >= 400
                ? { state: "error", error: errorOf(status, body) }
                : {
                    state: "ok",
                    run: (body.run as RunLogInfo) ?? null,
                    text: typeof body.text === "string" ? body.text : null,
                  };
        setState({ key, value });
      } catch (err) {
        if (!gone) setState({ key, value: { state: "error", error: (err as Error).message } });
      }
    })();
    return () => {
      gone = true;
    };
  }, [path, key, frozen, attempt]);
  if (frozen === null) return { state: "unshared" };
  if (frozen !== undefined) {
    const run = frozen.find((r) => r.container === container && r.attempt === attempt);
    return run ? { state: "ok", run, text: run.text } : { state: "missing", error: "" };
  }
  return state?.key === key ? state.value : { state: "loading" };
}
