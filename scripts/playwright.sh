#!/usr/bin/env bash
# Makes the Web UI end-to-end test runnable: playwright-core (npm, pinned by tests/webui/package-lock.json)
# in a cached node_modules, driving Debian's Chromium (scripts/chromium.sh installs it; no browser is
# downloaded). The modules live under $CONTINUITY_CACHE (default ~/.cache/continuity)/webui and are
# reinstalled only when the lock file changes.
#
# Usage: scripts/playwright.sh   -> prints the node_modules path, or exits 2 saying what is missing
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

"$root/scripts/chromium.sh" >/dev/null
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "playwright: node and npm are needed for playwright-core (apt-get install nodejs npm)" >&2
  exit 2
fi

cache="${CONTINUITY_CACHE:-$HOME/.cache/continuity}/webui"
mkdir -p "$cache"
if [ ! -d "$cache/node_modules/playwright-core" ] || ! cmp -s "$root/tests/webui/package-lock.json" "$cache/package-lock.json"; then
  echo "playwright: installing playwright-core into $cache (once per lock file)..." >&2
  cp "$root/tests/webui/package.json" "$root/tests/webui/package-lock.json" "$cache/"
  (cd "$cache" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
echo "$cache/node_modules"
