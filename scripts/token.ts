// `npm run token -- --namespaces a,b [--ttl 30d] [--label noc-wall] [--logs] [--url https://lifeline.example]`:
// prints a read-only viewer token for those namespaces (with --logs, their captured container logs
// too), signed with LIFELINE_SECRET, and a link
// that carries it (the server moves it into an HttpOnly cookie and drops it from the address bar).
import { mintViewerToken } from "../lib/auth/tokens";
import { parseDuration } from "../lib/text/duration";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function fail(message: string): never {
  console.error(`token: ${message}`);
  process.exit(2);
}

const secret = process.env.LIFELINE_SECRET?.trim();
if (!secret || secret.length < 32)
  fail("set LIFELINE_SECRET (at least 32 characters; the server must have the same value).");
const namespaces = (arg("namespaces") ?? "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
if (!namespaces.length) fail("say which namespaces the token may see: --namespaces a,b");
let ttl = 0;
try {
  ttl = parseDuration(arg("ttl") ?? "30d", "--ttl");
} catch (err) {
  fail((err as Error).message);
}
const now = Date.now();
let token: string;
try {
  token = mintViewerToken(
    secret,
    {
      namespaces,
      expiresAt: now + ttl,
      label: arg("label"),
      logs: process.argv.includes("--logs"),
    },
    now,
  );
} catch (err) {
  fail((err as Error).message);
}
const base = (arg("url") ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
console.log(token);
console.error(
  `namespaces ${namespaces.join(", ")}; ${process.argv.includes("--logs") ? "with" : "without"} container logs; expires ${new Date(now + ttl).toISOString()}`,
);
console.error(`kiosk link:    ${base}/kiosk?namespaces=${namespaces.join(",")}&token=${token}`);
console.error(`overview link: ${base}/?token=${token}`);
