// What each overview row shows in its seven text columns (kubectl's STATUS, READY, RESTARTS, AGE …
// and the problem behind a status), worked out once per row and moment: the canvas paints these,
// and the rows with text (the pointer's, the focused one, the server's first screen) show them.
import { isolateVars } from "../text/bidi";
import type { Translate } from "@/lib/i18n";
import { rowAt, type PodRow } from "@/lib/rows/pod-row";
import { healthRank, podHealth, type HealthLevel } from "@/lib/health";
import { statusFill } from "./palette";
import { restartsInWords } from "./restarts-text";

/** What a row shows in its seven text columns. */
export interface RowCells {
  name: string;
  namespace: string;
  status: string;
  statusColour: string;
  /** Status in bold: a problem worth a look. */
  strong: boolean;
  /** The problem's short reason after the status, or "". */
  reason: string;
  /** The problem in words (the status cell's tooltip), or "". */
  title: string;
  /** The pod's health (lib/health), and its rank: 2 failing, 1 warning, 0 ok. */
  level: HealthLevel;
  score: number;
  ready: string;
  restarts: string;
  age: string;
  node: string;
}

/** What a row shows at `now` (live: age and restarts move on), cached per row for this moment. */
export function cellsAt(live: boolean, now: number, t: Translate): (raw: PodRow) => RowCells {
  const cache = new WeakMap<PodRow, RowCells>();
  return (raw) => {
    let c = cache.get(raw);
    if (!c) {
      const r = live ? rowAt(raw, now) : raw;
      const h = podHealth(raw, now);
      const reason = h.reason ? t(h.reason.key, isolateVars(h.reason.vars)) : "";
      c = {
        name: raw.name,
        namespace: raw.namespace,
        status: r.status,
        statusColour: statusFill(r.status),
        strong:
          h.level === "failing" || (h.level === "warning" && h.reason?.key !== "problem.restarted"),
        reason: h.reason && h.reason.key !== "problem.failing" ? reason : "",
        title: reason,
        level: h.level,
        score: healthRank(h),
        ready: r.ready,
        restarts: restartsInWords(r.restarts, t),
        age: r.age,
        node: r.node ?? "<none>",
      };
      cache.set(raw, c);
    }
    return c;
  };
}
