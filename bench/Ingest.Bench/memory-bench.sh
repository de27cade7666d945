#!/bin/bash
# Memory after a long ingest (docs/memory.md): a fresh Release service on a temporary data directory, EVENTS (10 M)
# pageviews over 1,000 campaigns and 5,000 users posted in batches of 100 by wrk (32 connections, chunks of 30 s until
# enough are acknowledged), then the wait until the service counted every one, then IDLE_SECONDS (300) without
# traffic. RSS is sampled every 5 s throughout. Reports the peak, the RSS once caught up, at the end of the idle
# period, the minimum, median and maximum RSS over the idle period from its 30th second on, the idle trimmer's log
# lines (heap in use after each full collection) and where the memory is at the end (by mapping, and the GC's view). Settings pass through the
# environment (e.g. Memory__TrimWhenIdle=false for the reference without the trimmer). GCDUMP=FILE adds a heap snapshot
# at the end (needs dotnet-gcdump).
# Build first: dotnet build -c Release src/Silo. Needs wrk and curl. Exits 1 when the service does not start, wrk
# fails, or the count does not add up within CATCH_UP_SECONDS (600); 130/143 on SIGINT/SIGTERM.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/bench/Ingest.Bench"
port=${PORT:-5392}
target=${EVENTS:-10000000}
idle=${IDLE_SECONDS:-300}
catch_up=${CATCH_UP_SECONDS:-600}
script=memory-bench.sh
. "$root/bench/lib/embedded-service.sh"
export CLIENT_KEY=client-bench
start_service
echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024) " MiB"}' /proc/meminfo); start $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg); events $target, idle ${idle}s"
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$svc/status"; }
( while kill -0 "$svc" 2>/dev/null; do echo "$(date +%s) $(rss)"; sleep 5; done ) > "$data/rss" &
helpers=$!
counted() { curl -sf -H "X-Api-Key: admin-bench" "http://127.0.0.1:$port/v1/kpi/summary" | sed -n 's/.*"pageviews":\([0-9]*\).*/\1/p'; }

acknowledged=0
started=$(date +%s)
while [ "$acknowledged" -lt "$target" ]; do
  timeout 60 wrk -t2 -c32 -d30s -s "$here/batch.lua" "http://127.0.0.1:$port/v1/events/batch" > "$data/wrk.out" || fail "wrk failed: $(cat "$data/wrk.out")"
  grep -qE 'Non-2xx or 3xx responses|Socket errors' "$data/wrk.out" && fail "wrk reported failed requests: $(cat "$data/wrk.out")"
  acknowledged=$((acknowledged + $(awk '/requests in/ {print $1}' "$data/wrk.out") * 100))
  echo "# $(date -u +%T) acknowledged $acknowledged, counted $(counted), rss $(rss) MiB, load $(cut -d' ' -f1 /proc/loadavg)"
done
ingest_s=$(( $(date +%s) - started ))
for _ in $(seq "$catch_up"); do [ "$(counted)" -ge "$acknowledged" ] && break; sleep 1; done
n=$(counted)
# wrk does not count requests in flight when a chunk ends: up to 32 more per chunk.
[ "$n" -ge "$acknowledged" ] && [ "$n" -le $((acknowledged + 32 * 100 * (ingest_s / 30 + 1))) ] || fail "the service counted $n events, wrk had $acknowledged acknowledged"
caught_up=$(rss)
idle_from=$(date +%s)
echo "# $(date -u +%T) caught up: counted $n after $(( $(date +%s) - started )) s; idling ${idle}s"
sleep "$idle"
# The idle period's RSS samples (every 5 s): the trimmer and the lake's compaction move it up and down, so the end
# value alone depends on where in that cycle it falls.
idle_rss=$(awk -v from="$((idle_from + 30))" '$1 >= from {print $2}' "$data/rss" | sort -n \
  | awk '{v[NR] = $1} END {if (NR) printf "rss_idle_min_mib=%d rss_idle_median_mib=%d rss_idle_max_mib=%d", v[1], v[int((NR + 1) / 2)], v[NR]}')
echo "RESULT events=$n ingest_s=$ingest_s peak_rss_mib=$(awk '{print $2}' "$data/rss" | sort -n | tail -1) rss_caught_up_mib=$caught_up" \
  "rss_after_idle_mib=$(rss) $idle_rss loadavg_end=$(cut -d' ' -f1 /proc/loadavg)"
echo "# idle rss every 5 s (MiB): $(awk -v from="$idle_from" '$1 >= from {printf "%s ", $2}' "$data/rss")"
grep -h "returned the heap" "$data/service.log" | sed 's/^ */# trimmer: /' || echo "# trimmer: no trim logged"
# The idle gen0 collections are logged at Debug (Logging__LogLevel__AdOrleans.Silo.Memory=Debug): their count and pauses.
grep -ho "Idle: gen0 collection.* in [0-9.]* ms" "$data/service.log" | awk '{print $(NF - 1)}' | sort -n \
  | awk '{v[NR] = $1} END {if (NR) printf "# idle gen0 collections: %d, pause median %.1f ms, max %.1f ms\n", NR, v[int((NR + 1) / 2)], v[NR]}'
# Where the resident memory is at the end, by mapping (/proc/PID/smaps): anonymous memory (the GC's heap, native
# allocations, thread stacks), the JIT's double-mapped code, mapped files; then what the runtime says of its heap
# (committed: the GC's part of the anonymous memory).
awk '/^[0-9a-f]+-[0-9a-f]+ / { name = (NF >= 6 ? $6 : "[anon]") }
     /^Rss:/ { if (name ~ /doublemapper/) k = "jit-code"; else if (name ~ /\.(dll|so)/) k = "mapped-dll-so";
               else if (name ~ /^\[anon/) k = "anon"; else if (name ~ /^\//) k = "other-files"; else k = name;
               rss[k] += $2 }
     END { for (k in rss) if (rss[k] >= 1024) printf "# rss_by_mapping %s_mib=%d\n", k, rss[k] / 1024 }' "/proc/$svc/smaps" | sort
# The largest anonymous mappings: glibc's arenas are 64 MiB mappings, thread stacks 8 MiB or less with a guard page,
# the GC's regions sit in its reservation of hundreds of GiB.
awk '/^[0-9a-f]+-[0-9a-f]+ / { anon = (NF < 6); range = $1 } /^Size:/ { size = $2 }
     /^Rss:/ { if (anon && $2 >= 4096) printf "%d %d %s\n", $2 / 1024, size / 1024, range }' "/proc/$svc/smaps" \
  | sort -rn | head -12 | awk '{printf "# anon_mapping rss_mib=%d size_mib=%d at=%s\n", $1, $2, $3}'
curl -sf "http://127.0.0.1:$port/metrics" -H "X-Api-Key: admin-bench" \
  | grep -E '^(system_runtime_)?dotnet_(gc_last_collection_heap_size|gc_last_collection_memory_committed_size|process_memory_working_set)[^ ]* ' \
  | sed 's/^/# metric /' || true
# GCDUMP=FILE: a heap snapshot at the very end (dotnet-gcdump, which runs a full collection first) and its largest types.
if [ -n "${GCDUMP:-}" ]; then
  run dotnet-gcdump collect -p "$svc" -o "$GCDUMP" > /dev/null || fail "dotnet-gcdump collect failed (dotnet tool install -g dotnet-gcdump)"
  dotnet-gcdump report "$GCDUMP" | head -40 | sed 's/^/# gcdump /'
fi
echo "# end $(date -u +%FT%TZ)"
