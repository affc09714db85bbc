// The npm registry this project's machines reach has no packages for other platforms (macOS,
// Windows, Android, FreeBSD, other Linux CPUs). `npm install` then leaves their entries out of
// package-lock.json, and `npm ci` refuses a lock file that lacks them. This puts back the entries
// a full registry would have written: platform-only optional packages, with the os/cpu fields npm
// uses to skip them, so `npm ci` never needs to fetch them. Run it after `npm install`.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const file = path.join(root, "package-lock.json");
const lock = JSON.parse(readFileSync(file, "utf8"));

const OS = [
  "android",
  "darwin",
  "freebsd",
  "linux",
  "win32",
  "openharmony",
  "sunos",
  "openbsd",
  "netbsd",
  "aix",
];
const CPU = {
  arm64: "arm64",
  x64: "x64",
  ia32: "ia32",
  arm: "arm",
  loong64: "loong64",
  ppc64: "ppc64",
  riscv64: "riscv64",
  s390x: "s390x",
  wasm32: "wasm32",
};

/** os/cpu/libc of a platform package from its name ("…-linux-arm-gnueabihf", "…-win32-x64-msvc"). */
function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.map((p) => CPU[p]).find(Boolean);
  if (!cpu) return null;
  const entry = { cpu: [cpu] };
  if (os) entry.os = [os];
  if (os === "linux") entry.libc = [parts.some((p) => p.startsWith("musl")) ? "musl" : "glibc"];
  return entry;
}

let added = 0;
for (const [key, pkg] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const target = `node_modules/${dep}`;
    const nested = `${key}/node_modules/${dep}`;
    if (lock.packages[target] || lock.packages[nested]) continue;
    const platform = platformOf(dep);
    if (!platform) {
      console.warn(`left out ${dep}: not a platform package, so npm ci may ask for it`);
      continue;
    }
    lock.packages[target] = {
      version,
      ...(pkg.dev ? { dev: true } : {}),
      optional: true,
      ...platform,
    };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) =>
    a === "" ? -1 : b === "" ? 1 : a.localeCompare(b),
  ),
);
writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(
  `package-lock.json: ${added} platform package entr${added === 1 ? "y" : "ies"} restored`,
);
