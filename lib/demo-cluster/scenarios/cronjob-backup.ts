// A CronJob every minute whose third run fails, for an honest reason the demo shell can express:
// each run dumps for 5 s and uploads with `wget` to a `backup-store` pod, whose script answers
// /upload 200 for two uploads, 503 ("disk full") for the next two, then 200 again. Told in
// requests, not seconds, so it holds whatever second of the minute the cluster starts in: the
// first two runs upload; the third run and its retry (backoffLimit 1, 10 s back-off) meet the 503
// and the Job fails with BackoffLimitExceeded; the fourth on succeed. The history limits keep two
// succeeded Jobs and one failed, so older Jobs and their pods are deleted as new ones finish.
// Namespace `batch`, so the `dev` stories and their pod counts are untouched.
import type { KubeObject } from "../api-server/store";
import type { Scenario } from "./catalogue";

const BUSYBOX = "docker.1ms.run/library/busybox:1.36";
const NAMESPACE = "batch";

const store: KubeObject = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name: "backup-store",
    namespace: NAMESPACE,
    labels: { app: "backup-store" },
    annotations: {
      "lifeline.dev/script.store":
        "listen 8080; serve 8080 /upload 200; echo backup store ready on :8080; await 8080 /upload 2; serve 8080 /upload 503; echo disk full: refusing uploads; await 8080 /upload 2; serve 8080 /upload 200; echo disk cleaned: accepting uploads; sleep infinity",
    },
  },
  spec: {
    containers: [{ name: "store", image: BUSYBOX, ports: [{ containerPort: 8080 }] }],
  },
};

const backup: KubeObject = {
  apiVersion: "batch/v1",
  kind: "CronJob",
  metadata: { name: "db-backup", namespace: NAMESPACE },
  spec: {
    schedule: "* * * * *",
    concurrencyPolicy: "Forbid",
    successfulJobsHistoryLimit: 2,
    failedJobsHistoryLimit: 1,
    jobTemplate: {
      spec: {
        backoffLimit: 1,
        template: {
          metadata: { labels: { app: "db-backup" } },
          spec: {
            restartPolicy: "Never",
            containers: [
              {
                name: "backup",
                image: BUSYBOX,
                command: [
                  "sh",
                  "-c",
                  "echo dumping database; sleep 5 && wget -q http://backup-store:8080/upload && echo backup uploaded",
                ],
              },
            ],
          },
        },
      },
    },
  },
};

export const CRONJOB_BACKUP: Scenario = {
  name: "cronjob-backup",
  description:
    "CronJob db-backup every minute (namespace batch): its third run meets the backup store's 503, fails twice and the Job is Failed; older Jobs are cleaned up by the history limits.",
  objects: [{ apiVersion: "v1", kind: "Namespace", metadata: { name: NAMESPACE } }, store, backup],
};
