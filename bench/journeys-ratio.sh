#!/usr/bin/env bash
# Event throughput with journeys on against the same build with them off (issue #17: ≥ 0.7×), alternating the two
# in one script so both see the same machine: bench/Pipeline.Bench's skewed workload, one process per run.
#
# Usage: bench/journeys-ratio.sh [events] [reps]      defaults: 1000000 3 (about 2 min per pair on 2 quiet cores)
# Prints one line per run (events/s, CPU-µs per event, load average) and the medians with their ratio.
# Exits 1 when a run fails (Pipeline.Bench verifies every total), 2 on a usage error.
# Knobs: OUT (raw output file, default: a new temp file), BENCH_TIMEOUT_SECONDS (per run, default 1200).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
events=${1:-1000000}
reps=${2:-3}
[[ $events =~ ^[0-9]+$ && $reps =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/journeys-ratio.sh [events] [reps]" >&2; exit 2; }
OUT=${OUT:-$(mktemp "${TMPDIR:-/tmp}/journeys-ratio.XXXXXX")}
export BENCH_TIMEOUT_SECONDS=${BENCH_TIMEOUT_SECONDS:-1200}

dotnet build -c Release "$ROOT/bench/Pipeline.Bench" -v q -nologo >/dev/null
bin="$ROOT/bench/Pipeline.Bench/bin/Release/net10.0/AdOrleans.Pipeline.Bench.dll"

run() { # $1 = true|false: journeys on or off
  local line
  line=$(Attribution__Enabled=$1 dotnet "$bin" "$events" 1000 1 100000 1.0 skewed | tee -a "$OUT" | grep '^RUN ')
  echo "$(sed -E 's/.*events_per_s=([0-9.]+).*cpu_us_per_event=([0-9.]+).*loadavg_start=([0-9.]+).*/\1 \2 \3/' <<<"$line") $1"
}

echo "# raw output: $OUT; $(nproc) cores; $events events per run, $reps runs each, alternating"
results=()
for ((rep = 1; rep <= reps; rep++)); do
  # Alternate which goes first, so neither always runs on a machine the other just warmed or loaded.
  if ((rep % 2)); then order=(true false); else order=(false true); fi
  for journeys in "${order[@]}"; do
    result=$(run "$journeys")
    read -r rate cpu load on <<<"$result"
    printf 'journeys=%-5s events_per_s=%-8s cpu_us_per_event=%-6s loadavg_start=%s\n' "$on" "$rate" "$cpu" "$load"
    results+=("$result")
  done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
on=$(printf '%s\n' "${results[@]}" | awk '$4 == "true" { print $1 }' | median)
off=$(printf '%s\n' "${results[@]}" | awk '$4 == "false" { print $1 }' | median)
on_cpu=$(printf '%s\n' "${results[@]}" | awk '$4 == "true" { print $2 }' | median)
off_cpu=$(printf '%s\n' "${results[@]}" | awk '$4 == "false" { print $2 }' | median)
echo "RESULT journeys_on_events_per_s=$on journeys_off_events_per_s=$off ratio=$(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.2f", a / b }') cpu_us_per_event_on=$on_cpu cpu_us_per_event_off=$off_cpu"
