// How the browser benches launch Debian's Chromium: the flags docs/development.md lists, and for
// frame-time benches the two that let frames run unthrottled by vsync.
export function chromiumLaunch(opts: { unthrottledFrames: boolean }) {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...(opts.unthrottledFrames ? ["--disable-frame-rate-limit", "--disable-gpu-vsync"] : []),
    ],
  };
}
