"use client";
// The overview's filters: namespaces, label selector, status, node, search, the window (presets,
// live, from/to) and the time zone. Text inputs are local until Enter or blur (the search after a
// short pause); every choice is written to the URL through `update`.
import { memo, useEffect, useState } from "react";
import { useI18n } from "@/components/I18n";
import { TzSwitch } from "@/components/TzSwitch";
import { PRESETS, type OverviewState, type Preset } from "@/lib/view/overview";
import type { Tz } from "@/lib/text/format";

export const Filters = memo(function Filters({
  state,
  update,
  statuses,
  nodes,
  live,
  canFollow,
  from,
  to,
  setTz,
}: {
  state: OverviewState;
  update: (p: Partial<OverviewState>) => void;
  statuses: string[];
  nodes: string[];
  live: boolean;
  canFollow: boolean;
  from: number;
  to: number;
  setTz: (tz: Tz) => void;
}) {
  const range = [from, to];
  const { t } = useI18n();
  const [search, setSearch] = useState(state.search);
  const [namespaces, setNamespaces] = useState(state.namespaces.join(","));
  const [selector, setSelector] = useState(state.selector);
  // When the URL changes (back, a link, Clear), the inputs show what it says.
  const urlKey = `${state.search}\n${state.namespaces.join(",")}\n${state.selector}`;
  const [seen, setSeen] = useState(urlKey);
  if (seen !== urlKey) {
    setSeen(urlKey);
    setSearch(state.search);
    setNamespaces(state.namespaces.join(","));
    setSelector(state.selector);
  }
  useEffect(() => {
    if (search === state.search) return;
    const id = setTimeout(() => update({ search }), 200);
    return () => clearTimeout(id);
  }, [search, state.search, update]);
  // Any other change carries the search as typed (a clearing still in its debounce included).
  const set = (patch: Partial<OverviewState>) => update({ search, ...patch });
  const local = (ms: number) => {
    const d = new Date(ms - (state.tz === "utc" ? 0 : new Date(ms).getTimezoneOffset() * 60_000));
    return d.toISOString().slice(0, 16);
  };
  const parse = (v: string) =>
    state.tz === "utc" ? Date.parse(`${v}:00Z`) : new Date(v).getTime();
  const input =
    "rounded border border-slate-300 bg-white px-2 py-0.5 text-sm dark:border-slate-700 dark:bg-slate-900";
  return (
    <form
      className="flex flex-wrap items-end gap-x-3 gap-y-2 text-xs"
      aria-label={t("ov.filters")}
      onSubmit={(e) => e.preventDefault()}
    >
      <label className="flex flex-col">
        {t("ov.namespaces")}
        <input
          className={`${input} w-36`}
          value={namespaces}
          placeholder={t("ov.namespaces.placeholder")}
          onChange={(e) => setNamespaces(e.target.value)}
          onBlur={() =>
            set({
              namespaces: namespaces
                .split(",")
                .map((s) => s.trim())
                .filter(Boolean),
            })
          }
          onKeyDown={(e) =>
            e.key === "Enter" &&
            set({
              namespaces: namespaces
                .split(",")
                .map((s) => s.trim())
                .filter(Boolean),
            })
          }
          data-testid="filter-namespace"
        />
      </label>
      <label className="flex flex-col">
        {t("ov.selector")}
        <input
          className={`${input} w-44 font-mono`}
          value={selector}
          placeholder={t("ov.selector.placeholder")}
          onChange={(e) => setSelector(e.target.value)}
          onBlur={() => set({ selector })}
          onKeyDown={(e) => e.key === "Enter" && set({ selector })}
          data-testid="filter-selector"
        />
      </label>
      <Choice
        label={t("ov.status")}
        any={t("ov.any")}
        value={state.status}
        options={statuses}
        onChange={(status) => set({ status })}
        className={input}
        testId="filter-status"
      />
      <Choice
        label={t("ov.node")}
        any={t("ov.any")}
        value={state.node}
        options={nodes}
        onChange={(node) => set({ node })}
        className={input}
        testId="filter-node"
      />
      <label className="flex flex-col">
        {t("ov.search")}
        <input
          type="search"
          maxLength={253}
          className={`${input} w-40`}
          value={search}
          placeholder={t("ov.search.placeholder")}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="filter-search"
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
              onClick={() => set({ window: p, from: null, to: null })}
              className={`px-2 py-0.5 text-sm ${live && state.window === p ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
            >
              {p}
            </button>
          ))}
        </div>
      </div>
      {canFollow && (
        <button
          type="button"
          aria-pressed={live}
          data-testid="live"
          onClick={() => set({ from: null, to: null })}
          className={`rounded border px-2 py-0.5 text-sm ${live ? "border-emerald-600 bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100" : "border-slate-300 dark:border-slate-700"}`}
        >
          {live ? `● ${t("ov.live.on")}` : `○ ${t("ov.live")}`}
        </button>
      )}
      <label className="flex flex-col">
        {t("ov.from")}
        <input
          type="datetime-local"
          className={input}
          value={local(range[0])}
          onChange={(e) =>
            Number.isFinite(parse(e.target.value)) &&
            parse(e.target.value) < range[1] &&
            set({ from: parse(e.target.value), to: range[1] })
          }
          data-testid="window-from"
        />
      </label>
      <label className="flex flex-col">
        {t("ov.to")}
        <input
          type="datetime-local"
          className={input}
          value={local(range[1])}
          onChange={(e) =>
            Number.isFinite(parse(e.target.value)) &&
            parse(e.target.value) > range[0] &&
            set({ from: range[0], to: parse(e.target.value) })
          }
          data-testid="window-to"
        />
      </label>
      <TzSwitch tz={state.tz} onChange={setTz} />
      <button
        type="button"
        className="text-sm underline"
        onClick={() => set({ namespaces: [], selector: "", status: "", node: "", search: "" })}
        data-testid="clear-filters"
      >
        {t("ov.clear")}
      </button>
    </form>
  );
});

// A filter drop-down: "any", the values seen, and the URL's value even when no pod has it now.
function Choice({
  label,
  any,
  value,
  options,
  onChange,
  className,
  testId,
}: {
  label: string;
  any: string;
  value: string;
  options: string[];
  onChange: (v: string) => void;
  className: string;
  testId: string;
}) {
  return (
    <label className="flex flex-col">
      {label}
      <select
        className={className}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      >
        <option value="">{any}</option>
        {[...new Set([...options, ...(value ? [value] : [])])].map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </label>
  );
}
