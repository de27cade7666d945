# Sourced by the HTTP benchmarks (bench/Auction.Bench/http-bench.sh, bench/Ingest.Bench/ingest-bench.sh and
# memory-bench.sh): a fresh service from this tree's Release build (dotnet build -c Release src/Silo) on a temporary
# data directory, with keys admin-bench and client-bench. SILO_DIR names another build's output to run instead
# (e.g. a ReadyToRun publish: dotnet publish src/Silo -c Release -r linux-x64 -p:PublishReadyToRun=true -o DIR).
# On exit, SIGINT (130) or SIGTERM (143) it stops the service, the child started by `run` and any pid in $helpers,
# copies the service's log to KEEP_LOG when set, and deletes the data directory.
# The caller sets: root (the repository), port, script (its name, for messages). Needs wrk and curl.
command -v wrk >/dev/null || { echo "$script: wrk not found (Debian: apt-get install wrk)" >&2; exit 1; }
data=$(mktemp -d)
svc=""
child=""
helpers=""
cleanup() {
  for pid in $child $helpers; do kill "$pid" 2>/dev/null || true; done
  [ -z "$svc" ] || { kill "$svc" 2>/dev/null; wait "$svc" 2>/dev/null; } || true
  [ -z "${KEEP_LOG:-}" ] || cp "$data/service.log" "$KEEP_LOG" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
trap 'echo "# SIGINT: stopping" >&2; exit 130' INT
trap 'echo "# SIGTERM: stopping" >&2; exit 143' TERM
fail() { echo "$script: $*" >&2; exit 1; }
# Children run in the background and are waited for, so that a signal to the script is handled at once.
run() { "$@" & child=$!; wait "$child"; local rc=$?; child=""; return $rc; }

# start_service [NAME=value ...]: starts the service (settings added to its environment) and waits for /healthz;
# $svc is the service's own pid (for /proc).
start_service() {
  (cd "$root/src/Silo" && exec env Auth__AdminKeys=admin-bench Auth__ClientKeys=client-bench Urls="http://127.0.0.1:$port" \
    DataDirectory="$data" "$@" dotnet "${SILO_DIR:-bin/Release/net10.0}/AdOrleans.Silo.dll" > "$data/service.log" 2>&1) &
  svc=$!
  for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && return 0; sleep 1; done
  tail -30 "$data/service.log" >&2
  fail "the service did not answer /healthz on port $port within 60 s (its log is above)"
}
