#!/usr/bin/env bash
# Renders k8s/overlays/{dev,prod} with `kubectl kustomize` and validates them.
# No cluster needed. Prints node's test summary (# tests / # pass / # fail).
set -euo pipefail
cd "$(dirname "$0")"

KUBECTL="${KUBECTL:-kubectl}"
if ! "$KUBECTL" kustomize --help >/dev/null 2>&1; then
  # Debian's kubernetes-client (kubectl 1.20, kustomize v2.0.3): the manifests are
  # written to render with it as well as with current kustomize.
  echo "run.sh: $KUBECTL kustomize not available; installing kubernetes-client" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq kubernetes-client >/dev/null
  KUBECTL=kubectl
fi
export KUBECTL
echo "run.sh: using $("$KUBECTL" version --client 2>/dev/null | head -1)" >&2

npm ci --no-audit --no-fund --loglevel=error >/dev/null
node --test manifests.test.js checks.test.js
