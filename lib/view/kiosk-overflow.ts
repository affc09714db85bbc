// The kiosk at 150,000 pods: its stream holds a few pages of cards (GET /api/stream?limit=…, the
// server's problems-first order), so when more pods are in trouble than that, the rest are told
// by namespace from the server's counts (lib/rows/row-view.ts ViewCounts.health), with how many
// pods in trouble and how many healthy ones have no card. Pure: no DOM, no clock.
import type { HealthLevel } from "../health";
import type { NamespaceTrouble } from "../rows/row-view";

/** Pages of cards the kiosk's stream holds (a page is one screen of cards). */
export const KIOSK_PAGES = 5;
/** The most rows a windowed stream sends (lib/routes/params.ts MAX_WINDOW_ROWS). */
export const KIOSK_MAX_ROWS = 500;

/** Rows the kiosk asks the server for: KIOSK_PAGES screens of `perPage` cards, at most 500. */
export function kioskLimit(perPage: number): number {
  return Math.min(KIOSK_MAX_ROWS, Math.max(1, perPage) * KIOSK_PAGES);
}

/** The server's health counts over every pod the kiosk's filters pass. */
export interface KioskHealth {
  failing: number;
  warning: number;
  ok: number;
  /** [namespace, failing, warning], the most failing first. */
  namespaces: readonly NamespaceTrouble[];
}

export interface KioskOverflow {
  /** Pods failing or warning with no card. */
  hiddenTrouble: number;
  /** Healthy pods with no card. */
  hiddenHealthy: number;
  /** The pods in trouble with no card, by namespace: [namespace, failing, warning], most failing first. */
  namespaces: NamespaceTrouble[];
  /** Namespaces with pods in trouble left out of `namespaces` (past `max`). */
  moreNamespaces: number;
}

/**
 * What the cards do not show. `held`: the window's rows in the server's order (the pods in trouble
 * first), each with its namespace and the browser's judgement of it; `total`: every pod the filters
 * pass. The server ranked the first min(held, failing + warning) rows as in trouble; what each
 * namespace has left is its count less its rows held, split failing first, and the namespaces'
 * sum is the number hidden even where the browser's clock judges a held row differently.
 */
export function kioskOverflow(
  health: KioskHealth,
  total: number,
  held: readonly { namespace: string; level: HealthLevel }[],
  max = 12,
): KioskOverflow {
  const trouble = health.failing + health.warning;
  const heldTrouble = Math.min(held.length, trouble);
  const hiddenTrouble = Math.max(0, trouble - heldTrouble);
  const hiddenHealthy = Math.max(0, total - held.length - hiddenTrouble);
  const onCards = new Map<string, [number, number]>();
  for (const r of held.slice(0, heldTrouble)) {
    const n = onCards.get(r.namespace) ?? [0, 0];
    n[r.level === "failing" ? 0 : 1]++;
    onCards.set(r.namespace, n);
  }
  const left: NamespaceTrouble[] = [];
  for (const [ns, f, w] of health.namespaces) {
    const [cf, cw] = onCards.get(ns) ?? [0, 0];
    const rest = Math.max(0, f + w - cf - cw);
    const failing = Math.min(rest, Math.max(0, f - cf));
    if (rest > 0) left.push([ns, failing, rest - failing]);
  }
  left.sort((a, b) => b[1] - a[1] || b[2] - a[2] || (a[0] < b[0] ? -1 : 1));
  // Never more than the number hidden (counts and rows from frames a change apart).
  let budget = hiddenTrouble;
  const namespaces: NamespaceTrouble[] = [];
  for (const [ns, f, w] of left) {
    const take = Math.min(f + w, budget);
    if (take <= 0) break;
    budget -= take;
    const failing = Math.min(f, take);
    namespaces.push([ns, failing, take - failing]);
  }
  return {
    hiddenTrouble,
    hiddenHealthy,
    namespaces: namespaces.slice(0, max),
    moreNamespaces: Math.max(0, namespaces.length - max),
  };
}
