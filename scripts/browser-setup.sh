#!/usr/bin/env bash
# Installs what the browser tests (it/.../Ui*IT.java) need: Debian's chromium and chromium-driver, which give
# /usr/bin/chromium and /usr/bin/chromedriver (Selenium), and firefox-esr (driven over WebDriver BiDi, no
# geckodriver). Idempotent: does nothing when all three are already there. Run as root
# (CI does); set DROVER_REQUIRE_BROWSER=1 for the tests to fail instead of skipping when they are missing.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 \
    && command -v firefox-esr >/dev/null 2>&1; then
  echo "browser-setup: $(chromium --version 2>/dev/null | head -n 1), chromedriver and firefox-esr already installed"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "browser-setup: not root; run: sudo apt-get install -y chromium chromium-driver firefox-esr" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver firefox-esr
echo "browser-setup: installed $(chromium --version 2>/dev/null | head -n 1) and $(firefox-esr --version 2>/dev/null)"
