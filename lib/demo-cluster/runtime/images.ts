// The demo cluster's registry: which images exist, how long they take to pull, and what a
// container of each image does when no command overrides it.

export interface ImageInfo {
  /** Repository without registry or library/ prefix, e.g. "nginx". */
  repository: string;
  pullMs: number;
  sizeBytes: number;
  /** What the default entrypoint does: serve forever, exit at once (a shell with no input), or sleep. */
  entrypoint: "server" | "shell" | "pause";
  /** Ports the server listens on besides the container's declared ports. */
  ports: number[];
  /** HTTP paths the server answers with these statuses; others get `otherStatus`; null = not HTTP. */
  http: Record<string, number> | null;
  otherStatus: number;
  /** Time from start to listening, and from SIGTERM to exit. */
  startMs: number;
  stopMs: number;
  files: Record<string, string>;
}

const BASE_FILES = { "/etc/hostname": "demo\n", "/etc/os-release": "NAME=demo\n" };

function image(
  repository: string,
  pullMs: number,
  sizeMb: number,
  rest: Partial<ImageInfo> = {},
): ImageInfo {
  return {
    repository,
    pullMs,
    sizeBytes: sizeMb * 1_048_576,
    entrypoint: "shell",
    ports: [],
    http: null,
    otherStatus: 404,
    startMs: 0,
    stopMs: 0,
    files: BASE_FILES,
    ...rest,
  };
}

const CATALOGUE: ImageInfo[] = [
  image("nginx", 2100, 68, {
    entrypoint: "server",
    ports: [80],
    http: { "/": 200, "/index.html": 200, "/50x.html": 200 },
    startMs: 200,
    stopMs: 300,
    files: {
      ...BASE_FILES,
      "/usr/share/nginx/html/index.html": "<h1>Welcome to nginx!</h1>\n",
      "/usr/share/nginx/html/50x.html": "error\n",
      "/etc/nginx/nginx.conf": "events {}\n",
    },
  }),
  image("httpd", 1800, 56, {
    entrypoint: "server",
    ports: [80],
    http: { "/": 200, "/index.html": 200 },
    startMs: 300,
    stopMs: 500,
    files: {
      ...BASE_FILES,
      "/usr/local/apache2/htdocs/index.html": "<html><body><h1>It works!</h1></body></html>\n",
    },
  }),
  image("redis", 1500, 45, { entrypoint: "server", ports: [6379], startMs: 100, stopMs: 200 }),
  image("mysql", 6400, 180, { entrypoint: "server", ports: [3306], startMs: 9000, stopMs: 2000 }),
  image("postgres", 4800, 150, {
    entrypoint: "server",
    ports: [5432],
    startMs: 3000,
    stopMs: 1000,
  }),
  image("memcached", 900, 30, { entrypoint: "server", ports: [11211], startMs: 100, stopMs: 100 }),
  image("busybox", 800, 2),
  image("alpine", 700, 4),
  image("ubuntu", 1900, 29),
  image("debian", 2200, 48),
  image("pause", 300, 1, { entrypoint: "pause" }),
  image("agnhost", 1200, 45, { entrypoint: "pause" }),
];

export type ImageLookup =
  | { ok: true; info: ImageInfo; normalized: string; imageID: string }
  | { ok: false; reason: "InvalidImageName" | "ErrImagePull"; message: string };

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** Parses and looks up an image reference the way a container runtime would. */
export function lookupImage(reference: string): ImageLookup {
  const invalid = (detail: string): ImageLookup => ({
    ok: false,
    reason: "InvalidImageName",
    message: `Failed to apply default image tag "${reference}": couldn't parse image name "${reference}": invalid reference format${detail}`,
  });
  if (!reference || /\s/.test(reference)) return invalid("");
  let rest = reference;
  const at = rest.indexOf("@");
  if (at >= 0) {
    const pinned = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[a-f0-9]{64}$/.test(pinned)) return invalid("");
  }
  let tag = "latest";
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return invalid("");
  }
  const parts = rest.split("/");
  let domain = "docker.io";
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === "localhost"))
    domain = parts.shift()!;
  if (parts.length === 1 && domain === "docker.io") parts.unshift("library");
  const path = parts.join("/");
  if (parts.some((p) => p !== p.toLowerCase()))
    return invalid(`: repository name (${path}) must be lowercase`);
  if (!parts.every((p) => COMPONENT.test(p))) return invalid("");
  const normalized = `${domain}/${path}:${tag}`;
  const info = CATALOGUE.find((i) => i.repository === parts[parts.length - 1]);
  if (!info) {
    const full = `${domain}/${path}:${tag}`;
    return {
      ok: false,
      reason: "ErrImagePull",
      message: `failed to pull and unpack image "${full}": failed to resolve reference "${full}": pull access denied, repository does not exist or may require authorization`,
    };
  }
  // A tag the registry has not (a typo'd tag of a real image) resolves to nothing; a digest pins the
  // image whatever the tag says.
  if (at < 0 && !TAG_EXISTS.test(tag))
    return {
      ok: false,
      reason: "ErrImagePull",
      message: `failed to pull and unpack image "${normalized}": failed to resolve reference "${normalized}": ${normalized}: not found`,
    };
  return { ok: true, info, normalized, imageID: `${domain}/${path}@sha256:${digest(normalized)}` };
}

/**
 * The tags the demo registry has for each of its images: versions (`1.27`, `v2.40`, `3`), their
 * variants (`1.27.3-alpine`, `17-bookworm`) and the named tags official images publish.
 */
const TAG_EXISTS =
  /^(?:v?\d+(?:\.\d+)*(?:-[a-z0-9]+(?:[.-][a-z0-9]+)*)?|latest|stable|mainline|alpine|slim|bookworm|bullseye|jammy|noble|perl|otel)$/;

/** 64 hex digits derived from `text` (FNV-1a rounds): stable, sha256-shaped ids for images and containers. */
export function digest(text: string): string {
  let h = 0x811c9dc5;
  let out = "";
  for (let round = 0; round < 8; round++) {
    for (const ch of text + round) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out;
}
