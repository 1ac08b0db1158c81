#!/usr/bin/env bash
# Installs Mesa's software Vulkan driver (llvmpipe) from Debian's bookworm-backports suite, so
# that Dawn, through the npm package `webgpu`, finds an adapter on a machine without a GPU.
# Bookworm itself has Mesa 22.3; the GPU tests were run with Mesa 25.0.7 from backports.
# Run as root. A second run only refreshes the package lists and finds the packages installed.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "install-webgpu-deps: must run as root (it adds an apt source and installs packages)" >&2
  exit 1
fi

main_sources=/etc/apt/sources.list.d/debian.sources
backports_sources=/etc/apt/sources.list.d/backports.sources
export DEBIAN_FRONTEND=noninteractive

# Backports comes from the mirror and key of the main Debian entry (deb822 format), the
# stanza whose URIs line ends in /debian; Debian's defaults apply when there is none.
if [ ! -f "$backports_sources" ]; then
  uri=http://deb.debian.org/debian
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  if [ -f "$main_sources" ]; then
    stanza=$(awk 'BEGIN { RS = "" } /(^|\n)URIs:[^\n]*\/debian\/?(\n|$)/ { print; exit }' "$main_sources")
    found_uri=$(printf '%s\n' "$stanza" | awk '$1 == "URIs:" { print $2; exit }')
    found_keyring=$(printf '%s\n' "$stanza" | awk '$1 == "Signed-By:" { print $2; exit }')
    uri=${found_uri:-$uri}
    keyring=${found_keyring:-$keyring}
  fi
  printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: %s\n' \
    "$uri" "$keyring" >"$backports_sources"
  echo "install-webgpu-deps: added $backports_sources ($uri)"
fi

apt-get update -qq
apt-get install -y -qq --no-install-recommends -t bookworm-backports \
  mesa-vulkan-drivers libvulkan1 >/dev/null

version=$(dpkg-query -W -f '${Version}' mesa-vulkan-drivers)
echo "install-webgpu-deps: mesa-vulkan-drivers $version installed"
