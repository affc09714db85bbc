// `npm start` in the image: LIFELINE_SKIP_BUILD=1 serves the build as it is and never builds, even
// when sources look newer (the root filesystem is read-only there). scripts/start.mjs is copied into
// a scratch folder that stands for /app: its root is the folder above the script.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const here = path.dirname(new URL(import.meta.url).pathname);
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function scratchApp(): string {
  const root = mkdtempSync(path.join(tmpdir(), "lifeline-start-"));
  dirs.push(root);
  mkdirSync(path.join(root, "scripts"));
  for (const f of ["start.mjs", "server-errors.mjs", "shutdown.mjs"])
    copyFileSync(path.join(here, f), path.join(root, "scripts", f));
  // What start.mjs imports outside Next, as the image carries it; its packages from this checkout.
  mkdirSync(path.join(root, "lib", "log"), { recursive: true });
  copyFileSync(
    path.join(here, "..", "lib", "log", "options.mjs"),
    path.join(root, "lib", "log", "options.mjs"),
  );
  // Every package but .bin: a rebuild, where one is due, fails at once instead of running Next.
  const modules = path.join(here, "..", "node_modules");
  mkdirSync(path.join(root, "node_modules"));
  for (const name of readdirSync(modules))
    if (name !== ".bin")
      symlinkSync(path.join(modules, name), path.join(root, "node_modules", name));
  return root;
}

/** A build from before the sources beside it: `npm start` would rebuild it. */
function staleBuild(): string {
  const root = scratchApp();
  mkdirSync(path.join(root, ".next"));
  writeFileSync(path.join(root, ".next", "BUILD_ID"), "test");
  const old = new Date(Date.parse("2026-01-01T00:00:00Z"));
  utimesSync(path.join(root, ".next", "BUILD_ID"), old, old);
  writeFileSync(path.join(root, "lib", "newer.ts"), "export {};\n");
  return root;
}

function start(root: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, [path.join(root, "scripts", "start.mjs"), "--build-only"], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("scripts/start.mjs with LIFELINE_SKIP_BUILD=1", () => {
  it("does not build when there is no build: it exits with a sentence", () => {
    const root = scratchApp();
    const r = start(root, { LIFELINE_SKIP_BUILD: "1" });
    expect(r.status).toBe(1);
    expect(r.out).toContain("there is no production build");
    expect(r.out).toContain("LIFELINE_SKIP_BUILD=1");
    expect(r.out).not.toContain("no production build yet");
  });

  it("serves a build older than the sources beside it as it is", () => {
    const root = staleBuild();
    const r = start(root, { LIFELINE_SKIP_BUILD: "1" });
    expect(r.out).not.toContain("rebuilding");
    expect(r.status).toBe(0);
  });

  it("without it, a build older than the sources is rebuilt (the development default)", () => {
    const root = staleBuild();
    const r = start(root, {});
    expect(r.out).toContain("rebuilding");
  });
});
