"use client";
// The kiosk's small parts: the screen's size, a tick of the browser's clock, and the connection chip.
import { useEffect, useState } from "react";
import { useI18n } from "@/components/I18n";
import type { freshness } from "@/lib/view/kiosk";
import { SIGNED_OUT } from "./useKioskFeed";

export /** The screen's size; null until mounted (the server's HTML is drawn for 1920 × 1080). */
function useScreen(): { width: number; height: number } | null {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    const read = () => setSize({ width: window.innerWidth, height: window.innerHeight });
    read();
    window.addEventListener("resize", read);
    return () => window.removeEventListener("resize", read);
  }, []);
  return size;
}

/**
 * Re-renders every `ms` (the clock, ages, the stale check). null until mounted: the server's clock
 * and zone are not the browser's, so nothing time-dependent is in the server's HTML (React #418).
 */
export function useTick(ms: number): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const id = setInterval(tick, ms);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [ms]);
  return now;
}

export function Connection({
  fresh,
  open,
  error,
}: {
  fresh: ReturnType<typeof freshness>;
  open: boolean;
  error: string | null;
}) {
  const { t } = useI18n();
  const text =
    error === SIGNED_OUT
      ? t("kiosk.signedOut")
      : error
        ? t("kiosk.refused", { error })
        : fresh.state === "stale"
          ? t("kiosk.staleShort")
          : fresh.state === "connecting"
            ? t("kiosk.connectingShort")
            : !open
              ? t("kiosk.reconnecting")
              : t("kiosk.live");
  const tone =
    error || fresh.state === "stale"
      ? "bg-vermillion text-black"
      : !open || fresh.state === "connecting"
        ? "bg-amber-300 text-black"
        : "bg-emerald-400 text-black";
  return (
    <span
      role="status"
      className={`rounded px-[0.5em] text-[1.1em] font-semibold ${tone}`}
      data-testid="kiosk-connection"
    >
      {text}
    </span>
  );
}
