#!/usr/bin/env bash
# `npm run test:image`: builds Lifeline's image with podman and runs it the way a cluster would
# (read-only root, a tmpfs /tmp, a data volume, the demo cluster since no kubeconfig is inside,
# token access since it listens on 0.0.0.0), then checks it: ready, serves / with the token and
# refuses it without, runs as uid 10001, cannot write its root filesystem, stops on SIGTERM with
# code 0. Prints the image size and the time from the container's start to ready. docs/image.md.
#   TEST_IMAGE_PORT   the port it listens on (host network; default 3100, metrics on the next one)
#   TEST_IMAGE_NAME   the tag to build (default lifeline:0.1.0)
#   TEST_IMAGE_SKIP_BUILD=1  test the image already tagged, without building
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
. scripts/image/podman-env.sh

image=${TEST_IMAGE_NAME:-lifeline:0.1.0}
port=${TEST_IMAGE_PORT:-3100}
base_url="http://127.0.0.1:$port"
name="lifeline-test-image-$$"
token=$(node -e 'console.log(require("node:crypto").randomBytes(24).toString("hex"))')
data=""
started_all=$(date +%s)

fail() {
  echo "test:image FAILED: $*" >&2
  if [ -n "$name" ] && pm container exists "$name" 2>/dev/null; then
    echo "--- the container's last log lines ---" >&2
    pm logs --tail 30 "$name" >&2 || true
  fi
  exit 1
}
cleanup() {
  pm rm -f -t 0 "$name" >/dev/null 2>&1 || true
  [ -n "$data" ] && rm -rf "$data"
}
trap cleanup EXIT

command -v podman >/dev/null || fail "podman is not installed (apt-get install podman runc debootstrap)."
if curl -s -o /dev/null --max-time 2 "$base_url/"; then
  fail "something already listens on port $port; set TEST_IMAGE_PORT to a free one."
fi

# 1. The base image (made locally when there is no registry) and the image.
bash scripts/image/base-image.sh
if [ "${TEST_IMAGE_SKIP_BUILD:-}" != "1" ]; then
  echo "test:image: building $image…"
  t=$(date +%s)
  build_args=()
  # A machine whose HTTPS goes through a proxy with its own CA: lend the bundle to the npm step.
  if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -d /etc/ssl/certs ]; then
    build_args+=(-v /etc/ssl/certs:/etc/ssl/certs:ro --build-arg "NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS")
  fi
  # Node 24 here, not the Dockerfile's default 22: no Node 22 headers are reachable offline to
  # compile better-sqlite3 against (docs/image.md); base-image.sh makes node:24-bookworm-slim.
  # Bounded, and tried twice: an npm ci inside the build once sat for 20 minutes on 15 registry
  # connections that moved no bytes (npm's own timeout never fired). The second try starts from the
  # layers the first one finished. TEST_IMAGE_BUILD_TIMEOUT: seconds per try (default 1800; a cold
  # build took 1,053 s here under load), so a stalled build still ends inside CI's 90 minutes.
  limit=${TEST_IMAGE_BUILD_TIMEOUT:-1800}
  build() {
    timeout --kill-after=30 "$limit" podman "${PM_ARGS[@]}" build --network=host --build-arg NODE_MAJOR=24 "${build_args[@]}" -t "$image" . >/tmp/lifeline-test-image-build.log 2>&1
  }
  if ! build; then
    tail -20 /tmp/lifeline-test-image-build.log >&2
    echo "test:image: the build failed or did not finish in $limit s; trying once more…" >&2
    build || { tail -40 /tmp/lifeline-test-image-build.log >&2; fail "the image did not build in two tries of at most $limit s (log: /tmp/lifeline-test-image-build.log)."; }
  fi
  echo "test:image: built in $(($(date +%s) - t)) s"
fi
pm image exists "$image" || fail "there is no image $image."
size=$(pm image inspect --format '{{.Size}}' "$image")
echo "test:image: image size $((size / 1000000)) MB ($size bytes; base $(($(pm image inspect --format '{{.Size}}' docker.io/library/node:24-bookworm-slim) / 1000000)) MB)"

# 2. Run it as a cluster would: read-only root, tmpfs /tmp, a data folder owned by uid 10001.
data=$(mktemp -d)
if [ "$(id -u)" = 0 ]; then chown 10001:10001 "$data"; else pm unshare chown 10001:10001 "$data"; fi
# Created first, then started: with vfs storage creating copies the image's files, which is
# podman's cost here, not the server's; the start-to-ready time is measured from the start.
t_create=$(date +%s%N)
pm create --name "$name" --network=host --read-only --tmpfs /tmp:rw,size=64m \
  -v "$data:/data" -e PORT="$port" -e LIFELINE_METRICS_PORT=$((port + 1)) \
  -e LIFELINE_AUTH=token -e LIFELINE_AUTH_TOKEN="$token" "$image" >/dev/null ||
  fail "podman could not create the container."
t0=$(date +%s%N)
pm start "$name" >/dev/null || fail "podman could not start the container."

ready=""
for _ in $(seq 1 600); do
  body=$(curl -s --max-time 2 "$base_url/api/readyz" || true)
  case "$body" in *'"ready":true'*) ready=1; break ;; esac
  [ "$(pm inspect --format '{{.State.Running}}' "$name")" = true ] || fail "the container exited before it was ready."
  sleep 0.2
done
[ -n "$ready" ] || fail "/api/readyz did not answer ready within 120 s (last answer: ${body:-none})."
echo "test:image: ready $((($(date +%s%N) - t0) / 1000000)) ms after podman start (creating the container took $(((t0 - t_create) / 1000000)) ms; $body)"

# 3. What it serves.
code=$(curl -s -o /tmp/lifeline-test-image-page.html -w '%{http_code} %{content_type}' \
  -H "Authorization: Bearer $token" "$base_url/")
case "$code" in "200 text/html"*) ;; *) fail "/ with the token answered \"$code\", not 200 with HTML." ;; esac
grep -q '<html' /tmp/lifeline-test-image-page.html || fail "/ with the token is not an HTML page."
code=$(curl -s -o /dev/null -w '%{http_code}' "$base_url/")
case "$code" in 2*) fail "/ without a token answered $code: access is not enforced." ;; esac
code=$(curl -s -o /dev/null -w '%{http_code}' "$base_url/api/pods")
[ "$code" = 401 ] || fail "/api/pods without a token answered $code, not 401."
code=$(curl -s -o /dev/null -w '%{http_code}' "$base_url/api/healthz")
[ "$code" = 200 ] || fail "/api/healthz answered $code, not 200."
echo "test:image: / serves HTML with the token and is refused without it"

# 4. Non-root, read-only root, writable /data and /tmp.
uids=$(pm exec "$name" sh -c 'grep ^Uid: /proc/1/status' | awk '{print $2, $3, $4, $5}')
[ "$uids" = "10001 10001 10001 10001" ] || fail "the server process runs with uids \"$uids\", not 10001."
if pm exec "$name" sh -c 'touch /app/probe' 2>/dev/null; then fail "/app is writable: the root filesystem is not read-only."; fi
pm exec "$name" sh -c 'touch /data/probe /tmp/probe && rm /data/probe /tmp/probe' ||
  fail "/data or /tmp is not writable by the server's user."
[ -n "$(ls -A "$data")" ] || fail "the server wrote nothing into its data volume."
if pm logs "$name" 2>&1 | grep -E 'EROFS|read-only file system|EACCES'; then
  fail "the server tried to write where it may not (lines above)."
fi
echo "test:image: runs as uid 10001 on a read-only root; /data and /tmp are writable"

# 5. SIGTERM (podman stop sends it, then SIGKILL after 30 s) ends it promptly with code 0.
t=$(date +%s%N)
pm stop -t 30 "$name" >/dev/null
stop_ms=$((($(date +%s%N) - t) / 1000000))
exit_code=$(pm inspect --format '{{.State.ExitCode}}' "$name")
[ "$exit_code" = 0 ] || fail "after SIGTERM the server exited with code $exit_code, not 0."
[ "$stop_ms" -lt 15000 ] || fail "the server took $stop_ms ms to stop after SIGTERM (more than 15 s)."
echo "test:image: stopped $stop_ms ms after SIGTERM, exit code 0"
echo "test:image: passed in $(($(date +%s) - started_all)) s"
