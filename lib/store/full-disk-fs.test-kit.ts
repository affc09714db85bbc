// Test support: node:fs as it behaves when the disk fills just as the data folder's lock note is
// written (the first thing a start writes). A real ENOSPC leaves the file created and empty. Used
// from a vi.mock("node:fs") factory; `disk.full` switches it. Not part of the server.
type Fs = typeof import("node:fs");

export function fsFullForLockNote(fs: Fs, disk: { full: boolean }): Fs {
  const writeFileSync = ((file: Parameters<Fs["writeFileSync"]>[0], ...rest: unknown[]) => {
    if (disk.full && /lifeline\.lock\.json\.\d+\.tmp$/.test(String(file))) {
      fs.writeFileSync(file, "");
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), {
        code: "ENOSPC",
        errno: -28,
        syscall: "write",
      });
    }
    return (fs.writeFileSync as (...a: unknown[]) => void)(file, ...rest);
  }) as Fs["writeFileSync"];
  return { ...fs, writeFileSync, default: { ...fs, writeFileSync } } as Fs;
}
