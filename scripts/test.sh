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

# Headless Chromium opens the HTML DR report (HtmlReportInChromiumTest).
if CHROMIUM="$("$root/scripts/chromium.sh")"; then
  export CHROMIUM
  echo "test: Chromium at $CHROMIUM"
elif [ "${CI:-}" = "true" ]; then
  echo "test: Chromium is required under CI (scripts/chromium.sh failed)" >&2; exit 2
else
  echo "test: no Chromium: the browser tests will be skipped" >&2
fi

# playwright-core drives that Chromium through the Temporal Web UI (WebUiApprovalTest).
if CONTINUITY_WEBUI_MODULES="$("$root/scripts/playwright.sh")"; then
  export CONTINUITY_WEBUI_MODULES
  echo "test: playwright-core at $CONTINUITY_WEBUI_MODULES"
elif [ "${CI:-}" = "true" ]; then
  echo "test: the Web UI test needs playwright-core under CI (scripts/playwright.sh failed)" >&2; exit 2
else
  echo "test: no playwright-core: the Web UI test will be skipped" >&2
fi

# Azurite (the Azure Storage emulator) holds the Blob report store (ReportStoreOnAzuriteTest).
if AZURITE_BLOB="$("$root/scripts/azurite.sh")"; then
  export AZURITE_BLOB
  echo "test: Azurite at $AZURITE_BLOB"
elif [ "${CI:-}" = "true" ]; then
  echo "test: the Blob report store test needs Azurite under CI (scripts/azurite.sh failed)" >&2; exit 2
else
  echo "test: no Azurite: the Blob report store test will be skipped" >&2
fi

# The container images (images/): Jib builds them FROM a runtime of the local JDK (no registry needed)
# and ContainerImageIT runs each entrypoint in the unpacked image (scripts/image-runtime.sh).
image_args=()
if CONTINUITY_IMAGE_RUNTIME="$("$root/scripts/image-runtime.sh")"; then
  image_args=("-Dcontinuity.image.runtime=$CONTINUITY_IMAGE_RUNTIME")
  echo "test: image runtime at $CONTINUITY_IMAGE_RUNTIME"
elif [ "${CI:-}" = "true" ]; then
  echo "test: the image tests need scripts/image-runtime.sh under CI (it failed)" >&2; exit 2
else
  echo "test: no image runtime: the container images are not built" >&2
fi

exec ./mvnw -B -ntp verify "${image_args[@]}" "$@"
