#!/bin/bash
# Event ingest over HTTP (docs/benchmarks-ingest.md): a fresh service from the Release build with a temporary data
# directory, then wrk against POST /v1/events (one event per request, new eventIds) and POST /v1/events/batch (100
# per request). Reports per phase the rate, latency percentiles and the service's CPU per event from /proc (all of
# the service's work for an event: HTTP, validation, the durable log append, and the stream delivery, KPI
# aggregation and SQLite commits that follow), then checks that the service counted every acknowledged event.
# Phases: warm-up in 5 s rounds until the JIT has settled (fewer than 200 methods compiled in a round: ~30,000
# methods take 35-40 s of single events here) or WARM_SECONDS (90) have passed, RUNS (3) single-event runs of
# SECONDS (15) with CONNECTIONS (32), one paced run at half the median single-event rate (p99 at 50 % load), RUNS
# batched runs of SECONDS. After each run it waits until the KPI rollups count every acknowledged event.
# QUICK=1: 5 s warm-up, one 3 s run per phase (smoke test for bench/run-all.sh --quick).
# Build first: dotnet build -c Release src/Silo. Needs wrk and curl. Exits 1 when the service does not start, wrk
# fails or reports errors, or the counts do not add up; 130/143 on SIGINT/SIGTERM (the service is stopped).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/bench/Ingest.Bench"
port=${PORT:-5391}
runs=${RUNS:-3}
seconds=${SECONDS_PER_RUN:-15}
warm=${WARM_SECONDS:-90}
connections=${CONNECTIONS:-32}
if [ "${QUICK:-0}" = 1 ]; then runs=1; seconds=3; warm=5; fi
script=ingest-bench.sh
. "$root/bench/lib/embedded-service.sh"
export CLIENT_KEY=client-bench
start_service
echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024) " MiB"}' /proc/meminfo), $(uname -r); start $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$svc/stat"; }
# Acknowledged events, one line per wrk run (phases run in pipelines, so a shell variable would not survive them).
acknowledged() { echo "$1" >> "$data/acknowledged"; }
# Pageviews the KPI rollups count since the service started (every event the benchmark sends is a pageview).
window="from=$(date -u -d '-1 hour' +%FT%TZ)&to=$(date -u -d '+1 day' +%FT%TZ)"
counted_pageviews() { curl -sf -H "X-Api-Key: admin-bench" "http://127.0.0.1:$port/v1/kpi/summary?$window" | grep -o '"pageviews":[0-9]*' | head -1 | cut -d: -f2; }
# Waits (at most 120 s) until the rollups count every acknowledged event: a run's CPU then includes the pipeline
# work it caused, also when the pipeline fell behind the requests (without it, a lagging pipeline looks cheap).
drain() {
  local want i counted
  want=$(awk '{s += $1} END {print s}' "$data/acknowledged")
  for i in $(seq 600); do
    counted=$(counted_pageviews)
    [ "${counted:-0}" -ge "$want" ] && { drain_s=$((i / 5)); return; }
    sleep 0.2
  done
  fail "the KPI rollups did not count the $want acknowledged events within 120 s"
}
# wrk_phase <name> <lua> <path> <events-per-request> <connections> [env...]: one wrk run, one RUN line.
wrk_phase() {
  local name=$1 lua=$2 path=$3 per=$4 conns=$5; shift 5
  local load_start before after requests rps
  load_start=$(cut -d' ' -f1 /proc/loadavg)
  before=$(cpu_ticks)
  run env "$@" timeout $((seconds + 30)) wrk -t2 -c"$conns" -d"${seconds}s" --latency -s "$here/$lua" "http://127.0.0.1:$port$path" > "$data/wrk.out" \
    || fail "wrk ($name) failed: $(cat "$data/wrk.out")"
  after=$(cpu_ticks)
  requests=$(awk '/requests in/ {print $1}' "$data/wrk.out")
  if grep -qE 'Non-2xx or 3xx responses|Socket errors' "$data/wrk.out" || [ "${requests:-0}" -eq 0 ]; then
    fail "wrk ($name) reported failed requests or none: $(cat "$data/wrk.out")"
  fi
  acknowledged $((requests * per))
  drain
  drained_ticks=$(cpu_ticks)
  rps=$(awk '/Requests\/sec/ {print $2}' "$data/wrk.out")
  echo "RUN phase=$name connections=$conns events_per_s=$(awk -v r="$rps" -v p="$per" 'BEGIN {printf "%d", r * p}') requests_per_s=${rps%.*}" \
    "p50=$(awk '/ 50%/ {print $2}' "$data/wrk.out") p99=$(awk '/ 99%/ {print $2}' "$data/wrk.out")" \
    "cpu_us_per_event=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n=$((requests * per)) 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')" \
    "cpu_us_per_event_drained=$(awk -v t=$((drained_ticks - before)) -v hz="$(getconf CLK_TCK)" -v n=$((requests * per)) 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')" \
    "drain_s=$drain_s loadavg_start=$load_start loadavg_end=$(cut -d' ' -f1 /proc/loadavg)"
}
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }

jitted() { curl -sf "http://127.0.0.1:$port/metrics" | awk '/^system_runtime_dotnet_jit_compiled_methods / {print $2}'; }
round=$((warm < 5 ? warm : 5))
warmed=0
while [ "$warmed" -lt "$warm" ]; do
  before_jit=$(jitted)
  run timeout $((round + 30)) wrk -t2 -c"$connections" -d"${round}s" -s "$here/single.lua" "http://127.0.0.1:$port/v1/events" > "$data/warm.out" || fail "warm-up failed"
  acknowledged "$(awk '/requests in/ {print $1}' "$data/warm.out")"
  warmed=$((warmed + round))
  newly=$(( $(jitted) - before_jit ))
  [ "$newly" -lt 200 ] && break
done
echo "# warm-up: ${warmed} s, the JIT compiled ${newly} methods in the last ${round} s"
for _ in $(seq "$runs"); do wrk_phase single single.lua /v1/events 1 "$connections"; done | tee "$data/single.txt"
single=$(field events_per_s < "$data/single.txt" | median)
# Paced: each of 16 connections pauses so that together they offer about half the single-event rate (at least 1 ms: wrk
# pauses in whole milliseconds, and 0 would be no pacing at all, as happened once the single rate passed 16,000/s).
delay=$(awk -v r="$single" 'BEGIN {d = 16 * 1000 / (r / 2) - 1; printf "%d", d < 1 ? 1 : d}')
wrk_phase paced-half single.lua /v1/events 1 16 DELAY_MS="$delay" | tee "$data/paced.txt"
for _ in $(seq "$runs"); do wrk_phase batch100 batch.lua /v1/events/batch 100 "$connections"; done | tee "$data/batch.txt"
for phase in single batch; do
  echo "RESULT phase=$phase runs=$runs median_events_per_s=$(field events_per_s < "$data/$phase.txt" | median)" \
    "median_cpu_us_per_event=$(field cpu_us_per_event < "$data/$phase.txt" | median)" \
    "median_cpu_us_per_event_drained=$(field cpu_us_per_event_drained < "$data/$phase.txt" | median) median_p99=$(field p99 < "$data/$phase.txt" | median)"
done
echo "RESULT phase=paced-half target_events_per_s=$((single / 2)) $(grep -o 'events_per_s=[0-9]*' "$data/paced.txt") p99=$(field p99 < "$data/paced.txt")"

# Every acknowledged event is counted once (wrk does not count requests still in flight when it stops, so the
# service may hold up to one per connection and run more).
accepted=$(awk '{s += $1} END {print s}' "$data/acknowledged")
counted=0
for _ in $(seq 120); do
  counted=0
  for key in $(seq 0 999); do
    n=$(curl -sf -H "X-Api-Key: admin-bench" "http://127.0.0.1:$port/v1/events/totals/c-$key" | sed -n 's/.*"events":\([0-9]*\).*/\1/p')
    counted=$((counted + ${n:-0}))
  done
  [ "$counted" -lt "$accepted" ] || break
  sleep 1
done
slack=$(( (runs * 2 + 2) * connections * 100 ))
[ "$counted" -ge "$accepted" ] && [ "$counted" -le $((accepted + slack)) ] || fail "the service counted $counted events, wrk had $accepted acknowledged"
echo "RESULT phase=memory rss_mib=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$svc/status") counted_events=$counted acknowledged_events=$accepted"
echo "# end $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
