// The workload model's words: the health rule's reasons (lib/health/workload.ts) and the model's
// warnings (lib/workloads/types.ts WorkloadWarningCode, as `warn.workload.<code>`). English, then
// Simplified Chinese.
export const en = {
  "health.workload.stalled": "rollout stalled: {message}",
  "health.workload.runFailed": "last run failed: {reason}",
  "health.workload.unavailable": "{available} of {desired} available for {d}",
  "health.workload.paused": "rollout paused",
  "health.workload.rolling": "rolling out for {d}",
  "health.workload.missed": "missed {n} schedules in the last hour",
  "warn.workload.no-versions": "No version of this workload was observed.",
  "warn.workload.bad-version": "{n} stored versions could not be read and were skipped.",
  "warn.workload.no-owned":
    "None of the objects that carry its revisions (ReplicaSets, ControllerRevisions) were observed: no revisions or rollouts.",
  "warn.workload.no-template":
    "{name}: its pod template is unknown, so what it changed cannot be told.",
  "warn.workload.unknown-revision": "{name} carries no revision number.",
  "warn.workload.pod-without-revision": "{n} pods match no known revision.",
  "warn.workload.bad-schedule":
    'The schedule "{schedule}" cannot be read: missed runs are not computed.',
  "warn.workload.too-many-schedules":
    "More than {n} schedule times: missed runs were counted up to there.",
  "warn.workload.missed-before-observed":
    "Seen mid-life: schedule times before the first observation are not judged.",
};

export const zh: Record<keyof typeof en, string> = {
  "health.workload.stalled": "发布停滞：{message}",
  "health.workload.runFailed": "上次运行失败：{reason}",
  "health.workload.unavailable": "{desired} 个中仅 {available} 个可用，已 {d}",
  "health.workload.paused": "发布已暂停",
  "health.workload.rolling": "发布已进行 {d}",
  "health.workload.missed": "最近一小时错过 {n} 次调度",
  "warn.workload.no-versions": "没有观察到该工作负载的任何版本。",
  "warn.workload.bad-version": "{n} 个存储的版本无法读取，已跳过。",
  "warn.workload.no-owned":
    "没有观察到承载其修订版本的对象（ReplicaSet、ControllerRevision）：无法给出修订版本和发布。",
  "warn.workload.no-template": "{name}：Pod 模板未知，无法说明其变更。",
  "warn.workload.unknown-revision": "{name} 没有修订版本号。",
  "warn.workload.pod-without-revision": "{n} 个 Pod 不属于任何已知修订版本。",
  "warn.workload.bad-schedule": '无法解析调度 "{schedule}"：不计算错过的运行。',
  "warn.workload.too-many-schedules": "调度时间超过 {n} 个：错过的运行只统计到此为止。",
  "warn.workload.missed-before-observed": "中途开始观察：首次观察之前的调度时间不作判断。",
};
