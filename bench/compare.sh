#!/usr/bin/env bash
# Pipeline.Bench side by side: the own-runtime baseline (402ab48 + bench/baseline/402ab48-pipeline-bench.patch) against
# this tree (Orleans), built and run on the same machine in one go, alternating the two builds run by run.
#
# Usage: bench/compare.sh [events] [campaign-keys] [reps] [uniform-keys]     (default: 1000000 1000 3 100000)
# Knobs (environment):
#   UNIFORM_EVENTS   events per uniform run, for BOTH builds (default 200000; the baseline does ~4k events/s there)
#   WORKLOADS        throughput workloads to compare (default "skewed uniform"; "" for none)
#   IDLE             "freshness,memory" (default) runs the Orleans build's freshness and idle-memory measurements once
#                    at the end (the baseline benchmark has neither); "" skips them
#   RUN_TIMEOUT      seconds one benchmark process may take before it is killed (default 1200)
#   BENCH_TIMEOUT_SECONDS  seconds the whole comparison may take, builds included (default 7200; 0: no limit); past it
#                    the running process is stopped and the script exits 124
#   BASELINE_REF     what to build as the baseline (default: branch baseline, else origin/baseline, else 402ab48 with
#                    bench/baseline/402ab48-pipeline-bench.patch applied)
#   BASELINE_WORKTREE  an existing checkout of the baseline to build (default: the worktree that has branch baseline
#                      checked out, else a temporary worktree)
#   OUT              directory for the raw logs (default: a temp dir, printed)
#   RUNS_PER_PROCESS measured runs in each benchmark process (default 2): the first is reported as "cold", the last
#                    as "warm"; 1 reports only cold
# Every run is one process: warm-up (100,000 uncounted events) + RUNS_PER_PROCESS measured runs, each on a new silo
# and a new data directory, so each build pays the same warm-up and the order alternates (baseline first on odd reps,
# Orleans first on even reps). "cold" is the first measured run of a process: the JIT is still moving hot code from
# tier 0 to tier 1 (with DOTNET_TieredCompilation=0 it ran at 1.7x the speed). "warm" is the last: what a
# long-running silo sees.
# Exits 1 when a build or any run fails (FAILED lines name the log), 124 past BENCH_TIMEOUT_SECONDS, 130/143 on
# SIGINT/SIGTERM after stopping the running process and removing the temporary worktree; a second signal exits at once.
set -euo pipefail

EVENTS=${1:-1000000}
KEYS=${2:-1000}
REPS=${3:-3}
UKEYS=${4:-100000}
UNIFORM_EVENTS=${UNIFORM_EVENTS:-200000}
WORKLOADS=${WORKLOADS-skewed uniform}
IDLE=${IDLE-freshness,memory}
RUN_TIMEOUT=${RUN_TIMEOUT:-1200}
RUNS_PER_PROCESS=${RUNS_PER_PROCESS:-2}
LIMIT=${BENCH_TIMEOUT_SECONDS:-7200}
[[ $LIMIT =~ ^[0-9]+$ ]] || { echo "BENCH_TIMEOUT_SECONDS must be a whole number of seconds (0: no limit), not '$LIMIT'" >&2; exit 2; }
DEADLINE=$((SECONDS + LIMIT))

ROOT=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/pipeline-compare.XXXXXX")}
mkdir -p "$OUT"
# shellcheck source=lib/compare-harness.sh
source "$ROOT/bench/lib/compare-harness.sh"

# --- baseline checkout -------------------------------------------------------------------------------------------
checkout_baseline

# --- build -------------------------------------------------------------------------------------------------------
echo "# building baseline $BASE_COMMIT in $BASE_DIR and orleans $CUR_COMMIT in $ROOT" >&2
bounded 1800 dotnet build -c Release -v q -nologo "$BASE_DIR/bench/Pipeline.Bench" -o "$OUT/bin-baseline" >"$OUT/build-baseline.log" 2>&1 \
  || { cat "$OUT/build-baseline.log" >&2; echo "baseline build failed" >&2; exit 1; }
bounded 1800 dotnet build -c Release -v q -nologo "$ROOT/bench/Pipeline.Bench" -o "$OUT/bin-orleans" >"$OUT/build-orleans.log" 2>&1 \
  || { cat "$OUT/build-orleans.log" >&2; echo "orleans build failed" >&2; exit 1; }

loadavg() { cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/'; }
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo "# machine nproc=$(nproc) cpu=\"$CPU\" mem=$(free -g | awk '/Mem:/{print $2}')GiB dotnet=$(dotnet --version) date=$(date -u +%FT%TZ)"
echo "# command: bench/compare.sh $EVENTS $KEYS $REPS $UKEYS  (UNIFORM_EVENTS=$UNIFORM_EVENTS WORKLOADS=\"$WORKLOADS\" IDLE=\"$IDLE\")"
echo "# baseline=$BASE_COMMIT orleans=$CUR_COMMIT logs=$OUT"

RUNS="$OUT/runs.tsv"
: >"$RUNS"
failed=0

run_one() { # build workload rep events
  local build=$1 workload=$2 rep=$3 events=$4 log="$OUT/$1-$2-$3.log" before after rc=0
  before=$(loadavg)
  bounded "$RUN_TIMEOUT" dotnet "$OUT/bin-$build/AdOrleans.Pipeline.Bench.dll" "$events" "$KEYS" "$RUNS_PER_PROCESS" "$UKEYS" 1.0 "$workload" >"$log" 2>&1 || rc=$?
  after=$(loadavg)
  local cold warm
  cold=$(grep -m1 '^RUN ' "$log" || true)
  warm=$(grep '^RUN ' "$log" | tail -1 || true)
  if [[ $rc -ne 0 || -z "$cold" ]]; then
    echo "FAILED build=$build workload=$workload rep=$rep exit=$rc loadavg_before=$before loadavg_after=$after (log: $log)"
    grep -E 'FAILED|Exception' "$log" | head -5 || true
    failed=1
    return
  fi
  record "$workload" cold "$build" "$rep" "$events" "$cold" "$before" "$after"
  if (( RUNS_PER_PROCESS > 1 )); then
    record "$workload" warm "$build" "$rep" "$events" "$warm" "$before" "$after"
  fi
  grep '^RUN ' "$log" | sed "s/^/$build: /"
  echo "$build: loadavg_before=$before loadavg_after=$after"
}

record() { # workload phase build rep events RUN-line loadavg-before loadavg-after
  local eps cpu
  eps=$(sed -E 's/.* events_per_s=([0-9.]+).*/\1/' <<<"$6")
  cpu=$(sed -E 's/.* cpu_us_per_event=([0-9.]+).*/\1/' <<<"$6")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1 $2" "$3" "$4" "$5" "$eps" "$cpu" "$7" "$8" >>"$RUNS"
}

for workload in $WORKLOADS; do
  events=$EVENTS
  [[ $workload == uniform ]] && events=$UNIFORM_EVENTS
  for rep in $(seq 1 "$REPS"); do
    if (( rep % 2 == 1 )); then order="baseline orleans"; else order="orleans baseline"; fi
    for build in $order; do
      run_one "$build" "$workload" "$rep" "$events"
    done
  done
done

if [[ -n "$IDLE" ]]; then
  before=$(loadavg)
  rc=0
  bounded "$RUN_TIMEOUT" dotnet "$OUT/bin-orleans/AdOrleans.Pipeline.Bench.dll" "$EVENTS" "$KEYS" 1 "$UKEYS" 1.0 "$IDLE" >"$OUT/orleans-idle.log" 2>&1 || rc=$?
  echo "orleans idle ($IDLE): exit=$rc loadavg_before=$before loadavg_after=$(loadavg)"
  grep -E '^RESULT|^# memory' "$OUT/orleans-idle.log" || true
  [[ $rc -eq 0 ]] || failed=1
fi

# --- table -------------------------------------------------------------------------------------------------------
echo
echo "| workload (run in process) | events/run | baseline median ev/s | Orleans median ev/s | Orleans/baseline | baseline CPU µs/ev | Orleans CPU µs/ev | baseline runs ev/s | Orleans runs ev/s |"
echo "|---|---:|---:|---:|---:|---:|---:|---|---|"
phases="cold"
(( RUNS_PER_PROCESS > 1 )) && phases="cold warm"
for workload in $WORKLOADS; do for phase in $phases; do
  awk -F'\t' -v w="$workload $phase" '
    function median(a, n,   i, j, t) {
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n == 0 ? 0 : (n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2)
    }
    $1 == w { ev = $4
      if ($2 == "baseline") { nb++; b[nb] = $5; bc[nb] = $6; bl = bl (bl ? ", " : "") $5 }
      else { no++; o[no] = $5; oc[no] = $6; ol = ol (ol ? ", " : "") $5 } }
    END {
      mb = median(b, nb); mo = median(o, no)
      printf "| %s | %d | %.0f | %.0f | %s | %.2f | %.2f | %s | %s |\n", w, ev, mb, mo, (mb > 0 ? sprintf("%.3f", mo / mb) : "n/a"),
        median(bc, nb), median(oc, no), bl, ol
    }' "$RUNS"
done; done
echo
echo "# loadavg_end=$(loadavg)"
exit $failed
