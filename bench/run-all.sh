#!/usr/bin/env bash
# Runs every benchmark under bench/ once and says which passed (docs/benchmarks-running.md).
#
# Usage: bench/run-all.sh [--quick] [name...]
#   --quick  tiny sizes, a few seconds each: a smoke test that every benchmark still runs and checks its results
#            (2 min 25 s on 2 shared cores at load 16-31, build up to date, wrk installed)
#   default  each benchmark's documented default sizes (hours on 2 shared cores)
#   name...  only the benchmarks whose name starts with one of these, e.g. Kpi.Bench or Auction.Bench/inproc
# Builds the benchmarks once (Release), then runs each under timeout(1) with a kill-after, and its own time limit
# (BENCH_TIMEOUT_SECONDS) a minute shorter so that it stops itself first and cleans up. Prints per benchmark one of
#   PASS name (Ns)
#   FAIL name (exit N, log: path)
#   SKIP name: reason          (what it needs is not here: wrk, PostgreSQL, Chromium, ... — or full mode only)
# Logs, one per benchmark, stay in LOGS (default: a new temp directory, printed first).
# Exits 0 when nothing failed (skips allowed), 1 when a benchmark or the build failed, 2 on a usage error,
# 130/143 on SIGINT/SIGTERM, after stopping the running benchmark; a second signal exits at once.
# Knobs (environment): LOGS; ADORLEANS_BENCH_POSTGRES (Npgsql connection string of a PostgreSQL role that may
# create databases; default: adorleans/adorleans on 127.0.0.1, the role .ci/run creates).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
quick=""
only=()
for arg in "$@"; do
  case $arg in
    --quick) quick=1 ;;
    -*) echo "usage: bench/run-all.sh [--quick] [name...]" >&2; exit 2 ;;
    *) only+=("$arg") ;;
  esac
done

names=(Alerts.Bench Ingest.Bench Intelligence.Bench Auction.Bench/inproc Ctr.Bench Auction.Bench/http Auction.Bench/overspend Kpi.Bench/query Kpi.Bench/postgres Kpi.Bench/freshness Kpi.Bench/fold Lake.Bench
  Pipeline.Bench journeys-ratio.sh Distributed.Bench Dashboard compare.sh compare-distributed.sh)
for prefix in "${only[@]}"; do # a misspelt name would otherwise run nothing and pass
  matches=0
  for name in "${names[@]}"; do [[ $name == "$prefix"* ]] && matches=1; done
  (( matches )) || { echo "no benchmark named $prefix*; there are: ${names[*]}" >&2; exit 2; }
done

LOGS=${LOGS:-$(mktemp -d "${TMPDIR:-/tmp}/adorleans-bench.XXXXXX")}
mkdir -p "$LOGS"
echo "# bench/run-all.sh ${quick:+--quick }on $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), logs in $LOGS"

exec 9>&2 # the console, for messages from inside commands whose stderr goes to a log
child=""
stopping=""
service_pid=""
service_data=""
stop() { # exit-code signal
  [[ -z $stopping ]] || exit "$1"
  stopping=1
  echo "# SIG$2: stopping" >&9
  if [[ -n $child ]]; then
    kill -"$2" "$child" 2>/dev/null # timeout(1) passes it on to the benchmark and everything it started
    wait "$child" 2>/dev/null
  fi
  exit "$1"
}
trap 'stop 130 INT' INT
trap 'stop 143 TERM' TERM
trap 'stop_service' EXIT

# bounded SECONDS COMMAND...: COMMAND with BENCH_TIMEOUT_SECONDS=SECONDS, killed by timeout(1) a minute later (and
# 30 s after that if it ignores SIGTERM). In the background, so that a signal to this script stops it at once.
bounded() {
  local limit=$1 rc=0
  shift
  BENCH_TIMEOUT_SECONDS=$limit timeout -k 30 $((limit + 60)) "$@" &
  child=$!
  wait "$child" || rc=$?
  child=""
  return "$rc"
}

failed=0
selected() { # name: whether the command line asked for it
  (( ${#only[@]} == 0 )) && return 0
  local prefix
  for prefix in "${only[@]}"; do [[ $1 == "$prefix"* ]] && return 0; done
  return 1
}

# bench NAME LIMIT COMMAND...: runs one benchmark and prints its PASS / FAIL line.
bench() {
  local name=$1 limit=$2 rc=0
  shift 2
  local log="$LOGS/${name//\//-}.log"
  local started=$SECONDS
  bounded "$limit" "$@" >"$log" 2>&1 || rc=$?
  if (( rc == 0 )); then
    echo "PASS $name ($((SECONDS - started))s)"
  else
    echo "FAIL $name (exit $rc, log: $log)"
    { grep -E 'FAILED|http-bench.sh:|ingest-bench.sh:|intelligence-bench.sh:' "$log" || tail -3 "$log"; } | head -3 | cut -c1-300 | sed 's/^/    /'
    failed=1
  fi
}

skip() { echo "SKIP $1: $2"; }

# A service for the benchmark that needs a running one (Auction.Bench overspend), started as http-bench.sh starts it,
# on SERVICE_PORT (default 5382).
start_service() {
  service_url="http://127.0.0.1:${SERVICE_PORT:-5382}"
  if curl -s -o /dev/null "$service_url/healthz"; then
    echo "something already answers on $service_url (set SERVICE_PORT)" >"$LOGS/service.log"
    return 1
  fi
  service_data=$(mktemp -d "${TMPDIR:-/tmp}/adorleans-bench-service.XXXXXX")
  (cd "$ROOT/src/Silo" && Auth__AdminKeys=admin-bench Auth__ClientKeys=client-bench Urls=$service_url DataDirectory=$service_data \
    exec dotnet bin/Release/net10.0/AdOrleans.Silo.dll >"$LOGS/service.log" 2>&1) &
  service_pid=$!
  for _ in $(seq 60); do curl -sf "$service_url/healthz" >/dev/null && return 0; sleep 1; done
  return 1
}

stop_service() {
  [[ -z $service_pid ]] || { kill "$service_pid" 2>/dev/null; wait "$service_pid" 2>/dev/null; }
  [[ -z $service_data ]] || rm -rf "$service_data"
  service_pid=""
  service_data=""
}

postgres_missing() { # prints why the Kpi.Bench postgres mode cannot run here, or nothing
  [[ -n ${ADORLEANS_BENCH_POSTGRES:-} ]] && return # configured explicitly: a failure to connect is a FAIL
  if ! command -v psql >/dev/null; then
    echo "no psql to check for PostgreSQL (install postgresql, start it and the role as .ci/run does)"
  elif ! PGPASSWORD=adorleans PGCONNECT_TIMEOUT=5 psql -h 127.0.0.1 -U adorleans -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    echo "no PostgreSQL at 127.0.0.1:5432 with role adorleans/adorleans (start it: pg_ctlcluster 15 main start; the role: see .ci/run; or set ADORLEANS_BENCH_POSTGRES)"
  fi
}

dashboard_missing() { # prints why the dashboard benchmark cannot run here, or nothing
  if ! command -v node >/dev/null; then
    echo "no node (Debian: apt-get install nodejs npm)"
  elif [[ ! -x ${CHROMIUM:-/usr/bin/chromium} ]]; then
    echo "no Chromium at ${CHROMIUM:-/usr/bin/chromium} (Debian: apt-get install chromium)"
  elif [[ ! -d $ROOT/tests/Dashboard/node_modules/playwright-core ]] \
    && ! (cd "$ROOT/tests/Dashboard" && npm ci --no-audit --no-fund --loglevel=error >"$LOGS/npm-ci.log" 2>&1); then
    echo "playwright-core not installed and npm ci in tests/Dashboard failed (log: $LOGS/npm-ci.log)"
  fi
}

# --- build -------------------------------------------------------------------------------------------------------
started=$SECONDS
if ! bounded 1200 dotnet build "$ROOT/bench/bench.slnf" -c Release -nologo -v q >"$LOGS/build.log" 2>&1; then
  echo "FAIL build (log: $LOGS/build.log)"
  grep -E 'error' "$LOGS/build.log" | sort -u | head -5 | sed 's/^/    /'
  exit 1
fi
echo "# built in $((SECONDS - started))s"
auction=$ROOT/bench/Auction.Bench/bin/Release/net10.0/AdOrleans.Auction.Bench.dll
kpi=$ROOT/bench/Kpi.Bench/bin/Release/net10.0/AdOrleans.Kpi.Bench.dll
pipeline=$ROOT/bench/Pipeline.Bench/bin/Release/net10.0/AdOrleans.Pipeline.Bench.dll
distributed=$ROOT/bench/Distributed.Bench/bin/Release/net10.0/AdOrleans.Distributed.Bench.dll
alerts=$ROOT/bench/Alerts.Bench/bin/Release/net10.0/AdOrleans.Alerts.Bench.dll
ctr=$ROOT/bench/Ctr.Bench/bin/Release/net10.0/AdOrleans.Ctr.Bench.dll

# --- benchmarks (quick: arguments and limits for a smoke test; full: the documented defaults) ----------------------
if selected Alerts.Bench; then
  if [[ -n $quick ]]; then bench Alerts.Bench 60 dotnet "$alerts" --weeks 1 --step 60
  else bench Alerts.Bench 900 dotnet "$alerts"; fi
fi

if selected Auction.Bench/inproc; then
  if [[ -n $quick ]]; then bench Auction.Bench/inproc 60 dotnet "$auction" inproc 20000
  else bench Auction.Bench/inproc 900 dotnet "$auction" inproc; fi
fi

if selected Ctr.Bench; then
  if [[ -n $quick ]]; then bench Ctr.Bench 60 dotnet "$ctr" 1 100000
  else bench Ctr.Bench 900 dotnet "$ctr"; fi
fi

if selected Ingest.Bench; then
  if ! command -v wrk >/dev/null; then skip Ingest.Bench "no wrk (Debian: apt-get install wrk)"
  elif [[ -n $quick ]]; then QUICK=1 bench Ingest.Bench 180 "$ROOT/bench/Ingest.Bench/ingest-bench.sh"
  else bench Ingest.Bench 900 "$ROOT/bench/Ingest.Bench/ingest-bench.sh"; fi
fi

if selected Intelligence.Bench; then
  if ! command -v wrk >/dev/null; then skip Intelligence.Bench "no wrk (Debian: apt-get install wrk; bench/lib/embedded-service.sh wants it)"
  elif [[ -n $quick ]]; then QUICK=1 bench Intelligence.Bench 180 "$ROOT/bench/Intelligence.Bench/intelligence-bench.sh"
  else bench Intelligence.Bench 2700 "$ROOT/bench/Intelligence.Bench/intelligence-bench.sh"; fi
fi

if selected Auction.Bench/http; then
  if ! command -v wrk >/dev/null; then skip Auction.Bench/http "no wrk (Debian: apt-get install wrk)"
  elif [[ -n $quick ]]; then WRK_SECONDS=2 CPU_SECONDS=2 bench Auction.Bench/http 120 "$ROOT/bench/Auction.Bench/http-bench.sh"
  else bench Auction.Bench/http 900 "$ROOT/bench/Auction.Bench/http-bench.sh"; fi
fi

if selected Auction.Bench/overspend; then
  if ! start_service; then
    echo "FAIL Auction.Bench/overspend (the service did not start, log: $LOGS/service.log)"
    failed=1
  else
    if [[ -n $quick ]]; then bench Auction.Bench/overspend 90 dotnet "$auction" overspend "$service_url" admin-bench client-bench 5000 2
    else bench Auction.Bench/overspend 300 dotnet "$auction" overspend "$service_url" admin-bench client-bench; fi
  fi
  stop_service
fi

if selected Kpi.Bench/query; then
  if [[ -n $quick ]]; then bench Kpi.Bench/query 90 dotnet "$kpi" query --events 100000 --samples 50 --campaigns 2
  else bench Kpi.Bench/query 3600 dotnet "$kpi" query; fi
fi

if selected Kpi.Bench/postgres; then
  reason=$(postgres_missing)
  if [[ -n $reason ]]; then skip Kpi.Bench/postgres "$reason"
  elif [[ -n $quick ]]; then bench Kpi.Bench/postgres 90 dotnet "$kpi" postgres --events 100000 --samples 50 --campaigns 2
  else bench Kpi.Bench/postgres 3600 dotnet "$kpi" postgres; fi
fi

lake=$ROOT/bench/Lake.Bench/bin/Release/net10.0/AdOrleans.Lake.Bench.dll
if selected Lake.Bench; then
  if [[ -n $quick ]]; then bench Lake.Bench 120 dotnet "$lake" all --events 20000
  else bench Lake.Bench 3600 dotnet "$lake" all; fi
fi

if selected Kpi.Bench/freshness; then
  if [[ -n $quick ]]; then bench Kpi.Bench/freshness 90 dotnet "$kpi" freshness --samples 20
  else bench Kpi.Bench/freshness 3600 dotnet "$kpi" freshness; fi
fi

if selected Kpi.Bench/fold; then
  if [[ -n $quick ]]; then bench Kpi.Bench/fold 90 dotnet "$kpi" fold --keys 2000 --minutes 2 --touches 2
  else bench Kpi.Bench/fold 600 dotnet "$kpi" fold --touches 3; fi
fi

if selected Pipeline.Bench; then
  if [[ -n $quick ]]; then
    PIPELINE_BENCH_FRESHNESS_SECONDS=2 PIPELINE_BENCH_MEMORY_GRAINS=1000 \
      bench Pipeline.Bench 120 dotnet "$pipeline" 20000 100 1 1000 1.0 skewed,uniform,freshness,memory
  else bench Pipeline.Bench 3600 dotnet "$pipeline"; fi
fi

if selected journeys-ratio.sh; then
  if [[ -n $quick ]]; then OUT="$LOGS/journeys-ratio" bench journeys-ratio.sh 300 "$ROOT/bench/journeys-ratio.sh" 20000 1
  else OUT="$LOGS/journeys-ratio" bench journeys-ratio.sh 1800 "$ROOT/bench/journeys-ratio.sh" 1000000 5; fi
fi

if selected Distributed.Bench; then
  reason=$(postgres_missing)
  # The auction phase runs wrk; without it the pipeline phases still run.
  phases=drain,live,lag$(command -v wrk >/dev/null && echo ,auction)
  # DOTNET_TC_CallCountingDelayMs=0 as compare-distributed.sh runs it (docs/benchmarks-distributed.md, "Two things the
  # numbers depend on").
  if [[ -n $reason ]]; then skip Distributed.Bench "$reason"
  elif [[ -n $quick ]]; then
    DOTNET_TC_CallCountingDelayMs=0 DISTRIBUTED_BENCH_WARMUP=10000 DISTRIBUTED_BENCH_LAG_SECONDS=2 DISTRIBUTED_BENCH_WRK_SECONDS=2 \
      DISTRIBUTED_BENCH_AUCTION_ROUNDS=1 bench Distributed.Bench 300 dotnet "$distributed" 20000 2000 "$phases"
  else DOTNET_TC_CallCountingDelayMs=0 bench Distributed.Bench 1800 dotnet "$distributed" 600000 20000 "$phases"; fi
fi

if selected Dashboard; then
  reason=$(dashboard_missing)
  if [[ -n $reason ]]; then skip Dashboard "$reason"
  elif [[ -n $quick ]]; then RUNS=1 CPU_SECONDS=0 FRAME_SECONDS=0 bench Dashboard 120 node "$ROOT/bench/Dashboard/measure.mjs"
  else bench Dashboard 3600 node "$ROOT/bench/Dashboard/measure.mjs"; fi
fi

if selected compare.sh; then
  if [[ -n $quick ]]; then skip compare.sh "full mode only (it builds the baseline branch in a temporary worktree first: minutes)"
  else OUT="$LOGS/compare" bench compare.sh 7200 "$ROOT/bench/compare.sh"; fi
fi

if selected compare-distributed.sh; then
  reason=$(postgres_missing)
  if [[ -n $quick ]]; then skip compare-distributed.sh "full mode only (it builds the baseline branch first: minutes)"
  elif [[ -n $reason ]]; then skip compare-distributed.sh "$reason"
  else OUT="$LOGS/compare-distributed" bench compare-distributed.sh 7200 "$ROOT/bench/compare-distributed.sh"; fi
fi

echo "# $( ((failed)) && echo FAILED || echo passed ) in $((SECONDS - started))s"
exit "$failed"
