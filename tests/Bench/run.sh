#!/usr/bin/env bash
# Checks that the benchmarks fail loudly (docs/benchmarks-running.md): a failure, the time limit and SIGTERM each end
# the process with its exit code, a message on stderr and nothing left behind; bench/run-all.sh reports a failing
# benchmark as FAIL and exits non-zero, and stops on SIGTERM. About a minute: tiny runs, no benchmark measured.
# Prints "ok"/"not ok" per check, then "# pass N" and "# fail N" (the summary test.sh reads from other suites).
set -uo pipefail
cd "$(dirname "$0")/../.."

work=$(mktemp -d "${TMPDIR:-/tmp}/adorleans-bench-checks.XXXXXX")
trap 'rm -rf "$work"' EXIT
pass=0
fail=0
check() { # description condition...
  local description=$1
  shift
  if "$@"; then
    echo "ok - $description"
    pass=$((pass + 1))
  else
    echo "not ok - $description"
    sed 's/^/    # /' "$work/err" 2>/dev/null | tail -5
    fail=$((fail + 1))
  fi
}

dotnet build bench/bench.slnf -c Release -nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log"; echo "# pass 0"; echo "# fail 1"; exit 1; }
pipeline=bench/Pipeline.Bench/bin/Release/net10.0/AdOrleans.Pipeline.Bench.dll
kpi=bench/Kpi.Bench/bin/Release/net10.0/AdOrleans.Kpi.Bench.dll
auction=bench/Auction.Bench/bin/Release/net10.0/AdOrleans.Auction.Bench.dll

# Each benchmark process gets its own temp directory (TMPDIR): empty afterwards means it cleaned up.
tmp="$work/tmp"
run() { # command... : runs it with a fresh TMPDIR; sets rc, err (stderr) and seconds
  rm -rf "$tmp" && mkdir -p "$tmp"
  local start=$SECONDS
  TMPDIR=$tmp "$@" >"$work/out" 2>"$work/err"
  rc=$?
  seconds=$((SECONDS - start))
}
# terminated AFTER COMMAND...: starts it, sends SIGTERM AFTER seconds in, waits. (Not SIGINT: a background command of
# a script starts with SIGINT ignored.)
terminated() {
  local after=$1 start
  shift
  rm -rf "$tmp" && mkdir -p "$tmp"
  TMPDIR=$tmp "$@" >"$work/out" 2>"$work/err" &
  local pid=$!
  sleep "$after"
  start=$SECONDS
  kill -TERM "$pid"
  wait "$pid"
  rc=$?
  seconds=$((SECONDS - start))
}
stderr_has() { grep -q -- "$1" "$work/err"; }
cleaned() { [ -z "$(find "$tmp" -mindepth 1 ! -path "$tmp/adorleans-pipeline-bench")" ]; } # that parent is shared by runs

big=(dotnet "$pipeline" 5000000 1000 1 100000 1.0 skewed)

run env BENCH_TIMEOUT_SECONDS=4 "${big[@]}"
check "Pipeline.Bench past BENCH_TIMEOUT_SECONDS: exit 124, says so, removes its data" \
  eval '[ "$rc" -eq 124 ] && stderr_has "BENCHMARK FAILED: time limit of 4 s" && cleaned'

terminated 5 "${big[@]}"
check "Pipeline.Bench on SIGTERM: exit 143 within 20 s, removes its data" \
  eval '[ "$rc" -eq 143 ] && [ "$seconds" -le 20 ] && stderr_has "SIGTERM: stopping" && cleaned'

run dotnet "$pipeline" 1000 10 1 10 1.0 skewd
check "Pipeline.Bench with a misspelt workload: exit 1, not a silent pass" eval '[ "$rc" -eq 1 ] && stderr_has "BENCHMARK FAILED"'

run env ADORLEANS_BENCH_POSTGRES="Host=127.0.0.1;Port=1;Username=x;Password=x" dotnet "$kpi" postgres --events 1000
check "Kpi.Bench postgres without a server: exit 1, BENCHMARK FAILED on stderr" eval '[ "$rc" -eq 1 ] && stderr_has "BENCHMARK FAILED"'

terminated 3 dotnet "$kpi" query --events 50000000
check "Kpi.Bench query on SIGTERM: exit 143, removes its data" eval '[ "$rc" -eq 143 ] && cleaned'

run env BENCH_TIMEOUT_SECONDS=soon dotnet "$auction" inproc 1000
check "an invalid BENCH_TIMEOUT_SECONDS: exit 2" eval '[ "$rc" -eq 2 ] && stderr_has "BENCH_TIMEOUT_SECONDS must be"'

run dotnet "$auction" overspend
check "Auction.Bench with missing arguments: exit 2 and its usage" eval '[ "$rc" -eq 2 ] && stderr_has "usage:"'

if [ -d tests/Dashboard/node_modules/playwright-core ]; then
  run env SILO_DLL=/nonexistent.dll node bench/Dashboard/measure.mjs
  check "Dashboard without a service build: exit 1, BENCHMARK FAILED on stderr" eval '[ "$rc" -eq 1 ] && stderr_has "BENCHMARK FAILED"'
else
  echo "ok - Dashboard without a service build # SKIP playwright-core not installed (cd tests/Dashboard && npm ci)"
fi

run env LOGS="$work/logs" ADORLEANS_BENCH_POSTGRES="Host=127.0.0.1;Port=1;Username=x;Password=x" bench/run-all.sh --quick Kpi.Bench/postgres
check "run-all.sh with a failing benchmark: a FAIL line with its log, exit 1" \
  eval '[ "$rc" -eq 1 ] && grep -q "^FAIL Kpi.Bench/postgres (exit 1, log: $work/logs/Kpi.Bench-postgres.log)" "$work/out"'

terminated 12 env LOGS="$work/logs" bench/run-all.sh --quick Pipeline.Bench
check "run-all.sh on SIGTERM: stops the running benchmark, exit 143" \
  eval '[ "$rc" -eq 143 ] && [ "$seconds" -le 25 ] && ! pgrep -f "$PWD/$pipeline" >/dev/null'

echo "# pass $pass"
echo "# fail $fail"
[ "$fail" -eq 0 ]
