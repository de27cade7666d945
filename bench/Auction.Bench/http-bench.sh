#!/bin/bash
# One end-to-end run (docs/benchmarks-ads.md): a fresh service from the Release build with a temporary data
# directory, the `http` bench (seeding, wrk against the bare endpoint and /v1/auction), then CPU_SECONDS (10) more of
# wrk on /v1/auction while reading the service's CPU time from /proc: CPU per auction, which load on the shared
# cores disturbs far less than req/s; and its GC's total allocated bytes from /metrics: bytes per auction, which
# load does not disturb at all; then CPU_SECONDS paced at about half that rate (p99 at 50 % load). WRK_SECONDS (15):
# each wrk run of the `http` bench. Needs wrk.
# Build first: dotnet build -c Release src/Silo && dotnet build -c Release bench/Auction.Bench
# The service runs from src/Silo so its appsettings.json applies (as in the container image, WORKDIR /app).
# Exits non-zero when the service does not start, the bench fails (its exit code) or wrk reports failed requests;
# SIGINT/SIGTERM stop the service and the bench (exit 130/143). SERVICE_ENV: extra settings for the service, e.g.
# SERVICE_ENV="Orleans__Dashboard=false" (space-separated NAME=value). AUCTION_BENCH_CTR_IMPRESSIONS=N trains the CTR
# model on N impressions before the timed runs (bench/Auction.Bench/CtrWarmup.cs, docs/benchmarks-ctr.md).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
port=${PORT:-5381}
wrk_seconds=${WRK_SECONDS:-15}
cpu_seconds=${CPU_SECONDS:-10}
script=http-bench.sh
. "$root/bench/lib/embedded-service.sh"
start_service ${SERVICE_ENV-}
echo "$(date -u +%FT%TZ) $(uptime)"
run dotnet "$root/bench/Auction.Bench/bin/Release/net10.0/AdOrleans.Auction.Bench.dll" http "http://127.0.0.1:$port" admin-bench client-bench "$wrk_seconds"
cpu() { awk '{print $14 + $15}' "/proc/$svc/stat"; }
allocated() { curl -sf -m 10 "http://127.0.0.1:$port/metrics" | awk '$1 == "system_runtime_dotnet_gc_heap_total_allocated" {printf "%.0f", $2}'; }
allocated_before=$(allocated || true)
before=$(cpu)
run wrk -t1 -c32 -d"${cpu_seconds}s" -s "${TMPDIR:-/tmp}/auction.lua" "http://127.0.0.1:$port/v1/auction" > "$data/wrk.out"
after=$(cpu)
allocated_after=$(allocated || true)
requests=$(awk '/requests in/ {print $1}' "$data/wrk.out")
if grep -qE 'Non-2xx or 3xx responses|Socket errors' "$data/wrk.out" || [ "${requests:-0}" -eq 0 ]; then
  echo "http-bench.sh: wrk on /v1/auction reported failed requests or none:" >&2
  cat "$data/wrk.out" >&2
  exit 1
fi
echo "service CPU per auction: $(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests )) µs over $requests requests"
if [ -n "$allocated_before" ] && [ -n "$allocated_after" ]; then
  echo "service allocation per auction: $(( (allocated_after - allocated_before) / requests )) bytes"
else
  echo "service allocation per auction: unavailable (a read of /metrics failed)"
fi

# Paced at about half the rate just measured (issue: auction p99 < 5 ms at 50 % load). wrk's pause is whole
# milliseconds, so the rate is set by the number of connections, each pausing 1 ms between requests: two 3 s probes
# (4 connections, then as many as that suggests) measure what a connection offers near that load.
half=$(awk '/Requests\/sec/ {printf "%d", $2 / 2}' "$data/wrk.out")
connections=4
for _ in 1 2; do
  run env DELAY_MS=1 wrk -t1 -c"$connections" -d3s -s "${TMPDIR:-/tmp}/auction.lua" "http://127.0.0.1:$port/v1/auction" > "$data/probe.out"
  offered=$(awk '/Requests\/sec/ {printf "%d", $2}' "$data/probe.out")
  [ "${offered:-0}" -gt 0 ] || fail "the paced probe got no answers: $(cat "$data/probe.out")"
  connections=$(( (half * connections + offered - 1) / offered ))
done
run env DELAY_MS=1 wrk -t1 -c"$connections" -d"${cpu_seconds}s" --latency -s "${TMPDIR:-/tmp}/auction.lua" "http://127.0.0.1:$port/v1/auction" > "$data/paced.out"
grep -qE 'Non-2xx or 3xx responses|Socket errors' "$data/paced.out" && fail "the paced run reported failed requests: $(cat "$data/paced.out")"
echo "paced at half the rate: target $half auctions/s with $connections connections, achieved" \
  "$(awk '/Requests\/sec/ {printf "%d", $2}' "$data/paced.out")/s, p50 $(awk '/ 50%/ {print $2}' "$data/paced.out")," \
  "p99 $(awk '/ 99%/ {print $2}' "$data/paced.out")"
echo "after: $(uptime)"
