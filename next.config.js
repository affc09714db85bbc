/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The image (Dockerfile) builds with LIFELINE_STANDALONE=1: Next copies the server files and only
  // the dependencies they use into .next/standalone, which is all the image holds (docs/image.md).
  // sharp (image optimisation, unused: no next/image) stays out of it.
  ...(process.env.LIFELINE_STANDALONE === "1"
    ? {
        output: "standalone",
        outputFileTracingExcludes: { "*": ["node_modules/sharp/**", "node_modules/@img/**"] },
      }
    : {}),
  // The cluster client and other server-only packages stay out of the client bundle.
  serverExternalPackages: ["@kubernetes/client-node", "better-sqlite3", "prom-client"],
  // Pages and API routes get their security headers from proxy.ts (with a per-request CSP nonce);
  // the build's static files do not pass through it, so they get theirs here.
  async headers() {
    return [
      {
        source: "/_next/static/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
