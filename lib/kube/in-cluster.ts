// The in-cluster configuration, as client-go's rest.InClusterConfig builds it: the API server at
// https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT, the service account's CA, and its
// token read from the projected file again whenever the kubelet rotates it (token-file.ts).
import { KubeConfig } from "@kubernetes/client-node";
import { existsSync, readFileSync } from "node:fs";
import { isIPv6 } from "node:net";
import { join } from "node:path";
import { log } from "../log/logger";
import { TokenFileAuthenticator, tokenFileUser } from "./token-file";

export const SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

export interface InClusterOptions {
  env?: Record<string, string | undefined>;
  /** Where the service-account folder is found (a test's temporary folder); default "/". */
  root?: string;
  /** The API server's address, in place of the service's (a test's plain-http demo cluster). */
  server?: string;
  log?: (line: string) => void;
}

export function inClusterKubeConfig(opts: InClusterOptions = {}): KubeConfig {
  const env = opts.env ?? process.env;
  const warn = opts.log ?? ((line: string) => log.warn(line));
  const dir = join(opts.root ?? "/", SERVICE_ACCOUNT_DIR);
  let server = opts.server;
  if (!server) {
    const host = env.KUBERNETES_SERVICE_HOST;
    const port = env.KUBERNETES_SERVICE_PORT;
    if (!host || !port)
      throw new Error(
        "in-cluster mode needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT (the kubelet sets both in every pod)",
      );
    server = `https://${isIPv6(host) ? `[${host}]` : host}:${port}`;
  }
  // client-go logs a CA it cannot use and goes on with the system's roots.
  const ca = join(dir, "ca.crt");
  const caFile = existsSync(ca) ? ca : undefined;
  if (!caFile)
    warn(`no service-account CA at ${ca}: trusting the system's certificate authorities`);
  const kc = new KubeConfig();
  // The names client-node's loadFromCluster gives (the context names this cluster's history).
  kc.loadFromOptions({
    clusters: [{ name: "inCluster", server, caFile, skipTLSVerify: false }],
    users: [tokenFileUser({ name: "inClusterUser" }, join(dir, "token"))],
    contexts: [
      {
        name: "inClusterContext",
        cluster: "inCluster",
        user: "inClusterUser",
        namespace: podNamespace(env, join(dir, "namespace")),
      },
    ],
    currentContext: "inClusterContext",
  });
  kc.addAuthenticator(new TokenFileAuthenticator());
  return kc;
}

/** client-go's inClusterClientConfig.Namespace: POD_NAMESPACE, else the service account's, else "default". */
function podNamespace(env: Record<string, string | undefined>, file: string): string {
  if (env.POD_NAMESPACE) return env.POD_NAMESPACE;
  try {
    const ns = readFileSync(file, "utf8").trim();
    if (ns) return ns;
  } catch {
    // no namespace file: the default
  }
  return "default";
}
