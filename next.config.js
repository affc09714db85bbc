/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The cluster client and other server-only packages stay out of the client bundle.
  serverExternalPackages: ["@kubernetes/client-node", "better-sqlite3"],
};

module.exports = nextConfig;
