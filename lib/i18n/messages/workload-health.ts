// The workload health rule's reasons (lib/health/workload.ts): English, then Simplified Chinese.
export const en = {
  "health.workload.stalled": "rollout stalled: {message}",
  "health.workload.runFailed": "last run failed: {reason}",
  "health.workload.unavailable": "{available} of {desired} available for {d}",
  "health.workload.paused": "rollout paused",
  "health.workload.rolling": "rolling out for {d}",
  "health.workload.missed": "missed {n} schedules in the last hour",
};

export const zh: Record<keyof typeof en, string> = {
  "health.workload.stalled": "发布停滞：{message}",
  "health.workload.runFailed": "上次运行失败：{reason}",
  "health.workload.unavailable": "{desired} 个中仅 {available} 个可用，已 {d}",
  "health.workload.paused": "发布已暂停",
  "health.workload.rolling": "发布已进行 {d}",
  "health.workload.missed": "最近一小时错过 {n} 次调度",
};
