// The one configuration of Lifeline's logs, shared by the server (lib/log/logger.ts, bundled by
// Next) and scripts/start.mjs (plain Node, outside Next). Plain ESM so both can import it.
//
// LIFELINE_LOG_FORMAT=json: one JSON object per line, {"level":"info","time":"<ISO 8601>",
// "name":"lifeline","msg":"…", …fields}, what a cluster's log collector parses. Otherwise human
// lines, `[12:00:00.000] INFO: lifeline: serving http://127.0.0.1:3000 port=3000`, coloured only
// on a terminal. Everything goes to stdout, errors too: one stream, as containers expect.
// pino-pretty runs here as a synchronous function (its prettyFactory), never as a worker-thread
// transport: workers cannot be started from inside Next's bundles, and a line written just
// before process.exit() must not be lost.
import { format } from "node:util";
import pino from "pino";
import { prettyFactory } from "pino-pretty";

/** "json" or "human", from LIFELINE_LOG_FORMAT (anything but "json" is human). */
export function logFormat(env = process.env) {
  return (env.LIFELINE_LOG_FORMAT ?? "").trim().toLowerCase() === "json" ? "json" : "human";
}

/** stdout, written synchronously (a line logged just before exiting is not lost). */
export function stdoutSink() {
  return pino.destination({ dest: 1, sync: true });
}

const SIMPLE = /^[^\s"=]+$/;

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The sentence already says it (a path, a cluster id, a count as a word of its own). */
function said(msg, value) {
  if (typeof value === "string") return value.length > 0 && msg.includes(value);
  if (typeof value === "number")
    return new RegExp(`(^|[^\\w.])${escape(String(value))}(?![\\w.])`).test(msg);
  return false;
}

/**
 * ` key=value` for each field of a human line that the sentence does not already say (JSON
 * lines keep every field); strings with spaces are quoted.
 */
function fieldsText(entry, skip) {
  const msg = typeof entry.msg === "string" ? entry.msg : "";
  let text = "";
  for (const [key, value] of Object.entries(entry)) {
    if (skip.has(key) || value === undefined || said(msg, value)) continue;
    const shown = typeof value === "string" && SIMPLE.test(value) ? value : JSON.stringify(value);
    text += ` ${key}=${shown}`;
  }
  return text;
}

const HEADER_KEYS = new Set(["level", "time", "msg", "name", "pid", "hostname", "err"]);

/** The sentence, then its fields on the same line, then an error's stack (indented) if any. */
function humanMessage(entry) {
  const err = entry.err;
  const stack =
    err && typeof err === "object" && typeof err.stack === "string"
      ? `\n    ${err.stack.split("\n").join("\n    ")}`
      : err
        ? ` err=${JSON.stringify(err)}`
        : "";
  return `lifeline: ${entry.msg ?? ""}${fieldsText(entry, HEADER_KEYS)}${stack}`;
}

/**
 * A pino logger writing to `sink` (anything with write(string)) in the format `env` asks for.
 * `tty`: colours in human lines (default: stdout is a terminal and NO_COLOR is not set).
 */
export function createLogger(
  env = process.env,
  sink = stdoutSink(),
  tty = !!process.stdout.isTTY && !env.NO_COLOR,
) {
  const common = { name: "lifeline", base: undefined };
  if (logFormat(env) === "json")
    return pino(
      {
        ...common,
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
      },
      sink,
    );
  const pretty = prettyFactory({
    colorize: tty,
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname,name",
    hideObject: true,
    messageFormat: humanMessage,
  });
  return pino(common, { write: (line) => sink.write(pretty(line)) });
}

// Next's own status marks (✓ ready, ⚠ warning, ⨯ error, ○ ● ƒ …) and terminal colours.
const NEXT_MARK = /^\s*(?:[✓⚠⨯○●ƒ▲»]\s+)?/u;
const COLOUR = /\x1b\[[0-9;]*m/g;

/**
 * In JSON mode, what other code prints through console (Next's own lines: "✓ Running
 * next.config.js took 645ms", its warnings and errors) goes through `log` too, so every line on
 * stdout is one JSON object; `source: "console"` tells those lines apart. In human mode the
 * console is left alone. Returns a function that puts the console back.
 */
export function routeConsole(log, env = process.env) {
  if (logFormat(env) !== "json") return () => {};
  const saved = {
    log: console.log,
    info: console.info,
    warn: console.warn,
    error: console.error,
    debug: console.debug,
  };
  const to =
    (level) =>
    (...args) => {
      const msg = format(...args)
        .replace(COLOUR, "")
        .replace(NEXT_MARK, "")
        .trim();
      if (msg) log[level]({ source: "console" }, msg);
    };
  console.log = to("info");
  console.info = to("info");
  console.warn = to("warn");
  console.error = to("error");
  console.debug = to("debug");
  return () => Object.assign(console, saved);
}
