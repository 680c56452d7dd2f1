#!/usr/bin/env bash
# The allocation service's browser tests in headless Chromium.
#
#   Tests/AllocationServiceTests/Browser/run.sh SCREENSHOT_FOLDER [PREVENT_BINARY]
#
# Installs Chromium, its driver and Selenium when missing, then runs browser_test.py against
# `prevent serve` on a fresh register. PREVENT_BINARY defaults to .build/debug/prevent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
screenshots="${1:?usage: run.sh SCREENSHOT_FOLDER [PREVENT_BINARY]}"
prevent="${2:-$root/.build/debug/prevent}"

sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver
fi
python3 -c 'import selenium' 2>/dev/null || python3 -m pip install -q selenium
[ -x "$prevent" ] || { echo "error: $prevent is not built; run swift build first" >&2; exit 1; }
python3 "$here/browser_test.py" --prevent "$prevent" --screenshots "$screenshots"
