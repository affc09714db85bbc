// What a running container can touch: its own filesystem (new on every restart), the pod's shared
// network namespace (listening ports, HTTP routes), memory against its limit, and the cluster's DNS.
import type { ImageInfo } from "./images";
import type { Request } from "./server-log";
import type { Script, ShellWorld } from "./shell";

/** Who sent an HTTP request, for the server's access log. */
export interface Client {
  ip: string;
  agent: string;
}

export interface Listener {
  container: string;
  /** The server hears each request it answered (its access log). */
  served?: (r: Request) => void;
  /** path → status; null when the port speaks something other than HTTP. */
  http: Record<string, number> | null;
  otherStatus: number;
  /** Requests answered per path, for `await PORT PATH COUNT`. */
  hits?: Record<string, number>;
}

/** The pod's network namespace, shared by its containers. */
export class PodNetwork {
  readonly ports = new Map<number, Listener>();
  constructor(public ip = "") {}

  httpGet(port: number, path: string, client?: Client): number | "refused" | "not-http" {
    const l = this.ports.get(port);
    if (!l) return "refused";
    if (!l.http) return "not-http";
    const route = path.split("?")[0];
    const status = l.http[route] ?? l.otherStatus;
    l.hits = { ...l.hits, [route]: (l.hits?.[route] ?? 0) + 1 };
    if (client)
      l.served?.({
        client: client.ip,
        agent: client.agent,
        path,
        status,
        host: port === 80 ? this.ip : `${this.ip}:${port}`,
      });
    return status;
  }
}

export interface ClusterNet {
  /** The network of the pod a host name or IP resolves to, or undefined. */
  resolve(host: string): PodNetwork | undefined;
  knownHost(host: string): boolean;
}

export class OomSignal {}

export class ContainerWorld implements ShellWorld {
  private readonly files = new Map<string, string>();
  private readonly dirs = new Set<string>([
    "/",
    "/tmp",
    "/etc",
    "/bin",
    "/usr",
    "/usr/bin",
    "/usr/sbin",
    "/usr/share",
    "/var",
    "/var/log",
    "/root",
    "/home",
    "/run",
    "/data",
  ]);
  memory = 0;
  traps = new Map<string, Script>();
  /** Set by the server program so `nginx -s quit` can reach it. */
  onServerSignal: ((signal: "quit" | "stop") => boolean) | null = null;

  constructor(
    readonly container: string,
    image: ImageInfo | undefined,
    readonly net: PodNetwork,
    private readonly cluster: ClusterNet,
    readonly memoryLimit: number | null,
  ) {
    for (const [path, content] of Object.entries(image?.files ?? {})) {
      this.files.set(path, content);
      this.makeDir(parent(path));
    }
  }

  readFile(path: string): string | undefined {
    return this.files.get(normal(path));
  }

  writeFile(path: string, content: string, append: boolean): string | undefined {
    const p = normal(path);
    if (this.dirs.has(p)) return "Is a directory";
    if (!this.dirs.has(parent(p))) return "Directory nonexistent";
    this.files.set(p, append ? (this.files.get(p) ?? "") + content : content);
    return undefined;
  }

  removeFile(path: string, recursive: boolean): boolean {
    const p = normal(path);
    if (this.files.delete(p)) return true;
    if (recursive && this.dirs.has(p)) {
      for (const f of [...this.files.keys()]) if (f.startsWith(p + "/")) this.files.delete(f);
      for (const d of [...this.dirs]) if (d === p || d.startsWith(p + "/")) this.dirs.delete(d);
      return true;
    }
    return false;
  }

  makeDir(path: string): void {
    let p = normal(path);
    while (p && !this.dirs.has(p)) {
      this.dirs.add(p);
      p = parent(p);
    }
  }

  isDir(path: string): boolean {
    return this.dirs.has(normal(path));
  }

  knownHost(host: string): boolean {
    return isLocal(host, this.net) || this.cluster.knownHost(host);
  }

  /** A GET from this container (busybox wget), or on its behalf (a kubelet probe names itself). */
  httpGet(
    host: string,
    port: number,
    path: string,
    client: Client = { ip: this.net.ip, agent: "Wget" },
  ): number | "refused" | "not-http" {
    const net = isLocal(host, this.net) ? this.net : this.cluster.resolve(host);
    return net ? net.httpGet(port, path, client) : "refused";
  }

  tcpOpen(host: string, port: number): boolean {
    const net = isLocal(host, this.net) ? this.net : this.cluster.resolve(host);
    return !!net?.ports.has(port);
  }

  listen(
    port: number,
    http: Record<string, number> | null = {},
    otherStatus = 404,
    served?: (r: Request) => void,
  ): void {
    if (!Number.isInteger(port) || port < 1 || port > 65535) return;
    const existing = this.net.ports.get(port);
    if (existing && existing.container !== this.container) return;
    this.net.ports.set(port, { container: this.container, http, otherStatus, served });
  }

  close(port: number): void {
    if (this.net.ports.get(port)?.container === this.container) this.net.ports.delete(port);
  }

  /** Closes every port this container opened (it exited). */
  closeAll(): void {
    for (const [port, l] of this.net.ports)
      if (l.container === this.container) this.net.ports.delete(port);
  }

  hits(port: number, path: string): number {
    const l = this.net.ports.get(port);
    return l && l.container === this.container ? (l.hits?.[path] ?? 0) : 0;
  }

  serve(port: number, path: string, status: number): void {
    let l = this.net.ports.get(port);
    if (!l) {
      this.listen(port, {});
      l = this.net.ports.get(port);
    }
    if (l && l.container === this.container) l.http = { ...(l.http ?? {}), [path]: status };
  }

  allocate(bytes: number): void {
    this.memory += bytes;
    if (this.memoryLimit !== null && this.memory > this.memoryLimit) throw new OomSignal();
  }

  free(): void {
    this.memory = 0;
  }

  setTrap(signal: string, handler: Script | null): void {
    if (handler) this.traps.set(signal, handler);
    else this.traps.delete(signal);
  }

  signalServer(signal: "quit" | "stop"): boolean {
    return this.onServerSignal?.(signal) ?? false;
  }
}

function isLocal(host: string, net: PodNetwork): boolean {
  return host === "" || host === "localhost" || host === "127.0.0.1" || host === net.ip;
}

function normal(path: string): string {
  const parts: string[] = [];
  for (const p of path.split("/")) {
    if (!p || p === ".") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  return "/" + parts.join("/");
}

function parent(path: string): string {
  const p = normal(path);
  const i = p.lastIndexOf("/");
  return i <= 0 ? "/" : p.slice(0, i);
}
