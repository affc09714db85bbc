// `npm start`: serve the production build, building first when there is none or it is older than
// the sources. Binds to 127.0.0.1 unless HOST says otherwise; PORT defaults to 3000.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const next = path.join(root, "node_modules", ".bin", "next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function newest(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(target)) latest = Math.max(latest, newest(path.join(target, entry)));
  return latest;
}

const buildId = path.join(root, ".next", "BUILD_ID");
const sources = ["app", "components", "lib", "public", "next.config.js", "postcss.config.mjs", "package-lock.json"];
const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
if (built === 0 || sources.some((s) => newest(path.join(root, s)) > built)) {
  console.log(built === 0 ? "No production build yet: building (about a minute)…" : "Sources changed since the last build: rebuilding…");
  const result = spawnSync(next, ["build"], { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("The build failed; see the messages above.");
    process.exit(result.status ?? 1);
  }
}

// `--build-only`: stop here (benchmarks build this way, then start the server themselves).
if (process.argv.includes("--build-only")) process.exit(0);

const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "3000";
const server = spawn(next, ["start", "-H", host, "-p", port], { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
