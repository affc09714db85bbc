# Lifeline's image: `docker build -t lifeline:0.1.0 .` (or podman; docs/image.md).
# Two stages on the official node:22-bookworm-slim (NODE_MAJOR; docs/image.md says why this
# machine's test builds on 24): the build stage compiles the native module (better-sqlite3) and
# builds Next; the runtime stage holds Next's standalone output (only the files the server needs,
# traced by Next) and runs as a non-root user on a read-only root.
ARG NODE_MAJOR=22

FROM node:${NODE_MAJOR}-bookworm-slim AS build
# Only for machines whose HTTPS goes through a proxy with its own CA (passed with --build-arg and
# the CA bundle mounted); empty in an ordinary build. Never copied into the runtime stage.
ARG NODE_EXTRA_CA_CERTS
ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /src
COPY package.json package-lock.json ./
# One layer for the tools and the dependencies: python3, make and g++ compile better-sqlite3
# against the headers the image ships beside node (/usr/local/include/node), not downloaded ones.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/* \
 && npm_config_nodedir=/usr/local npm ci --no-audit --no-fund \
 && npm cache clean --force
COPY . .
# LIFELINE_STANDALONE=1: next.config.js asks for output "standalone", where Next copies the server
# files and only the dependencies they use (traced) into .next/standalone; that replaces pruning
# node_modules (the pruned tree made a 757 MB image, this one 324 MB; docs/image.md).
# /out/app is what the runtime holds: the traced build and node_modules, the static assets, public/
# and the custom server with the log options it imports outside Next's bundles (pino and
# pino-pretty are traced, the server uses them too). Tracing also copies the sources: left out.
RUN LIFELINE_STANDALONE=1 npx next build \
 && mkdir -p /out/app/scripts /out/app/lib/log /out/data \
 && cp -a .next/standalone/.next .next/standalone/node_modules .next/standalone/package.json /out/app/ \
 && rm -rf /out/app/.next/cache \
 && cp -a .next/static /out/app/.next/static \
 && cp -a public /out/app/public \
 && cp scripts/start.mjs scripts/server-errors.mjs scripts/shutdown.mjs /out/app/scripts/ \
 && cp lib/log/options.mjs /out/app/lib/log/

# The runtime: root owns /app (read-only to the server), uid 10001 owns /data. LIFELINE_SKIP_BUILD:
# scripts/start.mjs serves the build as it is and never tries to build (there are no sources).
FROM node:${NODE_MAJOR}-bookworm-slim
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 LIFELINE_HOST=0.0.0.0 PORT=3000 \
    LIFELINE_DATA_DIR=/data LIFELINE_LOG_FORMAT=json LIFELINE_SKIP_BUILD=1
WORKDIR /app
COPY --from=build /out/app /app
COPY --from=build --chown=10001:10001 /out/data /data
USER 10001:10001
VOLUME /data
EXPOSE 3000 9090
CMD ["node", "scripts/start.mjs"]
