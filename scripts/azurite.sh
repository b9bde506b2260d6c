#!/usr/bin/env bash
# Makes the Blob report store test runnable: Azurite, the Azure Storage emulator (npm, pinned by
# tests/azurite/package-lock.json), in a cached node_modules under $CONTINUITY_CACHE (default
# ~/.cache/continuity)/azurite, reinstalled only when the lock file changes.
#
# Usage: scripts/azurite.sh   -> prints the path of the azurite-blob launcher, or exits 2 saying what is missing
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "azurite: node and npm are needed for Azurite (apt-get install nodejs npm)" >&2
  exit 2
fi

cache="${CONTINUITY_CACHE:-$HOME/.cache/continuity}/azurite"
mkdir -p "$cache"
if [ ! -x "$cache/node_modules/.bin/azurite-blob" ] || ! cmp -s "$root/tests/azurite/package-lock.json" "$cache/package-lock.json"; then
  echo "azurite: installing Azurite into $cache (once per lock file)..." >&2
  cp "$root/tests/azurite/package.json" "$root/tests/azurite/package-lock.json" "$cache/"
  if ! (cd "$cache" && npm ci --no-audit --no-fund --loglevel=error >&2); then
    rm -f "$cache/package-lock.json"
    echo "azurite: npm ci failed" >&2
    exit 2
  fi
fi
echo "$cache/node_modules/.bin/azurite-blob"
