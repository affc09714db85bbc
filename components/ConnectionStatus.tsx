"use client";
// The connection banner: which cluster Lifeline reads and how the connection is doing (connected,
// syncing, retrying since …, the last error), polled from GET /api/cluster every 5 seconds.
import { useEffect, useState } from "react";
import { describeConnection, type Answer } from "@/lib/view/connection";

const TONES = {
  ok: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  busy: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100",
  warn: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100",
  error: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
} as const;

const DOTS = { ok: "bg-emerald-500", busy: "bg-sky-500 animate-pulse", warn: "bg-amber-500", error: "bg-red-500" } as const;

async function ask(): Promise<Answer> {
  try {
    const res = await fetch("/api/cluster", { cache: "no-store" });
    const body = await res.json().catch(() => null);
    if (res.ok && body) return { ok: true, info: body };
    return { ok: false, status: res.status, error: body?.error ?? `the server answered ${res.status}` };
  } catch (err) {
    return { ok: false, status: null, error: (err as Error).message || "the request failed" };
  }
}

export function ConnectionStatus() {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [now, setNow] = useState(0);
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      const a = await ask();
      if (stopped) return;
      setAnswer(a);
      setNow(Date.now());
    };
    void poll();
    const timer = setInterval(poll, 5_000);
    const onVisible = () => document.visibilityState === "visible" && void poll();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, []);

  if (!answer) {
    return (
      <div role="status" aria-live="polite" className={`border-b px-6 py-1.5 text-sm ${TONES.busy}`} data-testid="connection" data-tone="loading">
        Asking the server which cluster it reads…
      </div>
    );
  }
  const view = describeConnection(answer, now);
  const reflectors = answer.ok ? answer.info.connection.reflectors : [];
  return (
    <div role="status" aria-live="polite" className={`border-b px-6 py-1.5 text-sm ${TONES[view.tone]}`} data-testid="connection" data-tone={view.tone}>
      <details>
        <summary className="cursor-pointer list-none">
          <span aria-hidden className={`mr-2 inline-block h-2 w-2 rounded-full align-middle ${DOTS[view.tone]}`} />
          <span className="font-medium" data-testid="connection-title">{view.title}</span>
          <span className="ml-2 opacity-80" data-testid="connection-detail">{view.detail}</span>
        </summary>
        {reflectors.length > 0 && (
          <table className="mt-1 font-mono text-xs" aria-label="Watches">
            <thead>
              <tr className="text-left opacity-70">
                <th className="pr-4 font-normal">WATCH</th>
                <th className="pr-4 font-normal">STATE</th>
                <th className="pr-4 font-normal">SINCE</th>
                <th className="pr-4 font-normal">LISTS</th>
                <th className="pr-4 font-normal">WATCHES</th>
                <th className="font-normal">LAST ERROR</th>
              </tr>
            </thead>
            <tbody>
              {reflectors.map((r) => (
                <tr key={r.path}>
                  <td className="pr-4">{r.path}</td>
                  <td className="pr-4">{r.phase}</td>
                  <td className="pr-4">{new Date(r.since).toISOString().slice(11, 19)}</td>
                  <td className="pr-4">{r.lists}</td>
                  <td className="pr-4">{r.watches}</td>
                  <td>{r.lastError ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </div>
  );
}
