// The kiosk's first cards, worked out on the server for the page's HTML: the first pods of the
// kiosk's stream (problems first, no removed pods) and its counts, read off the live view the
// server keeps for it (lib/live/kept-views.ts), so a NOC screen shows its cards before the page's
// JavaScript has loaded (at 150,000 pods the first card came 1.6-1.8 s after navigation, after
// hydration and the stream's first frame). Same access rules and fallbacks as the overview's
// (lib/routes/overview-preview.ts): anything unreadable means no preview.
import type { KioskOptions, KioskPreview } from "../view/kiosk";
import { kioskStreamPath } from "../view/stream-frames";
import { overviewWindowParams } from "./params";
import { peekPreview } from "./overview-preview";

export async function kioskPreview(
  headers: Headers,
  opts: Pick<KioskOptions, "namespaces" | "selector">,
  limit: number,
): Promise<KioskPreview | null> {
  // The stream's own parameters for the kiosk's path: the preview is the view the stream reads.
  const path = kioskStreamPath(opts.namespaces, opts.selector, limit);
  const w = overviewWindowParams(new URL(path, "http://lifeline.invalid").searchParams);
  if (!w) return null;
  const peek = await peekPreview(
    headers,
    { namespaces: opts.namespaces, selector: opts.selector, ...w },
    limit,
  );
  if (!peek) return null;
  return {
    rows: peek.rows,
    window: {
      offset: 0,
      total: peek.total,
      uids: peek.rows.map((r) => r.uid),
      counts: peek.counts,
    },
    at: peek.at,
  };
}
