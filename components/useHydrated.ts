"use client";
// Has the page run in the browser yet? false on the server and while React hydrates the server's
// HTML, true right after. What differs between the two (the browser's zone is not the server's)
// is drawn the server's way until then, so the HTML and the first render agree (React #418).
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * The zone times are drawn in: the chosen one once the page runs; UTC before (the server's
 * "local" is its own zone, not the browser's), which the times then say.
 */
export function useShownTz<T extends "local" | "utc">(chosen: T): T | "utc" {
  return useHydrated() ? chosen : "utc";
}
