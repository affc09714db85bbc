// Bearer tokens read from a file that changes under a running process: a pod's projected
// service-account token (the kubelet rewrites it well before it expires, about hourly) or a
// kubeconfig user's `tokenFile`. client-go reads such a file at most once a minute
// (transport/token_source.go NewCachedFileTokenSource, TrimSpace, keeping the last good token when a
// read fails); @kubernetes/client-node 1.4 caches it for 60 s (file_auth.js) and ignores a
// kubeconfig's `tokenFile` altogether. Lifeline looks at the file before every request instead — a
// stat, following the kubelet's `..data` symlink — and reads it again as soon as it changed, so the
// first request after a rotation already carries the new token.
import { loadYaml, type KubeConfig, type User } from "@kubernetes/client-node";
import { readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { log } from "../log/logger";

/** client-node's authenticator interface (its index does not export the type). */
type Authenticator = Parameters<KubeConfig["addAuthenticator"]>[0];

/** The auth-provider name of a user whose token is in a file (no authenticator of client-node's matches it). */
export const TOKEN_FILE_PROVIDER = "lifeline-token-file";

export class TokenFile {
  private token: string | null = null;
  /** The file's identity when last read (device, inode, size, times), or null when it was unreadable. */
  private version: string | null = null;
  private readAt = -Infinity;

  constructor(
    readonly path: string,
    private readonly opts: {
      /** Used until the file has been read once (client-go: a kubeconfig's `token` beside `tokenFile`). */
      fallback?: string;
      now?: () => number;
      /** Read again after this long even if the file looks unchanged (client-go's period: a minute). */
      maxAgeMs?: number;
      log?: (line: string) => void;
    } = {},
  ) {}

  /** The token to send now. Throws, with a sentence, only when no token was ever read. */
  async current(): Promise<string> {
    // One look at a time: requests made together (every reflector after a cut) wait for the same
    // read rather than one of them taking the old token while another reads the new one.
    this.looking ??= this.look().finally(() => (this.looking = null));
    await this.looking;
    if (this.token !== null) return this.token;
    if (this.opts.fallback) return this.opts.fallback;
    throw new Error(`no token could be read from ${this.path}`);
  }

  private looking: Promise<void> | null = null;

  private async look(): Promise<void> {
    const now = (this.opts.now ?? Date.now)();
    const version = await stat(this.path).then(
      (s) => `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`,
      () => null,
    );
    if (
      this.token !== null &&
      version === this.version &&
      now - this.readAt < (this.opts.maxAgeMs ?? 60_000)
    )
      return;
    const warn = this.opts.log ?? ((line: string) => log.warn(line));
    const say = this.opts.log ?? ((line: string) => log.info(line));
    this.version = version;
    this.readAt = now;
    let text: string;
    try {
      text = (await readFile(this.path, "utf8")).trim();
      if (!text) throw new Error("the file is empty");
    } catch (err) {
      // As client-go: the last token read stays in use (a later change of the file is read again).
      warn(
        `cannot read the token file ${this.path} (${(err as Error).message}); ${
          this.token === null ? "no token to send" : "still sending the token read before"
        }`,
      );
      return;
    }
    if (this.token !== null && text !== this.token)
      say(`the token file ${this.path} changed: requests now carry the new token`);
    this.token = text;
  }
}

/** A user whose bearer token is read from `path` (the token given beside it serves until then). */
export function tokenFileUser(user: User, path: string): User {
  return {
    ...user,
    token: undefined,
    authProvider: {
      name: TOKEN_FILE_PROVIDER,
      config: { path, ...(user.token ? { fallback: user.token } : {}) },
    },
  };
}

/** client-node's hook for users with the TOKEN_FILE_PROVIDER: one TokenFile per path. */
export class TokenFileAuthenticator implements Authenticator {
  private readonly files = new Map<string, TokenFile>();

  constructor(private readonly now?: () => number) {}

  isAuthProvider(user: User): boolean {
    return user?.authProvider?.name === TOKEN_FILE_PROVIDER;
  }

  async applyAuthentication(
    user: User,
    opts: { headers?: Record<string, unknown> | object },
  ): Promise<void> {
    const { path, fallback } = (user.authProvider?.config ?? {}) as {
      path: string;
      fallback?: string;
    };
    let file = this.files.get(path);
    if (!file) this.files.set(path, (file = new TokenFile(path, { fallback, now: this.now })));
    const headers = (opts.headers ??= {}) as Record<string, unknown>;
    headers.Authorization = `Bearer ${await file.current()}`;
  }
}

/**
 * Gives the kubeconfig users that name a `tokenFile` (client-go's AuthInfo.TokenFile, a path
 * relative to the file that names it) their token from it, read again when it changes. A user's
 * exec plugin or auth provider, when it has one, keeps precedence. The first file naming a user
 * wins, as kubeconfig merging does.
 */
export function withTokenFiles(kc: KubeConfig, files: string[]): KubeConfig {
  const paths = new Map<string, string>();
  for (const file of files) {
    const raw = loadYaml<{ users?: { name?: unknown; user?: { tokenFile?: unknown } }[] }>(
      readFileSync(file, "utf8"),
    );
    for (const u of Array.isArray(raw?.users) ? raw.users : []) {
      const tokenFile = u?.user?.tokenFile;
      if (typeof u?.name !== "string" || typeof tokenFile !== "string" || !tokenFile) continue;
      if (!paths.has(u.name)) paths.set(u.name, resolve(dirname(file), tokenFile));
    }
  }
  if (paths.size === 0) return kc;
  kc.users = kc.users.map((u) =>
    paths.has(u.name) && !u.exec && !u.authProvider ? tokenFileUser(u, paths.get(u.name)!) : u,
  );
  kc.addAuthenticator(new TokenFileAuthenticator());
  return kc;
}
