# Sourced by the image scripts: podman with the settings these machines need (see docs/image.md).
# No default ulimits (setrlimit is refused in the sandbox), runc with cgroupfs (crun rejects the
# hybrid cgroup layout), vfs storage (no overlay), host networking (no bridge).
if [ -z "${CONTAINERS_CONF:-}" ]; then
  LIFELINE_PODMAN_CONF="${TMPDIR:-/tmp}/lifeline-containers.conf"
  printf '[containers]\ndefault_ulimits = []\n' >"$LIFELINE_PODMAN_CONF"
  export CONTAINERS_CONF="$LIFELINE_PODMAN_CONF"
fi
PM_ARGS=(--storage-driver=vfs --runtime=runc --cgroup-manager=cgroupfs)
pm() { podman "${PM_ARGS[@]}" "$@"; }
# Podman's storage remembers the driver it was first used with: a plain `podman` run before these
# scripts leaves it on another one, and every command here then fails. Say so in one sentence.
pm_check() {
  local out
  if ! out=$(pm info 2>&1 >/dev/null); then
    echo "podman does not work with the settings these scripts use (vfs storage, runc, cgroupfs): $out" >&2
    case "$out" in *"does not match our storage graph driver"*)
      echo "Its storage was first used with another driver; with no images worth keeping, remove /var/lib/containers/storage (or ~/.local/share/containers/storage) and try again." >&2 ;;
    esac
    exit 1
  fi
}
