"use client";
// The overview by workload (`/?group=workload`): one row per workload (the /workloads list's set),
// problems first by the workload health rule then namespace and name, as the kiosk's cards
// (lib/view/kiosk-workloads.ts workloadCards); each with its health, kind, name, READY and a lane
// over the overview's window (availability against desired with rollouts beneath, a CronJob's
// runs); a row opens to its pods' lanes. The data is the kiosk's (components/workloads/
// useWorkloadFeed.ts): the workload stream (GET /api/workloads every 10 s when it fails), each shown
// row's timeline and pods' rows
// when its row changes and at most every 30 s. The namespaces, the window and the zone are the
// overview's URL parameters.
import { useCallback, useEffect, useMemo, useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { useI18n } from "@/components/I18n";
import { TzSwitch } from "@/components/TzSwitch";
import { Alert } from "@/components/lanes/Alert";
import { serverNow, useClusterInfo } from "@/components/useClusterInfo";
import { useShownTz } from "@/components/useHydrated";
import { SIGNED_OUT } from "@/components/kiosk/useKioskFeed";
import {
  DETAIL_EVERY_MS,
  useWorkloadAnswers,
  useWorkloadFeed,
} from "@/components/workloads/useWorkloadFeed";
import { formatTime } from "@/lib/text/format";
import {
  rowSignature,
  workloadCards,
  type KioskWorkloadCard,
  type KioskWorkloadRow,
} from "@/lib/view/kiosk-workloads";
import { PRESETS, readState, windowRange, type Preset } from "@/lib/view/overview";
import { groupHref, type OverviewGroup } from "@/lib/view/overview-workloads";
import { GroupToggle } from "./GroupToggle";
import { WorkloadRow } from "./WorkloadRow";

/** Rows shown (and whose timelines are read) before "Show more". */
export const WORKLOAD_PAGE = 100;

const on = "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900";
const off = "hover:bg-slate-100 dark:hover:bg-slate-800";

export function WorkloadOverview({ defaultWindow }: { defaultWindow: Preset }) {
  const { t } = useI18n();
  const router = useRouter();
  const params = useSearchParams();
  const state = useMemo(
    () => readState(new URLSearchParams(params.toString()), defaultWindow),
    [params, defaultWindow],
  );
  const tz = useShownTz(state.tz);
  const live = state.from === null;
  const go = (patch: Partial<typeof state>, group: OverviewGroup = "workload") =>
    router.replace(groupHref({ ...state, ...patch }, group, defaultWindow), { scroll: false });

  const clock = useClusterInfo(live);
  // The lanes' right edge follows now: every 5 s is enough for strips a window wide.
  const [wall, setWall] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const id = setInterval(() => setWall(Date.now()), 5000);
    return () => clearInterval(id);
  }, [live]);
  const now = useMemo(
    () => serverNow(clock),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `wall` moves it
    [clock, wall],
  );
  const [from, to] = windowRange(state, now);

  const feed = useWorkloadFeed(state.namespaces);
  // A card made from the same row object at the same `now` is kept, so its memoised row does not
  // render again when a stream frame changed other rows (a few of thousands). Not a CronJob's:
  // its card counts its Jobs' rows too.
  const [made] = useState(
    () => new WeakMap<KioskWorkloadRow, { now: number; card: KioskWorkloadCard }>(),
  );
  const cards = useMemo(
    () =>
      workloadCards(feed.rows, now).map((c) => {
        if (c.row.kind === "CronJob") return c;
        const held = made.get(c.row);
        if (held?.now === now) return held.card;
        made.set(c.row, { now, card: c });
        return c;
      }),
    [feed.rows, now, made],
  );
  const [limit, setLimit] = useState(WORKLOAD_PAGE);
  const shown = useMemo(() => cards.slice(0, limit), [cards, limit]);
  const wanted = useMemo(
    () => shown.map((c) => ({ key: c.key, row: c.row, sig: rowSignature(c.row) })),
    [shown],
  );
  const answers = useWorkloadAnswers(
    wanted,
    cards.map((c) => c.key),
    // Live, not before the server said its clock (the browser's may be hours off the server's).
    () => (live && !clock.answer ? null : windowRange(state, serverNow(clock))),
    live ? state.window : `${state.from}-${state.to}`,
    Math.floor(wall / DETAIL_EVERY_MS),
  );
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  // The rows are memoised (WorkloadRow): the callbacks they get keep their identity, so a row
  // renders again only when its own card, answer or the window moves, not for each answer that
  // arrives for another row (a hundred at each load, four at a time).
  const toggle = useCallback(
    (key: string) =>
      setOpen((s) => {
        const next = new Set(s);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    [],
  );
  const when = useCallback((ms: number) => formatTime(ms, tz, { seconds: true }), [tz]);

  const [ns, setNs] = useState(state.namespaces.join(","));
  const urlNs = state.namespaces.join(",");
  const [seenNs, setSeenNs] = useState(urlNs);
  if (seenNs !== urlNs) {
    setSeenNs(urlNs);
    setNs(urlNs);
  }
  const setNamespaces = () =>
    go({
      namespaces: ns
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    });
  const level = (l: string) => cards.filter((c) => c.health.level === l).length;
  const input =
    "rounded border border-slate-300 bg-white px-2 py-0.5 text-sm dark:border-slate-700 dark:bg-slate-900";

  return (
    <main className="px-4 pt-3 pb-6" data-testid="overview-workloads">
      <GroupToggle defaultWindow={defaultWindow} />
      <form
        className="flex flex-wrap items-end gap-x-3 gap-y-2 text-xs"
        aria-label={t("ov.filters")}
        onSubmit={(e) => e.preventDefault()}
      >
        <label className="flex flex-col">
          {t("ov.namespaces")}
          <input
            className={`${input} w-36`}
            value={ns}
            placeholder={t("ov.namespaces.placeholder")}
            onChange={(e) => setNs(e.target.value)}
            onBlur={setNamespaces}
            onKeyDown={(e) => e.key === "Enter" && setNamespaces()}
            data-testid="filter-namespace"
          />
        </label>
        <div className="flex flex-col">
          {t("ov.window")}
          <div
            role="group"
            aria-label={t("ov.window")}
            className="flex overflow-hidden rounded border border-slate-300 dark:border-slate-700"
          >
            {(Object.keys(PRESETS) as Preset[]).map((p) => (
              <button
                key={p}
                type="button"
                aria-pressed={live && state.window === p}
                data-testid={`window-${p}`}
                onClick={() => go({ window: p, from: null, to: null })}
                className={`px-2 py-0.5 text-sm ${live && state.window === p ? on : off}`}
              >
                {p}
              </button>
            ))}
          </div>
        </div>
        <TzSwitch tz={state.tz} onChange={(z) => go({ tz: z })} />
      </form>
      <p className="mt-2 text-sm" data-testid="overview-workloads-counts">
        {t("ovw.counts", { n: cards.length.toLocaleString("en-US") })}
        {level("failing") > 0 && (
          <span className="ml-2 rounded bg-vermillion px-1 font-semibold text-black">
            {t("kiosk.failing", { n: level("failing") })}
          </span>
        )}
        {level("warning") > 0 && (
          <span className="ml-2 rounded bg-amber-300 px-1 font-semibold text-black">
            {t("kiosk.warning", { n: level("warning") })}
          </span>
        )}
        {!live && (
          <span className="ml-2 text-slate-600 dark:text-slate-400" data-testid="ovw-frozen">
            {t("ovw.frozen", { from: when(from), to: when(to) })}{" "}
            <button
              type="button"
              className="underline"
              onClick={() => go({ from: null, to: null })}
            >
              {t("ovw.live")}
            </button>
          </span>
        )}
      </p>
      {feed.omitted.length > 0 && (
        <p
          className="mt-2 text-sm text-amber-800 dark:text-amber-300"
          data-testid="workloads-omitted"
        >
          {t("ovw.omitted", { resources: feed.omitted.join(", ") })}
        </p>
      )}
      {feed.error && (
        <Alert testId="overview-workloads-error">
          {t("wls.error", {
            error: feed.error === SIGNED_OUT ? t("kiosk.signedOut") : feed.error,
          })}
        </Alert>
      )}
      {!feed.loaded && !feed.error && (
        <p className="mt-6 text-slate-500" aria-busy="true" data-testid="overview-loading">
          {t("wls.loading")}
        </p>
      )}
      {feed.loaded && cards.length === 0 && (
        <p className="mt-6" data-testid="overview-empty">
          {state.namespaces.length
            ? t("wls.empty.namespaces", { ns: state.namespaces.join(", ") })
            : t("wls.empty")}
        </p>
      )}
      {feed.loaded && cards.length > 0 && (
        <table
          id="rows"
          className="mt-2 w-full table-fixed text-sm"
          aria-label={t("ovw.table")}
          data-testid="workload-rows"
        >
          <colgroup>
            <col className="w-8" />
            <col className="w-60" />
            <col className="w-28" />
            <col className="w-64" />
            <col className="w-16" />
            <col />
          </colgroup>
          <thead>
            <tr className="border-b border-slate-300 text-left dark:border-slate-700">
              <th />
              <th className="py-1 pr-3 font-medium">{t("ovw.col.health")}</th>
              <th className="py-1 pr-3 font-medium">{t("wls.col.kind")}</th>
              <th className="py-1 pr-3 font-medium">{t("wls.col.name")}</th>
              <th className="py-1 pr-3 text-right font-medium">{t("wls.col.ready")}</th>
              <th className="py-1 font-medium">
                {t("ovw.col.lane")} · {when(from)} → {when(to)}
              </th>
            </tr>
          </thead>
          {shown.map((c) => (
            <WorkloadRow
              key={c.key}
              card={c}
              answer={answers.get(c.key) ?? null}
              open={open.has(c.key)}
              toggle={toggle}
              from={from}
              to={to}
              now={now}
              when={when}
            />
          ))}
        </table>
      )}
      {cards.length > shown.length && (
        <button
          type="button"
          className="mt-2 rounded border border-slate-300 px-2 py-0.5 text-sm dark:border-slate-700"
          onClick={() => setLimit((n) => n + WORKLOAD_PAGE)}
          data-testid="overview-workloads-more"
        >
          {t("ovw.more", { n: Math.min(WORKLOAD_PAGE, cards.length - shown.length) })}
        </button>
      )}
    </main>
  );
}
