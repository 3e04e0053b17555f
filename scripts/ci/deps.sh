#!/usr/bin/env bash
# Installs the system libraries roo links against (libzstd-dev, zlib1g-dev, libbrotli-dev, pkg-config),
# when they are missing. Needs root (or sudo) on Debian/Ubuntu.
set -euo pipefail
if pkg-config --exists libzstd zlib libbrotlidec 2>/dev/null; then exit 0; fi
if command -v apt-get >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq libzstd-dev zlib1g-dev libbrotli-dev pkg-config >/dev/null
else
  echo "roo needs libzstd (pkg-config libzstd): install it with your package manager" >&2
  exit 1
fi
