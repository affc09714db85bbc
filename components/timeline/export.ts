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

/** A standalone SVG document of `svg`, with a background and a caption line above the chart. */
export function svgDocument(svg: SVGSVGElement, caption: string): string {
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
  const vb = svg.viewBox.baseVal;
  const pad = 24;
  const width = vb.width;
  const height = vb.height + pad;
  const ns = "http://www.w3.org/2000/svg";
  const doc = document.implementation.createDocument(ns, "svg", null);
  const root = doc.documentElement;
  root.setAttribute("xmlns", ns);
  root.setAttribute("width", String(width));
  root.setAttribute("height", String(height));
  root.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const dark = matchMedia("(prefers-color-scheme: dark)").matches;
  const bg = doc.createElementNS(ns, "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", dark ? PAGE.dark.bg : PAGE.light.bg);
  root.appendChild(bg);
  const title = doc.createElementNS(ns, "text");
  title.setAttribute("x", "8");
  title.setAttribute("y", "16");
  title.setAttribute("font-size", "12");
  title.setAttribute("font-family", "system-ui, sans-serif");
  title.setAttribute("fill", dark ? NEUTRAL.slate200 : PAGE.light.ink);
  title.textContent = caption; // text, never markup
  root.appendChild(title);
  const g = doc.createElementNS(ns, "g");
  g.setAttribute("transform", `translate(0,${pad})`);
  clone.removeAttribute("width");
  clone.setAttribute("width", String(vb.width));
  clone.setAttribute("height", String(vb.height));
  g.appendChild(doc.importNode(clone, true));
  root.appendChild(g);
  return new XMLSerializer().serializeToString(doc);
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
  return `${namespace}_${name}_${new Date(at).toISOString().slice(0, 19).replace(/:/g, "-")}Z`;
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
  return JSON.stringify(
    {
      lifeline: 1,
      namespace: head.namespace,
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
