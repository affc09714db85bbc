// Where a Chrome trace and a CPU profile of the page say the time went: shared by bench/render.ts
// and bench/render-workloads.ts.

// The renderer main thread's time by event (inclusive), and the slowest frames broken down by the
// events directly under each task.
export function printTrace(buf: Buffer): void {
  type Ev = { name: string; ph: string; ts: number; dur?: number; tid: number; pid: number };
  const events = (JSON.parse(buf.toString()).traceEvents as Ev[]).filter(
    (e) => e.ph === "X" && e.dur,
  );
  const main = events.find((e) => e.name === "FunctionCall" || e.name === "UpdateLayoutTree");
  if (!main) return;
  const own = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid)
    .sort((a, b) => a.ts - b.ts);
  const by = new Map<string, number>();
  for (const e of own) by.set(e.name, (by.get(e.name) ?? 0) + e.dur! / 1000);
  console.log(
    "  main thread (ms, inclusive, by event):",
    [...by]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 14)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(", "),
  );
  // Frames: from one animation-frame callback to the next.
  const fires = own.filter((e) => e.name === "FireAnimationFrame").map((e) => e.ts);
  const tasks = own.filter((e) => e.name === "RunTask");
  const frames: { ms: number; parts: Map<string, number> }[] = [];
  for (let i = 1; i < fires.length; i++) {
    const parts = new Map<string, number>();
    for (const t of tasks) {
      if (t.ts < fires[i - 1] || t.ts >= fires[i]) continue;
      const end = t.ts + t.dur!;
      // Direct children of the task: events inside it not inside an earlier child.
      let until = -1;
      for (const e of own) {
        if (e.ts < t.ts || e.ts >= end || e === t || e.name === "RunTask") continue;
        if (e.ts < until) continue;
        parts.set(e.name, (parts.get(e.name) ?? 0) + e.dur! / 1000);
        until = e.ts + e.dur!;
      }
    }
    for (const e of own) {
      if (
        e.ts < fires[i - 1] ||
        e.ts >= fires[i] ||
        (e.name !== "Layout" && e.name !== "UpdateLayoutTree")
      )
        continue;
      parts.set(`(all ${e.name})`, (parts.get(`(all ${e.name})`) ?? 0) + e.dur! / 1000);
    }
    frames.push({ ms: (fires[i] - fires[i - 1]) / 1000, parts });
  }
  for (const f of frames.sort((a, b) => b.ms - a.ms).slice(0, 6)) {
    console.log(
      `  frame ${f.ms.toFixed(1)} ms:`,
      [...f.parts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(", "),
    );
  }
}

export interface Profile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }[];
  samples: number[];
  timeDeltas: number[];
}
// The page's JavaScript by self time (sampled), top functions with their script and position.
export function printProfile(p: Profile): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || "(anon)"} ${f.url.split("/").pop()}:${f.lineNumber}:${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  console.log(
    "  JS self time (ms):\n   ",
    [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, v]) => `${v.toFixed(0)} ${k}`)
      .join("\n    "),
  );
}
