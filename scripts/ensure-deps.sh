#!/usr/bin/env bash
# Installs the Debian packages CriticKit needs when run as root; otherwise prints the apt-get line
# and stops. Used by `make demo`, `make test` and .ci/run.
set -euo pipefail
packages=(pkg-config libicu-dev libxml2-dev libopenblas-dev unicode-data xz-utils)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "CriticKit needs these Debian packages. Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
