// What must hold of the rendered manifests, whatever else changes: read-only RBAC on exactly what
// Lifeline reads, the restricted Pod Security profile on every container, probes on the right
// paths, nothing cluster-wide in the namespaced variant, and an environment Lifeline's own code
// reads and accepts (lib/auth/config.ts decides, as at boot).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { authConfigFrom } from "@/lib/auth/config";
import { isLoopbackHost } from "@/lib/auth/ip";
import { BOUND_MS, shutdownDelayFrom } from "@/scripts/shutdown.mjs";
import { restrictedViolations } from "./pod-security.test-kit";
import {
  DEPLOY,
  VARIANTS,
  findKubectl,
  kustomize,
  objectsOf,
  type K8sObject,
} from "./render.test-kit";

interface Container {
  name: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string } };
  }[];
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
}
interface Probe {
  httpGet?: { path: string; port: number | string };
}
interface PodSpec {
  containers: Container[];
  [field: string]: unknown;
}
interface Rule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  verbs: string[];
  nonResourceURLs?: string[];
}

const kubectl = findKubectl();
const ROOT = join(DEPLOY, "..");

const of = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const podSpec = (objects: K8sObject[]): PodSpec =>
  (of(objects, "StatefulSet")[0].spec as { template: { spec: PodSpec } }).template.spec;
const lifelineContainer = (objects: K8sObject[]): Container =>
  podSpec(objects).containers.find((c) => c.name === "lifeline")!;
const envOf = (c: Container, name: string) => c.env?.find((e) => e.name === name)?.value;

/** Each rule as "group resource[/name] verb" lines, sorted. */
function grants(rules: Rule[]): string[] {
  return rules
    .flatMap((r) =>
      (r.apiGroups ?? ["<none>"]).flatMap((g) =>
        (r.resources ?? r.nonResourceURLs ?? []).flatMap((res) =>
          (r.resourceNames ?? [""]).flatMap((n) =>
            r.verbs.map((v) => `${g || "core"} ${res}${n ? `/${n}` : ""} ${v}`),
          ),
        ),
      ),
    )
    .sort();
}
const readAll = (group: string, resource: string) =>
  ["get", "list", "watch"].map((v) => `${group} ${resource} ${v}`);
/** The workload kinds lib/kube/workload-resources.ts lists and watches: read only. */
const WORKLOADS = [
  ...["deployments", "replicasets", "statefulsets", "daemonsets", "controllerrevisions"].flatMap(
    (r) => readAll("apps", r),
  ),
  ...["jobs", "cronjobs"].flatMap((r) => readAll("batch", r)),
];

/** Every file of Lifeline's own server code (no tests), for the names it reads. */
function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.(ts|tsx|mjs|js)$/.test(name) && !/\.test(-kit)?\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

describe.skipIf(!kubectl)("facts of the rendered manifests", () => {
  const rendered = Object.fromEntries(
    VARIANTS.map((v) => [v, objectsOf(kustomize(kubectl!, v))]),
  ) as Record<(typeof VARIANTS)[number], K8sObject[]>;
  const base = rendered.base;

  it("the ClusterRole grants get, list and watch on pods, events (both groups), nodes and the workload kinds, get on pods/log and kube-system, and nothing else", () => {
    const [role] = of(base, "ClusterRole");
    expect(grants(role.rules as Rule[])).toEqual(
      [
        ...readAll("core", "pods"),
        "core pods/log get",
        ...readAll("core", "events"),
        ...readAll("events.k8s.io", "events"),
        ...readAll("core", "nodes"),
        ...WORKLOADS,
        "core namespaces/kube-system get",
      ].sort(),
    );
  });

  it("the ClusterRoleBinding gives that role to the pod's ServiceAccount, and the ServiceAccount mounts its token", () => {
    const [binding] = of(base, "ClusterRoleBinding");
    const [account] = of(base, "ServiceAccount");
    expect(binding.roleRef).toEqual({
      apiGroup: "rbac.authorization.k8s.io",
      kind: "ClusterRole",
      name: of(base, "ClusterRole")[0].metadata.name,
    });
    expect(binding.subjects).toEqual([
      { kind: "ServiceAccount", name: account.metadata.name, namespace: "lifeline" },
    ]);
    expect(podSpec(base).serviceAccountName).toBe(account.metadata.name);
    expect(account.automountServiceAccountToken).toBe(true);
  });

  it.each(VARIANTS)(
    "%s: every container meets the restricted Pod Security profile, in a namespace that enforces it",
    (v) => {
      const spec = podSpec(rendered[v]);
      expect(restrictedViolations(spec)).toEqual([]);
      expect(spec.containers.length).toBe(v === "overlays/oauth2-proxy" ? 2 : 1);
      const [ns] = of(rendered[v], "Namespace");
      expect(ns.metadata.labels?.["pod-security.kubernetes.io/enforce"]).toBe("restricted");
      const sc = spec.securityContext as Record<string, unknown>;
      expect([sc.runAsUser, sc.runAsGroup, sc.fsGroup]).toEqual([10001, 10001, 10001]);
      expect(spec.terminationGracePeriodSeconds).toBe(30);
    },
  );

  it.each(VARIANTS)(
    "%s: LIFELINE_SHUTDOWN_DELAY gives the endpoints controller time, and the delay plus Lifeline's own bound fit in the grace period",
    (v) => {
      const spec = podSpec(rendered[v]);
      const delay = shutdownDelayFrom({
        LIFELINE_SHUTDOWN_DELAY: envOf(lifelineContainer(rendered[v]), "LIFELINE_SHUTDOWN_DELAY"),
      });
      expect(delay).toBeGreaterThanOrEqual(3000);
      expect(delay + BOUND_MS).toBeLessThan(Number(spec.terminationGracePeriodSeconds) * 1000);
    },
  );

  it.each(VARIANTS)(
    "%s: the StatefulSet's serviceName is a headless Service of its pods (clusterIP: None); clients keep the ClusterIP `lifeline`",
    (v) => {
      const [sts] = of(rendered[v], "StatefulSet");
      const name = (sts.spec as { serviceName: string }).serviceName;
      const governing = of(rendered[v], "Service").find((s) => s.metadata.name === name);
      const spec = governing?.spec as { clusterIP?: string; selector?: Record<string, string> };
      expect(spec?.clusterIP).toBe("None");
      expect(spec.selector).toEqual(
        (sts.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels,
      );
      const lifeline = of(rendered[v], "Service").find((s) => s.metadata.name === "lifeline");
      expect((lifeline?.spec as { type: string }).type).toBe("ClusterIP");
    },
  );

  it("the profile check finds each thing the profile forbids (it is not vacuous)", () => {
    const good = podSpec(base);
    const c = good.containers[0] as unknown as Record<string, Record<string, unknown>>;
    const broken = (change: (sc: Record<string, unknown>) => void) => {
      const copy = structuredClone(good) as PodSpec;
      const sc = (copy.containers[0] as unknown as Record<string, Record<string, unknown>>)
        .securityContext;
      change(sc);
      return restrictedViolations(copy);
    };
    expect(c.securityContext).toBeTruthy();
    expect(broken((sc) => (sc.allowPrivilegeEscalation = true))).toHaveLength(1);
    expect(broken((sc) => (sc.capabilities = { drop: ["NET_RAW"] }))).toHaveLength(1);
    expect(broken((sc) => (sc.readOnlyRootFilesystem = false))).toHaveLength(1);
    expect(broken((sc) => (sc.runAsUser = 0))).toHaveLength(1);
    expect(broken((sc) => (sc.seccompProfile = { type: "Unconfined" }))).toHaveLength(1);
    expect(restrictedViolations({ ...good, hostNetwork: true })).toHaveLength(1);
    expect(
      restrictedViolations({ ...good, volumes: [{ name: "h", hostPath: { path: "/" } }] }),
    ).toHaveLength(1);
  });

  it.each(VARIANTS)(
    "%s: startup and readiness probe /api/readyz, liveness /api/healthz, straight to Lifeline's own port",
    (v) => {
      const c = lifelineContainer(rendered[v]);
      expect(c.startupProbe?.httpGet?.path).toBe("/api/readyz");
      expect(c.readinessProbe?.httpGet?.path).toBe("/api/readyz");
      expect(c.livenessProbe?.httpGet?.path).toBe("/api/healthz");
      const ports = new Set(
        [c.startupProbe, c.readinessProbe, c.livenessProbe].map((p) => p?.httpGet?.port),
      );
      expect(ports.size).toBe(1);
      const [port] = ports;
      // A named port resolves in the probe's own container only; never through a sidecar, whose
      // crash would otherwise make the kubelet restart Lifeline too.
      expect(c.ports?.find((p) => p.name === port)?.containerPort).toBe(Number(envOf(c, "PORT")));
    },
  );

  it.each(VARIANTS)(
    "%s: the Service's http and metrics ports each reach one container port; http is the proxy's with oauth2-proxy, metrics always Lifeline's",
    (v) => {
      const svc = of(rendered[v], "Service").find((s) => s.metadata.name === "lifeline")!;
      const spec = podSpec(rendered[v]);
      const named = spec.containers.flatMap((c) => (c.ports ?? []).map((p) => ({ ...p, c })));
      const ports = (svc.spec as { ports: { name: string; targetPort: string }[] }).ports;
      expect(ports.map((p) => p.name).sort()).toEqual(["http", "metrics"]);
      const target = (name: string) => {
        const t = ports.find((p) => p.name === name)!.targetPort;
        const hits = named.filter((n) => n.name === t);
        expect(hits, `the Service's ${name} port targets ${t}`).toHaveLength(1);
        return hits[0];
      };
      const c = lifelineContainer(rendered[v]);
      const metrics = target("metrics");
      expect([metrics.c.name, metrics.containerPort]).toEqual([
        "lifeline",
        Number(envOf(c, "LIFELINE_METRICS_PORT")),
      ]);
      const http = target("http");
      if (v === "overlays/oauth2-proxy") {
        expect(http.c.name).toBe("oauth2-proxy");
        expect(http.c.args).toContain(`--http-address=0.0.0.0:${http.containerPort}`);
      } else
        expect([http.c.name, http.containerPort]).toEqual(["lifeline", Number(envOf(c, "PORT"))]);
    },
  );

  it.each(VARIANTS)(
    "%s: the NetworkPolicy admits exactly the ports the Service targets, each a container port that exists",
    (v) => {
      const [policy] = of(rendered[v], "NetworkPolicy");
      const admitted = (
        policy.spec as { ingress: { ports: { port: string | number }[] }[] }
      ).ingress
        .flatMap((r) => r.ports)
        .map((p) => p.port);
      const names = podSpec(rendered[v]).containers.flatMap((c) => c.ports ?? []);
      for (const p of admitted) expect(names.map((n) => n.name)).toContain(p);
      const svc = of(rendered[v], "Service").find((s) => s.metadata.name === "lifeline")!;
      const targets = (svc.spec as { ports: { targetPort: string }[] }).ports.map(
        (p) => p.targetPort,
      );
      expect([...admitted].sort()).toEqual([...targets].sort());
      // With oauth2-proxy, Lifeline's UI port is for the proxy (loopback) and the kubelet only.
      if (v === "overlays/oauth2-proxy") {
        const ui = names.find(
          (n) => n.containerPort === Number(envOf(lifelineContainer(rendered[v]), "PORT")),
        );
        expect(admitted).not.toContain(ui?.name);
      }
    },
  );

  it("the namespaced overlay renders nothing cluster-scoped but its Namespace, and a Role and RoleBinding in each listed namespace", () => {
    const objects = rendered["overlays/namespaced"];
    expect(objects.filter((o) => !o.metadata.namespace).map((o) => o.kind)).toEqual(["Namespace"]);
    const listed = envOf(lifelineContainer(objects), "LIFELINE_NAMESPACES")!.split(",");
    expect(listed).toEqual(["default", "lifeline"]);
    for (const kind of ["Role", "RoleBinding"])
      expect(of(objects, kind).map((o) => o.metadata.namespace)).toEqual(listed);
    for (const role of of(objects, "Role"))
      expect(grants(role.rules as Rule[])).toEqual(
        [
          ...readAll("core", "pods"),
          "core pods/log get",
          ...readAll("core", "events"),
          ...readAll("events.k8s.io", "events"),
          ...WORKLOADS,
        ].sort(),
      );
    for (const b of of(objects, "RoleBinding"))
      expect(b.subjects).toEqual([
        { kind: "ServiceAccount", name: "lifeline", namespace: "lifeline" },
      ]);
  });

  it.each(VARIANTS)(
    "%s: every LIFELINE_* variable set is one Lifeline's code reads, and PORT too",
    (v) => {
      const code = [
        ...["lib", "app", "scripts"].flatMap((d) => sources(join(ROOT, d))),
        join(ROOT, "instrumentation.ts"),
        join(ROOT, "proxy.ts"),
      ]
        .map((f) => readFileSync(f, "utf8"))
        .join("\n");
      const names = (lifelineContainer(rendered[v]).env ?? []).map((e) => e.name);
      expect(names).toContain("LIFELINE_AUTH");
      for (const name of names.filter((n) => n !== "NODE_OPTIONS"))
        expect(code, `${name} is set in the manifests`).toMatch(new RegExp(`\\b${name}\\b`));
    },
  );

  it.each(VARIANTS)(
    "%s: Lifeline accepts the access configuration at boot, in a pod (lib/auth/config.ts)",
    (v) => {
      const c = lifelineContainer(rendered[v]);
      // The Secret's values as docs/deploy.md makes them: openssl rand -hex 24 / -hex 32.
      const secret: Record<string, string> = {
        "auth-token": "ab".repeat(24),
        secret: "cd".repeat(32),
      };
      const env: Record<string, string> = { KUBERNETES_SERVICE_HOST: "10.96.0.1" };
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (ref) {
          expect(ref.name).toBe("lifeline");
          expect(Object.keys(secret)).toContain(ref.key);
        }
        env[e.name] = ref ? secret[ref.key] : e.value!;
      }
      const config = authConfigFrom(env);
      expect(config.secret).toBe(secret.secret);
      if (v === "overlays/oauth2-proxy") {
        expect(config.mode).toBe("proxy");
        // Reachable from the kubelet and Prometheus; the header is believed from loopback only.
        expect(config.host).toBe("0.0.0.0");
        // Proxy mode has no admin token: the Secret needs no auth-token for it.
        expect(c.env?.map((e) => e.name)).not.toContain("LIFELINE_AUTH_TOKEN");
        // Only loopback is believed, and the proxy forwards to where Lifeline listens.
        expect(
          env.LIFELINE_TRUSTED_PROXIES.split(",").every((r) => isLoopbackHost(r.split("/")[0])),
        ).toBe(true);
        const proxy = podSpec(rendered[v]).containers.find((x) => x.name === "oauth2-proxy")!;
        expect(proxy.args).toContain(`--upstream=http://127.0.0.1:${env.PORT}/`);
        expect(proxy.args).toContain("--pass-user-headers=true");
        expect(proxy.args).toContain("--skip-auth-strip-headers=true");
        expect(config.proxyHeader).toBe("x-forwarded-email");
      } else {
        expect(config.mode).toBe("token");
        expect(config.adminToken).toBe(secret["auth-token"]);
        expect(config.host).toBe("0.0.0.0");
      }
    },
  );

  it("the memory limit is above the request, and the heap cap fits inside the request", () => {
    const c = lifelineContainer(base) as Container & {
      resources: { requests: Record<string, string>; limits: Record<string, string> };
    };
    const mib = (q: string) => {
      const m = /^(\d+)(Mi|Gi)$/.exec(q);
      if (!m) throw new Error(`memory quantity ${q}: write it in Mi or Gi`);
      return Number(m[1]) * (m[2] === "Gi" ? 1024 : 1);
    };
    expect(mib(c.resources.limits.memory)).toBeGreaterThan(mib(c.resources.requests.memory));
    const heap = Number(/--max-old-space-size=(\d+)/.exec(envOf(c, "NODE_OPTIONS") ?? "")?.[1]);
    expect(heap).toBeGreaterThan(0);
    expect(heap).toBeLessThanOrEqual(mib(c.resources.requests.memory));
  });

  it("the ingress overlay sends its TLS host to the Service's http port; the ServiceMonitor scrapes its metrics port", () => {
    const [ingress] = of(rendered["overlays/ingress"], "Ingress");
    const spec = ingress.spec as {
      tls: { hosts: string[]; secretName: string }[];
      rules: {
        host: string;
        http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] };
      }[];
    };
    expect(spec.tls[0].hosts).toContain(spec.rules[0].host);
    expect(spec.rules[0].http.paths[0].backend.service).toEqual({
      name: "lifeline",
      port: { name: "http" },
    });
    const [monitor] = of(rendered["overlays/servicemonitor"], "ServiceMonitor");
    expect(
      (monitor.spec as { endpoints: { port: string }[] }).endpoints.map((e) => e.port),
    ).toEqual(["metrics"]);
  });
});
