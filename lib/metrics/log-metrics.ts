// The log capture's metrics (lib/logs/capture.ts), read from /api/cluster's `logs` at each scrape:
// the queue, fetches under way, tails kept, runs not captured by why, namespaces forbidden. No
// label carries cluster text (the why codes are fixed words; namespaces are only counted).
import { Counter, Gauge, type Registry } from "prom-client";
import type { ClusterInfo } from "../live/cluster-info";
import { WHY } from "../logs/why";

type Logs = ClusterInfo["logs"];

export function logMetrics(registers: Registry[], read: () => Logs | null): void {
  const full = () => {
    const logs = read();
    return logs && "queued" in logs ? logs : null;
  };
  new Gauge({
    name: "lifeline_logs_queued_runs",
    help: "Ended runs waiting for their log to be fetched (at most LIFELINE_LOG_QUEUE).",
    registers,
    collect() {
      this.reset();
      const logs = full();
      if (logs) this.set(logs.queued);
    },
  });
  new Gauge({
    name: "lifeline_logs_fetching",
    help: "Log fetches under way (at most LIFELINE_LOG_RATE).",
    registers,
    collect() {
      this.reset();
      const logs = full();
      if (logs) this.set(logs.fetching);
    },
  });
  new Counter({
    name: "lifeline_logs_captured_total",
    help: "Run log tails fetched and kept.",
    registers,
    collect() {
      const logs = full();
      if (!logs) return;
      this.reset();
      this.inc(logs.captured);
    },
  });
  new Counter({
    name: "lifeline_logs_not_captured_total",
    help: "Runs whose log was not captured, by why (rotated, superseded, queue-full, waited, forbidden, pod-gone, refused, unreachable, stopped).",
    labelNames: ["why"],
    registers,
    collect() {
      const logs = full();
      if (!logs) return;
      this.reset();
      for (const why of Object.keys(WHY) as (keyof typeof WHY)[])
        this.inc({ why }, logs.skipped[why] ?? 0);
    },
  });
  new Gauge({
    name: "lifeline_logs_forbidden_namespaces",
    help: "Namespaces where the credentials may not get pods/log (a 403: no fetches there but a probe after a back-off of 5 min to 1 h).",
    registers,
    collect() {
      this.reset();
      const logs = read();
      if (logs) this.set(logs.forbidden.length);
    },
  });
}
