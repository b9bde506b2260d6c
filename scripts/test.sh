#!/usr/bin/env bash
# Runs every test: unit tests on the in-process Temporal test server, integration tests on a real
# Temporal dev server (built and cached by scripts/temporal-cli.sh), the emulator contract tests.
# With CI=true the heavy suites run in their bounded form; CONTINUITY_FULL=1 runs them in full.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

TEMPORAL_CLI="$("$root/scripts/temporal-cli.sh")"
export TEMPORAL_CLI
echo "test: Temporal CLI at $TEMPORAL_CLI"

exec ./mvnw -B -ntp verify "$@"
