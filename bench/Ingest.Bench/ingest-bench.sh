#!/bin/bash
# Event ingest over HTTP (docs/benchmarks-ingest.md): a fresh service from the Release build with a temporary data
# directory, then wrk against POST /v1/events (one event per request, new eventIds) and POST /v1/events/batch (100
# per request). Reports per phase the rate, latency percentiles and the service's CPU per event from /proc (all of
# the service's work for an event: HTTP, validation, the durable log append, and the stream delivery, KPI
# aggregation and SQLite commits that follow), then checks that the service counted every acknowledged event.
# First, before the service starts, the same wrk runs against a reference (bench/Ingest.Bench/ReferenceServer.cs): a
# bare ASP.NET Core endpoint that parses the service's request types and answers its 202 once the events are
# appended and fsynced by one group-committing writer, and nothing else; and once without the append. Its rate and
# CPU per event are what any durable HTTP ingest costs on this machine; the service's ratios to it end the output.
# Phases: warm-up in 5 s rounds until the JIT has settled (fewer than 200 methods compiled in a round: ~30,000
# methods take 35-40 s of single events here) or WARM_SECONDS (90) have passed, RUNS (3) single-event runs of
# SECONDS (15) with CONNECTIONS (32), one paced run at half the median single-event rate (p99 at 50 % load), RUNS
# batched runs of SECONDS. After each run it waits until the KPI rollups count every acknowledged event.
# QUICK=1: 5 s warm-up, one 3 s run per phase (smoke test for bench/run-all.sh --quick). REFERENCE=0: no reference.
# Build first: dotnet build -c Release src/Silo && dotnet build -c Release bench/Ingest.Bench. Needs wrk and curl.
# Exits 1 when the service or the reference does not start, wrk fails or reports errors, or the counts do not add
# up; 130/143 on SIGINT/SIGTERM (the service and the reference are stopped).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/bench/Ingest.Bench"
port=${PORT:-5391}
runs=${RUNS:-3}
seconds=${SECONDS_PER_RUN:-15}
warm=${WARM_SECONDS:-90}
connections=${CONNECTIONS:-32}
warm_reference=10
if [ "${QUICK:-0}" = 1 ]; then runs=1; seconds=3; warm=5; warm_reference=2; fi
reference_dll="$root/bench/Ingest.Bench/bin/Release/net10.0/AdOrleans.Ingest.Bench.dll"
script=ingest-bench.sh
. "$root/bench/lib/embedded-service.sh"
export CLIENT_KEY=client-bench
[ "${REFERENCE:-1}" = 0 ] || [ -f "$reference_dll" ] || fail "no reference build: dotnet build -c Release bench/Ingest.Bench"
echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024) " MiB"}' /proc/meminfo), $(uname -r); start $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"

cpu_ticks() { awk '{print $14 + $15}' "/proc/${1:-$svc}/stat"; }
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
# measure <name> <pid> <lua> <url> <events-per-request> <connections> [env...]: one wrk run against the process
# <pid> serves; sets requests, rps and the RUN line's fields up to the CPU of <pid> over the run.
measure() {
  local name=$1 pid=$2 lua=$3 url=$4 per=$5 conns=$6; shift 6
  local before after
  load_start=$(cut -d' ' -f1 /proc/loadavg)
  before=$(cpu_ticks "$pid")
  run env "$@" timeout $((seconds + 30)) wrk -t2 -c"$conns" -d"${seconds}s" --latency -s "$here/$lua" "$url" > "$data/wrk.out" \
    || fail "wrk ($name) failed: $(cat "$data/wrk.out")"
  after=$(cpu_ticks "$pid")
  requests=$(awk '/requests in/ {print $1}' "$data/wrk.out")
  if grep -qE 'Non-2xx or 3xx responses|Socket errors' "$data/wrk.out" || [ "${requests:-0}" -eq 0 ]; then
    fail "wrk ($name) reported failed requests or none: $(cat "$data/wrk.out")"
  fi
  rps=$(awk '/Requests\/sec/ {print $2}' "$data/wrk.out")
  fields="phase=$name connections=$conns events_per_s=$(awk -v r="$rps" -v p="$per" 'BEGIN {printf "%d", r * p}') requests_per_s=${rps%.*}"
  fields="$fields p50=$(awk '/ 50%/ {print $2}' "$data/wrk.out") p99=$(awk '/ 99%/ {print $2}' "$data/wrk.out")"
  fields="$fields cpu_us_per_event=$(per_event $((after - before)) $((requests * per)))"
}
per_event() { awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v n="$2" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}'; }
# wrk_phase <name> <lua> <path> <events-per-request> <connections> [env...]: one measured run against the service,
# then the wait until its rollups count the run's events; one RUN line.
wrk_phase() {
  local name=$1 lua=$2 path=$3 per=$4 conns=$5; shift 5
  local before
  before=$(cpu_ticks)
  measure "$name" "$svc" "$lua" "http://127.0.0.1:$port$path" "$per" "$conns" "$@"
  acknowledged $((requests * per))
  drain
  echo "RUN $fields cpu_us_per_event_drained=$(per_event $(($(cpu_ticks) - before)) $((requests * per)))" \
    "drain_s=$drain_s loadavg_start=$load_start loadavg_end=$(cut -d' ' -f1 /proc/loadavg)"
}
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }

# The reference, alone on the machine: durable (append + fsync before the 202), single events and batches, then once
# without the append. Its CPU per event is all of its process's CPU over the run.
reference_port=$((port + 1))
start_reference() { # [durable-file]: starts it, waits for its answer, warms it up with single events
  local up=""
  dotnet "$reference_dll" "http://127.0.0.1:$reference_port" client-bench "$@" > "$data/reference.log" 2>&1 &
  reference=$!
  helpers="$helpers $reference"
  for _ in $(seq 60); do
    curl -sf -o /dev/null -H 'Content-Type: application/json' -H 'X-Api-Key: client-bench' -d '{}' "http://127.0.0.1:$reference_port/v1/events" && { up=1; break; }
    sleep 0.5
  done
  [ -n "$up" ] || fail "the reference did not answer within 30 s: $(tail -5 "$data/reference.log")"
  run timeout $((warm_reference + 30)) wrk -t2 -c"$connections" -d"${warm_reference}s" -s "$here/single.lua" "http://127.0.0.1:$reference_port/v1/events" > /dev/null \
    || fail "the reference's warm-up failed"
}
stop_reference() { kill "$reference"; wait "$reference" 2>/dev/null || true; }
reference_phase() { # <name> <lua> <path> <events-per-request>
  measure "$1" "$reference" "$2" "http://127.0.0.1:$reference_port$3" "$4" "$connections"
  echo "RUN $fields loadavg_start=$load_start loadavg_end=$(cut -d' ' -f1 /proc/loadavg)"
}
if [ "${REFERENCE:-1}" != 0 ]; then
  start_reference "$data/reference.jsonl"
  for _ in $(seq "$runs"); do reference_phase reference-single single.lua /v1/events 1; done | tee "$data/reference-single.txt"
  for _ in $(seq "$runs"); do reference_phase reference-batch100 batch.lua /v1/events/batch 100; done | tee "$data/reference-batch.txt"
  stop_reference
  rm -f "$data/reference.jsonl"
  start_reference
  reference_phase reference-single-no-append single.lua /v1/events 1
  stop_reference
fi

start_service

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
if [ "${REFERENCE:-1}" != 0 ]; then
  for phase in single batch; do
    echo "RESULT phase=reference-$phase runs=$runs median_events_per_s=$(field events_per_s < "$data/reference-$phase.txt" | median)" \
      "median_cpu_us_per_event=$(field cpu_us_per_event < "$data/reference-$phase.txt" | median) median_p99=$(field p99 < "$data/reference-$phase.txt" | median)"
    echo "RESULT phase=ratio-$phase events_per_s_service_to_reference=$(awk -v a="$(field events_per_s < "$data/$phase.txt" | median)" \
      -v b="$(field events_per_s < "$data/reference-$phase.txt" | median)" 'BEGIN {printf "%.2f", a / b}')" \
      "cpu_per_event_service_to_reference=$(awk -v a="$(field cpu_us_per_event < "$data/$phase.txt" | median)" \
      -v b="$(field cpu_us_per_event < "$data/reference-$phase.txt" | median)" 'BEGIN {printf "%.2f", a / b}')"
  done
fi
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
