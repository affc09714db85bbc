"use client";
// The NOC wall: the pods of the chosen namespaces as cards (or their workloads, `group=workload`:
// WorkloadCard, useWorkloadFeed), unhealthy first, pages cycling by
// themselves, readable across a room, no mouse needed. It holds a few pages of cards (the server's
// windowed stream); the pods in trouble past them are counted by namespace below the cards. Marks its data stale when the stream or the
// server's cluster connection has been gone longer than the limit, and recovers by itself.
import { useEffect, useMemo, useState } from "react";
import { useSearchParams } from "next/navigation";
import { useI18n } from "@/components/I18n";
import { serverNow, useClusterInfo } from "@/components/useClusterInfo";
import { browserTime } from "@/lib/view/connection";
import { formatDuration, formatTime, type Tz } from "@/lib/text/format";
import {
  freshness,
  kioskGrid,
  kioskOptions,
  pageCount,
  type KioskPreview,
  storeBadge,
  streamAlive,
} from "@/lib/view/kiosk";
import { healthCounts, podHealth } from "@/lib/health";
import { PRESETS, sortRows } from "@/lib/view/overview";
import { kioskLimit, kioskOverflow } from "@/lib/view/kiosk-overflow";
import { Card } from "./KioskCard";
import { KioskOverflow } from "./KioskOverflow";
import { SIGNED_OUT, useKioskFeed } from "./useKioskFeed";
import { Connection, useScreen, useTick } from "./kiosk-parts";
import { WorkloadCard } from "./WorkloadCard";
import { useNodesNotReady } from "./useNodesNotReady";
import {
  DETAIL_EVERY_MS,
  useWorkloadDetails,
  useWorkloadFeed,
} from "@/components/workloads/useWorkloadFeed";
import { rowSignature, workloadCards } from "@/lib/view/kiosk-workloads";

const hhmmss = (ms: number, tz: Tz) => formatTime(ms, tz, { part: "time" });

/** `preview`: the first cards the server put in the page's HTML (lib/routes/kiosk-preview.ts). */
export function Kiosk({ preview = null }: { preview?: KioskPreview | null }) {
  const { t } = useI18n();
  const params = useSearchParams();
  const opts = useMemo(() => kioskOptions(new URLSearchParams(params.toString())), [params]);
  const cluster = useClusterInfo();
  const screen = useScreen();
  const full = kioskGrid(screen?.width ?? 1920, screen?.height ?? 1080);
  const byWorkload = opts.group === "workload";
  // The stream opens once the screen is known (its size says how many rows to ask for).
  const pods = useKioskFeed(
    opts.namespaces,
    opts.selector,
    screen && !byWorkload ? kioskLimit(full.perPage) : null,
    byWorkload ? null : preview,
  );
  const wls = useWorkloadFeed(byWorkload ? opts.namespaces : null);
  // By workload there is no pod stream to count them: the nodes under the namespaces' pods.
  const wlNodesNotReady = useNodesNotReady(byWorkload ? opts.namespaces : null);
  const feed = byWorkload ? { ...wls, rows: [], window: null } : pods;
  const mounted = useTick(1000);
  const wall = mounted ?? 0;
  const info = cluster.answer?.ok ? cluster.answer.info : null;
  const clusterOk = !!info && info.ready && info.connection.phase === "connected";
  const alive = streamAlive(feed.open, feed.lastMessageAt, wall);
  // The last moment the data was known current (kept during render, once a second: no effect needed).
  const [startedAt, setStartedAt] = useState<number | null>(null);
  if (mounted !== null && startedAt === null) setStartedAt(mounted);
  const [lastGoodAt, setLastGoodAt] = useState<number | null>(null);
  if (mounted !== null && alive && clusterOk && lastGoodAt !== wall) setLastGoodAt(wall);
  const store = storeBadge(info?.store);
  // The server's "unreachable since" (its clock) on the browser's, which the stale banner is written in.
  const lost =
    info?.reachability?.state === "unreachable" ? info.reachability.unreachableSince : null;
  const clusterLostAt =
    lost !== null && mounted !== null ? browserTime(cluster.answer, cluster.at, lost) : null;
  const fresh =
    mounted === null
      ? ({ state: "connecting" } as const)
      : freshness(
          {
            now: wall,
            startedAt: startedAt ?? wall,
            lastGoodAt,
            streamAlive: alive,
            clusterOk,
            clusterLostAt,
          },
          opts.staleMs,
        );

  // Pod times on the server's clock (a sped-up demo cluster runs ahead of the wall).
  // Cards, order and ages move when the rows change, or every 5 s as problems age (not every second).
  const bucket = Math.floor(wall / 5000);
  // Until the page runs, the moment the server's first cards stand for: the HTML and the first
  // render in the browser say the same ages (nothing else time-dependent is drawn before).
  const unmounted = mounted === null;
  const now = useMemo(
    () => (unmounted && preview ? preview.at : serverNow(cluster)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [bucket, cluster, unmounted, preview],
  );
  // Sorted with the same "now" the cards judge their problems by (a removed pod has no card).
  const sorted = useMemo(
    () =>
      sortRows(
        feed.rows.filter((r) => r.deletedAt === null),
        "problems",
        false,
        now,
      ),
    [feed.rows, now],
  );
  // The server's counts over every pod (the rows are only the first few pages of them).
  const win = feed.window;
  const health = win?.counts.health;
  const overflow = useMemo(
    () =>
      win && health
        ? kioskOverflow(
            health,
            win.total,
            feed.rows.map((r) => ({ namespace: r.namespace, level: podHealth(r, now).level })),
          )
        : null,
    [win, health, feed.rows, now],
  );
  const cards = useMemo(
    () => (byWorkload ? workloadCards(wls.rows, now) : []),
    [wls.rows, now, byWorkload],
  );
  const strip = !!overflow && (overflow.hiddenTrouble > 0 || overflow.hiddenHealthy > 0);
  // The strip takes one row of cards.
  const grid = strip
    ? { ...full, rows: Math.max(1, full.rows - 1), perPage: full.cols * Math.max(1, full.rows - 1) }
    : full;
  const items = byWorkload ? cards.length : sorted.length;
  const pages = pageCount(items, grid.perPage);
  const [page, setPage] = useState(0);
  useEffect(() => {
    if (!opts.cycleMs || pages < 2) return;
    const id = setInterval(() => setPage((p) => (p + 1) % pages), opts.cycleMs);
    return () => clearInterval(id);
  }, [opts.cycleMs, pages]);
  const shownPage = page % pages;
  const shown = sorted.slice(shownPage * grid.perPage, (shownPage + 1) * grid.perPage);
  const shownCards = cards.slice(shownPage * grid.perPage, (shownPage + 1) * grid.perPage);
  const own = useMemo(() => healthCounts(sorted, now), [sorted, now]);
  const level = (l: string) => cards.filter((c) => c.health.level === l).length;
  const counts = {
    total: win?.total ?? items,
    failing: health?.failing ?? (byWorkload ? level("failing") : own.failing),
    warning: health?.warning ?? (byWorkload ? level("warning") : own.warning),
    nodesNotReady: byWorkload ? wlNodesNotReady : (win?.counts.nodesNotReady ?? own.nodesNotReady),
  };

  // The shown workloads' timelines (their strips and rollouts), read again every 30 s or on a change.
  const wanted = useMemo(
    () => shownCards.map((c) => ({ key: c.key, row: c.row, sig: rowSignature(c.row) })),
    [shownCards],
  );
  const details = useWorkloadDetails(
    wanted,
    cards.map((c) => c.key),
    PRESETS[opts.window],
    // Not before the server said its clock: the first reads would ask for the browser's hours.
    () => (cluster.answer ? serverNow(cluster) : null),
    Math.floor(wall / DETAIL_EVERY_MS),
  );

  // F toggles full screen (a browser asks for a key press or click first); no other input needed.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "f" && e.key !== "F") return;
      if (document.fullscreenElement) void document.exitFullscreen();
      else void document.documentElement.requestFullscreen().catch(() => {});
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // The address's namespaces; else those the server watches (a namespaced install), else all.
  const scope = opts.namespaces.length
    ? opts.namespaces.join(", ")
    : info?.watching?.length
      ? info.watching.join(", ")
      : t("kiosk.allNamespaces");
  const where = info
    ? info.mode === "demo"
      ? t("conn.where.demo")
      : (info.context ?? info.server ?? t("conn.where.cluster"))
    : "…";
  return (
    <main
      className="fixed inset-0 overflow-hidden bg-slate-950 text-slate-50"
      style={{ fontSize: grid.unit }}
      data-testid="kiosk"
      data-fresh={fresh.state}
      data-page={`${shownPage + 1}/${pages}`}
      data-per-page={grid.perPage}
    >
      <header
        className="flex items-center gap-[1em] border-b border-slate-700 px-[0.75em]"
        style={{ height: "4.25em" }}
      >
        <span className="text-[1.6em] font-bold tracking-tight">Lifeline</span>
        <span className="text-[1.2em] text-slate-300" data-testid="kiosk-cluster">
          {where}
        </span>
        <span className="truncate text-[1.1em] text-slate-400">
          {scope}
          {opts.selector ? ` · ${opts.selector}` : ""}
        </span>
        <span className="ml-auto text-[1.2em]" data-testid="kiosk-counts">
          {t(byWorkload ? "kiosk.wl.counts" : "kiosk.counts", {
            n: counts.total.toLocaleString("en-US"),
          })}
          {counts.failing > 0 && (
            <span
              className="ml-[0.5em] rounded bg-vermillion px-[0.4em] font-semibold text-black"
              data-testid="kiosk-failing"
            >
              {t("kiosk.failing", { n: counts.failing.toLocaleString("en-US") })}
            </span>
          )}
          {counts.warning > 0 && (
            <span
              className="ml-[0.5em] rounded bg-amber-300 px-[0.4em] font-semibold text-black"
              data-testid="kiosk-warning"
            >
              {t("kiosk.warning", { n: counts.warning.toLocaleString("en-US") })}
            </span>
          )}
          {counts.nodesNotReady.length > 0 && (
            <span
              className="ml-[0.5em] rounded bg-vermillion px-[0.4em] font-semibold text-black"
              data-testid="kiosk-nodes"
              title={t("health.nodesNotReady.title", { names: counts.nodesNotReady.join(", ") })}
            >
              {t("health.nodesNotReady", { n: counts.nodesNotReady.length })}
            </span>
          )}
          {info?.nodes?.state === "forbidden" && (
            // A namespaced install: no node is "not Ready" because none is seen, not because all are.
            <span
              className="ml-[0.5em] rounded border border-current px-[0.4em]"
              data-testid="kiosk-nodes-hidden"
              title={t("conn.nodes.forbidden")}
            >
              {t("health.nodesHidden")}
            </span>
          )}
        </span>
        <Connection fresh={fresh} open={feed.open} error={feed.error} />
        {store && (
          <span
            role="alert"
            className={`rounded px-[0.5em] text-[1.1em] font-semibold text-black ${store.tone === "error" ? "bg-vermillion" : "bg-amber-300"}`}
            data-testid="kiosk-store"
            title={info?.store?.lastError ?? undefined}
          >
            {t(store.key)}
          </span>
        )}
        {pages > 1 && (
          <span className="text-[1.1em] text-slate-300" data-testid="kiosk-page">
            {t("kiosk.page", { n: shownPage + 1, of: pages })}
          </span>
        )}
        <time
          className="font-mono text-[1.9em] font-semibold tabular-nums"
          data-testid="kiosk-clock"
        >
          {mounted === null ? "" : hhmmss(mounted, opts.tz)}
        </time>
        {opts.tz === "utc" && (
          <span className="text-[1.1em] text-slate-300" data-testid="kiosk-zone">
            UTC
          </span>
        )}
      </header>
      {opts.problems.length > 0 && (
        <p
          role="alert"
          className="bg-amber-300 px-[0.75em] text-[1em] text-black"
          data-testid="kiosk-problems"
        >
          {opts.problems.join(" ")}
        </p>
      )}
      {byWorkload && wls.omitted.length > 0 && (
        <p className="bg-amber-300 px-[0.75em] text-[1em] text-black" data-testid="kiosk-omitted">
          {t("kiosk.wl.omitted", { resources: wls.omitted.join(", ") })}
        </p>
      )}
      {fresh.state === "stale" && (
        <p
          role="alert"
          className="bg-vermillion px-[0.75em] py-[0.2em] text-[1.3em] font-bold text-black"
          data-testid="kiosk-stale"
        >
          {t("kiosk.stale", {
            t: fresh.since === null ? "—" : hhmmss(fresh.since, opts.tz),
            d: fresh.since === null ? "—" : formatDuration(wall - fresh.since, "elapsed"),
          })}{" "}
          {fresh.why === "cluster"
            ? t("kiosk.stale.cluster")
            : feed.error === SIGNED_OUT
              ? t("kiosk.signedOut.detail")
              : t("kiosk.stale.stream")}
        </p>
      )}
      {!feed.loaded ? (
        <p className="p-[1em] text-[2em] text-slate-300" aria-busy="true">
          {feed.error === SIGNED_OUT ? t("kiosk.signedOut") : (feed.error ?? t("kiosk.connecting"))}
        </p>
      ) : items === 0 ? (
        <p className="p-[1em] text-[2em] text-slate-300" data-testid="kiosk-empty">
          {t(byWorkload ? "kiosk.wl.empty" : "kiosk.empty", { scope })}
        </p>
      ) : (
        <>
          <section
            className={`grid gap-[0.75em] p-[0.75em] ${fresh.state === "stale" ? "opacity-50 grayscale" : ""}`}
            style={{
              gridTemplateColumns: `repeat(${grid.cols}, minmax(0, 1fr))`,
              gridTemplateRows: `repeat(${grid.rows}, 7.5em)`,
            }}
            aria-label={t(byWorkload ? "kiosk.wl.grid" : "kiosk.grid")}
          >
            {shown.map((r) => (
              <Card key={r.uid} row={r} now={now} windowMs={PRESETS[opts.window]} bucket={bucket} />
            ))}
            {shownCards.map((c) => (
              <WorkloadCard
                key={c.key}
                card={c}
                timeline={details.get(c.key) ?? null}
                now={now}
                windowMs={PRESETS[opts.window]}
                window={opts.window}
                unit={grid.unit}
              />
            ))}
          </section>
          {strip && overflow && <KioskOverflow overflow={overflow} dim={fresh.state === "stale"} />}
        </>
      )}
      {pages > 1 && opts.cycleMs > 0 && (
        <div
          className="absolute bottom-0 left-0 h-[0.25em] bg-sky-400"
          key={`${shownPage}`}
          style={{ width: "100%", animation: `kiosk-progress ${opts.cycleMs}ms linear` }}
        />
      )}
    </main>
  );
}
