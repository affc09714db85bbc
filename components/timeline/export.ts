// Export of the drawn timeline: SVG (the chart with its computed colours and fonts written into
// each element, so it looks the same outside the page), PNG (that SVG rasterised at 2×) and a file
// download. Browser-only.

import { NEUTRAL, PAGE } from "@/lib/view/palette";

const STYLE_PROPS = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-opacity",
  "stroke-dasharray",
  "stroke-linejoin",
  "paint-order",
  "opacity",
  "font-family",
  "font-size",
  "font-weight",
  "text-anchor",
  "dominant-baseline",
  "visibility",
  "display",
];

/** A copy of `svg` with its computed colours and fonts written into each element. */
function styledClone(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = [svg, ...svg.querySelectorAll("*")];
  const dst = [clone, ...clone.querySelectorAll("*")];
  src.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const out = dst[i] as SVGElement;
    for (const p of STYLE_PROPS) {
      const v = cs.getPropertyValue(p);
      if (v) out.style.setProperty(p, v);
    }
    out.removeAttribute("class");
    out.removeAttribute("tabindex");
  });
  return clone;
}

const SVG_NS = "http://www.w3.org/2000/svg";
const CAPTION_PAD = 24;

/**
 * A standalone SVG document `width` wide: the page's background, a caption line, and under it
 * what `draw` adds to the group it is given (`height` tall).
 */
function framed(
  width: number,
  height: number,
  caption: string,
  draw: (doc: XMLDocument, g: Element, ink: string) => void,
): string {
  const doc = document.implementation.createDocument(SVG_NS, "svg", null);
  const root = doc.documentElement;
  const total = height + CAPTION_PAD;
  root.setAttribute("xmlns", SVG_NS);
  root.setAttribute("width", String(width));
  root.setAttribute("height", String(total));
  root.setAttribute("viewBox", `0 0 ${width} ${total}`);
  const dark = matchMedia("(prefers-color-scheme: dark)").matches;
  const ink = dark ? NEUTRAL.slate200 : PAGE.light.ink;
  const bg = doc.createElementNS(SVG_NS, "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", dark ? PAGE.dark.bg : PAGE.light.bg);
  root.appendChild(bg);
  root.appendChild(text(doc, caption, 8, 16, ink));
  const g = doc.createElementNS(SVG_NS, "g");
  g.setAttribute("transform", `translate(0,${CAPTION_PAD})`);
  draw(doc, g, ink);
  root.appendChild(g);
  return new XMLSerializer().serializeToString(doc);
}

function text(doc: XMLDocument, content: string, x: number, y: number, fill: string, size = 12) {
  const el = doc.createElementNS(SVG_NS, "text");
  el.setAttribute("x", String(x));
  el.setAttribute("y", String(y));
  el.setAttribute("font-size", String(size));
  el.setAttribute("font-family", "system-ui, sans-serif");
  el.setAttribute("fill", fill);
  el.textContent = content; // text, never markup
  return el;
}

/** A standalone SVG document of `svg`, with a background and a caption line above the chart. */
export function svgDocument(svg: SVGSVGElement, caption: string): string {
  const vb = svg.viewBox.baseVal;
  return framed(vb.width, vb.height, caption, (doc, g) => {
    const clone = styledClone(svg);
    clone.removeAttribute("width");
    clone.setAttribute("width", String(vb.width));
    clone.setAttribute("height", String(vb.height));
    g.appendChild(doc.importNode(clone, true));
  });
}

const LANES_WIDTH = 1200;
const LABEL_WIDTH = 300;
const GAP = 6;

/**
 * A standalone SVG document of a page drawn as labelled lanes (the workload and node pages): in
 * `container`'s order, each `[data-export-heading="title"]` as a line of text, each `[data-export-axis]`
 * (the axis's ticks, `[data-tick]` placed by their left %) as its labels, and each
 * `[data-export-lane="label"]` as its label and its SVG (the element or the first in it) stretched
 * over the lanes' width, as on the page. Each lane is a `<g data-lane="label">`.
 */
export function lanesDocument(container: HTMLElement, caption: string): string {
  const x0 = LABEL_WIDTH + 8;
  const laneWidth = LANES_WIDTH - x0 - 8;
  const parts = [
    ...container.querySelectorAll<HTMLElement | SVGElement>(
      "[data-export-heading],[data-export-axis],[data-export-lane]",
    ),
  ];
  const rows: ((doc: XMLDocument, g: Element, ink: string, y: number) => void)[] = [];
  const heights: number[] = [];
  for (const el of parts) {
    if (el.hasAttribute("data-export-heading")) {
      heights.push(22);
      const title = el.getAttribute("data-export-heading") || (el.textContent ?? "").trim();
      rows.push((doc, g, ink, y) => {
        const t = text(doc, title, 8, y + 16, ink, 13);
        t.setAttribute("font-weight", "600");
        g.appendChild(t);
      });
    } else if (el.hasAttribute("data-export-axis")) {
      const ticks = [...el.querySelectorAll<HTMLElement>("[data-tick]")].map((k) => ({
        at: Number(k.getAttribute("data-tick")),
        label: (k.textContent ?? "").trim(),
      }));
      heights.push(18);
      rows.push((doc, g, ink, y) => {
        for (const k of ticks) {
          const t = text(doc, k.label, x0 + (k.at / 100) * laneWidth, y + 13, ink, 10);
          t.setAttribute("text-anchor", "middle");
          g.appendChild(t);
        }
      });
    } else {
      const svg = el instanceof SVGSVGElement ? el : el.querySelector("svg");
      if (!svg) continue;
      const label = el.getAttribute("data-export-lane") ?? "";
      const h = svg.viewBox.baseVal.height || 14;
      heights.push(Math.max(h, 14) + GAP);
      rows.push((doc, g, ink, y) => {
        const lane = doc.createElementNS(SVG_NS, "g");
        lane.setAttribute("data-lane", label);
        const shown = label.length > 48 ? `${label.slice(0, 47)}…` : label;
        lane.appendChild(text(doc, shown, 8, y + Math.min(h, 14) - 2, ink, 11));
        const clone = styledClone(svg);
        clone.setAttribute("x", String(x0));
        clone.setAttribute("y", String(y));
        clone.setAttribute("width", String(laneWidth));
        clone.setAttribute("height", String(h));
        clone.removeAttribute("style");
        clone.setAttribute("preserveAspectRatio", "none");
        lane.appendChild(doc.importNode(clone, true));
        g.appendChild(lane);
      });
    }
  }
  const height = heights.reduce((a, b) => a + b, 0) + 8;
  return framed(LANES_WIDTH, height, caption, (doc, g, ink) => {
    let y = 4;
    rows.forEach((draw, i) => {
      draw(doc, g, ink, y);
      y += heights[i];
    });
  });
}

export function pngFromSvg(text: string, scale = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const m = /<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"/.exec(text);
    const width = Number(m?.[1] ?? 1200);
    const height = Number(m?.[2] ?? 600);
    const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      const ctx = canvas.getContext("2d")!;
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0, width, height);
      URL.revokeObjectURL(url);
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error("the browser could not encode a PNG"))),
        "image/png",
      );
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error("the browser could not draw the SVG"));
    };
    img.src = url;
  });
}

export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "dev_web-0_2026-11-21T10-00-00Z": a file name from the pod and the moment. */
export function exportName(namespace: string, name: string, at: number): string {
  return exportFileName([namespace, name], at);
}

/** "deployment_dev_web_2026-11-21T10-00-00Z": a file name from what is exported (kind, namespace, name) and the window's end. */
export function exportFileName(parts: readonly string[], at: number): string {
  return [...parts, `${new Date(at).toISOString().slice(0, 19).replace(/:/g, "-")}Z`].join("_");
}

/**
 * A run's captured log as an export holds it (the shape of a snapshot's `logs`: the rest of the run
 * as the logs route tells it, start, exit code, reason, why …, comes along).
 */
export interface ExportedRun {
  container: string;
  attempt: number;
  finishedAt: number | null;
  at: number;
  outcome: "captured" | "skipped";
  whySentence: string | null;
  text: string | null;
}

/**
 * The JSON export of a pod view: what is on screen (`data`: timeline, events, node) and, only
 * when the person exporting ticked "include logs", the runs' captured logs.
 */
export function podJson(
  head: { namespace: string; name: string; at: number; window: [number, number] },
  data: object,
  logs: ExportedRun[] | null = null,
): string {
  return viewJson(head, data, logs);
}

/**
 * The JSON export of a page over a window (a pod's, a workload's, a node's): what it was answered
 * (`data`, the API's answer as the page holds it, redacted as the API redacts it) under a head that
 * says what and when.
 */
export function viewJson(
  head: { kind?: string; namespace?: string; name: string; at: number; window: [number, number] },
  data: object,
  logs: ExportedRun[] | null = null,
): string {
  return JSON.stringify(
    {
      lifeline: 1,
      ...(head.kind ? { kind: head.kind } : {}),
      ...(head.namespace !== undefined ? { namespace: head.namespace } : {}),
      name: head.name,
      at: head.at,
      window: { from: head.window[0], to: head.window[1] },
      ...data,
      ...(logs ? { logs } : {}),
    },
    null,
    2,
  );
}

/**
 * The pod's runs ended by `to` with their captured text (GET /api/pods/{ns}/{name}/logs, then
 * each captured run's text), as a snapshot with `logs: true` holds them. Throws the server's
 * sentence (a 403 for who may not read logs).
 */
export async function capturedLogs(
  pod: { namespace: string; name: string; uid: string },
  to: number,
): Promise<ExportedRun[]> {
  const base = `/api/pods/${encodeURIComponent(pod.namespace)}/${encodeURIComponent(pod.name)}/logs`;
  const get = async (q: Record<string, string>) => {
    const res = await fetch(`${base}?${new URLSearchParams({ uid: pod.uid, ...q })}`, {
      cache: "no-store",
    });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(body?.error ?? `HTTP ${res.status}`);
    return body;
  };
  const { runs } = (await get({})) as { runs: Omit<ExportedRun, "text">[] };
  const ended = runs.filter((r) => (r.finishedAt ?? r.at) <= to);
  const out: ExportedRun[] = [];
  for (const r of ended) {
    const text =
      r.outcome === "captured"
        ? (
            (await get({ container: r.container, run: String(r.attempt) })) as {
              text: string | null;
            }
          ).text
        : null;
    out.push({ ...r, text });
  }
  return out;
}
