#!/usr/bin/env bash
# End-to-end tests of the operator dashboard: builds the service, starts it as a child process per
# test file, drives Debian's Chromium with playwright-core. Prints node's summary (# pass / # fail).
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "run.sh: chromium not found; installing Debian's chromium" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium >/dev/null
fi

dotnet build ../../src/Silo -c Release -nologo -v q >&2
npm ci --no-audit --no-fund --loglevel=error >/dev/null
node --test --test-concurrency=1 units.test.js dashboard.test.js intelligence.test.js fixture.test.js overview.test.js
