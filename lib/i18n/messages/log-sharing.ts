// Captured logs where the pod page explains and shares: "Why is it like this?" quotes the failed
// run's last error-looking line; the share bar's "include logs" tick-box (snapshots and exports).
export const en = {
  "why.quote.label": "Its last words",
  "why.quote.from": "from run {n}'s captured log ({container})",
  "share.logs": "Include logs",
  "share.logs.hint":
    "Adds the runs' captured logs to the snapshot and the JSON export. Logs can hold secrets (redaction catches only known shapes): anyone with the link or the file reads them.",
  "share.logs.noGrant": "Include logs: not available, this sign-in may not read container logs.",
  "share.logs.off":
    "Include logs: not available, Lifeline does not capture logs (LIFELINE_LOGS=off).",
  "share.logs.fetching": "Gathering the captured logs…",
} as const;

export const zh: Record<keyof typeof en, string> = {
  "why.quote.label": "它的最后输出",
  "why.quote.from": "摘自第 {n} 次运行的已采集日志（{container}）",
  "share.logs": "包含日志",
  "share.logs.hint":
    "将各次运行已采集的日志加入快照和 JSON 导出。日志可能含有机密（脱敏只识别已知格式）：任何拿到链接或文件的人都能读到。",
  "share.logs.noGrant": "包含日志：不可用，当前登录身份无权读取容器日志。",
  "share.logs.off": "包含日志：不可用，Lifeline 未采集日志（LIFELINE_LOGS=off）。",
  "share.logs.fetching": "正在收集已采集的日志…",
};
