// Who may use this server, read once from the environment. Locally (bound to loopback) no login is
// needed; reachable from elsewhere, the server refuses to start until access is configured.
import { isLoopbackHost, parseRange, type IpRange } from "./ip";
import { sessionKeyFrom } from "./session-key";

export type AuthMode = "none" | "token" | "proxy";

export interface AuthConfig {
  mode: AuthMode;
  /** The address the server binds to (LIFELINE_HOST, default 127.0.0.1). */
  host: string;
  /** Why the server counts as exposed (bound beyond loopback, or running in a cluster), else null. */
  exposed: string | null;
  /** LIFELINE_AUTH_TOKEN: the static admin token (token mode). */
  adminToken: string | null;
  /** LIFELINE_AUTH_PROXY_HEADER, lower-cased (proxy mode). */
  proxyHeader: string | null;
  /**
   * LIFELINE_TRUSTED_PROXIES: the reverse proxies whose X-Forwarded-* headers are believed (any
   * mode; default none), and in proxy mode the only peers whose user header is.
   */
  trustedProxies: IpRange[];
  /** LIFELINE_SECRET: the key viewer tokens are signed with; without it viewer tokens are off. */
  secret: string | null;
  /** The key admin sessions are signed with (session-key.ts): the server's own, never the admin token. */
  sessionKey: Buffer;
}

export class AuthConfigError extends Error {}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;

export function authConfigFrom(env: Record<string, string | undefined>): AuthConfig {
  const host = (env.LIFELINE_HOST || "127.0.0.1").trim();
  const exposed = !isLoopbackHost(host)
    ? `it listens on ${host} (LIFELINE_HOST), not only on this machine`
    : env.KUBERNETES_SERVICE_HOST
      ? "it runs inside a Kubernetes cluster (KUBERNETES_SERVICE_HOST is set)"
      : null;
  const raw = (env.LIFELINE_AUTH ?? "").trim().toLowerCase();
  if (raw !== "" && raw !== "none" && raw !== "token" && raw !== "proxy") {
    throw new AuthConfigError(
      `LIFELINE_AUTH="${raw.slice(0, 40)}" is not a mode Lifeline knows: use token or proxy (or leave it unset on a loopback address).`,
    );
  }
  const mode: AuthMode = raw === "token" || raw === "proxy" ? raw : "none";
  if (exposed && mode === "none") {
    throw new AuthConfigError(
      `Lifeline will not start without access control because ${exposed}. Set LIFELINE_AUTH=token with LIFELINE_AUTH_TOKEN (a long random string), ` +
        "or LIFELINE_AUTH=proxy with LIFELINE_AUTH_PROXY_HEADER and LIFELINE_TRUSTED_PROXIES (behind an authenticating proxy such as oauth2-proxy).",
    );
  }
  const secret = env.LIFELINE_SECRET?.trim() || null;
  if (secret && secret.length < 32)
    throw new AuthConfigError(
      "LIFELINE_SECRET is too short to sign viewer tokens: use at least 32 random characters (openssl rand -hex 32).",
    );

  let adminToken: string | null = null;
  let proxyHeader: string | null = null;
  const list = (env.LIFELINE_TRUSTED_PROXIES ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  let trustedProxies: IpRange[];
  try {
    trustedProxies = list.map(parseRange);
  } catch (err) {
    throw new AuthConfigError(`LIFELINE_TRUSTED_PROXIES: ${(err as Error).message}.`);
  }
  if (mode === "token") {
    adminToken = env.LIFELINE_AUTH_TOKEN?.trim() || null;
    if (!adminToken)
      throw new AuthConfigError(
        "LIFELINE_AUTH=token needs LIFELINE_AUTH_TOKEN, the admin token people log in with.",
      );
    if (adminToken.length < 16)
      throw new AuthConfigError(
        "LIFELINE_AUTH_TOKEN is too short: use at least 16 random characters (openssl rand -hex 24).",
      );
  }
  if (mode === "proxy") {
    proxyHeader = env.LIFELINE_AUTH_PROXY_HEADER?.trim() || null;
    if (!proxyHeader || !HEADER_NAME.test(proxyHeader)) {
      throw new AuthConfigError(
        "LIFELINE_AUTH=proxy needs LIFELINE_AUTH_PROXY_HEADER, the header your proxy puts the user in (such as X-Forwarded-User).",
      );
    }
    proxyHeader = proxyHeader.toLowerCase();
    if (!list.length)
      throw new AuthConfigError(
        "LIFELINE_AUTH=proxy needs LIFELINE_TRUSTED_PROXIES: the addresses or CIDR ranges of the proxy, the only peers whose user header is believed.",
      );
  }
  return {
    mode,
    host,
    exposed,
    adminToken,
    proxyHeader,
    trustedProxies,
    secret,
    sessionKey: sessionKeyFrom(env),
  };
}

/** The mode for pages that only show it (sign-in page, top bar); an unreadable configuration reads as none (the proxy refuses every request then anyway). */
export function authModeOf(env: Record<string, string | undefined>): AuthMode {
  try {
    return authConfigFrom(env).mode;
  } catch {
    return "none";
  }
}

/** The trusted proxies for routes that only need them; an unreadable configuration trusts nobody (the proxy refuses every request then anyway). */
export function trustedProxiesOf(env: Record<string, string | undefined>): IpRange[] {
  try {
    return authConfigFrom(env).trustedProxies;
  } catch {
    return [];
  }
}
