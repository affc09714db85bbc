// The overview's live stream, started by a few lines of inline script in the server's HTML, before
// the page's JavaScript has loaded: the snapshot (megabytes for thousands of pods) then arrives
// while the browser is still compiling, instead of after it. The script keeps what arrives until the
// overview adopts the stream (same path) or drops it (another path). Pure text; the page adds it
// with the request's CSP nonce. What it keeps goes through the same reducer as the rest of the
// stream (lib/view/stream-frames.ts, fed by components/useStream.ts).
import { STREAM_EVENTS } from "./stream-frames";

export const EARLY_KEY = "__lifelineStream";

/** JSON that is safe inside a <script> element (no "</script>", no line separators). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** An event the script kept: its type and its data, parsed (JSON) while the page's code still loads. */
export interface Queued {
  type: string;
  data?: unknown;
}

/**
 * The inline script that opens `path` once the HTML is parsed (DOMContentLoaded: the page's own
 * HTML and scripts are asked for first, the snapshot's megabytes after them) and queues its events
 * on window[EARLY_KEY]. Taken before it opened, it never opens.
 */
export function earlyStreamScript(path: string): string {
  return `(()=>{if(typeof EventSource!=="function")return;const url=${scriptJson(path)},types=${scriptJson(STREAM_EVENTS)},queued=[],keep=e=>{let data;try{data=typeof e.data==="string"?JSON.parse(e.data):undefined}catch{}queued.push({type:e.type,data})};let es=null,taken=false;const start=()=>{if(taken)return;es=new EventSource(url);for(const t of types)es.addEventListener(t,keep)};window[${scriptJson(EARLY_KEY)}]={url,get es(){return es},take(){taken=true;if(es)for(const t of types)es.removeEventListener(t,keep);return queued}};if(document.readyState==="loading")document.addEventListener("DOMContentLoaded",start,{once:true});else start()})();`;
}

interface Early {
  url: string;
  /** Null until the script has opened it. */
  es: EventSource | null;
  take(): Queued[];
}

/**
 * The early stream if it was opened for `path` and is still open, with the events it queued; null
 * otherwise (and one not opened yet never will be). Either way it is taken off the window once:
 * a later mount opens its own stream.
 */
export function adoptEarlyStream(
  path: string,
  w: Record<string, unknown> = globalThis as unknown as Record<string, unknown>,
): { es: EventSource; queued: Queued[] } | null {
  const early = w[EARLY_KEY] as Early | undefined;
  if (!early) return null;
  delete w[EARLY_KEY];
  const queued = early.take();
  const es = early.es;
  if (!es) return null;
  if (early.url !== path || es.readyState === 2) {
    es.close();
    return null;
  }
  return { es, queued };
}
