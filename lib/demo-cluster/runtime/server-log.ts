// What the servers of the image catalogue print: their start-up lines, one access line per HTTP
// request (nginx's and httpd's combined formats; nginx also logs a missing file to its error log),
// and their shutdown lines. Times are the cluster clock's, in UTC, in each server's own format.
import type { ContainerLog } from "./container-log";

export interface Request {
  client: string;
  agent: string;
  path: string;
  status: number;
  host: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
const DAYS = "Sun Mon Tue Wed Thu Fri Sat".split(" ");

/** nginx's error-log time: 2026/11/25 03:00:00 */
function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The common log format's time: 25/Nov/2026:03:00:00 +0000 */
function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** Apache's error-log time: Wed Nov 25 03:00:00.000000 2026 */
function apacheTime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000 ${d.getUTCFullYear()}`;
}

/** Redis's time: 25 Nov 2026 03:00:00.000 */
function redisTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

const NGINX_BYTES: Record<number, number> = { 200: 615, 404: 153, 500: 177, 503: 197 };

/** Lines a server prints as it starts (the entrypoint's, then the server's own). */
export function serverStarted(
  repository: string,
  log: ContainerLog,
  now: number,
  ip: string,
): void {
  switch (repository) {
    case "nginx": {
      const e = "/docker-entrypoint.sh";
      log.stdout.push(
        [
          `${e}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`,
          `${e}: Looking for shell scripts in /docker-entrypoint.d/`,
          `${e}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`,
          `${e}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`,
          `${e}: Configuration complete; ready for start up`,
        ].join("\n"),
      );
      const t = nginxTime(now);
      log.stderr.push(
        [
          `${t} [notice] 1#1: using the "epoll" event method`,
          `${t} [notice] 1#1: nginx/1.27.3`,
          `${t} [notice] 1#1: start worker processes`,
          `${t} [notice] 1#1: start worker process 29`,
        ].join("\n"),
      );
      return;
    }
    case "httpd": {
      const t = apacheTime(now);
      log.stderr.push(
        [
          `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`,
          `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`,
          `[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
        ].join("\n"),
      );
      return;
    }
    case "redis": {
      const t = redisTime(now);
      log.stdout.push(
        [
          `1:C ${t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
          `1:M ${t} * Server initialized`,
          `1:M ${t} * Ready to accept connections tcp`,
        ].join("\n"),
      );
      return;
    }
    default:
      log.stdout.push(`${repository}: ready for connections`);
  }
}

/** One request's access line (and nginx's error line for a missing file). */
export function served(repository: string, log: ContainerLog, now: number, r: Request): void {
  if (repository === "nginx") {
    if (r.status === 404)
      log.stderr.push(
        `${nginxTime(now)} [error] 29#29: *1 open() "/usr/share/nginx/html${r.path}" failed (2: No such file or directory), client: ${r.client}, server: localhost, request: "GET ${r.path} HTTP/1.1", host: "${r.host}"`,
      );
    log.stdout.push(
      `${r.client} - - [${clfTime(now)}] "GET ${r.path} HTTP/1.1" ${r.status} ${NGINX_BYTES[r.status] ?? 0} "-" "${r.agent}" "-"`,
    );
  } else if (repository === "httpd") {
    log.stdout.push(
      `${r.client} - - [${clfTime(now)}] "GET ${r.path} HTTP/1.1" ${r.status} ${r.status === 200 ? 45 : 196}`,
    );
  }
}

/** The line a server prints when told to stop (SIGTERM, or `nginx -s quit|stop`). */
export function serverStopping(
  repository: string,
  log: ContainerLog,
  now: number,
  how: "term" | "quit" | "stop",
): void {
  switch (repository) {
    case "nginx":
      log.stderr.push(
        `${nginxTime(now)} [notice] 1#1: ${how === "quit" ? "signal 3 (SIGQUIT) received, shutting down" : "signal 15 (SIGTERM) received, exiting"}`,
      );
      return;
    case "httpd":
      log.stderr.push(
        `[${apacheTime(now)}] [mpm_event:notice] [pid 1:tid 1] AH00491: caught SIGTERM, shutting down`,
      );
      return;
    case "redis":
      log.stdout.push(
        `1:signal-handler (${Math.floor(now / 1000)}) Received SIGTERM scheduling shutdown...`,
      );
      return;
    default:
      log.stdout.push(`${repository}: shutting down`);
  }
}

/** The lines a stopping server prints as it exits. */
export function serverExited(repository: string, log: ContainerLog, now: number): void {
  if (repository === "nginx") {
    const t = nginxTime(now);
    log.stderr.push(
      [
        `${t} [notice] 29#29: exiting`,
        `${t} [notice] 29#29: exit`,
        `${t} [notice] 1#1: signal 17 (SIGCHLD) received from 29`,
        `${t} [notice] 1#1: worker process 29 exited with code 0`,
        `${t} [notice] 1#1: exit`,
      ].join("\n"),
    );
  } else if (repository === "redis") {
    const t = redisTime(now);
    log.stdout.push(
      `1:M ${t} # User requested shutdown...\n1:M ${t} # Redis is now ready to exit, bye bye...`,
    );
  }
}
