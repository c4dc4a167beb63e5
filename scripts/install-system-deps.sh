#!/usr/bin/env bash
# Installs the system packages Guardian needs on Debian or Ubuntu, only those that are missing.
# Usage: scripts/install-system-deps.sh [run|test]
#   run:  Qt runtime libraries, a CJK font and a Latin one (for the report card), espeak-ng, ALSA.
#   test: the same plus a virtual screen (xvfb, xauth) for tests and screenshots.
set -euo pipefail
purpose="${1:-run}"

packages=(
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 libxkbcommon0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxkbcommon-x11-0
  fonts-noto-cjk fonts-dejavu-core espeak-ng alsa-utils
)
if [ "$purpose" = "test" ]; then
  packages+=(xvfb xauth poppler-utils)
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "Guardian: this is not a Debian or Ubuntu system, so system packages are not installed automatically."
  echo "Please install with your package manager: Qt 6 runtime libraries, a Chinese font (Noto Sans CJK SC), espeak-ng."
  exit 0
fi

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Guardian: installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo_cmd=()
elif command -v sudo >/dev/null 2>&1; then
  sudo_cmd=(sudo)
else
  echo "Guardian: these packages are missing and I am not root and there is no sudo: ${missing[*]}" >&2
  echo "Please ask an administrator to run: apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
