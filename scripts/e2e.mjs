// `npm run test:e2e`: Playwright in Debian's Chromium. Nothing is downloaded: without Chromium,
// say how to get it and stop.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(
    `Chromium is not at ${chromium}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH) and run the tests again.`,
  );
  process.exit(1);
}
const result = spawnSync(
  path.join(root, "node_modules", ".bin", "playwright"),
  ["test", ...process.argv.slice(2)],
  {
    cwd: root,
    env: { ...process.env, CHROMIUM_PATH: chromium, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "inherit",
  },
);
process.exit(result.status ?? 1);
