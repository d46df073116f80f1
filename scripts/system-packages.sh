#!/usr/bin/env bash
# Install the Debian packages a target needs, only those that are missing.
# Usage: scripts/system-packages.sh GROUP...   groups: postgres redis varnish bench browser
#
# The project installs its own services (contracts.md §6): nothing is expected to have been
# installed by hand. Needs root (or sudo) only when something is actually missing.
set -euo pipefail

declare -A CHECK=(
  [postgres]=/usr/lib/postgresql/15/bin/pg_ctl
  [redis]=/usr/bin/redis-server
  [varnish]=/usr/sbin/varnishd
  [bench]=/usr/bin/wrk
  [browser]=/usr/bin/chromium
)
declare -A PACKAGES=(
  [postgres]="postgresql-15 postgresql-contrib"
  [redis]="redis-server"
  [varnish]="varnish"
  [bench]="wrk nginx-light"
  [browser]="chromium fonts-dejavu-core"
)

missing=()
for group in "$@"; do
  [ -n "${CHECK[$group]:-}" ] || { echo "system-packages: unknown group '$group'" >&2; exit 2; }
  [ -x "${CHECK[$group]}" ] || missing+=(${PACKAGES[$group]})
done
# nginx-light ships with its own check: the bench group needs both wrk and nginx.
for group in "$@"; do
  if [ "$group" = bench ] && [ ! -x /usr/sbin/nginx ]; then missing+=(nginx-light); fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "system-packages: need root to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
echo "system-packages: installing ${missing[*]} (Debian packages) ..."
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# policy-rc.d: installing must not start the distribution's own services on their default
# ports; the project starts its own instances under .cache/.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod +x "$policy"
  created_policy=1
fi
status=0
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || status=$?
[ $created_policy -eq 1 ] && $SUDO rm -f "$policy"
[ $status -eq 0 ] || { echo "system-packages: apt-get install failed ($status)" >&2; exit $status; }
echo "system-packages: installed ${missing[*]}"
