#!/usr/bin/env bash
# Installs the Temporal CLI (dev server with SQLite persistence and the Web UI) and prints its path.
#
# It is built from source through the Go module proxy (pure Go, no cgo), because prebuilt
# binaries cannot be downloaded on machines that reach only package registries. The result is
# cached under $CONTINUITY_CACHE (default ~/.cache/continuity), so only the first run pays the
# build (about 4 minutes on 2 cores). v1.5.1 is the newest tag `go install` accepts: later tags
# carry a `replace` directive that `go install` refuses.
#
# Usage: scripts/temporal-cli.sh            -> prints the path of the temporal binary
#        TEMPORAL_CLI=/path/to/temporal ... -> uses that binary instead (prints it if it runs)
set -euo pipefail
version="${TEMPORAL_CLI_VERSION:-v1.5.1}"

if [ -n "${TEMPORAL_CLI:-}" ]; then
  "$TEMPORAL_CLI" --version >/dev/null 2>&1 || { echo "temporal-cli: TEMPORAL_CLI=$TEMPORAL_CLI does not run" >&2; exit 2; }
  echo "$TEMPORAL_CLI"; exit 0
fi

cache="${CONTINUITY_CACHE:-$HOME/.cache/continuity}/temporal-cli/$version"
bin="$cache/temporal"
if [ -x "$bin" ] && "$bin" --version >/dev/null 2>&1; then
  echo "$bin"; exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "temporal-cli: Go is needed to build the Temporal CLI $version (or set TEMPORAL_CLI to a temporal binary)" >&2
  exit 2
fi
mkdir -p "$cache"
echo "temporal-cli: building the Temporal CLI $version from the Go module proxy (once; a few minutes)..." >&2
CGO_ENABLED=0 GOBIN="$cache" GOFLAGS=-mod=mod go install "github.com/temporalio/cli/cmd/temporal@$version" >&2
"$bin" --version >/dev/null
echo "$bin"
