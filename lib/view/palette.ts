// Every colour Lifeline draws with, in one place: the Okabe–Ito fills, what each pod phase,
// kubectl STATUS, container state, condition, probe and marker is drawn in, which of them are
// hatched as well (colour-blind safety), and the neutral page and canvas colours of both themes.
// Pure: the timeline's layout, the overview's lanes, the kiosk and the legends all read it;
// Tailwind classes reach it through the CSS variables of `paletteCssVars` (app/layout.tsx).
import type { Marker, ProbeType } from "../timeline/types";

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
export const PALETTE = {
  blue: "#0072B2",
  sky: "#56B4E9",
  green: "#009E73",
  orange: "#E69F00",
  vermillion: "#D55E00",
  purple: "#CC79A7",
  yellow: "#F0E442",
  grey: "#999999",
} as const;

export type PaletteName = keyof typeof PALETTE;

/** The darker second stripe of a hatched legend swatch, per fill. */
export const STRIPE = {
  vermillion: "#a84a00",
  orange: "#b07900",
  grey: "#777",
} as const;

/** A legend swatch's hatch: the fill and its darker stripe, 3 px each at 45°. */
export function hatchSwatch(fill: keyof typeof STRIPE): string {
  return `repeating-linear-gradient(45deg,${PALETTE[fill]} 0 3px,${STRIPE[fill]} 3px 6px)`;
}

/** Vermillion lightened for text on a dark card (the kiosk's failing pods). */
export const VERMILLION_ON_DARK = "#FF8A3D";

/**
 * A watched stretch whose changes were dropped for the lane's count limit: a neutral light grey,
 * unlike any STATUS's colour and unlike the faint "before Lifeline watched".
 */
export const UNKEPT_FILL = "#C8C8C8";

/** Tailwind's neutrals as the canvas, SVG and exports need them (slate, sky, black and white). */
export const NEUTRAL = {
  white: "#ffffff",
  black: "#000000",
  slate50: "#f8fafc",
  slate100: "#f1f5f9",
  slate200: "#e2e8f0",
  slate500: "#64748b",
  slate800: "#1e293b",
  slate900: "#0f172a",
  slate950: "#020617",
  sky50: "#f0f9ff",
  sky950: "#082f49",
} as const;

/** The page's background and text colours (Tailwind white / slate-900, slate-950 / slate-100). */
export const PAGE = {
  light: { bg: NEUTRAL.white, ink: NEUTRAL.slate900 },
  dark: { bg: NEUTRAL.slate950, ink: NEUTRAL.slate100 },
} as const;

/**
 * The overview canvas' own colours per theme: row borders, hover and focus, muted text, ticks,
 * and the stroke of its hatch pattern (darker on the dark page, so the stripes still show).
 */
export const CANVAS = {
  light: {
    border: NEUTRAL.slate100,
    hover: NEUTRAL.slate50,
    focus: NEUTRAL.sky50,
    muted: NEUTRAL.slate500,
    tick: NEUTRAL.slate900,
    hatch: "rgba(0,0,0,0.35)",
  },
  dark: {
    border: NEUTRAL.slate900,
    hover: NEUTRAL.slate900,
    focus: NEUTRAL.sky950,
    muted: NEUTRAL.slate500,
    tick: NEUTRAL.slate50,
    hatch: "rgba(0,0,0,0.55)",
  },
} as const;

/** The overview legend's hatch stripe over a lane fill (translucent black, either theme). */
export const LANE_STRIPE = "#0004";

/** The fill of each pod phase. */
export const PHASE_FILL: Readonly<Record<string, string>> = {
  Pending: PALETTE.orange,
  Running: PALETTE.blue,
  Succeeded: PALETTE.green,
  Failed: PALETTE.vermillion,
  Unknown: PALETTE.grey,
};

/** A phase's fill; grey for a phase Lifeline does not know. */
export function phaseFill(phase: string): string {
  return PHASE_FILL[phase] ?? PALETTE.grey;
}

/**
 * Where a phase is drawn: the pod page's PHASE row, or the overview's and kiosk's lanes (one bar
 * for the whole pod, where a Pending stretch has no waiting row beside it to say so).
 */
export type PhaseView = "pod" | "lanes";

/**
 * Phases hatched as well as coloured: Failed and Unknown everywhere; in the lanes Pending too.
 */
export function phaseHatched(phase: string, view: PhaseView): boolean {
  return phase === "Failed" || phase === "Unknown" || (view === "lanes" && phase === "Pending");
}

/** The fill of a kubectl STATUS string. */
export function statusFill(status: string): string {
  if (status === "Running") return PALETTE.blue;
  if (status === "Completed") return PALETTE.green;
  if (/^Init:\d+\/\d+$/.test(status)) return PALETTE.sky;
  if (status === "Pending" || status === "ContainerCreating" || status === "PodInitializing")
    return PALETTE.orange;
  if (status === "Terminating" || status === "Deleted") return PALETTE.purple;
  return PALETTE.vermillion;
}

/** Failure states get a pattern as well as a colour. */
export function statusHatched(status: string): boolean {
  return (
    statusFill(status) === PALETTE.vermillion ||
    status === "Pending" ||
    status === "ContainerCreating"
  );
}

/** A container run: blue while running, green for exit 0, purple when OOMKilled, else vermillion. */
export function runFill(exitCode: number | null, reason: string | null): string {
  if (exitCode === null) return PALETTE.blue;
  if (reason === "OOMKilled") return PALETTE.purple;
  return exitCode === 0 ? PALETTE.green : PALETTE.vermillion;
}

/** A container waiting (hatched): orange. */
export const WAITING_FILL = PALETTE.orange;
/** Ready (a container's, a node's, a pod's condition True): green. */
export const READY_FILL = PALETTE.green;
/** Terminating (the grace period, the lanes' terminating stretch): purple. */
export const TERMINATING_FILL = PALETTE.purple;
/** What went wrong: a probe kill, the grace deadline, a failed event. */
export const PROBLEM_FILL = PALETTE.vermillion;

/** A condition: green when True, grey when False, yellow when Unknown. */
export function conditionFill(status: string): string {
  return status === "True" ? PALETTE.green : status === "False" ? PALETTE.grey : PALETTE.yellow;
}

/** A node's Ready condition as a word: green when Ready, vermillion NotReady, grey unknown. */
export function nodeReadyFill(word: string): string {
  return word === "Ready" ? PALETTE.green : word === "NotReady" ? PALETTE.vermillion : PALETTE.grey;
}

/** A node taint: vermillion for NoExecute (it evicts), orange otherwise. */
export function taintFill(effect: string | undefined): string {
  return effect === "NoExecute" ? PALETTE.vermillion : PALETTE.orange;
}

/** Probe results by probe. */
export const PROBE_FILL: Readonly<Record<ProbeType, string>> = {
  liveness: PALETTE.vermillion,
  readiness: PALETTE.yellow,
  startup: PALETTE.purple,
};

const RESIZE_FILL: Partial<Record<Marker["kind"], string>> = {
  "spec-changed": PALETTE.sky,
  "resize-requested": PALETTE.sky,
  "resize-pending": PALETTE.orange,
  "resize-in-progress": PALETTE.sky,
  resized: PALETTE.green,
};

/** An event marker: sky for the steps of a start, grey while pulling, resizes by stage, else vermillion. */
export function markerFill(m: Pick<Marker, "kind" | "reason">): string {
  const resizeFill =
    m.kind === "resize-pending" && m.reason === "Infeasible"
      ? PALETTE.vermillion
      : RESIZE_FILL[m.kind];
  return (
    resizeFill ??
    (m.kind === "scheduled" || m.kind === "pulled" || m.kind === "created"
      ? PALETTE.sky
      : m.kind === "pulling"
        ? PALETTE.grey
        : PALETTE.vermillion)
  );
}

/**
 * The palette as CSS custom properties (`--ll-blue` …), set on the root element so Tailwind's
 * theme colours (app/globals.css: `bg-vermillion`, `ring-vermillion`) are these values.
 */
export function paletteCssVars(): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, hex] of Object.entries(PALETTE)) vars[`--ll-${name}`] = hex;
  return vars;
}
