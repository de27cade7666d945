#!/usr/bin/env bash
# Distributed.Bench side by side: the own-runtime baseline (402ab48, see bench/baseline/README.md) against this tree (Orleans),
# built and run on the same machine in one go, alternating the two builds run by run (docs/benchmarks-distributed.md).
#
# Usage: bench/compare-distributed.sh [events] [lag-rate] [reps]     (default: 600000 20000 3)
# Both benchmarks: librdkafka's mock Kafka in process -> silo -> PostgreSQL. Compared per run, median of REPS:
#   backlog drain  baseline: its own workload (event i on campaign i mod 1000); Orleans: Zipf(1.0) over 1000 campaigns
#                  (campaign-like skew) and, with drain-cyclic in PHASES, the baseline's workload too
#   lag            p50/p99 from append acknowledged to committed, 20,000 events/s paced for 10 s (both)
#   auction        Orleans only (the baseline benchmark has none): POST /v1/auction on a Roles=gateway process vs
#                  the embedded single process, wrk, same machine
# Goals (issue #13): drain >= 100,000 events/s and >= 0.5x the baseline; lag p99 < 1 s; auction ratio >= 0.95.
# Knobs (environment):
#   PHASES             Orleans benchmark phases (default drain,live,lag,drain-cyclic,auction)
#   COMPRESSION        producer compression of BOTH benchmarks (default lz4). librdkafka's mock broker keeps 5 MiB per
#                      partition and drops older batches; a reader whose position was dropped restarts at the oldest
#                      left. Uncompressed, 600,000 events do not fit (75,000 per partition ~ 19 MiB), so a drain skips
#                      most of its backlog unseen; the baseline benchmark does not check totals and reports it as speed.
#                      "none" reproduces that (the Orleans benchmark then fails loudly instead).
#   TC_DELAY           DOTNET_TC_CallCountingDelayMs for BOTH (default 0): with the runtime's default (100 ms, restarted
#                      by every method compiled) hot code of a silo started in a busy process stays at tier 0 for many
#                      seconds; 0 gives the warm code a long-running silo has. "default" leaves it unset.
#   RUN_TIMEOUT        seconds one benchmark process may take before it is killed (default 1200)
#   BENCH_TIMEOUT_SECONDS  seconds the whole comparison may take, builds included (default 7200; 0: no limit); past it
#                      the running process is stopped and the script exits 124
#   BASELINE_WORKTREE  a checkout of the baseline to build (default: the worktree that has branch `baseline` checked
#                      out, e.g. /work/wt-baseline; if there is none, a temporary one is created from BASELINE_REF)
#   BASELINE_REF       what that temporary worktree checks out (default: branch baseline, else origin/baseline, else 402ab48 + bench/baseline/*.patch)
#   ADORLEANS_BENCH_POSTGRES  Npgsql connection string of a role that may create databases (default adorleans/adorleans
#                      on 127.0.0.1); the baseline benchmark reads the same variable
#   OUT                directory for the raw logs (default: a temp dir, printed)
# Exits 1 when a build or any run fails (FAILED lines name the log), 124 past BENCH_TIMEOUT_SECONDS, 130/143 on
# SIGINT/SIGTERM after stopping the running process and removing a temporary worktree; a second signal exits at once.
set -euo pipefail

EVENTS=${1:-600000}
LAG_RATE=${2:-20000}
REPS=${3:-3}
PHASES=${PHASES:-drain,live,lag,drain-cyclic,auction}
COMPRESSION=${COMPRESSION:-lz4}
TC_DELAY=${TC_DELAY:-0}
RUN_TIMEOUT=${RUN_TIMEOUT:-1200}
LIMIT=${BENCH_TIMEOUT_SECONDS:-7200}
[[ $LIMIT =~ ^[0-9]+$ ]] || { echo "BENCH_TIMEOUT_SECONDS must be a whole number of seconds (0: no limit), not '$LIMIT'" >&2; exit 2; }
DEADLINE=$((SECONDS + LIMIT))

ROOT=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/distributed-compare.XXXXXX")}
mkdir -p "$OUT"
# shellcheck source=lib/compare-harness.sh
source "$ROOT/bench/lib/compare-harness.sh"

# --- PostgreSQL: both benchmarks create a database per run -------------------------------------------------------
PG=${ADORLEANS_BENCH_POSTGRES:-Host=127.0.0.1;Username=adorleans;Password=adorleans;Database=postgres}
pg_field() { tr ';' '\n' <<<"$PG" | sed -n "s/^$1=//Ip" | head -1; }
if command -v psql >/dev/null && ! PGPASSWORD=$(pg_field Password) PGCONNECT_TIMEOUT=5 psql -h "$(pg_field Host)" \
    -p "$(pg_field Port | grep . || echo 5432)" -U "$(pg_field Username)" -d postgres -tAc 'select 1' >/dev/null 2>&1; then
  echo "no PostgreSQL at $(pg_field Host) for role $(pg_field Username) (start it: pg_ctlcluster 15 main start; or set ADORLEANS_BENCH_POSTGRES)" >&2
  exit 1
fi

# --- baseline checkout -------------------------------------------------------------------------------------------
checkout_baseline
[[ -d "$BASE_DIR/bench/Distributed.Bench" ]] || { echo "$BASE_DIR has no bench/Distributed.Bench: not the pre-port baseline" >&2; exit 1; }

# --- build -------------------------------------------------------------------------------------------------------
echo "# building baseline $BASE_COMMIT in $BASE_DIR and orleans $CUR_COMMIT in $ROOT" >&2
bounded 1800 dotnet build -c Release -v q -nologo "$BASE_DIR/bench/Distributed.Bench" -o "$OUT/bin-baseline" >"$OUT/build-baseline.log" 2>&1 \
  || { cat "$OUT/build-baseline.log" >&2; echo "baseline build failed" >&2; exit 1; }
bounded 1800 dotnet build -c Release -v q -nologo "$ROOT/bench/Distributed.Bench" -o "$OUT/bin-orleans" >"$OUT/build-orleans.log" 2>&1 \
  || { cat "$OUT/build-orleans.log" >&2; echo "orleans build failed" >&2; exit 1; }

loadavg() { cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/'; }
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo "# machine nproc=$(nproc) cpu=\"$CPU\" mem=$(free -g | awk '/Mem:/{print $2}')GiB dotnet=$(dotnet --version) date=$(date -u +%FT%TZ)"
echo "# command: bench/compare-distributed.sh $EVENTS $LAG_RATE $REPS  (PHASES=$PHASES COMPRESSION=$COMPRESSION TC_DELAY=$TC_DELAY)"
echo "# baseline=$BASE_COMMIT ($BASE_DIR) orleans=$CUR_COMMIT logs=$OUT"

# Both processes get the same Kafka producer compression (the baseline binds Kafka:Settings from the environment; the
# name has a dot, so env(1) passes it) and the same tiering setting.
export DISTRIBUTED_BENCH_COMPRESSION=$COMPRESSION
[[ $TC_DELAY == default ]] || export DOTNET_TC_CallCountingDelayMs=$TC_DELAY
export ADORLEANS_BENCH_POSTGRES=$PG

RUNS="$OUT/runs.tsv"
: >"$RUNS"
failed=0

# record build rep metric value: one measurement per line of runs.tsv
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$RUNS"; }
number() { tr -d ',' <<<"$1"; } # the baseline prints "149,514"

run_baseline() { # rep
  local log="$OUT/baseline-$1.log" before after rc=0
  before=$(loadavg)
  bounded "$RUN_TIMEOUT" env "Kafka__Settings__compression.type=$COMPRESSION" \
    dotnet "$OUT/bin-baseline/AdOrleans.Distributed.Bench.dll" "$EVENTS" "$LAG_RATE" >"$log" 2>&1 || rc=$?
  after=$(loadavg)
  local drain live lag
  drain=$(sed -nE 's/^system  backlog drain: .* = ([0-9,]+) events\/s.*/\1/p' "$log")
  live=$(sed -nE 's/^system  throughput: .* = ([0-9,]+) events\/s.*/\1/p' "$log")
  lag=$(sed -nE 's/^system  end-to-end lag .*: p50 ([0-9]+) ms, p99 ([0-9]+) ms.*/\1 \2/p' "$log")
  if [[ $rc -ne 0 || -z $drain || -z $live || -z $lag ]]; then
    echo "FAILED build=baseline rep=$1 exit=$rc loadavg_before=$before loadavg_after=$after (log: $log)"
    grep -E 'Exception|error' "$log" | head -5 || true
    failed=1
    return
  fi
  record baseline "$1" drain "$(number "$drain")"
  record baseline "$1" live "$(number "$live")"
  record baseline "$1" lag_p50 "${lag% *}"
  record baseline "$1" lag_p99 "${lag#* }"
  echo "baseline: rep=$1 drain_events_per_s=$(number "$drain") live_events_per_s=$(number "$live") lag_p50_ms=${lag% *} lag_p99_ms=${lag#* } loadavg_before=$before loadavg_after=$after"
}

run_orleans() { # rep
  local log="$OUT/orleans-$1.log" before after rc=0
  before=$(loadavg)
  bounded "$RUN_TIMEOUT" dotnet "$OUT/bin-orleans/AdOrleans.Distributed.Bench.dll" "$EVENTS" "$LAG_RATE" "$PHASES" >"$log" 2>&1 || rc=$?
  after=$(loadavg)
  local result
  result=$(grep -m1 '^RESULT status=ok' "$log" || true)
  if [[ $rc -ne 0 || -z $result ]]; then
    echo "FAILED build=orleans rep=$1 exit=$rc loadavg_before=$before loadavg_after=$after (log: $log)"
    grep -E 'BENCHMARK FAILED|RESULT status=failed' "$log" | head -3 | cut -c1-400 || true
    failed=1
    return
  fi
  local key
  for key in drain_events_per_s live_events_per_s lag_p50_ms lag_p99_ms drain_cyclic_events_per_s auction_ratio \
      auction_embedded_per_s auction_gateway_per_s auction_embedded_cpu_us auction_gateway_cpu_us drain_cpu_us_per_event \
      drain_postgres_cpu_us_per_event; do
    local value
    value=$(grep -oE "(^| )$key=[0-9.]+" <<<"$result" | cut -d= -f2 || true)
    [[ -z $value ]] || record orleans "$1" "$key" "$value"
  done
  grep -E '^RUN ' "$log" | sed "s/^/orleans: rep=$1 /" | cut -c1-400
  echo "orleans: rep=$1 $result loadavg_before=$before loadavg_after=$after"
}

for rep in $(seq 1 "$REPS"); do
  if (( rep % 2 == 1 )); then order="baseline orleans"; else order="orleans baseline"; fi
  for build in $order; do
    "run_$build" "$rep"
  done
done

# --- table -------------------------------------------------------------------------------------------------------
# median BUILD METRIC: the median over the reps, or nothing when no run reported it
median() {
  awk -F'\t' -v b="$1" -v m="$2" '$1 == b && $3 == m { n++; v[n] = $4 }
    END { if (n == 0) exit; for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
          printf "%s", (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2) }' "$RUNS"
}
runs() { awk -F'\t' -v b="$1" -v m="$2" '$1 == b && $3 == m { printf "%s%s", (n++ ? ", " : ""), $4 }' "$RUNS"; }
ratio() { [[ -n $1 && -n $2 ]] && awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b }'; }
verdict() { [[ -n $1 ]] && awk -v v="$1" -v g="$2" -v d="$3" 'BEGIN { ok = (d == "ge" ? v >= g : v < g); printf "%s", ok ? "met" : "MISSED" }'; }

b_drain=$(median baseline drain); o_drain=$(median orleans drain_events_per_s); o_cyclic=$(median orleans drain_cyclic_events_per_s)
b_p99=$(median baseline lag_p99); o_p99=$(median orleans lag_p99_ms)
echo
echo "| metric (median of $REPS) | baseline $BASE_COMMIT | Orleans $CUR_COMMIT | Orleans / baseline | runs (baseline; Orleans) |"
echo "|---|---:|---:|---:|---|"
echo "| backlog drain, events/s (Orleans: skewed) | $b_drain | $o_drain | $(ratio "$o_drain" "$b_drain") | $(runs baseline drain); $(runs orleans drain_events_per_s) |"
echo "| backlog drain, events/s (Orleans: baseline's round-robin workload) | $b_drain | $o_cyclic | $(ratio "$o_cyclic" "$b_drain") | ; $(runs orleans drain_cyclic_events_per_s) |"
echo "| produce + consume, events/s | $(median baseline live) | $(median orleans live_events_per_s) | $(ratio "$(median orleans live_events_per_s)" "$(median baseline live)") | $(runs baseline live); $(runs orleans live_events_per_s) |"
echo "| lag p50 at $LAG_RATE/s, ms | $(median baseline lag_p50) | $(median orleans lag_p50_ms) | | $(runs baseline lag_p50); $(runs orleans lag_p50_ms) |"
echo "| lag p99 at $LAG_RATE/s, ms | $b_p99 | $o_p99 | | $(runs baseline lag_p99); $(runs orleans lag_p99_ms) |"
echo "| auctions/s, embedded process | | $(median orleans auction_embedded_per_s) | | ; $(runs orleans auction_embedded_per_s) |"
echo "| auctions/s, gateway-only process | | $(median orleans auction_gateway_per_s) | | ; $(runs orleans auction_gateway_per_s) |"
echo "| auction ratio gateway / embedded | | $(median orleans auction_ratio) | | ; $(runs orleans auction_ratio) |"
echo "| service CPU per auction, embedded / gateway, us | | $(median orleans auction_embedded_cpu_us) / $(median orleans auction_gateway_cpu_us) | | |"
echo "| drain CPU per event, this process / PostgreSQL, us | | $(median orleans drain_cpu_us_per_event) / $(median orleans drain_postgres_cpu_us_per_event) | | |"
echo
echo "# goals: drain >= 100,000/s: $(verdict "$o_drain" 100000 ge); drain >= 0.5x baseline: $(verdict "$(ratio "$o_drain" "$b_drain")" 0.5 ge); lag p99 < 1000 ms: $(verdict "$o_p99" 1000 lt); auction ratio >= 0.95: $(verdict "$(median orleans auction_ratio)" 0.95 ge)"
echo "# loadavg_end=$(loadavg)"
exit $failed
