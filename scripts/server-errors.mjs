// Answers the server gives itself, before Next sees the request or when Next could not answer:
// a path whose percent-encoding does not decode (400), what Node's HTTP parser refuses (headers
// too large 431, a malformed request 400, …) and a request Next failed on (500). Each carries one
// sentence (JSON for /api/, a small page otherwise) and the security headers every response has.
// Plain JavaScript: scripts/start.mjs imports it before any build. The page's sentences are the
// same as lib/i18n/messages.ts's "server.*" keys (a unit test holds them together).
import { createLogger } from "../lib/log/options.mjs";

/** The security headers (lib/auth/headers.ts) for an answer with no script, style or image. */
export const ERROR_HEADERS = {
  "Content-Security-Policy":
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  "Cache-Control": "no-store",
};

export const TEXT = {
  en: {
    400: "The address cannot be read: part of it is not valid percent-encoding (such as %E0%A4%A). Check the link.",
    414: "The address is too long for Lifeline to read: shorten the link (fewer namespaces or a shorter selector).",
    target: "Lifeline answers only addresses that start with / (not a full URL or *).",
    431: "The request's headers are too large for Lifeline to read (often a cookie grown too big): clear this site's cookies and try again.",
    413: "The request is too large for Lifeline to read.",
    408: "The request took too long to arrive; try again.",
    badRequest: "Lifeline cannot read this request: it is not well-formed HTTP.",
    500: "Lifeline could not answer this request; the server log has the details.",
    home: "Back to the pods",
  },
  zh: {
    400: "无法读取这个地址：其中一部分不是有效的百分号编码（例如 %E0%A4%A）。请检查链接。",
    414: "地址太长，Lifeline 无法读取：请缩短链接（减少命名空间或缩短选择器）。",
    target: "Lifeline 只回答以 / 开头的地址（不接受完整 URL 或 *）。",
    431: "请求头太大，Lifeline 无法读取（通常是 Cookie 过大）：请清除本站的 Cookie 后重试。",
    413: "请求太大，Lifeline 无法读取。",
    408: "请求到达得太慢，请重试。",
    badRequest: "Lifeline 无法读取这个请求：它不是格式正确的 HTTP。",
    500: "Lifeline 无法回答这个请求；服务器日志中有详细信息。",
    home: "返回 Pod 列表",
  },
};

const REASONS = {
  400: "Bad Request",
  408: "Request Timeout",
  413: "Content Too Large",
  414: "URI Too Long",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  501: "Not Implemented",
};

/** The methods Next takes; any other (TRACE, CONNECT, WebDAV's …) makes it throw, so it is answered here. */
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]);

/** The sentence for a method Lifeline does not implement (the method is a token: nothing to escape but kept short). */
function methodText(method) {
  const m = String(method).slice(0, 20);
  return {
    en: `${m} is not a method Lifeline answers: its pages answer GET and HEAD, its API routes GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS as each takes them.`,
    zh: `Lifeline 不回答 ${m} 方法：页面回答 GET 和 HEAD，API 路由按各自所需回答 GET、HEAD、POST、PUT、PATCH、DELETE 或 OPTIONS。`,
  };
}

function escape(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The answer's body and headers: JSON `{error}` for /api/ (and anything unreadable), else a page in both languages. */
export function errorBody(status, key, api) {
  const text = typeof key === "object" ? key : { en: TEXT.en[key], zh: TEXT.zh[key] };
  const en = text.en;
  if (api) return { type: "application/json", body: JSON.stringify({ error: en }) };
  const zh = text.zh;
  const body =
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${status} — Lifeline</title></head>` +
    `<body><main><h1>Lifeline</h1><p role="alert" data-testid="server-error">${escape(en)}</p><p lang="zh-CN">${escape(zh)}</p>` +
    `<p><a href="/">${escape(TEXT.en.home)}</a> · <a href="/" lang="zh-CN">${escape(TEXT.zh.home)}</a></p></main></body></html>`;
  return { type: "text/html; charset=utf-8", body };
}

function isApi(url) {
  return typeof url === "string" && url.startsWith("/api/");
}

/** Answers `res` with status and sentence (key: which sentence; default the status's own). */
export function answerError(res, status, url, key = status) {
  const { type, body } = errorBody(status, key, isApi(url));
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, {
    ...ERROR_HEADERS,
    "Content-Type": type,
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}

/** The path or the query does not decode: Next would answer 500 without headers, throw in a page, or read U+FFFD. */
export function malformedPath(url) {
  if (typeof url !== "string") return false;
  const target = url.split("#", 1)[0];
  const q = target.indexOf("?");
  const path = q === -1 ? target : target.slice(0, q);
  // In the query a % not followed by two hex digits is a literal % (URLSearchParams reads "100%" so):
  // only a %XX sequence that is not UTF-8 is refused there.
  const query = q === -1 ? "" : target.slice(q + 1).replace(/%(?![0-9A-Fa-f]{2})/g, "%25");
  try {
    decodeURIComponent(path);
    // Each part on its own: a query's `+` and `=` are plain characters to decodeURIComponent.
    for (const part of query.split(/[&=]/)) decodeURIComponent(part);
    return false;
  } catch {
    return true;
  }
}

/** Runs before Next: true when it has answered the request itself. */
export function guardRequest(req, res) {
  if (!METHODS.has(req.method)) {
    answerError(res, 501, req.url, methodText(req.method));
    return true;
  }
  // Absolute-form or `*`: Next would redirect to the host named in it, or throw.
  if (typeof req.url !== "string" || !req.url.startsWith("/")) {
    answerError(res, 400, "", "target");
    return true;
  }
  if (!malformedPath(req.url)) return false;
  answerError(res, 400, req.url);
  return true;
}

/** A raw answer on a socket Node has not made a response for (the parser refused it, or CONNECT). */
function answerSocket(socket, status, key, api) {
  const { type, body } = errorBody(status, key, api);
  const headers = {
    ...ERROR_HEADERS,
    "Content-Type": type,
    "Content-Length": Buffer.byteLength(body),
    Connection: "close",
  };
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\r\n");
  socket.end(`HTTP/1.1 ${status} ${REASONS[status]}\r\n${head}\r\n\r\n${body}`);
}

/**
 * server.on("clientError"): what Node's parser refuses gets its status (as Node's own handler
 * picks it), the sentence and the headers, instead of an empty answer. The request line may not
 * have been read, so the answer is JSON for /api/ paths it could read and a page otherwise.
 */
export function onClientError(err, socket) {
  const code = err && err.code;
  if (
    code === "ECONNRESET" ||
    !socket.writable ||
    (socket._httpMessage && socket._httpMessage.headersSent)
  ) {
    socket.destroy();
    return;
  }
  const packet = err && err.rawPacket ? String(err.rawPacket) : "";
  const firstLine = packet.indexOf("\r\n");
  // Too large with the request line itself unfinished or most of it: the address is too long, not the headers.
  const longTarget = code === "HPE_HEADER_OVERFLOW" && (firstLine === -1 || firstLine > 8192);
  const [status, key] = longTarget
    ? [414, 414]
    : code === "HPE_HEADER_OVERFLOW"
      ? [431, 431]
      : code === "HPE_CHUNK_EXTENSIONS_OVERFLOW"
        ? [413, 413]
        : code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? [408, 408]
          : [400, "badRequest"];
  const line = packet ? packet.split(" ", 2)[1] : undefined;
  answerSocket(socket, status, key, isApi(line));
}

/**
 * The HTTP server scripts/start.mjs runs: malformed paths answered here, the rest handed to
 * `handle` (Next's request handler) after `prepare`; a request Next fails on, and what Node's
 * parser refuses, answered with the sentence and the headers; what fails is logged to `log`.
 */
export function createServer(http, handle, prepare = () => {}, log = createLogger()) {
  const server = http.createServer((req, res) => {
    if (guardRequest(req, res)) return;
    prepare(req);
    Promise.resolve()
      .then(() => handle(req, res))
      .catch((err) => {
        log.error({ err }, "request failed");
        answerError(res, 500, req.url);
      });
  });
  server.on("clientError", onClientError);
  // CONNECT never reaches the request handler; without a listener Node just closes the socket.
  server.on("connect", (req, socket) => answerSocket(socket, 501, methodText("CONNECT"), false));
  return server;
}
