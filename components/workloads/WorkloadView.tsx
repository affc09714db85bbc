"use client";
// One workload over a window: its rollouts, revisions (with what each changed) and conditions as
// tracks, its counts as step lines, why the current rollout is stuck and what to run next, a
// CronJob's runs, and its pods grouped by revision, each with its lane. Live windows (the
// presets) follow now and read again every 10 s; ?from=&to= is a frozen window; a snapshot
// (/s/{id}) hands it the stored answer and its window, and nothing is fetched.
// Data: GET /api/workloads/{namespace}/{kind}/{name} (the model's timeline and the pods' rows).
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { useI18n } from "@/components/I18n";
import { serverNow } from "@/components/useClusterInfo";
import { Alert } from "@/components/lanes/Alert";
import { PodLane } from "@/components/lanes/PodLane";
import { Strip } from "@/components/lanes/Strip";
import { useWindowView } from "@/components/lanes/useWindowView";
import { WindowBar } from "@/components/lanes/WindowBar";
import { SnapshotBanner, WindowShareBar, type SnapshotInfo } from "@/components/lanes/WindowShare";
import { windowOf } from "@/components/lanes/window-presets";
import { exportFileName, lanesDocument, viewJson } from "@/components/timeline/export";
import { NodeAxis } from "@/components/nodes/NodeAxis";
import type { MessageKey } from "@/lib/i18n";
import type { PodRow } from "@/lib/rows/pod-row";
import type { WorkloadEvent } from "@/lib/rows/workload-event";
import { formatDuration } from "@/lib/text/format";
import { jobCompletions, misscheduledOf } from "@/lib/view/workload-counts";
import { kindOfPath } from "@/lib/view/workload-kinds";
import { workloadPage } from "@/lib/view/workload-page";
import type { WorkloadTimeline } from "@/lib/workloads/types";
import type { WorkloadState, WorkloadVersion } from "@/lib/workloads/workload-state";
import { CountsChart, COUNT_STYLE } from "./CountsChart";
import { CronRuns } from "./CronRuns";
import { StuckPanel } from "./StuckPanel";
import { WorkloadEvents } from "./WorkloadEvents";

/** What the page reads of GET /api/workloads/{namespace}/{kind}/{name}. */
export interface WorkloadAnswer {
  kind: string;
  uid?: string;
  namespace: string;
  name: string;
  versions: WorkloadVersion[];
  timeline: WorkloadTimeline;
  rows: PodRow[];
  at: number;
  /** Absent from snapshots stored before the page listed events. */
  events?: WorkloadEvent[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const grid = "grid grid-cols-[minmax(9rem,22rem)_1fr] items-center gap-x-3 gap-y-1";

export function WorkloadView({
  namespace,
  kind,
  name,
  snap = null,
  canSnapshot = false,
}: {
  namespace: string;
  /** The plural as kubectl writes it: deployments, statefulsets … */
  kind: string;
  name: string;
  /** A stored snapshot's answer and window: drawn as it is, read-only. */
  snap?: {
    answer: WorkloadAnswer;
    window: { from: number; to: number };
    snapshot: SnapshotInfo;
  } | null;
  /** May this person store a snapshot (signed in, not a viewer link)? */
  canSnapshot?: boolean;
}) {
  const { t } = useI18n();
  const view = useWindowView(snap?.window ?? null);
  const { tz, preset, frozen, clock, tick, when, describe } = view;
  const [data, setData] = useState<WorkloadAnswer | null>(snap?.answer ?? null);
  const [error, setError] = useState<{
    status: number;
    text: string;
    firstRecord?: number;
  } | null>(null);

  useEffect(() => {
    if (snap) return;
    let gone = false;
    const [from, to] = windowOf(frozen, preset, serverNow(clock));
    const url = `/api/workloads/${encodeURIComponent(namespace)}/${encodeURIComponent(kind)}/${encodeURIComponent(name)}?from=${from}&to=${to}`;
    fetch(url, { cache: "no-store" })
      .then(async (r) => {
        const body = (await r.json().catch(() => null)) as
          (WorkloadAnswer & { error?: string; firstRecord?: unknown }) | null;
        if (gone) return;
        if (!r.ok || !body?.timeline)
          setError({
            status: r.status,
            text: body?.error ?? `HTTP ${r.status}`,
            ...(typeof body?.firstRecord === "number" ? { firstRecord: body.firstRecord } : {}),
          });
        else {
          setData(body);
          setError(null);
        }
      })
      .catch((e: unknown) => !gone && setError({ status: 0, text: String(e) }));
    return () => {
      gone = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the window moves with `tick`
  }, [namespace, kind, name, preset, frozen, tick, clock.answer === null]);

  const [from, to] = data ? windowOf(frozen, preset, data.at) : [0, 0];
  const page = useMemo(
    () =>
      data
        ? workloadPage({ timeline: data.timeline, rows: data.rows, from, to, now: data.at, t })
        : null,
    [data, from, to, t],
  );
  const state: WorkloadState | null =
    data?.versions.filter((v) => v.state && !v.deleted).at(-1)?.state ?? null;
  const tl = data?.timeline;
  // The Kind as Kubernetes spells it (the address has kubectl's plural or a short name).
  const kindName = tl?.kind ?? state?.kind ?? kindOfPath(kind) ?? kind;
  const who = { kind: kindName, namespace, name };
  const drawn = useRef<HTMLDivElement>(null);
  const health = tl
    ? tl.health.reason
      ? t(tl.health.reason.key, tl.health.reason.vars)
      : t("wl.health.ok")
    : "";

  return (
    <main className="px-6 py-4" data-testid="workload-view">
      <Link href="/workloads" className="text-sm hover:underline">
        {t("wl.back")}
      </Link>
      <div className="mt-1 flex flex-wrap items-baseline gap-x-4 gap-y-2">
        <h1 className="text-xl font-semibold">
          {kindName} <bdi>{`${namespace}/${name}`}</bdi>
        </h1>
        {state && !tl?.deletedAt && state.counts.desired !== null && (
          <span data-testid="workload-ready">
            {jobCompletions(state)
              ? t("kiosk.wl.completions", jobCompletions(state)!)
              : t("wl.ready", { ready: state.counts.ready ?? 0, desired: state.counts.desired })}
            {state.counts.available !== null &&
              ` · ${t("wl.available", { available: state.counts.available })}`}
            {misscheduledOf(state.counts) !== null && (
              <span data-testid="workload-misscheduled">
                {` · ${t("wl.misscheduled", { n: misscheduledOf(state.counts)! })}`}
              </span>
            )}
          </span>
        )}
        {tl && tl.deletedAt === null && (
          <span
            data-testid="workload-health"
            data-level={tl.health.level}
            className={
              tl.health.level === "failing"
                ? "font-semibold text-red-700 dark:text-red-300"
                : tl.health.level === "warning"
                  ? "text-amber-800 dark:text-amber-300"
                  : "text-green-800 dark:text-green-300"
            }
          >
            {health}
          </span>
        )}
        {state?.owner && (
          <span className="text-sm">
            {state.owner.kind === "CronJob" || state.owner.kind === "Deployment" ? (
              <Link
                className="hover:underline"
                href={`/workloads/${encodeURIComponent(namespace)}/${state.owner.kind === "CronJob" ? "cronjobs" : "deployments"}/${encodeURIComponent(state.owner.name)}`}
              >
                {t("wl.owner", { kind: state.owner.kind, name: state.owner.name })}
              </Link>
            ) : (
              t("wl.owner", { kind: state.owner.kind, name: state.owner.name })
            )}
          </span>
        )}
        {state?.selector && (
          <Link
            href={`/?namespace=${encodeURIComponent(namespace)}&selector=${encodeURIComponent(state.selector)}`}
            className="text-sm text-blue-700 hover:underline dark:text-blue-300"
          >
            {t("wl.inOverview")}
          </Link>
        )}
        <WindowBar view={view} label={t("wl.window")} still={snap !== null} />
      </div>
      {snap && (
        <SnapshotBanner
          snapshot={snap.snapshot}
          at={snap.answer.at}
          tz={tz}
          message="snap.workloadBanner"
        />
      )}
      {data && (
        <WindowShareBar
          path={`/workloads/${encodeURIComponent(namespace)}/${encodeURIComponent(kind)}/${encodeURIComponent(name)}`}
          window={[from, to]}
          tz={view.chosenTz}
          preset={frozen || preset === "1h" ? null : preset}
          request={{
            kind: "workload",
            namespace,
            workload: kind,
            name,
            ...(data.uid ? { uid: data.uid } : {}),
          }}
          canSnapshot={canSnapshot}
          snapshotId={snap?.snapshot.id ?? null}
          exports={{
            file: exportFileName([kindName.toLowerCase(), namespace, name], to),
            svg: () =>
              drawn.current &&
              lanesDocument(
                drawn.current,
                `${kindName} ${namespace}/${name} — ${health} — ${iso(from)} → ${iso(to)}`,
              ),
            json: () => viewJson({ ...who, at: data.at, window: [from, to] }, data),
          }}
        />
      )}
      {view.invalid && <Alert testId="window-invalid">{t("window.invalid")}</Alert>}
      {frozen && !snap && (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {t("wl.frozen", { from: when(frozen.from), to: when(frozen.to) })}
        </p>
      )}
      {error && (
        <Alert testId={error.status === 404 ? "workload-none" : "workload-error"}>
          {/* A 404 in the page's words (the API's sentence is English); another refusal in the server's. */}
          {error.status !== 404
            ? t("wl.error", { error: error.text })
            : error.firstRecord !== undefined && frozen
              ? t("wl.none.before", {
                  ...who,
                  at: when(frozen.to),
                  first: when(error.firstRecord),
                })
              : t("wl.none", who)}
        </Alert>
      )}
      {!data && !error && <p className="mt-6 text-slate-500">{t("wl.loading")}</p>}
      {data && tl && page && (
        <div ref={drawn}>
          {tl.deletedAt !== null && (
            <p
              className="mt-3 text-sm text-amber-800 dark:text-amber-300"
              data-testid="workload-deleted"
            >
              {t("wl.deleted", {
                at: when(tl.deletedAt),
                ago: formatDuration(data.at - tl.deletedAt, "elapsed"),
              })}
            </p>
          )}
          {tl.stuck && (
            <StuckPanel stuck={tl.stuck} namespace={namespace} failing={tl.health.level !== "ok"} />
          )}
          <section className="mt-4" aria-label={t("wl.tracks")}>
            <div className={grid}>
              <span />
              <NodeAxis from={from} to={to} tz={tz} />
              {page.tracks.map((track) => (
                <div
                  key={track.key}
                  className="contents"
                  data-testid="workload-track"
                  data-key={track.key}
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
                    ticks={track.ticks.map((k) => ({
                      ...k,
                      detail: describe(k.detail, k.at, k.at),
                    }))}
                    from={from}
                    to={to}
                    label={`${track.label}: ${track.boxes.map((b) => describe(b.label, b.start, b.end)).join("; ")}`}
                  />
                </div>
              ))}
              {page.counts.some((c) => c.steps.length) && (
                <div className="contents" data-export-lane={t("wl.counts")}>
                  <div className="text-sm">
                    <div>{t("wl.counts")}</div>
                    <ul className="text-xs">
                      {page.counts.map((c) => (
                        <li key={c.name}>
                          <span
                            className="mr-1 inline-block h-0.5 w-4 align-middle"
                            style={{ background: COUNT_STYLE[c.name].stroke }}
                          />
                          {t(`wl.count.${c.name}` as MessageKey)}
                          {c.steps.at(-1)?.value != null ? `: ${c.steps.at(-1)!.value}` : ""}
                        </li>
                      ))}
                    </ul>
                  </div>
                  <CountsChart
                    counts={page.counts}
                    max={page.maxCount}
                    from={from}
                    to={to}
                    label={page.counts
                      .map(
                        (c) =>
                          `${t(`wl.count.${c.name}` as MessageKey)}: ${c.steps.map((s) => `${s.value ?? "?"} ${when(s.start)}`).join(", ")}`,
                      )
                      .join("; ")}
                  />
                </div>
              )}
            </div>
          </section>
          {tl.cronJob && <CronRuns cron={tl.cronJob} when={when} namespace={namespace} />}
          <section className="mt-6" aria-label={page.podsTitle}>
            <h2 className="mb-2 font-semibold" data-export-heading={page.podsTitle}>
              {page.podsTitle}
            </h2>
            {page.groups.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">{t("wl.noPods")}</p>
            ) : (
              <div className={grid}>
                <span />
                <NodeAxis from={from} to={to} tz={tz} />
                {page.groups.map((g) => (
                  <div
                    key={g.key}
                    className="contents"
                    data-testid="workload-group"
                    data-current={g.current}
                  >
                    {g.title && (
                      <h3
                        className="col-span-2 mt-2 text-sm font-semibold"
                        data-export-heading={g.badge ? `${g.title} · ${g.badge}` : g.title}
                      >
                        {g.title}
                        {g.badge && (
                          <span className="ml-2 rounded bg-sky-100 px-1 text-xs font-normal text-sky-900 dark:bg-sky-900 dark:text-sky-100">
                            {g.badge}
                          </span>
                        )}
                      </h3>
                    )}
                    {g.pods.map(({ ref, row, lane }) => (
                      <div
                        key={ref.uid}
                        className="contents"
                        data-testid="workload-pod"
                        data-export-lane={ref.name}
                      >
                        <Link
                          className="truncate text-sm hover:underline"
                          href={`/pods/${encodeURIComponent(namespace)}/${encodeURIComponent(ref.name)}?uid=${ref.uid}`}
                          title={row ? `${ref.name} · ${row.status}` : ref.name}
                        >
                          <bdi>{ref.name}</bdi>
                        </Link>
                        {lane ? (
                          <PodLane
                            lane={lane}
                            from={from}
                            to={to}
                            label={`${ref.name}: ${row?.status ?? ""}`}
                            describe={describe}
                          />
                        ) : (
                          <span className="text-xs text-slate-500">
                            {ref.start !== null
                              ? describe(ref.name, ref.start, ref.end ?? to)
                              : ref.name}
                          </span>
                        )}
                      </div>
                    ))}
                  </div>
                ))}
              </div>
            )}
          </section>
          {/* A snapshot stored before events were kept has none to show: no section, rather than "no event". */}
          {data.events && <WorkloadEvents events={data.events} at={data.at} when={when} />}
        </div>
      )}
    </main>
  );
}
