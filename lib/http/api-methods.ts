// Which methods each API route answers. Next answers any other with an empty 405; the proxy
// answers it instead, with a sentence and `Allow` (HEAD goes with GET, OPTIONS everywhere, as
// Next answers them). A unit test holds this table to the route files' exports.

export const API_ROUTES: { route: string; methods: string[] }[] = [
  { route: "/api/cluster", methods: ["GET"] },
  { route: "/api/healthz", methods: ["GET"] },
  { route: "/api/login", methods: ["POST"] },
  { route: "/api/logout", methods: ["POST"] },
  { route: "/api/nodes", methods: ["GET"] },
  { route: "/api/pods", methods: ["GET"] },
  { route: "/api/pods/{namespace}/{name}/logs", methods: ["GET"] },
  { route: "/api/pods/{namespace}/{name}/logs/follow", methods: ["GET", "HEAD"] },
  { route: "/api/pods/{namespace}/{name}/timeline", methods: ["GET"] },
  { route: "/api/readyz", methods: ["GET"] },
  { route: "/api/snapshots", methods: ["POST"] },
  { route: "/api/snapshots/{id}", methods: ["DELETE", "GET"] },
  { route: "/api/stream", methods: ["GET", "HEAD"] },
  { route: "/api/workloads", methods: ["GET"] },
  { route: "/api/workloads/{namespace}/{kind}/{name}", methods: ["GET"] },
];

const matchers = API_ROUTES.map((r) => ({
  ...r,
  re: new RegExp(`^${r.route.replace(/\{[^}]+\}/g, "[^/]+")}/?$`),
}));

const PAGE_METHODS = new Set(["GET", "HEAD"]);

/**
 * null: the route answers this method (or the path is no API route: Next's 404). Pages answer GET
 * and HEAD only (Lifeline has no server actions; Next would answer any method with the page).
 */
export function methodRefusal(
  path: string,
  method: string,
): { allow: string; message: string } | null {
  if (!path.startsWith("/api/")) {
    return PAGE_METHODS.has(method)
      ? null
      : {
          allow: [...PAGE_METHODS].join(", "),
          message: `${method} is not answered by Lifeline's pages: they answer GET (and HEAD).`,
        };
  }
  const r = matchers.find((m) => m.re.test(path));
  if (!r) return null;
  const answered = new Set([
    ...r.methods,
    ...(r.methods.includes("GET") ? ["HEAD"] : []),
    "OPTIONS",
  ]);
  if (answered.has(method)) return null;
  const main = r.methods.filter((m) => m !== "HEAD").join(", ");
  return {
    allow: [...answered].join(", "),
    message: `${method} is not answered at ${r.route}: it answers ${main}${r.methods.includes("GET") ? " (and HEAD)" : ""}.`,
  };
}
