#!/bin/bash
# One end-to-end run (docs/benchmarks-ads.md): a fresh service from the Release build with a temporary data
# directory, the `http` bench (seeding, wrk against the bare endpoint and /v1/auction), then 10 s more of wrk
# on /v1/auction while reading the service's CPU time from /proc: CPU per auction, which load on the shared
# cores disturbs far less than req/s. Build first: dotnet build -c Release src/Silo && dotnet build -c Release bench/Auction.Bench
# The service runs from src/Silo so its appsettings.json applies (as in the container image, WORKDIR /app).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
port=${PORT:-5381}
data=$(mktemp -d)
cd "$root/src/Silo"
Auth__AdminKeys=admin-bench Auth__ClientKeys=client-bench Urls=http://127.0.0.1:$port DataDirectory=$data \
  dotnet bin/Release/net10.0/AdOrleans.Silo.dll > "$data/service.log" 2>&1 &
svc=$!
trap 'kill $svc 2>/dev/null; wait $svc 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 1; done
echo "$(date -u +%FT%TZ) $(uptime)"
dotnet "$root/bench/Auction.Bench/bin/Release/net10.0/AdOrleans.Auction.Bench.dll" http "http://127.0.0.1:$port" admin-bench client-bench 15
cpu() { awk '{print $14 + $15}' "/proc/$svc/stat"; }
before=$(cpu)
out=$(wrk -t1 -c32 -d10s -s "${TMPDIR:-/tmp}/auction.lua" "http://127.0.0.1:$port/v1/auction")
after=$(cpu)
requests=$(echo "$out" | awk '/requests in/ {print $1}')
echo "service CPU per auction: $(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests )) µs over $requests requests"
echo "after: $(uptime)"
