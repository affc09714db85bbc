// `npm start`: serve the production build, building first when there is none or it is older than
// the sources. Binds to 127.0.0.1 unless LIFELINE_HOST says otherwise; PORT defaults to 3000.
// Next runs inside this process (a custom server) so that each request can carry the address of
// the peer that sent it, which the access check needs to believe an authenticating proxy.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createLogger, logFormat, routeConsole } from "../lib/log/options.mjs";
import { createServer } from "./server-errors.mjs";
import { SHUTDOWN, shutdownDelayFrom, shutdownHandler } from "./shutdown.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = path.join(root, "node_modules", ".bin", "next");
process.env.NEXT_TELEMETRY_DISABLED = "1";
// The same configuration as the server's lib/log/logger.ts (LIFELINE_LOG_FORMAT).
const log = createLogger();
// LIFELINE_LOG_FORMAT=json: Next's own lines (it prints through console) become JSON lines too.
routeConsole(log);

function newest(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(target))
    latest = Math.max(latest, newest(path.join(target, entry)));
  return latest;
}

const buildId = path.join(root, ".next", "BUILD_ID");
const sources = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.js",
  "postcss.config.mjs",
  "package-lock.json",
];
const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
// LIFELINE_SKIP_BUILD=1 (the image sets it): serve the build as it is and never build, since the
// image holds no sources and its root filesystem is read-only (docs/image.md).
if (process.env.LIFELINE_SKIP_BUILD === "1") {
  if (built === 0) {
    log.error(
      `there is no production build in ${root}/.next and LIFELINE_SKIP_BUILD=1 forbids building one`,
    );
    process.exit(1);
  }
} else if (built === 0 || sources.some((s) => newest(path.join(root, s)) > built)) {
  log.info(
    built === 0
      ? "no production build yet: building (about a minute)…"
      : "sources changed since the last build: rebuilding…",
  );
  // In JSON mode the build's output is logged line by line (after it ends), not printed as is.
  const json = logFormat() === "json";
  const result = spawnSync(nextBin, ["build"], {
    cwd: root,
    env: process.env,
    stdio: json ? ["ignore", "pipe", "pipe"] : "inherit",
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (json)
    for (const line of `${result.stdout ?? ""}\n${result.stderr ?? ""}`.split("\n"))
      if (line.trim()) console.log(line);
  if (result.status !== 0) {
    log.error("the build failed; see the messages above");
    process.exit(result.status ?? 1);
  }
}

// `--build-only`: stop here (benchmarks build this way, then start the server themselves).
if (process.argv.includes("--build-only")) process.exit(0);

const host = process.env.LIFELINE_HOST || "127.0.0.1";
const port = Number(process.env.PORT || "3000");
const proof = randomBytes(24).toString("hex");
process.env.LIFELINE_PEER_PROOF = proof;
// Signs admin sessions when there is no LIFELINE_SECRET (lib/auth/session-key.ts): new each start.
process.env.LIFELINE_SESSION_KEY = randomBytes(32).toString("hex");
process.env.NODE_ENV = "production";

let delayMs;
try {
  delayMs = shutdownDelayFrom(process.env);
} catch (err) {
  log.error(err.message);
  process.exit(1);
}
// This script runs the shutdown (below); instrumentation.ts leaves the pipeline's half here.
globalThis[SHUTDOWN] = {};

// Next's standalone output (the image) has no next.config.js: the config the build stored is used,
// as Next's own standalone server.js does.
const serverFiles = path.join(root, ".next", "required-server-files.json");
if (!existsSync(path.join(root, "next.config.js")) && existsSync(serverFiles))
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(
    JSON.parse(readFileSync(serverFiles, "utf8")).config,
  );

const { default: next } = await import("next");
const app = next({ dev: false, dir: root, hostname: host, port });
try {
  // Loads the build and runs instrumentation.ts, which refuses to go on when access is not configured.
  await app.prepare();
} catch (err) {
  log.error(`could not start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
const handle = app.getRequestHandler();
// Malformed paths, what Node's parser refuses and requests Next fails on are answered by
// server-errors.mjs with a sentence and the security headers.
const server = createServer(
  http,
  handle,
  (req) => {
    // The connection's own scheme too: the only proof of https besides a trusted proxy's header.
    req.headers["x-lifeline-peer"] =
      `${proof} ${req.socket.remoteAddress ?? ""} ${req.socket.encrypted ? "https" : "http"}`;
  },
  log,
);
server.on("error", (err) => {
  log.error({ host, port }, `cannot listen on ${host}:${port}: ${err.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  log.info({ url }, `serving ${url}`);
});

// SIGTERM/SIGINT: not ready at once, still serving for LIFELINE_SHUTDOWN_DELAY, then the streams'
// goodbye, the listener closed, the pipeline stopped (written, store closed, lock released), exit 0;
// bounded (scripts/shutdown.mjs, docs/live-pipeline.md#shutdown).
const onSignal = shutdownHandler({ server, log, delayMs });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => onSignal(signal));
