#!/usr/bin/env bash
# Installs Chromium from the Debian archive when it is missing and prints its path. The HTML DR
# report is opened in headless Chromium by HtmlReportInChromiumTest (it skips without Chromium
# outside CI and fails without it under CI=true).
#
# Usage: scripts/chromium.sh          -> prints the path of chromium
#        CHROMIUM=/path/to/chromium   -> uses that binary instead
set -euo pipefail

if [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; then echo "$CHROMIUM"; exit 0; fi
for name in chromium chromium-browser; do
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; exit 0; fi
done

if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: not installed and no apt-get here; install Chromium or set CHROMIUM" >&2
  exit 2
fi
sudo=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "chromium: not installed, and installing it needs root (apt-get install -y chromium)" >&2; exit 2
  fi
fi
echo "chromium: installing from the Debian archive (once)" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get install -y chromium >&2 || { $sudo apt-get update >&2 && $sudo apt-get install -y chromium >&2; }
command -v chromium
