// The cronjob-backup story on the ManualClock: the third run fails against the store's 503, the
// others succeed, and the history limits delete the oldest Jobs with their pods.
import { describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { DemoCluster } from "../cluster";
import { Kit, T0 } from "../cluster.test-kit";

const state = (k: Kit) =>
  Object.fromEntries(
    k.cluster.store.list("jobs", "batch").map((j) => {
      const c = (j.status as { conditions?: { type: string; status: string }[] }).conditions ?? [];
      const end = c.find(
        (x) => (x.type === "Complete" || x.type === "Failed") && x.status === "True",
      );
      return [j.metadata.name, end?.type ?? "Running"];
    }),
  );

describe("the cronjob-backup scenario", () => {
  it("fails its third run whatever second of the minute the cluster starts in", () => {
    // Found by the e2e rehearsal: the store's 503 was timed from its start, so a cluster started
    // late in a minute failed the fourth run, or none (the retry fell after the window).
    for (const offset of [0, 20, 50, 59]) {
      const clock = new ManualClock(T0 + offset * 1000);
      const cluster = DemoCluster.inProcess({ scenarios: ["cronjob-backup"], clock });
      clock.advanceTo(T0 + 5 * 60_000 + 30_000);
      const results = cluster.store
        .list("jobs", "batch")
        .map((j) => {
          const c = (j.status as { conditions?: { type: string; status: string }[] }).conditions;
          const end = c?.find(
            (x) => ["Complete", "Failed"].includes(x.type) && x.status === "True",
          );
          return [j.metadata.name, end?.type ?? "Running"];
        })
        .sort();
      cluster.stop();
      // Kept by the history limits: the last two succeeded (09:04, 09:05) and the failed 09:03.
      expect([offset, results]).toEqual([
        offset,
        [
          ["db-backup-29919423", "Failed"],
          ["db-backup-29919424", "Complete"],
          ["db-backup-29919425", "Complete"],
        ],
      ]);
    }
  }, 30_000);

  it("fails its third run twice against the 503, succeeds around it, and keeps 2 + 1 Jobs", () => {
    const k = new Kit({ scenarios: ["cronjob-backup"] });
    // The 09:03 run fails at about 3:07, is retried 10 s after its pod finished, fails again.
    k.at(230);
    expect(state(k)).toEqual({
      "db-backup-29919421": "Complete",
      "db-backup-29919422": "Complete",
      "db-backup-29919423": "Failed",
    });
    const failed = k.cluster.store.get("jobs", "batch", "db-backup-29919423")!;
    expect(failed.status).toMatchObject({
      failed: 2,
      conditions: [
        { type: "FailureTarget", reason: "BackoffLimitExceeded" },
        {
          type: "Failed",
          reason: "BackoffLimitExceeded",
          message: "Job has reached the specified backoff limit",
        },
      ],
    });
    const pods = k.cluster.store
      .list("pods", "batch")
      .filter((p) => p.metadata.labels?.["job-name"] === "db-backup-29919423");
    expect(pods.map((p) => (p.status as { phase: string }).phase)).toEqual(["Failed", "Failed"]);
    const logs = pods.map((p) => {
      const answer = k.cluster.kubelets
        .get((p.spec as { nodeName: string }).nodeName)!
        .containerLogs("batch", p.metadata.name, "backup", false);
      return answer && "log" in answer ? answer.log.entries().map((l) => l.text) : answer;
    });
    expect(logs).toEqual([
      ["dumping database", "wget: server returned error: HTTP/1.1 503"],
      ["dumping database", "wget: server returned error: HTTP/1.1 503"],
    ]);
    k.at(400);
    expect(state(k)).toEqual({
      "db-backup-29919423": "Failed",
      "db-backup-29919425": "Complete",
      "db-backup-29919426": "Complete",
    });
    expect(
      new Set(
        k.cluster.store
          .list("pods", "batch")
          .map((p) => p.metadata.labels?.["job-name"] ?? p.metadata.name),
      ),
    ).toEqual(
      new Set(["backup-store", "db-backup-29919423", "db-backup-29919425", "db-backup-29919426"]),
    );
    const warnings = k.cluster.store
      .list("events", "batch")
      .filter((e) => e.type === "Warning")
      .map((e) => `${(e.involvedObject as { name: string }).name} ${e.reason}`);
    expect(warnings).toEqual(["db-backup-29919423 BackoffLimitExceeded"]);
  });
});
