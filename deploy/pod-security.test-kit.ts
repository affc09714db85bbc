// The restricted Pod Security Standard (kubernetes.io/docs/concepts/security/pod-security-standards,
// "Restricted", which includes "Baseline"), checked on a pod spec the way admission would, plus
// Lifeline's own rule: a read-only root filesystem. Returns what is wrong, one sentence each.

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);

// Restricted: only these volume types.
const VOLUME_TYPES = new Set([
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
]);

export function restrictedViolations(podSpec: Obj): string[] {
  const bad: string[] = [];
  const pod = obj(podSpec.securityContext);
  for (const host of ["hostNetwork", "hostPID", "hostIPC"])
    if (podSpec[host]) bad.push(`the pod sets ${host}`);
  for (const v of list(podSpec.volumes)) {
    const types = Object.keys(v).filter((k) => k !== "name");
    if (!types.every((t) => VOLUME_TYPES.has(t)))
      bad.push(`volume ${v.name} is of a type restricted forbids (${types.join(", ")})`);
  }
  if (pod.sysctls) bad.push("the pod sets sysctls");
  if (obj(pod.windowsOptions).hostProcess) bad.push("the pod is a Windows host process");
  const containers = [
    ...list(podSpec.initContainers),
    ...list(podSpec.containers),
    ...list(podSpec.ephemeralContainers),
  ];
  for (const c of containers) {
    const sc = obj(c.securityContext);
    const name = `container ${c.name}`;
    const effective = (key: string) => (sc[key] !== undefined ? sc[key] : pod[key]);
    if (effective("runAsNonRoot") !== true) bad.push(`${name}: runAsNonRoot is not true`);
    const uid = effective("runAsUser");
    if (uid === 0 || uid === undefined) bad.push(`${name}: runAsUser is ${uid ?? "unset"}`);
    if (sc.privileged) bad.push(`${name}: privileged`);
    if (sc.allowPrivilegeEscalation !== false)
      bad.push(`${name}: allowPrivilegeEscalation is not false`);
    const caps = obj(sc.capabilities);
    if (!(Array.isArray(caps.drop) && caps.drop.includes("ALL")))
      bad.push(`${name}: capabilities do not drop ALL`);
    const added = Array.isArray(caps.add) ? caps.add : [];
    if (added.some((a) => a !== "NET_BIND_SERVICE"))
      bad.push(`${name}: adds capabilities ${added.join(", ")}`);
    const seccomp = obj(effective("seccompProfile")).type;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost")
      bad.push(`${name}: seccompProfile is ${seccomp ?? "unset"}, not RuntimeDefault`);
    if (sc.procMount && sc.procMount !== "Default") bad.push(`${name}: procMount ${sc.procMount}`);
    if (list(c.ports).some((p) => p.hostPort)) bad.push(`${name}: uses a hostPort`);
    if (sc.readOnlyRootFilesystem !== true) bad.push(`${name}: readOnlyRootFilesystem is not true`);
  }
  return bad;
}
