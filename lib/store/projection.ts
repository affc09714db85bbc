// What Lifeline keeps of a pod: the lifecycle-relevant parts only. Env values, commands and
// arguments, volumes and everything else that could carry a secret never enter the store (and so
// never reach a browser). Split in three parts so a new version stores only the parts that changed.
import type { Container, Pod } from "../k8s/types";

export interface PodParts {
  meta: string;
  spec: string;
  status: string;
}

function container(c: Container | null | undefined): Record<string, unknown> | null {
  if (!c || typeof c !== "object") return null;
  const probe = (p: Container["livenessProbe"]) =>
    p && typeof p === "object"
      ? {
          ...(p.exec
            ? {
                exec: {
                  command: Array.isArray(p.exec.command)
                    ? p.exec.command.filter((x) => typeof x === "string")
                    : [],
                },
              }
            : {}),
          ...(p.httpGet
            ? { httpGet: { path: p.httpGet.path, port: p.httpGet.port, scheme: p.httpGet.scheme } }
            : {}),
          ...(p.tcpSocket ? { tcpSocket: { port: p.tcpSocket.port } } : {}),
          ...(p.grpc ? { grpc: { port: p.grpc.port } } : {}),
          initialDelaySeconds: p.initialDelaySeconds,
          periodSeconds: p.periodSeconds,
          timeoutSeconds: p.timeoutSeconds,
          successThreshold: p.successThreshold,
          failureThreshold: p.failureThreshold,
        }
      : undefined;
  return {
    name: c.name,
    image: c.image,
    restartPolicy: c.restartPolicy ?? undefined,
    restartPolicyRules: Array.isArray(c.restartPolicyRules)
      ? c.restartPolicyRules.map((r) => ({
          action: r?.action,
          exitCodes: r?.exitCodes
            ? { operator: r.exitCodes.operator, values: r.exitCodes.values }
            : undefined,
        }))
      : undefined,
    resizePolicy: Array.isArray(c.resizePolicy)
      ? c.resizePolicy.map((r) => ({
          resourceName: r?.resourceName,
          restartPolicy: r?.restartPolicy,
        }))
      : undefined,
    ports: Array.isArray(c.ports)
      ? c.ports.map((p) => ({
          containerPort: p?.containerPort,
          name: p?.name,
          protocol: p?.protocol,
        }))
      : undefined,
    resources:
      c.resources && typeof c.resources === "object"
        ? { requests: c.resources.requests ?? undefined, limits: c.resources.limits ?? undefined }
        : undefined,
    livenessProbe: probe(c.livenessProbe),
    readinessProbe: probe(c.readinessProbe),
    startupProbe: probe(c.startupProbe),
    lifecycle:
      c.lifecycle && typeof c.lifecycle === "object"
        ? {
            postStart: c.lifecycle.postStart ? {} : undefined,
            preStop: c.lifecycle.preStop ? {} : undefined,
          }
        : undefined,
  };
}

const list = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);

/** The lifecycle-relevant projection of a pod, as JSON texts per part. */
export function project(pod: Pod): PodParts {
  const m = pod.metadata ?? {};
  const s = pod.spec ?? {};
  const meta = {
    name: m.name,
    namespace: m.namespace,
    uid: m.uid,
    resourceVersion: m.resourceVersion,
    generation: m.generation ?? undefined,
    creationTimestamp: m.creationTimestamp,
    deletionTimestamp: m.deletionTimestamp ?? undefined,
    deletionGracePeriodSeconds: m.deletionGracePeriodSeconds ?? undefined,
    labels: m.labels ?? undefined,
    ownerReferences: list(m.ownerReferences).map((o) => ({
      kind: o?.kind,
      name: o?.name,
      uid: o?.uid,
      controller: o?.controller,
    })),
  };
  const spec = {
    nodeName: s.nodeName ?? undefined,
    restartPolicy: s.restartPolicy,
    terminationGracePeriodSeconds: s.terminationGracePeriodSeconds ?? undefined,
    initContainers: list(s.initContainers).map(container),
    containers: list(s.containers).map(container),
    ephemeralContainers: list(s.ephemeralContainers).map(container),
    readinessGates: s.readinessGates ?? undefined,
  };
  return {
    meta: JSON.stringify(meta),
    spec: JSON.stringify(spec),
    status: JSON.stringify(pod.status ?? {}),
  };
}

/** Rebuilds the pod the parts describe. */
export function assemble(parts: PodParts): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: JSON.parse(parts.meta),
    spec: JSON.parse(parts.spec),
    status: JSON.parse(parts.status),
  };
}
