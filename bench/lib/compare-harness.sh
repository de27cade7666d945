# Sourced by bench/compare.sh and bench/compare-distributed.sh: what a side-by-side run against the pre-port
# baseline needs besides its benchmark. Expects ROOT, LIMIT (BENCH_TIMEOUT_SECONDS, 0: none) and DEADLINE set.
# Provides: signal handling that stops the running command (exit 130/143; a second signal exits at once), removal of
# a temporary baseline worktree on exit, bounded (a command under timeout and the overall limit) and
# checkout_baseline (sets BASE_DIR, BASE_COMMIT and CUR_COMMIT).

TMP_WORKTREE=""
cleanup() {
  if [[ -n "$TMP_WORKTREE" ]]; then
    git -C "$ROOT" worktree remove --force "$TMP_WORKTREE" >/dev/null 2>&1 || rm -rf "$TMP_WORKTREE"
    git -C "$ROOT" worktree prune >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

exec 9>&2 # the console, for messages from inside commands whose stderr goes to a log
child=""
stopping=""
stop() { # exit-code signal
  [[ -z $stopping ]] || exit "$1"
  stopping=1
  echo "# SIG$2: stopping" >&9
  if [[ -n $child ]]; then
    kill -"$2" "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  exit "$1"
}
trap 'stop 130 INT' INT
trap 'stop 143 TERM' TERM

# bounded SECONDS COMMAND...: COMMAND under timeout, for at most SECONDS and not past BENCH_TIMEOUT_SECONDS; in the
# background, so that a signal stops it at once rather than after it ends. Returns its exit code (124: timed out).
bounded() {
  local limit=$1 rc=0
  shift
  if (( LIMIT > 0 )); then
    local left=$((DEADLINE - SECONDS))
    (( left > 0 )) || { echo "FAILED: time limit of $LIMIT s reached (BENCH_TIMEOUT_SECONDS)" >&9; exit 124; }
    (( left >= limit )) || limit=$left
  fi
  timeout -k 30 "$limit" "$@" &
  child=$!
  wait "$child" || rc=$?
  child=""
  return "$rc"
}

# checkout_baseline: BASELINE_WORKTREE if set, else the worktree that has branch `baseline` checked out, else a
# temporary detached worktree of BASELINE_REF (default: branch baseline or origin/baseline where one exists). With none
# of these, the worktree is 402ab48 (the last main on the own runtime) with bench/baseline/402ab48-pipeline-bench.patch
# applied: that commit's Pipeline.Bench hangs, and the patch is its fix and nothing else (bench/baseline/README.md).
BASELINE_COMMIT=402ab48
BASELINE_PATCH=bench/baseline/402ab48-pipeline-bench.patch
checkout_baseline() {
  if [[ -z "${BASELINE_WORKTREE:-}" ]]; then
    # git worktree list --porcelain: "worktree PATH" ... "branch REF".
    BASELINE_WORKTREE=$(git -C "$ROOT" worktree list --porcelain | awk '/^worktree /{w=substr($0, 10)} $0 == "branch refs/heads/baseline" {print w}')
  fi
  local patched=""
  if [[ -n "$BASELINE_WORKTREE" ]]; then
    BASE_DIR=$BASELINE_WORKTREE
  else
    local ref
    if [[ -n "${BASELINE_REF:-}" ]]; then
      ref=$BASELINE_REF
    elif git -C "$ROOT" rev-parse -q --verify refs/heads/baseline >/dev/null; then
      ref=baseline
    elif git -C "$ROOT" rev-parse -q --verify refs/remotes/origin/baseline >/dev/null; then
      ref=origin/baseline
    else
      ref=$BASELINE_COMMIT
      patched=1
    fi
    TMP_WORKTREE=$(mktemp -d "${TMPDIR:-/tmp}/adorleans-baseline.XXXXXX")
    rmdir "$TMP_WORKTREE"
    # Detached, so it works while the branch is checked out in another worktree.
    git -C "$ROOT" worktree add --detach "$TMP_WORKTREE" "$ref" >/dev/null \
      || { echo "cannot check out the baseline '$ref' (a shallow clone? git fetch --unshallow)" >&2; exit 1; }
    BASE_DIR=$TMP_WORKTREE
    if [[ -n $patched ]]; then
      git -C "$BASE_DIR" apply "$ROOT/$BASELINE_PATCH" || { echo "$BASELINE_PATCH does not apply to $ref" >&2; exit 1; }
    fi
  fi
  BASE_COMMIT=$(git -C "$BASE_DIR" rev-parse --short HEAD)${patched:++bench-fix}
  CUR_COMMIT=$(git -C "$ROOT" rev-parse --short HEAD)$([[ -z $(git -C "$ROOT" status --porcelain -- src bench) ]] || echo "+dirty")
}
