#!/usr/bin/env bash
# Runs every test: unit tests on the in-process Temporal test server, integration tests on a real
# Temporal dev server (built and cached by scripts/temporal-cli.sh), the emulator contract tests,
# the HTML report and the Web UI approval in headless Chromium (scripts/chromium.sh, scripts/playwright.sh),
# the Blob report store on Azurite (scripts/azurite.sh).
# With CI=true the heavy suites run in their bounded form and every tool above is required;
# elsewhere a missing browser or Azurite only skips the tests that need it. CONTINUITY_FULL=1 runs heavy suites in full.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

TEMPORAL_CLI="$("$root/scripts/temporal-cli.sh")"
export TEMPORAL_CLI
echo "test: Temporal CLI at $TEMPORAL_CLI"

# tool VAR SCRIPT WHAT: runs SCRIPT (which installs and caches a tool, printing where it is) into VAR.
# Under CI a tool that cannot be had stops the run; elsewhere WHAT (the tests that need it) is skipped.
tool() {
  local var="$1" script="$2" what="$3" value
  if value="$("$root/scripts/$script")"; then
    printf -v "$var" '%s' "$value"
    echo "test: $var=$value"
  elif [ "${CI:-}" = "true" ]; then
    echo "test: scripts/$script failed, and under CI $what may not be skipped" >&2; exit 2
  else
    printf -v "$var" '%s' ""
    echo "test: scripts/$script failed: $what will be skipped" >&2
  fi
}

# Headless Chromium opens the HTML DR report (HtmlReportInChromiumTest).
tool CHROMIUM chromium.sh "the browser tests"
# playwright-core drives that Chromium through the Temporal Web UI (WebUiApprovalTest).
tool CONTINUITY_WEBUI_MODULES playwright.sh "the Web UI test"
# Azurite (the Azure Storage emulator) holds the Blob report store (ReportStoreOnAzuriteTest).
tool AZURITE_BLOB azurite.sh "the Blob report store test"
# The container images (images/): Jib builds them FROM a runtime of the local JDK (no registry needed)
# and ContainerImageIT runs each entrypoint in the unpacked image (scripts/image-runtime.sh).
tool CONTINUITY_IMAGE_RUNTIME image-runtime.sh "building the container images"
for var in CHROMIUM CONTINUITY_WEBUI_MODULES AZURITE_BLOB; do
  if [ -n "${!var}" ]; then export "${var?}"; else unset "$var"; fi
done
image_args=()
[ -z "$CONTINUITY_IMAGE_RUNTIME" ] || image_args=("-Dcontinuity.image.runtime=$CONTINUITY_IMAGE_RUNTIME")

exec ./mvnw -B -ntp verify "${image_args[@]}" "$@"
