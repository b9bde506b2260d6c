#!/usr/bin/env bash
# Runs every test: unit tests on the in-process Temporal test server, integration tests on a real
# Temporal dev server (built and cached by scripts/temporal-cli.sh), the emulator contract tests,
# the HTML report in headless Chromium (installed by scripts/chromium.sh).
# With CI=true the heavy suites run in their bounded form; CONTINUITY_FULL=1 runs them in full.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

TEMPORAL_CLI="$("$root/scripts/temporal-cli.sh")"
export TEMPORAL_CLI
echo "test: Temporal CLI at $TEMPORAL_CLI"

# Headless Chromium opens the HTML DR report; outside CI a missing Chromium only skips that test.
if CHROMIUM="$("$root/scripts/chromium.sh")"; then
  export CHROMIUM
  echo "test: Chromium at $CHROMIUM"
elif [ "${CI:-}" = "true" ]; then
  echo "test: Chromium is required under CI" >&2; exit 2
fi

exec ./mvnw -B -ntp verify "$@"
