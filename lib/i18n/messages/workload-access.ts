// The banner's line about workload kinds Lifeline cannot watch (lib/live/workload-access.ts): RBAC
// without a kind in a namespace (403), or a cluster that does not serve it (404).
export const en = {
  "conn.workloads.forbidden":
    "Lifeline may not list {resource} in {where}: workload pages omit {kinds} there.",
  "conn.workloads.absent": "The cluster does not serve {resource}: workload pages omit {kinds}.",
  "conn.workloads.everywhere": "any namespace",
};

export const zh: Record<keyof typeof en, string> = {
  "conn.workloads.forbidden":
    "Lifeline 无权在 {where} 中列出 {resource}：工作负载页面不显示其中的 {kinds}。",
  "conn.workloads.absent": "集群不提供 {resource}：工作负载页面不显示 {kinds}。",
  "conn.workloads.everywhere": "任何命名空间",
};
