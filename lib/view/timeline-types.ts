// The pod timeline's layout as data: the boxes, ticks and brackets of each row, with their words,
// as lib/view/timeline-layout.ts computes them and components/timeline draws them.
import type { Translate } from "../i18n";
import type { NodeTimeline } from "../nodes/node-timeline";
import type { Tz } from "../text/format";

/** One thing on the timeline, with what a tooltip says about it. */
export interface Item {
  /** What it is, in words ("nginx run #3, exit code 137 (OOMKilled)"). */
  what: string;
  start: number;
  /** null: still going at the layout's `now`; equal to start: an instant. */
  end: number | null;
  /** The API's message, if any. */
  message?: string | null;
  /** Container the item belongs to, for highlighting its events. */
  container?: string | null;
  /** A container run's number (1 for the first run): the pod page opens that run's log. */
  attempt?: number;
}

export interface Box extends Item {
  x: number;
  width: number;
  fill: string;
  kind: string;
  /** Short text drawn inside when it fits. */
  label?: string;
  /** Full text for the SVG title (screen readers, the stories page). */
  title: string;
  /** Draw hatched: waiting, not True, reconstructed. */
  hatched?: boolean;
  /** The kubectl status / reason this box stands for: "Why is it like this?" explains it. */
  explain?: string;
  /** Shorter forms of `label`, longest first, drawn when it has no room. */
  short?: string[];
  /** The text drawn (`label` or a shorter form of it) and where; none when nothing fits. */
  text?: string;
  textX?: number;
  /**
   * Where the drawn text sits: inside the box ("fill": `ink` on the fill, haloed with the fill so
   * hatching never runs under a glyph), or running on past it ("page": the page's own ink, haloed
   * with the page's background). Either way AA contrast in both themes (lib/view/contrast).
   */
  textOn?: "fill" | "page";
  ink?: string;
}

export interface Tick extends Item {
  x: number;
  kind: string;
  fill: string;
  title: string;
  /** triangle (liveness, default), square (readiness), diamond (startup), cross (a kill), down / down-open (a node taint added / removed). */
  shape?: "triangle" | "square" | "diamond" | "cross" | "bar" | "down" | "down-open";
  /** A count drawn beside it (×3, 2/3). */
  label?: string;
  /** A pull's bar width in px (for `pulled` markers with a duration). */
  span?: number;
}

export interface Bracket extends Item {
  x1: number;
  x2: number;
  label: string;
  title: string;
  /** Announced and observed delays disagree by more than the tolerance. */
  differs: boolean;
}

export interface Row {
  id: string;
  label: string;
  y: number;
  height: number;
  boxes: Box[];
  ticks: Tick[];
  brackets: Bracket[];
}

export interface TimelineLayout {
  width: number;
  height: number;
  gutter: number;
  rows: Row[];
  axis: { x: number; label: string }[];
  /** x of the first observation: what lies left of it was reconstructed. */
  observedFromX: number | null;
  nowX: number;
  /** The time domain drawn. */
  domain: [number, number];
}

export interface LayoutOptions {
  width?: number;
  /** Time domain; default the pod's whole life up to now (or deletion). */
  domain?: [number, number];
  t?: Translate;
  /** Axis and titles in UTC (default) or the browser's zone. */
  tz?: Tz;
  /** The pod's node over time: drawn as the node track (Ready, taints) under STATUS. */
  node?: NodeTimeline | null;
}

/** Builds one box from an item: its x and width on the axis, its title (timeline-layout.ts). */
export type MakeBox = (i: Item, rest: Omit<Box, keyof Item | "x" | "width" | "title">) => Box;

/** What a part of the layout needs from the whole: words, the axis, boxes and titles. */
export interface LayoutHelpers {
  t: Translate;
  /** x of a time; null is the layout's end (now, or the pod's deletion). */
  px: (v: number | null) => number;
  box: MakeBox;
  title: (i: Item) => string;
}
