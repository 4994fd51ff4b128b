#!/usr/bin/env bash
# Makes a Docker engine and the test image local/busybox:latest available on this machine.
# Idempotent; run as root. No registry is reachable here, so the image is built by `docker import`.
set -euo pipefail

IMAGE="${DROVER_TEST_IMAGE:-local/busybox:latest}"
SOCK=/var/run/docker.sock
LOG="${DOCKERD_LOG:-/var/log/dockerd.log}"
DEADLINE_SECONDS="${DOCKERD_WAIT_SECONDS:-60}"

say() { echo "docker-setup: $*"; }

engine_up() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if [ "$(id -u)" != 0 ]; then
  say "must run as root" >&2
  exit 1
fi

if engine_up; then
  say "engine already reachable at $SOCK ($(docker version --format '{{.Server.Version}}'))"
else
  missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  [ -x /bin/busybox ] || [ -x /usr/bin/busybox ] || missing+=(busybox-static)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} (apt-get update once, then install)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
  if ! pgrep -x dockerd >/dev/null 2>&1; then
    say "starting dockerd in the background, log in $LOG"
    nohup dockerd >"$LOG" 2>&1 &
  else
    say "dockerd already running, waiting for it to answer"
  fi
  say "waiting up to ${DEADLINE_SECONDS}s for $SOCK"
  end=$((SECONDS + DEADLINE_SECONDS))
  until [ -S "$SOCK" ] && engine_up; do
    if [ $SECONDS -ge $end ]; then
      say "dockerd did not answer within ${DEADLINE_SECONDS}s; last log lines:" >&2
      tail -n 30 "$LOG" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
  say "engine up ($(docker version --format '{{.Server.Version}}'))"
fi

if [ -n "$(docker images -q "$IMAGE" 2>/dev/null)" ]; then
  say "image $IMAGE already present"
  exit 0
fi

BUSYBOX=""
for candidate in /bin/busybox /usr/bin/busybox; do
  if [ -x "$candidate" ]; then BUSYBOX="$candidate"; break; fi
done
if [ -z "$BUSYBOX" ]; then
  say "installing busybox-static for the test image"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends busybox-static
  BUSYBOX=/bin/busybox
fi
if ! file -L "$BUSYBOX" 2>/dev/null | grep -q 'statically linked' && ldd "$BUSYBOX" >/dev/null 2>&1; then
  say "$BUSYBOX is dynamically linked; installing busybox-static"
  apt-get install -y -q --no-install-recommends busybox-static
  BUSYBOX=/bin/busybox
fi

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
say "building $IMAGE from $BUSYBOX in $root"
mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/www" "$root/proc" "$root/sys" "$root/dev"
chmod 1777 "$root/tmp"
cp "$BUSYBOX" "$root/bin/busybox"
for applet in sh ash sleep httpd echo cat ls ps kill true false env id wget nc head tail dd yes \
              mkdir rm cp mv touch date printf seq sync stat hostname; do
  ln -sf busybox "$root/bin/$applet"
done
echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>"$root/etc/passwd"
echo 'root:x:0:' >"$root/etc/group"
echo 'nogroup:x:65534:' >>"$root/etc/group"
echo 'drover' >"$root/www/index.html"
tar -C "$root" -c . | docker import \
  --change 'ENV PATH=/bin' \
  --change 'CMD ["/bin/sh"]' \
  - "$IMAGE" >/dev/null
say "image $IMAGE built ($(docker images -q "$IMAGE"))"
