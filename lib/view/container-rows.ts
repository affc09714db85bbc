// A container's rows on the pod timeline: its waiting and runs with the back-off brackets between
// them, its Ready stretches, its probe results and kills. Pure: the layout places the rows.
import { isolate, plainDirection } from "../text/bidi";
import type { ContainerTimeline, Marker } from "../timeline/types";
import { formatDuration } from "../text/format";
import { READY_FILL, runFill, WAITING_FILL } from "./palette";
import { containerLabel, restartText } from "./timeline-text";
import { probeTicks } from "./timeline-ticks";
import type { Box, Bracket, Item, LayoutHelpers, Tick } from "./timeline-types";

/** Announced and observed back-off may differ by the kubelet's sync delay; beyond this, say so. */
export const BACKOFF_TOLERANCE_MS = 5000;

/** One row before it is placed: what the layout's addRow takes. */
export interface RowParts {
  id: string;
  label: string;
  boxes: Box[];
  ticks?: Tick[];
  brackets?: Bracket[];
}

/**
 * The rows of container `c`: the container itself, Ready when it has any, probes when it has
 * results or kills. `inits` are the pod's init containers (an init row says "2/3");
 * `probeKills` the pod's probe-kill markers.
 */
export function containerRows(
  c: ContainerTimeline,
  inits: ContainerTimeline[],
  probeKills: Marker[],
  helpers: LayoutHelpers,
): RowParts[] {
  const { t, px, box, title } = helpers;
  const rows: RowParts[] = [];
  const boxes: Box[] = [
    ...c.waiting.map((w) =>
      box(
        {
          what: t("tt.waiting", { name: c.name, reason: isolate(w.reason) }),
          start: w.start,
          end: w.end,
          message: w.message,
          container: c.name,
        },
        {
          fill: WAITING_FILL,
          kind: "waiting",
          hatched: true,
          label: plainDirection(w.reason),
          explain: w.reason,
        },
      ),
    ),
    ...c.runs.map((r) =>
      box(
        {
          what:
            t("tt.run", { name: c.name, n: r.attempt }) +
            t("tt.sep") +
            (r.end === null
              ? t("tt.running")
              : `${t("tt.exit", { code: r.exitCode ?? "?" })}${r.signal ? t("tt.sep") + t("tt.signal", { n: r.signal }) : ""}${r.reason ? ` (${isolate(r.reason)})` : ""}`) +
            restartText(c, r, t),
          start: r.start,
          end: r.end,
          message: r.message,
          container: c.name,
          attempt: r.attempt,
        },
        // Solid, failed or not: hatching is for waiting (the back-off beside a failed run) and what is not True.
        {
          fill: runFill(r.exitCode, r.reason),
          kind: "run",
          label:
            r.end === null
              ? `#${r.attempt}`
              : `#${r.attempt} exit ${r.exitCode ?? "?"}${r.reason && r.reason !== "Error" && r.reason !== "Completed" ? ` ${plainDirection(r.reason)}` : ""}`,
          short: r.end === null ? [] : [`#${r.attempt} exit ${r.exitCode ?? "?"}`, `#${r.attempt}`],
          explain:
            r.end === null
              ? undefined
              : (r.reason ?? (r.exitCode ? `ExitCode:${r.exitCode}` : "Completed")),
        },
      ),
    ),
  ];
  const brackets: Bracket[] = c.backoffs.map((b) => {
    const announced = b.announcedDelayMs;
    const observed = b.observedDelayMs;
    const differs =
      announced !== null &&
      observed !== null &&
      Math.abs(observed - announced) > BACKOFF_TOLERANCE_MS;
    const label =
      announced !== null
        ? formatDuration(announced)
        : observed !== null
          ? formatDuration(observed)
          : "…";
    const item: Item = {
      what:
        t("tt.backoff", {
          n: b.beforeAttempt,
          a: announced === null ? t("tt.backoff.unknown") : formatDuration(announced),
          o: observed === null ? t("tt.backoff.waiting") : formatDuration(observed),
        }) + (differs ? ` — ${t("tt.backoff.differs")}` : ""),
      start: b.start,
      end: b.end,
      container: c.name,
    };
    return { ...item, x1: px(b.start), x2: px(b.end), label, differs, title: title(item) };
  });
  const progress = c.kind === "init" ? ` (${inits.indexOf(c) + 1}/${inits.length})` : "";
  rows.push({ id: `container-${c.name}`, label: containerLabel(c, t) + progress, boxes, brackets });
  if (c.ready.length > 0)
    rows.push({
      id: `ready-${c.name}`,
      label: t("tr.ready", { name: c.name }),
      boxes: c.ready.map((r) =>
        box(
          { what: t("tt.ready", { name: c.name }), start: r.start, end: r.end, container: c.name },
          { fill: READY_FILL, kind: "ready" },
        ),
      ),
    });
  const kills = probeKills.filter((m) => m.container === c.name);
  if (c.probes.length > 0 || kills.length > 0)
    rows.push({
      id: `probes-${c.name}`,
      label: t("tr.probes", { name: c.name }),
      boxes: [],
      ticks: probeTicks(c, kills, helpers),
    });
  return rows;
}
