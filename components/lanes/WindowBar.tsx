"use client";
// The window presets (15m, 1h, 6h, 24h, following now) and the zone switch, for the node and
// workload pages; and the line that says a frozen window's bounds.
import { TzSwitch } from "@/components/TzSwitch";
import { WINDOW_PRESETS } from "./window-presets";
import type { WindowView } from "./useWindowView";

const on = "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900";
const off = "hover:bg-slate-100 dark:hover:bg-slate-800";

/** `still`: a snapshot's page, whose window cannot move (the zone switch only). */
export function WindowBar({
  view,
  label,
  still = false,
}: {
  view: WindowView;
  label: string;
  still?: boolean;
}) {
  return (
    <div className="ml-auto flex items-center gap-2">
      <div role="group" aria-label={label} className="flex text-xs">
        {WINDOW_PRESETS.filter(() => !still).map((p) => {
          const pressed = !view.frozen && view.preset === p;
          return (
            <button
              key={p}
              type="button"
              aria-pressed={pressed}
              onClick={() => view.set("window", p)}
              className={`border border-slate-300 px-2 py-0.5 dark:border-slate-700 ${pressed ? on : off}`}
            >
              {p}
            </button>
          );
        })}
      </div>
      <TzSwitch tz={view.chosenTz} onChange={(z) => view.set("tz", z === "utc" ? "utc" : null)} />
    </div>
  );
}
