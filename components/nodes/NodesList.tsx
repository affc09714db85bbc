"use client";
// Every node Lifeline knows (the reader's own when their access is scoped): Ready now and since
// when, taints and cordon now, pods now, and Ready over the last hour; nodes not Ready first.
// Reads /api/nodes again every 10 s.
import Link from "next/link";
import { useEffect, useState } from "react";
import { useI18n } from "@/components/I18n";
import { Alert } from "@/components/lanes/Alert";
import { serverNow, useClusterInfo } from "@/components/useClusterInfo";
import { useShownTz } from "@/components/useHydrated";
import { Strip } from "@/components/lanes/Strip";
import type { NodeTimeline } from "@/lib/nodes/node-timeline";

import { formatDuration, formatTime } from "@/lib/text/format";
import { nodePage } from "@/lib/view/node-page";
import { readyWord, taintText } from "@/lib/view/node-track";

/** A row of GET /api/nodes (lib/routes/nodes.ts). */
type NodeAnswerRow = NodeTimeline & { pods: number };

const HOUR = 3_600_000;

export function NodesList() {
  const { t } = useI18n();
  const tz = useShownTz("local");
  const clock = useClusterInfo();
  const [tick, setTick] = useState(0);
  const [data, setData] = useState<{ nodes: NodeAnswerRow[]; access: string; at: number } | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const id = setInterval(() => setTick((n) => n + 1), 10_000);
    return () => clearInterval(id);
  }, []);
  useEffect(() => {
    let gone = false;
    const now = serverNow(clock);
    fetch(`/api/nodes?from=${now - HOUR}&to=${now}`, { cache: "no-store" })
      .then(async (r) => {
        const body = (await r.json().catch(() => null)) as {
          nodes?: NodeAnswerRow[];
          access?: { state: string };
          error?: string;
        } | null;
        if (!r.ok || !body?.nodes) throw new Error(body?.error ?? `HTTP ${r.status}`);
        if (!gone) {
          setData({ nodes: body.nodes, access: body.access?.state ?? "ok", at: now });
          setError(null);
        }
      })
      .catch((e: unknown) => !gone && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      gone = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the window moves with `tick`
  }, [tick, clock.answer === null]);

  const when = (ms: number) => formatTime(ms, tz, { seconds: true });
  const rows = (data?.nodes ?? [])
    .map((n) => ({ n, ok: n.ready?.status === "True" && n.deletedAt === null }))
    .sort((a, b) => Number(a.ok) - Number(b.ok) || (a.n.name < b.n.name ? -1 : 1));
  return (
    <main className="px-6 py-4" data-testid="nodes-list">
      <h1 className="text-xl font-semibold">{t("nodes.title")}</h1>
      {error && <Alert>{t("nodes.error", { error })}</Alert>}
      {!data && !error && <p className="mt-6 text-slate-500">{t("nodes.loading")}</p>}
      {data?.access === "forbidden" && (
        <p className="mt-3 text-sm text-amber-800 dark:text-amber-300">{t("nodes.forbidden")}</p>
      )}
      {data && rows.length === 0 && <p className="mt-6">{t("nodes.empty")}</p>}
      {data && rows.length > 0 && (
        <table className="mt-4 w-full text-sm">
          <thead>
            <tr className="border-b border-slate-300 text-left dark:border-slate-700">
              <th className="py-1 pr-3 font-medium">{t("nodes.col.name")}</th>
              <th className="py-1 pr-3 font-medium">{t("nodes.col.status")}</th>
              <th className="py-1 pr-3 font-medium">{t("nodes.col.taints")}</th>
              <th className="py-1 pr-3 text-right font-medium">{t("nodes.col.pods")}</th>
              <th className="w-1/3 py-1 font-medium">{t("nodes.col.strip")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ n, ok }) => {
              const ready = n.ready;
              const word = ready ? readyWord(ready.status) : "Unknown";
              const track = nodePage({
                node: n,
                pods: [],
                from: data.at - HOUR,
                to: data.at,
                now: data.at,
              }).tracks.find((k) => k.key === "condition:Ready");
              const cordoned = n.unschedulable.some((u) => u.end === null);
              return (
                <tr
                  key={n.name}
                  className="border-b border-slate-200 dark:border-slate-800"
                  data-testid="nodes-row"
                  data-ready={ok ? "true" : "false"}
                >
                  <td className="py-1 pr-3">
                    <Link
                      className="font-medium hover:underline"
                      href={`/nodes/${encodeURIComponent(n.name)}`}
                    >
                      <bdi>{n.name}</bdi>
                    </Link>
                  </td>
                  <td
                    className={`py-1 pr-3 ${ok ? "" : "font-semibold text-red-700 dark:text-red-300"}`}
                  >
                    {n.deletedAt !== null
                      ? t("nodes.gone")
                      : `${word}${cordoned ? `,${t("nodes.cordoned")}` : ""}`}
                    {ready && (
                      <span className="ml-1 font-normal text-slate-600 dark:text-slate-400">
                        {formatDuration(Math.max(0, data.at - ready.since), "elapsed")}
                        {ready.reason && !ok ? ` · ${ready.reason}` : ""}
                      </span>
                    )}
                  </td>
                  <td className="py-1 pr-3">
                    {n.taints
                      .filter((x) => x.end === null)
                      .map((x) => (
                        <div key={taintText(x)}>
                          <bdi>{taintText(x)}</bdi>
                        </div>
                      ))}
                  </td>
                  <td className="py-1 pr-3 text-right tabular-nums">{n.pods}</td>
                  <td className="py-1">
                    <Strip
                      boxes={(track?.boxes ?? []).map((b) => ({
                        ...b,
                        detail: `${b.detail} · ${when(b.start)} → ${when(b.end)}`,
                      }))}
                      from={data.at - HOUR}
                      to={data.at}
                      label={`${n.name}: ${(track?.boxes ?? []).map((b) => `${b.label} ${when(b.start)} → ${when(b.end)}`).join("; ")}`}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </main>
  );
}
