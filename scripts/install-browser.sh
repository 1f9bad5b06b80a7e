#!/usr/bin/env bash
# Make sure Debian's Chromium and ChromeDriver are installed for the browser tests.
# Playwright drives this executable (CHROMIUM, default /usr/bin/chromium); it never downloads one.
set -euo pipefail
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ -x "$chromium" ]; then
  exit 0
fi
echo "installing Debian's chromium and chromium-driver for the browser tests..."
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "error: run as root or install sudo, or: apt-get install chromium chromium-driver" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y --no-install-recommends chromium chromium-driver >/dev/null \
  || { $sudo apt-get update -qq && $sudo apt-get install -y --no-install-recommends chromium chromium-driver >/dev/null; }
"$chromium" --version
