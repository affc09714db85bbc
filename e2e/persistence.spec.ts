// Persistence end to end: the production server (`npm start`'s, scripts/start.mjs) reads a demo cluster that runs in
// its own process through a kubeconfig, is killed with SIGKILL while a client is streaming, and
// started again on the same data folder: the history is intact (the SQLite file passes
// integrity_check, every committed version is still there), a pod deleted while it was down is
// closed, and the timelines carry on from where they were. A SIGTERM ends it with exit code 0 only
// once the pipeline has stopped: the store closed (no -wal left), the lock released.
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { demoCluster, exited, killStarted, lifeline, output, ready as readyAt } from "./processes";

const port = Number(process.env.E2E_PORT ?? 3100) + 1;
const base = `http://127.0.0.1:${port}`;
const ready = () => readyAt(base);

test.afterAll(killStarted);

test("killed with SIGKILL mid-stream, the server restarts with its history intact and carries on", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), "lifeline-persist-"));
  // The cluster outlives Lifeline: its own process, with 60 extra pods whose containers are killed 3 times a second.
  const { child: demo, kubeconfig } = await demoCluster([
    "--scenarios",
    "pod-liveness-exec,replicaset",
    "--scale",
    "60",
    "--churn",
    "3",
    "--kubeconfig-dir",
    dir,
  ]);
  const env = { KUBECONFIG: kubeconfig, LIFELINE_DATA_DIR: join(dir, "data") };

  const first = lifeline(port, env);
  await ready();
  // A client is streaming when the server dies.
  const stream = await fetch(`${base}/api/stream`);
  const reader = stream.body!.getReader();
  let text = "";
  while ((text.match(/\nevent: pod\n/g) ?? []).length < 3) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  const pods = (await (await fetch(`${base}/api/pods?namespace=scale`)).json()).pods as {
    name: string;
    restarts: string;
  }[];
  expect(pods.length).toBe(60);
  const before = await (await fetch(`${base}/api/pods/scale/${pods[0].name}/timeline`)).json();
  // The cluster's history: one folder per cluster identity (here the demo cluster's kube-system uid).
  const kubeSystem = (
    await (
      await fetch(
        `${/server: (http:\/\/\S+)/.exec(readFileSync(kubeconfig, "utf8"))![1]}/api/v1/namespaces/kube-system`,
      )
    ).json()
  ).metadata.uid;
  expect(readdirSync(join(dir, "data", "clusters"))).toEqual([kubeSystem]);
  const historyFile = join(dir, "data", "clusters", kubeSystem, "history.db");
  // Wait until plenty is committed (the store writes in 50 ms batches), then take what is there.
  const readVersions = () => {
    const db = new Database(historyFile, { readonly: true });
    try {
      return db
        .prepare("SELECT id, uid, observed_at, type, meta, spec, status FROM versions ORDER BY id")
        .all() as { id: number }[];
    } finally {
      db.close();
    }
  };
  await expect.poll(() => readVersions().length, { timeout: 30_000 }).toBeGreaterThan(60);
  const committed = readVersions();

  first.kill("SIGKILL");
  await exited(first);
  expect(first.signalCode).toBe("SIGKILL");
  // The client's stream ends with the server (after whatever was already on its way).
  const ending = async (): Promise<string> => {
    try {
      for (;;) if ((await reader.read()).done) return "ended";
    } catch {
      return "cut";
    }
  };
  const hung = new Promise<string>((r) =>
    setTimeout(() => r("still open 15 s after the kill"), 15_000),
  );
  expect(["ended", "cut"]).toContain(await Promise.race([ending(), hung]));

  // While Lifeline is down, a pod goes away.
  await expect(fetch(`${base}/api/healthz`)).rejects.toThrow(); // nothing answers on the port any more
  const api = /server: (http:\/\/\S+)/.exec(readFileSync(kubeconfig, "utf8"))![1];
  const deleted = await fetch(
    `${api}/api/v1/namespaces/dev/pods/pod-liveness-exec?gracePeriodSeconds=0`,
    { method: "DELETE" },
  );
  expect(deleted.status).toBe(200);

  // The file is sound and holds every version that was committed before the kill.
  const db = new Database(historyFile, { readonly: true });
  expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
  const after = db
    .prepare(
      "SELECT id, uid, observed_at, type, meta, spec, status FROM versions WHERE id <= ? ORDER BY id",
    )
    .all(committed.at(-1)!.id);
  expect(after).toEqual(committed);
  db.close();

  const second = lifeline(port, env);
  await ready();
  // A second server on the same data folder refuses to start, names the one that writes it, and exits 1.
  const third = lifeline(port + 3, env);
  const [refusal] = await output(third, /lifeline: not starting\. .+$/m, 120_000);
  await exited(third);
  expect(third.exitCode).toBe(1);
  expect(refusal).toMatch(
    new RegExp(
      `^lifeline: not starting\\. The data folder ${join(dir, "data")} is in use by another Lifeline process \\(pid ${second.pid} on ${hostname()}, running since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\): one process writes a data folder at a time\\. Stop that one, or give this one a folder of its own with LIFELINE_DATA_DIR\\.$`,
    ),
  );
  // The pod deleted while Lifeline was down is closed, not left open.
  const gone = await (await fetch(`${base}/api/pods/dev/pod-liveness-exec/timeline`)).json();
  expect(gone.timeline.deletedAt).not.toBeNull();
  const current = (await (await fetch(`${base}/api/pods?namespace=dev`)).json()).pods.map(
    (p: { name: string }) => p.name,
  );
  expect(current).not.toContain("pod-liveness-exec");
  // History carries on: versions are written after the restart, and the scale pod's timeline still
  // starts where it did, with the runs seen before the kill unchanged.
  await expect
    .poll(() => readVersions().length, { timeout: 60_000 })
    .toBeGreaterThan(committed.length + 20);
  const { timeline } = await (
    await fetch(`${base}/api/pods/scale/${pods[0].name}/timeline`)
  ).json();
  expect({ observedFrom: timeline.observedFrom, createdAt: timeline.createdAt }).toEqual({
    observedFrom: before.timeline.observedFrom,
    createdAt: before.timeline.createdAt,
  });
  const runs = timeline.containers[0].runs;
  expect(runs.length).toBeGreaterThanOrEqual(before.timeline.containers[0].runs.length);
  expect(runs.slice(0, before.timeline.containers[0].runs.length - 1)).toEqual(
    before.timeline.containers[0].runs.slice(0, -1),
  );

  // The cluster goes away: the page says Lifeline is retrying, since when, and why.
  await page.goto(`${base}/`);
  await expect(page.getByTestId("connection")).toHaveAttribute("data-tone", "ok");
  await expect(page.getByTestId("connection-title")).toHaveText(
    /^Connected to lifeline-demo \(http:\/\/127\.0\.0\.1:\d+\)$/,
  );
  demo.kill("SIGTERM");
  await exited(demo);
  await expect(page.getByTestId("connection")).toHaveAttribute("data-tone", "warn", {
    timeout: 20_000,
  });
  await expect(page.getByTestId("connection-title")).toHaveText(
    /^Retrying lifeline-demo \(http:\/\/127\.0\.0\.1:\d+\) for \d+s \(since \d\d:\d\d:\d\d UTC\)$/,
  );
  await expect(page.getByTestId("connection-detail")).toContainText(
    "What Lifeline already recorded stays available.",
  );
  await page.screenshot({ path: "e2e/screenshots/connection-retrying.png" });
  // What was recorded is still served.
  expect((await fetch(`${base}/api/pods/scale/${pods[0].name}/timeline`)).status).toBe(200);
  second.kill("SIGTERM");
  await exited(second);
});

test("SIGTERM: the server exits 0 only once the pipeline has stopped and closed its store", async () => {
  test.setTimeout(120_000);
  const data = join(mkdtempSync(join(tmpdir(), "lifeline-sigterm-")), "data");
  const server = lifeline(port, { LIFELINE_DEMO: "1", LIFELINE_DATA_DIR: data });
  await ready();
  const [cluster] = readdirSync(join(data, "clusters"));
  const historyFile = join(data, "clusters", cluster, "history.db");
  // The store is open (WAL mode): its -wal file is there, and so is the lock's note.
  await expect.poll(() => existsSync(`${historyFile}-wal`), { timeout: 30_000 }).toBe(true);
  expect(existsSync(join(data, "lifeline.lock.json"))).toBe(true);
  server.kill("SIGTERM");
  await exited(server);
  expect({ code: server.exitCode, signal: server.signalCode }).toEqual({ code: 0, signal: null });
  // Closed cleanly: SQLite checkpoints and removes the -wal on the last close, and the lock was
  // released (its note removed). Before, the process exited from server.close() first: both stayed.
  expect(existsSync(`${historyFile}-wal`)).toBe(false);
  expect(existsSync(join(data, "lifeline.lock.json"))).toBe(false);
  const db = new Database(historyFile, { readonly: true });
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(
      (db.prepare("SELECT count(*) AS n FROM versions").get() as { n: number }).n,
    ).toBeGreaterThan(0);
  } finally {
    db.close();
  }
});
