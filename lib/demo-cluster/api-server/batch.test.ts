// What kube-apiserver says about Jobs and CronJobs it refuses, and the columns kubectl prints.
import { describe, expect, it } from "vitest";
import { Kit } from "../cluster.test-kit";
import type { KubeObject } from "./store";
import { RESOURCES } from "./resources";
import { toTable } from "./table";

const template = (restartPolicy: string) => ({
  spec: { restartPolicy, containers: [{ name: "c", image: "busybox:1.36", command: ["true"] }] },
});

function refusal(k: Kit, o: KubeObject): string {
  try {
    k.apply(o);
  } catch (e) {
    return (e as Error).message;
  }
  return "accepted";
}

describe("batch/v1 validation", () => {
  it("refuses a Job that restarts Always, a hand-written selector, a failure policy without Never", () => {
    const k = new Kit();
    const job = (spec: Record<string, unknown>): KubeObject => ({
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "bad", namespace: "dev" },
      spec,
    });
    expect(refusal(k, job({ template: template("Always") }))).toBe(
      'Job "bad" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    );
    expect(
      refusal(k, job({ selector: { matchLabels: { app: "x" } }, template: template("Never") })),
    ).toBe('Job "bad" is invalid: spec.selector: Invalid value: `selector` not auto-generated');
    expect(
      refusal(
        k,
        job({
          backoffLimit: -1,
          template: template("OnFailure"),
          podFailurePolicy: {
            rules: [{ action: "Retry", onExitCodes: { operator: "In", values: [1] } }],
          },
        }),
      ),
    ).toBe(
      'Job "bad" is invalid: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0, ' +
        'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified, ' +
        'spec.podFailurePolicy.rules[0].action: Unsupported value: "Retry": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
    );
  });

  it("refuses CronJob schedules and zones as robfig and Go's time package would", () => {
    const k = new Kit();
    const cj = (spec: Record<string, unknown>): KubeObject => ({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "bad", namespace: "dev" },
      spec: { jobTemplate: { spec: { template: template("Never") } }, ...spec },
    });
    expect(refusal(k, cj({ schedule: "61 * * * *" }))).toBe(
      'CronJob "bad" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61',
    );
    expect(refusal(k, cj({ schedule: "0 3 * * *", timeZone: "Europe/Pariss" }))).toBe(
      'CronJob "bad" is invalid: spec.timeZone: Invalid value: "Europe/Pariss": unknown time zone Europe/Pariss',
    );
    expect(refusal(k, cj({ schedule: "CRON_TZ=UTC * * * * *" }))).toBe(
      'CronJob "bad" is invalid: spec.schedule: Invalid value: "CRON_TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    );
    expect(
      refusal(
        k,
        cj({
          schedule: "@hourly",
          concurrencyPolicy: "Sometimes",
          jobTemplate: { spec: { template: template("Always") } },
        }),
      ),
    ).toBe(
      'CronJob "bad" is invalid: spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace", ' +
        'spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    );
    expect(refusal(k, cj({ schedule: "@hourly", timeZone: "Europe/Paris" }))).toBe("accepted");
  });
});

describe("kubectl's columns for jobs and cronjobs", () => {
  it("prints STATUS, COMPLETIONS, DURATION and the CronJob's schedule, zone, suspend, active, last schedule", () => {
    const k = new Kit();
    k.apply({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "nightly", namespace: "dev" },
      spec: {
        schedule: "* * * * *",
        timeZone: "Europe/Paris",
        jobTemplate: {
          spec: {
            template: {
              spec: {
                restartPolicy: "Never",
                containers: [
                  { name: "c", image: "busybox:1.36", command: ["sh", "-c", "sleep 5"] },
                ],
              },
            },
          },
        },
      },
    });
    k.at(63);
    const table = (plural: string) => {
      const r = RESOURCES.find((x) => x.plural === plural)!;
      const t = toTable(r, k.cluster.store.list(r.storage, "dev"), k.clock.now(), "1") as {
        columnDefinitions: { name: string }[];
        rows: { cells: unknown[] }[];
      };
      return [t.columnDefinitions.map((c) => c.name), ...t.rows.map((row) => row.cells)];
    };
    expect(table("cronjobs")).toEqual([
      [
        "Name",
        "Schedule",
        "Timezone",
        "Suspend",
        "Active",
        "Last Schedule",
        "Age",
        "Containers",
        "Images",
        "Selector",
      ],
      [
        "nightly",
        "* * * * *",
        "Europe/Paris",
        "False",
        1,
        "3s",
        "63s",
        "c",
        "busybox:1.36",
        "<none>",
      ],
    ]);
    const running = table("jobs")[1];
    expect(running.slice(0, 5)).toEqual(["nightly-29919421", "Running", "0/1", "3s", "3s"]);
    k.at(90);
    expect(table("jobs")[1].slice(0, 5)).toEqual([
      "nightly-29919421",
      "Complete",
      "1/1",
      "7s",
      "30s",
    ]);
  });
});
