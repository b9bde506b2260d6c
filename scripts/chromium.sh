#!/usr/bin/env bash
# Makes the Web UI end-to-end test runnable: Debian's Chromium (apt) and playwright-core (npm, from
# tests/webui/package-lock.json) in a cached node_modules. Prints that node_modules directory.
#
# playwright-core drives the system Chromium (/usr/bin/chromium); no browser is downloaded. The
# modules are cached under $CONTINUITY_CACHE (default ~/.cache/continuity)/webui and reinstalled
# only when the lock file changes.
#
# Usage: scripts/chromium.sh   -> prints the node_modules path, or exits 2 saying what is missing
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "chromium: installing Debian's chromium (once)..." >&2
    apt-get install -y chromium >&2 || { apt-get update >&2 && apt-get install -y chromium >&2; }
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "chromium: installing Debian's chromium (once)..." >&2
    sudo -n apt-get install -y chromium >&2 || { sudo -n apt-get update >&2 && sudo -n apt-get install -y chromium >&2; }
  else
    echo "chromium: chromium is not installed and cannot be installed here (apt-get install chromium as root)" >&2
    exit 2
  fi
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "chromium: node and npm are needed for playwright-core (apt-get install nodejs npm)" >&2
  exit 2
fi

cache="${CONTINUITY_CACHE:-$HOME/.cache/continuity}/webui"
mkdir -p "$cache"
if [ ! -d "$cache/node_modules/playwright-core" ] || ! cmp -s "$root/tests/webui/package-lock.json" "$cache/package-lock.json"; then
  echo "chromium: installing playwright-core into $cache (once per lock file)..." >&2
  cp "$root/tests/webui/package.json" "$root/tests/webui/package-lock.json" "$cache/"
  (cd "$cache" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
echo "$cache/node_modules"
