"use client";
// What the node and workload pages share: the window in the URL (a live preset, `?window=`,
// following now and read again every 10 s, or a frozen `?from=&to=`), the zone (`?tz=utc`), the
// cluster's clock, and the words for a time or a stretch in that zone.
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { useClusterInfo } from "@/components/useClusterInfo";
import { useShownTz } from "@/components/useHydrated";
import { formatTime } from "@/lib/text/format";
import { urlTime } from "@/lib/view/overview";
import { isWindowPreset, type WindowPreset } from "./window-presets";

const POLL_MS = 10_000;

/** `fixed`: a snapshot's window, which the URL cannot move (its `?from=&to=` are not read). */
export function useWindowView(fixed: { from: number; to: number } | null = null) {
  const router = useRouter();
  const params = useSearchParams();
  const chosenTz: "utc" | "local" = params.get("tz") === "utc" ? "utc" : "local";
  const tz = useShownTz(chosenTz);
  const w = params.get("window");
  const preset: WindowPreset = isWindowPreset(w) ? w : "1h";
  const [fixedFrom, fixedTo] = fixed ? [fixed.from, fixed.to] : [null, null];
  const frozen = useMemo(() => {
    if (fixedFrom !== null && fixedTo !== null) return { from: fixedFrom, to: fixedTo };
    const from = urlTime(params.get("from"));
    const to = urlTime(params.get("to"));
    return from !== null && to !== null && to > from ? { from, to } : null;
  }, [params, fixedFrom, fixedTo]);
  // A link whose window cannot be read (not times, or `to` before `from`) says so and shows the
  // live preset, rather than passing for the frozen window it names.
  const invalid = frozen === null && (params.has("from") || params.has("to"));
  const clock = useClusterInfo(frozen === null);
  // A live window moves: read again every POLL_MS.
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (frozen) return;
    const id = setInterval(() => setTick((n) => n + 1), POLL_MS);
    return () => clearInterval(id);
  }, [frozen]);
  /** Sets a query parameter (null removes it); a preset unfreezes the window. */
  const set = (k: string, v: string | null) => {
    const q = new URLSearchParams(params.toString());
    if (v === null) q.delete(k);
    else q.set(k, v);
    if (k === "window") {
      q.delete("from");
      q.delete("to");
    }
    router.replace(`${window.location.pathname}${q.size ? `?${q}` : ""}`, { scroll: false });
  };
  const when = (ms: number) => formatTime(ms, tz, { seconds: true });
  const describe = (what: string, start: number, end: number) =>
    start === end ? `${what} · ${when(start)}` : `${what} · ${when(start)} → ${when(end)}`;
  return { chosenTz, tz, preset, frozen, invalid, clock, tick, set, when, describe };
}

export type WindowView = ReturnType<typeof useWindowView>;
