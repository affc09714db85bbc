"use client";
// The pod page's time domain: d3-zoom turns wheel and drag into a domain over the pod's whole life,
// +/− and ←/→ zoom and pan from the keyboard (Esc calls `onEscape`), and the domain and the
// selected track live in the URL (replaceState, debounced) so a reload or a shared link keeps them.
import { useCallback, useEffect, useLayoutEffect, useRef, type RefObject } from "react";
import { select, scaleUtc, zoom as d3zoom, zoomIdentity, type ZoomBehavior } from "d3";

type Span = [number, number];

export interface PodZoom {
  /** Moves d3-zoom's transform to show `d` (null: the whole life). */
  setTransformFor(d: Span | null): void;
  zoomBy(factor: number): void;
  panBy(px: number): void;
}

export function usePodZoom(opts: {
  svgRef: RefObject<SVGSVGElement | null>;
  /** The pod's whole life; null until the timeline is there. */
  life: Span | null;
  width: number;
  gutter: number;
  /** The timeline is on screen (the chart's svg exists). */
  ready: boolean;
  /** The domain shown (null: the whole life, following now while the pod lives), and its setter. */
  domain: Span | null;
  setDomain(d: Span | null): void;
  /** The domain the URL asked for, applied once the life span is known. */
  initial: Span | null;
  track: string | null;
  onEscape(): void;
}): PodZoom {
  const { svgRef, life, width, gutter, ready, domain, setDomain, initial, track } = opts;
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const lifeRef = useRef(life);
  useLayoutEffect(() => void (lifeRef.current = life), [life]);
  const escape = useRef(opts.onEscape);
  useLayoutEffect(() => void (escape.current = opts.onEscape));
  const live = life !== null;
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || !lifeRef.current) return;
    const z = d3zoom<SVGSVGElement, unknown>()
      .scaleExtent([1, 100_000])
      .filter((e: Event) =>
        e.type === "wheel" ? !(e as WheelEvent).shiftKey : !(e as MouseEvent).button,
      )
      .on("zoom", (e) => {
        if (!e.sourceEvent && !e.transform.k) return;
        const l = lifeRef.current!;
        const base = scaleUtc()
          .domain(l)
          .range([gutter, width - 12]);
        const [a, b] = e.transform
          .rescaleX(base)
          .domain()
          .map((d: Date) => d.getTime());
        setDomain(e.transform.k === 1 && e.transform.x === 0 ? null : [a, b]);
      });
    zoomRef.current = z;
    select(svg).call(z).on("dblclick.zoom", null);
    return () => void select(svg).on(".zoom", null);
    // Re-bind when the plot's size changes; the life span is read through a ref.
  }, [svgRef, setDomain, width, gutter, ready, live]);

  // The zoom lives in the URL (replaceState, debounced) so a reload or a shared link keeps it.
  useEffect(() => {
    const id = setTimeout(() => {
      const q = new URLSearchParams(window.location.search);
      if (domain) {
        q.set("from", new Date(domain[0]).toISOString());
        q.set("to", new Date(domain[1]).toISOString());
      } else {
        q.delete("from");
        q.delete("to");
      }
      if (track) q.set("track", track);
      else q.delete("track");
      const next = `${window.location.pathname}${q.size ? `?${q}` : ""}`;
      if (next !== `${window.location.pathname}${window.location.search}`)
        window.history.replaceState(null, "", next);
    }, 250);
    return () => clearTimeout(id);
  }, [domain, track]);

  const setTransformFor = useCallback(
    (d: Span | null) => {
      const svg = svgRef.current;
      const l = lifeRef.current;
      if (!svg || !l || !zoomRef.current) return;
      if (!d) {
        select(svg).call(zoomRef.current.transform, zoomIdentity);
        return;
      }
      const base = scaleUtc()
        .domain(l)
        .range([gutter, width - 12]);
      const k = (l[1] - l[0]) / Math.max(1, d[1] - d[0]);
      const x = gutter - k * base(d[0]);
      select(svg).call(zoomRef.current.transform, zoomIdentity.translate(x, 0).scale(k));
      setDomain(d);
    },
    [svgRef, setDomain, gutter, width],
  );

  // A domain from the URL: apply it to d3-zoom's transform once the life span is known.
  const applied = useRef(false);
  useEffect(() => {
    if (applied.current || !life || !svgRef.current || !zoomRef.current) return;
    applied.current = true;
    if (initial) setTransformFor(initial);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [life, ready]);

  const zoomBy = useCallback(
    (factor: number) => {
      const svg = svgRef.current;
      if (svg && zoomRef.current)
        select(svg).call(zoomRef.current.scaleBy, factor, [(gutter + width) / 2, 0]);
    },
    [svgRef, gutter, width],
  );
  const panBy = useCallback(
    (px: number) => {
      const svg = svgRef.current;
      if (svg && zoomRef.current) select(svg).call(zoomRef.current.translateBy, px, 0);
    },
    [svgRef],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT"))
        return;
      if (e.key === "+" || e.key === "=") zoomBy(1.5);
      else if (e.key === "-" || e.key === "_") zoomBy(1 / 1.5);
      else if (e.key === "Escape") escape.current();
      else if ((e.key === "ArrowLeft" || e.key === "ArrowRight") && !el?.closest("g[data-row]"))
        panBy(e.key === "ArrowLeft" ? 80 : -80);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [zoomBy, panBy]);

  return { setTransformFor, zoomBy, panBy };
}
