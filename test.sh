#!/usr/bin/env bash
# Runs every test suite and ends with one line "N passed, N failed".
# Needs: the .NET SDK (global.json), and for the PostgreSQL/Kafka suites the services .ci/run installs.
set -uo pipefail
cd "$(dirname "$0")"

results_dir="${TMPDIR:-/tmp}/adorleans-test-results"
rm -rf "$results_dir"
mkdir -p "$results_dir"

dotnet build AdOrleans.sln -c Release -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }

status=0
# Distributed.Tests restart PostgreSQL (a fault they inject): they run alone, after the suites that also use it.
dotnet test AdOrleans.sln -c Release --no-build -nologo --filter "FullyQualifiedName!~AdOrleans.Distributed.Tests" \
  --blame-hang-timeout 8m --blame-hang-dump-type none \
  --logger "trx;LogFilePrefix=run" --results-directory "$results_dir" || status=$?
dotnet test tests/Distributed.Tests -c Release --no-build -nologo \
  --blame-hang-timeout 8m --blame-hang-dump-type none \
  --logger "trx;LogFilePrefix=distributed" --results-directory "$results_dir" || status=$?

passed=0
failed=0
for trx in "$results_dir"/*.trx; do
  [ -e "$trx" ] || continue
  p=$(grep -o 'passed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*')
  f=$(grep -o 'failed="[0-9]*"' "$trx" | head -1 | grep -o '[0-9]*')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ -x tests/Deploy/run.sh ]; then
  deploy_out=$(tests/Deploy/run.sh 2>&1) || status=1
  echo "$deploy_out" | tail -20
  p=$(echo "$deploy_out" | grep -E '^# pass ' | awk '{print $3}' | tail -1)
  f=$(echo "$deploy_out" | grep -E '^# fail ' | awk '{print $3}' | tail -1)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
fi

for suite in tests/Dashboard/run.sh; do [ -x "$suite" ] && { out=$("$suite" 2>&1) || status=1; echo "$out" | grep -E -A25 '^ *not ok' | head -80; echo "$out" | tail -20; p=$(echo "$out" | grep -E '^# pass ' | awk '{print $3}' | tail -1); f=$(echo "$out" | grep -E '^# fail ' | awk '{print $3}' | tail -1); passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); }; done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
echo "$passed passed, $failed failed"
exit "$status"
