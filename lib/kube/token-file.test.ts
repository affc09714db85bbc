// TokenFile: the token as client-go reads it (trimmed; the last good one kept when the file cannot
// be read), read again when the file changes or is a minute old; and the in-cluster config built
// from the service-account folder as client-go's InClusterConfig builds it.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { inClusterKubeConfig, SERVICE_ACCOUNT_DIR } from "./in-cluster";
import { TokenFile } from "./token-file";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "lifeline-token-"));
  dirs.push(d);
  return d;
};

describe("TokenFile", () => {
  it("trims the token, keeps the last good one while the file is empty or gone, reads a change at once", async () => {
    const path = join(tempDir(), "token");
    const lines: string[] = [];
    let now = 0;
    const file = new TokenFile(path, { now: () => now, log: (l) => lines.push(l) });
    await expect(file.current()).rejects.toThrow(`no token could be read from ${path}`);
    writeFileSync(path, "  first\n");
    expect(await file.current()).toBe("first");
    writeFileSync(path, "");
    expect(await file.current()).toBe("first");
    rmSync(path);
    expect(await file.current()).toBe("first");
    writeFileSync(path, "second\n");
    expect(await file.current()).toBe("second");
    expect(lines).toEqual([
      `cannot read the token file ${path} (ENOENT: no such file or directory, open '${path}'); no token to send`,
      `cannot read the token file ${path} (the file is empty); still sending the token read before`,
      `cannot read the token file ${path} (ENOENT: no such file or directory, open '${path}'); still sending the token read before`,
      `the token file ${path} changed: requests now carry the new token`,
    ]);
    // Unchanged to a stat, it is read again once a minute has passed (client-go's period).
    now += 59_000;
    expect(await file.current()).toBe("second");
    expect(lines).toHaveLength(4);
    if (process.getuid?.() !== 0) {
      chmodSync(path, 0o000);
      now += 1_000;
      expect(await file.current()).toBe("second");
      expect(lines[4]).toContain("EACCES");
    }
  });

  it("sends the token given beside the file until the file can be read", async () => {
    const path = join(tempDir(), "token");
    const file = new TokenFile(path, { fallback: "static", log: () => {} });
    expect(await file.current()).toBe("static");
    writeFileSync(path, "from-file");
    expect(await file.current()).toBe("from-file");
  });
});

describe("inClusterKubeConfig", () => {
  it("builds https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT with the CA, the token file and the namespace", async () => {
    const root = tempDir();
    const dir = join(root, SERVICE_ACCOUNT_DIR);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "token"), "sa-token\n");
    writeFileSync(join(dir, "ca.crt"), "-----BEGIN CERTIFICATE-----\n");
    writeFileSync(join(dir, "namespace"), "lifeline\n");
    const env = { KUBERNETES_SERVICE_HOST: "fd00::1", KUBERNETES_SERVICE_PORT: "443" };
    const kc = inClusterKubeConfig({ env, root, log: () => {} });
    expect(kc.getCurrentCluster()).toMatchObject({
      server: "https://[fd00::1]:443",
      caFile: join(dir, "ca.crt"),
      skipTLSVerify: false,
    });
    expect(kc.getContextObject(kc.getCurrentContext())?.namespace).toBe("lifeline");
    const opts: { headers?: Record<string, string> } = {};
    await kc.applyToHTTPSOptions(opts);
    expect(opts.headers?.Authorization).toBe("Bearer sa-token");
    const withEnv = inClusterKubeConfig({ env: { ...env, POD_NAMESPACE: "ops" }, root });
    expect(withEnv.getContextObject(withEnv.getCurrentContext())?.namespace).toBe("ops");
    expect(() =>
      inClusterKubeConfig({ env: { KUBERNETES_SERVICE_HOST: "10.0.0.1" }, root }),
    ).toThrow("in-cluster mode needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT");
  });
});
