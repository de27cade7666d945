#!/usr/bin/env bash
# Attribution queries and audience clustering over many users (docs/benchmarks-intelligence.md): a fresh embedded
# service from this tree's Release build, USERS journeys sent to it (default 1,000,000; QUICK=1: 20,000), then every
# attribution model's report and two clustering runs timed, with the service's RSS after each.
# Needs: dotnet build -c Release src/Silo bench/Intelligence.Bench; curl (bench/lib/embedded-service.sh also wants wrk).
# Knobs: USERS, QUICK, PORT (default 5391), SERVICE_ENV (extra settings for the service, e.g. "Attribution__LookbackDays=7").
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
port=${PORT:-5391}
script=intelligence-bench.sh
users=${USERS:-$([ -n "${QUICK:-}" ] && echo 20000 || echo 1000000)}
# shellcheck source=../lib/embedded-service.sh
source "$root/bench/lib/embedded-service.sh"
bench=$root/bench/Intelligence.Bench/bin/Release/net10.0/AdOrleans.Intelligence.Bench.dll
[ -f "$bench" ] || fail "build it first: dotnet build -c Release bench/Intelligence.Bench"

# shellcheck disable=SC2086 # SERVICE_ENV is a list of NAME=value words
start_service ${SERVICE_ENV:-}
echo "# commit $(git -C "$root" rev-parse --short HEAD), $(nproc) cores, service pid $svc"
run dotnet "$bench" "http://127.0.0.1:$port" admin-bench "$users" "$svc" || { tail -30 "$data/service.log" >&2; fail "the benchmark failed (the tail of the service log is above)"; }
