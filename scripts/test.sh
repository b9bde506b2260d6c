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

# Headless Chromium and playwright-core for the Web UI approval test (WebUiApprovalTest). Under
# CI=true a missing browser fails the build; elsewhere the test is skipped.
if CONTINUITY_WEBUI_MODULES="$("$root/scripts/chromium.sh")"; then
  export CONTINUITY_WEBUI_MODULES
  echo "test: playwright-core at $CONTINUITY_WEBUI_MODULES, Chromium at $(command -v chromium)"
elif [ "${CI:-}" = "true" ]; then
  echo "test: the Web UI test needs Chromium and playwright-core (scripts/chromium.sh failed)" >&2
  exit 2
else
  echo "test: no Chromium/playwright-core: the Web UI test will be skipped" >&2
fi

exec ./mvnw -B -ntp verify "$@"
