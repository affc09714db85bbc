"use client";
// One node over a window: its conditions and taints as tracks, cordons, what it took with it when
// it stopped being Ready, and the lanes of the pods that ran there. Live windows (the presets)
// follow now and read again every 10 s; ?from=&to= is a frozen window; a snapshot (/s/{id}) hands
// it the stored data and its window, and nothing is fetched. Data from /api/nodes and
// /api/pods?node= (both scoped by the reader's access on the server).
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { useI18n } from "@/components/I18n";
import type { MessageKey } from "@/lib/i18n";
import { serverNow } from "@/components/useClusterInfo";
import { Alert } from "@/components/lanes/Alert";
import { PodLane } from "@/components/lanes/PodLane";
import { Strip } from "@/components/lanes/Strip";
import { useWindowView } from "@/components/lanes/useWindowView";
import { WindowBar } from "@/components/lanes/WindowBar";
import { SnapshotBanner, WindowShareBar, type SnapshotInfo } from "@/components/lanes/WindowShare";
import { windowOf } from "@/components/lanes/window-presets";
import { exportFileName, lanesDocument, viewJson } from "@/components/timeline/export";
import type { NodeTimeline } from "@/lib/nodes/node-timeline";
import type { PodRow } from "@/lib/rows/pod-row";
import { formatDuration } from "@/lib/text/format";
import { nodePage } from "@/lib/view/node-page";
import { NodeAxis } from "./NodeAxis";

/** A row of GET /api/nodes (lib/routes/nodes.ts). */
type NodeAnswerRow = NodeTimeline & { pods: number };

export interface NodeLoaded {
  node: NodeAnswerRow | null;
  access: string;
  pods: PodRow[];
  truncated: boolean;
  at: number;
}

async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url, { cache: "no-store" });
  const body = (await r.json().catch(() => null)) as (T & { error?: string }) | null;
  if (!r.ok || !body) throw new Error(body?.error ?? `HTTP ${r.status}`);
  return body;
}

const grid = "grid grid-cols-[minmax(9rem,22rem)_1fr] items-center gap-x-3 gap-y-1";

export function NodeView({
  name,
  snap = null,
  canSnapshot = false,
}: {
  name: string;
  /** A stored snapshot's data and window: drawn as it is, read-only. */
  snap?: {
    answer: NodeLoaded;
    window: { from: number; to: number };
    snapshot: SnapshotInfo;
  } | null;
  /** May this person store a snapshot (signed in, not a viewer link)? */
  canSnapshot?: boolean;
}) {
  const { t } = useI18n();
  const view = useWindowView(snap?.window ?? null);
  const { tz, preset, frozen, clock, tick, when, describe } = view;
  const [data, setData] = useState<NodeLoaded | null>(snap?.answer ?? null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (snap) return;
    let gone = false;
    const now = serverNow(clock);
    const [from, to] = windowOf(frozen, preset, now);
    const q = `from=${from}&to=${to}`;
    Promise.all([
      getJson<{ nodes: NodeAnswerRow[]; access: { state: string } }>(`/api/nodes?${q}`),
      getJson<{ pods: PodRow[]; truncated?: boolean }>(
        `/api/pods?node=${encodeURIComponent(name)}&${q}&limit=2000`,
      ),
    ])
      .then(([n, p]) => {
        if (gone) return;
        setData({
          node: n.nodes.find((x) => x.name === name) ?? null,
          access: n.access?.state ?? "ok",
          pods: p.pods,
          truncated: !!p.truncated,
          at: Math.min(now, to),
        });
        setError(null);
      })
      .catch((e: unknown) => !gone && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      gone = true;
    };
    // clock changes every poll; the window moves with `tick` instead
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [name, preset, frozen, tick, clock.answer === null]);

  const [from, to] = data ? windowOf(frozen, preset, data.at) : [0, 0];
  const page = useMemo(
    () => (data ? nodePage({ node: data.node, pods: data.pods, from, to, now: data.at }) : null),
    [data, from, to],
  );

  const ready = data?.node?.ready ?? null;
  const state = !ready
    ? null
    : ready.status === "True"
      ? "Ready"
      : ready.status === "False"
        ? "NotReady"
        : "Unknown";
  const drawn = useRef<HTMLDivElement>(null);
  const iso = (ms: number) => new Date(ms).toISOString();
  return (
    <main className="px-6 py-4" data-testid="node-view">
      <Link href="/nodes" className="text-sm hover:underline">
        {t("node.back")}
      </Link>
      <div className="mt-1 flex flex-wrap items-baseline gap-x-4 gap-y-2">
        <h1 className="text-xl font-semibold">
          {t("node.title")} <bdi>{name}</bdi>
        </h1>
        {ready && (
          <span data-testid="node-ready">
            {t("node.readyNow", {
              state: state!,
              since: formatDuration(Math.max(0, data!.at - ready.since), "elapsed"),
            })}
            {ready.reason && ready.status !== "True" ? ` (${ready.reason})` : ""}
          </span>
        )}
        <Link
          href={`/?node=${encodeURIComponent(name)}`}
          className="text-sm text-blue-700 hover:underline dark:text-blue-300"
        >
          {t("node.inOverview")}
        </Link>
        <WindowBar view={view} label={t("node.window")} still={snap !== null} />
      </div>
      {snap && (
        <SnapshotBanner
          snapshot={snap.snapshot}
          at={snap.answer.at}
          tz={tz}
          message="snap.nodeBanner"
        />
      )}
      {data && (
        <WindowShareBar
          path={`/nodes/${encodeURIComponent(name)}`}
          window={[from, to]}
          tz={view.chosenTz}
          preset={frozen || preset === "1h" ? null : preset}
          request={{ kind: "node", name }}
          canSnapshot={canSnapshot}
          snapshotId={snap?.snapshot.id ?? null}
          exports={{
            file: exportFileName(["node", name], to),
            svg: () =>
              drawn.current &&
              lanesDocument(
                drawn.current,
                `node ${name}${state ? ` — ${state}` : ""} — ${iso(from)} → ${iso(to)}`,
              ),
            json: () => viewJson({ kind: "node", name, at: data.at, window: [from, to] }, data),
          }}
        />
      )}
      {view.invalid && <Alert testId="window-invalid">{t("window.invalid")}</Alert>}
      {frozen && !snap && (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {t("node.frozen", { from: when(frozen.from), to: when(frozen.to) })}
        </p>
      )}
      {error && <Alert>{t("node.error", { error })}</Alert>}
      {!data && !error && <p className="mt-6 text-slate-500">{t("node.loading")}</p>}
      {data && page && (
        <div ref={drawn}>
          {data.access === "forbidden" && (
            <p className="mt-3 text-sm text-amber-800 dark:text-amber-300">{t("node.forbidden")}</p>
          )}
          {!data.node && data.pods.length === 0 && (
            <p className="mt-6" data-testid="node-empty">
              {t("node.none", { name })}
            </p>
          )}
          {page.loss && (
            <section
              className="mt-4 rounded border border-red-300 bg-red-50 p-3 dark:border-red-800 dark:bg-red-950"
              data-testid="node-loss"
            >
              <h2 className="font-semibold">
                {t("node.loss", {
                  status: page.loss.status === "False" ? "NotReady" : "Unknown",
                  since: when(page.loss.since),
                  n: page.loss.pods.length,
                })}
              </h2>
              <ul className="mt-1 text-sm">
                {page.loss.pods.map(({ row, fate }) => (
                  <li key={row.uid}>
                    <Link
                      className="hover:underline"
                      href={`/pods/${encodeURIComponent(row.namespace)}/${encodeURIComponent(row.name)}?uid=${row.uid}`}
                    >
                      <bdi>{`${row.namespace}/${row.name}`}</bdi>
                    </Link>{" "}
                    — {t(`node.fate.${fate}` as MessageKey)}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {page.tracks.length > 0 && (
            <section className="mt-4" aria-label={t("node.tracks")}>
              <div className={grid}>
                <span />
                <NodeAxis from={from} to={to} tz={tz} />
                {page.tracks.map((track) => (
                  <div
                    key={track.key}
                    className="contents"
                    data-testid="node-track"
                    data-export-lane={track.label}
                  >
                    <span className="truncate text-sm" title={track.label}>
                      <bdi>{track.label}</bdi>
                    </span>
                    <Strip
                      boxes={track.boxes.map((b) => ({
                        ...b,
                        detail: describe(b.detail, b.start, b.end),
                      }))}
                      from={from}
                      to={to}
                      label={`${track.label}: ${track.boxes.map((b) => describe(b.label, b.start, b.end)).join("; ")}`}
                    />
                  </div>
                ))}
              </div>
            </section>
          )}
          <section className="mt-6" aria-label={t("node.pods", { n: page.pods.length })}>
            <h2
              className="mb-2 font-semibold"
              data-export-heading={t("node.pods", { n: page.pods.length })}
            >
              {t("node.pods", { n: page.pods.length })}
            </h2>
            {data.truncated && (
              <p className="mb-2 text-sm text-amber-800 dark:text-amber-300">
                {t("node.truncated")}
              </p>
            )}
            {page.pods.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">{t("node.noPods")}</p>
            ) : (
              <div className={grid}>
                <span />
                <NodeAxis from={from} to={to} tz={tz} />
                {page.pods.map(({ row, lane }) => (
                  <div
                    key={row.uid}
                    className="contents"
                    data-testid="node-pod"
                    data-export-lane={`${row.namespace}/${row.name}`}
                  >
                    <Link
                      className="truncate text-sm hover:underline"
                      href={`/pods/${encodeURIComponent(row.namespace)}/${encodeURIComponent(row.name)}?uid=${row.uid}`}
                      title={`${row.namespace}/${row.name} · ${row.status}`}
                    >
                      <bdi>{`${row.namespace}/${row.name}`}</bdi>
                    </Link>
                    <PodLane
                      lane={lane}
                      from={from}
                      to={to}
                      label={`${row.namespace}/${row.name}: ${row.status}`}
                      describe={describe}
                    />
                  </div>
                ))}
              </div>
            )}
          </section>
        </div>
      )}
    </main>
  );
}
