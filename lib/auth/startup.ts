// At boot (instrumentation.ts): a server reachable from other machines without access control
// refuses to serve at all; otherwise one line says how access works here.
import { log } from "../log/logger";
import { authConfigFrom } from "./config";

export function checkAccessOrExit(env: Record<string, string | undefined> = process.env): void {
  try {
    const auth = authConfigFrom(env);
    if (auth.mode === "token")
      log.info(
        { access: "token", viewerTokens: !!auth.secret },
        `access: admin token (sign in, or Authorization: Bearer)${auth.secret ? "; viewer tokens accepted" : ""}`,
      );
    if (auth.mode === "proxy")
      log.info(
        {
          access: "proxy",
          header: auth.proxyHeader,
          from: auth.trustedProxies.map((r) => r.text),
          viewerTokens: !!auth.secret,
        },
        `access: user header ${auth.proxyHeader} from ${auth.trustedProxies.map((r) => r.text).join(", ")}${auth.secret ? "; viewer tokens accepted" : ""}`,
      );
  } catch (err) {
    log.error((err as Error).message);
    process.exit(1);
  }
}
