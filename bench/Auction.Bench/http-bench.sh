#!/bin/bash
# One end-to-end run (docs/benchmarks-ads.md): a fresh service from the Release build with a temporary data
# directory, the `http` bench (seeding, wrk against the bare endpoint and /v1/auction), then CPU_SECONDS (10) more of
# wrk on /v1/auction while reading the service's CPU time from /proc: CPU per auction, which load on the shared
# cores disturbs far less than req/s. WRK_SECONDS (15): each wrk run of the `http` bench. Needs wrk.
# Build first: dotnet build -c Release src/Silo && dotnet build -c Release bench/Auction.Bench
# The service runs from src/Silo so its appsettings.json applies (as in the container image, WORKDIR /app).
# Exits non-zero when the service does not start, the bench fails (its exit code) or wrk reports failed requests;
# SIGINT/SIGTERM stop the service and the bench (exit 130/143).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
port=${PORT:-5381}
wrk_seconds=${WRK_SECONDS:-15}
cpu_seconds=${CPU_SECONDS:-10}
command -v wrk >/dev/null || { echo "http-bench.sh: wrk not found (Debian: apt-get install wrk)" >&2; exit 1; }
data=$(mktemp -d)
svc=""
child=""
cleanup() {
  [ -z "$child" ] || kill "$child" 2>/dev/null || true
  [ -z "$svc" ] || { kill "$svc" 2>/dev/null; wait "$svc" 2>/dev/null; } || true
  rm -rf "$data"
}
trap cleanup EXIT
trap 'echo "# SIGINT: stopping" >&2; exit 130' INT
trap 'echo "# SIGTERM: stopping" >&2; exit 143' TERM
# Children run in the background and are waited for, so that a signal to this script is handled at once.
run() { "$@" & child=$!; wait "$child"; local rc=$?; child=""; return $rc; }

cd "$root/src/Silo"
Auth__AdminKeys=admin-bench Auth__ClientKeys=client-bench Urls=http://127.0.0.1:$port DataDirectory=$data \
  dotnet bin/Release/net10.0/AdOrleans.Silo.dll > "$data/service.log" 2>&1 &
svc=$!
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 1; done
if ! curl -sf "http://127.0.0.1:$port/healthz" > /dev/null; then
  echo "http-bench.sh: the service did not answer /healthz on port $port within 60 s; its log:" >&2
  tail -30 "$data/service.log" >&2
  exit 1
fi
echo "$(date -u +%FT%TZ) $(uptime)"
run dotnet "$root/bench/Auction.Bench/bin/Release/net10.0/AdOrleans.Auction.Bench.dll" http "http://127.0.0.1:$port" admin-bench client-bench "$wrk_seconds"
cpu() { awk '{print $14 + $15}' "/proc/$svc/stat"; }
before=$(cpu)
run wrk -t1 -c32 -d"${cpu_seconds}s" -s "${TMPDIR:-/tmp}/auction.lua" "http://127.0.0.1:$port/v1/auction" > "$data/wrk.out"
after=$(cpu)
requests=$(awk '/requests in/ {print $1}' "$data/wrk.out")
if grep -qE 'Non-2xx or 3xx responses|Socket errors' "$data/wrk.out" || [ "${requests:-0}" -eq 0 ]; then
  echo "http-bench.sh: wrk on /v1/auction reported failed requests or none:" >&2
  cat "$data/wrk.out" >&2
  exit 1
fi
echo "service CPU per auction: $(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests )) µs over $requests requests"
echo "after: $(uptime)"
