#!/usr/bin/env bash
# The demo: job vic_ideas with two Python stages.
#   extract: v1, then v2 with comments and black-style reformatting only, reported with jobctl observe
#            → auto-blessed by structural proof
#   score:   the example pipeline (examples/pipeline), 200 items in a SQLite result store:
#            v1 computes 200; v2 reformatted → auto-blessed, 0 recomputed; v3 with a new threshold →
#            semantic, pending (a push in the notifier log), 0 recomputed; jobctl reset → the pipeline's
#            reset listener recomputes exactly the 200 stale items and the stale count drops to 0
# Run by `./stalewatch demo`, which starts the stack and exports STALEWATCH_URL / STALEWATCH_TOKEN.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
ex="$here/vic_ideas"
pipeline="$here/pipeline"
items=200

die() { printf 'demo: %s\n' "$*" >&2; exit 1; }
warn() { printf 'demo: WARNING: %s\n' "$*" >&2; }
jobctl() { "$root/jobctl" "$@"; }
# Runs "$@" for at most $1 seconds (where coreutils' timeout exists).
within() {
  local seconds=$1; shift
  if command -v timeout >/dev/null 2>&1; then timeout "$seconds" "$@"; else "$@"; fi
}

[ -n "${STALEWATCH_URL:-}" ] || die "STALEWATCH_URL is not set: run it with ./stalewatch demo"
[ -n "${STALEWATCH_TOKEN:-}" ] || die "STALEWATCH_TOKEN is not set: run it with ./stalewatch demo"
if [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; else py=$(command -v python3) || die "the demo needs python3"; fi
export PYTHONPATH="$root/worker-python/src${PYTHONPATH:+:$PYTHONPATH}"  # the stalewatch package, uninstalled
export PYTHONDONTWRITEBYTECODE=1  # leave no __pycache__ in the checkout

work=$(mktemp -d "${TMPDIR:-/tmp}/stalewatch-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT
db="$work/results.db"
deployed="$work/deployed/score.py"  # what a deployment replaces
mkdir -p "$(dirname "$deployed")"

# 0 when Stalewatch knows $job/$1, 1 when not; stops the demo when it does not answer.
stage_known() {
  local rc=0
  "$py" - "$job" "$1" <<'EOF' || rc=$?
import os, sys, urllib.error, urllib.request
url = f"{os.environ['STALEWATCH_URL'].rstrip('/')}/api/stages/{sys.argv[1]}/{sys.argv[2]}/validity"
try:
    urllib.request.urlopen(url, timeout=10).close()
except urllib.error.HTTPError as e:
    if e.code == 404:
        sys.exit(1)
    print(f"demo: {url} answered {e.code}", file=sys.stderr)
    sys.exit(2)
except OSError as e:
    print(f"demo: Stalewatch does not answer at {url}: {e}", file=sys.stderr)
    sys.exit(2)
EOF
  [ "$rc" -le 1 ] || exit 1
  return "$rc"
}

# A stack that played the demo before keeps its versions (reporting v1 again does not make it
# current): play this run under a fresh job name instead.
job=vic_ideas
n=1
while stage_known extract || stage_known score; do
  n=$(( n + 1 ))
  [ "$n" -le 50 ] || die "vic_ideas and vic_ideas_2 to _50 are all taken on this stack: ./stalewatch down && rm -rf .stalewatch"
  job="vic_ideas_$n"
done
if [ "$job" != vic_ideas ]; then
  echo "note: this stack played the demo before (its data is in .stalewatch/); this run uses job $job"
  echo "      (for a fresh start: ./stalewatch down && rm -rf .stalewatch)"
fi

# Publishes one extract report over HTTP and answers its version hash.
observe() {
  local source=$1; shift
  jobctl observe --via http --json --job "$job" --stage extract --source "$source" --source-name _stage_extract \
    --text-dep "MODEL=$ex/model.txt" --text-dep "PROMPT=$ex/extract_prompt.txt" --dep "clean_text=$ex/clean_text.py" "$@" \
    | "$py" -c 'import json,sys; print(json.load(sys.stdin)["versionHash"])'
}

# One field of a JSON object.
field() { "$py" -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

# Deploys one version of the score stage (replaces the module file) and runs the pipeline's runner
# on it: its log indented, then its JSON line in $result.
run_score() {
  cp "$pipeline/stages/$1" "$deployed"
  if ! within 90 "$py" "$pipeline/runner.py" --job "$job" --stage score --stage-module "$deployed" \
      --items "$items" --db "$db" --wait 30 >"$work/out" 2>"$work/err"; then
    sed 's/^/   | /' "$work/err"
    die "runner.py failed (or took longer than 90 s) on $1"
  fi
  sed 's/^/   | /' "$work/err"
  result=$(tail -n 1 "$work/out")
}

# Says so when a runner's count is not the one the story expects (the demo goes on).
expect() {
  local what=$1 want=$2 got; got=$(field "$result" "$what")
  [ "$got" = "$want" ] || warn "$what is $got, expected $want (see the runner's log above)"
}

# The valid versions of the score stage, as Stalewatch answers them.
show_validity() {
  "$py" - "$job" <<'EOF' || warn "could not ask Stalewatch for the valid versions of score"
import sys, stalewatch
v = stalewatch.Client.from_env(timeout=10).valid_versions(sys.argv[1], "score", strict=True)
for version in v.versions:
    mark = " (current)" if version.hash == v.current_hash else ""
    print(f"   {version.hash[:12]}  {version.state:<16} {version.results:>4} results{mark}")
EOF
}

echo "== 1. version 1 of both stages: extract reported with jobctl observe, score run by the example pipeline on $items items"
extract1=$(observe "$ex/extract_v1.py")
echo "   extract v1 $extract1"
run_score score_v1.py
score1=$(field "$result" versionHash)
echo "== score v1 ${score1:0:12}: computed $(field "$result" computed), kept $(field "$result" keptValid)"
expect computed "$items"

echo "== 2. deploy v2 of both stages: comments, quotes and line breaks only (extract reports 1,200 results of v1)"
observe "$ex/extract_v2_reformatted.py" --result-version "$extract1=1200" >/dev/null
run_score score_v2_reformatted.py
echo "== score v2: computed $(field "$result" computed), kept $(field "$result" keptValid) (auto-blessed: v1's results stay valid); versions:"
expect computed 0
expect keptValid "$items"
show_validity

echo "== 3. deploy v3 of score: a new threshold (50 -> 70)"
run_score score_v3_threshold.py
score3=$(field "$result" versionHash)
echo "== score v3 ${score3:0:12}: computed $(field "$result" computed), kept $(field "$result" keptValid)," \
  "$(field "$result" waitingForDecision) waiting for a decision (pending: nothing recomputed until a person decides)"
expect computed 0
expect waitingForDecision "$items"

echo "== waiting for triage"
deadline=$(( $(date +%s) + 45 ))
until jobctl stale --json --job "$job" | "$py" -c '
import json, sys
doc = json.load(sys.stdin)
changes = [c for s in doc["pending"] for c in s["changes"]]
pending = [s for s in doc["pending"] if s["stage"] == "score" and s["changes"]]
blessed = [b for b in doc["autoBlessed"] if b["stage"] == "extract"]
sys.exit(0 if blessed and pending and not any(c["state"] == "TRIAGING" for c in changes) else 1)'; do
  [ "$(date +%s)" -lt "$deadline" ] || { warn "triage not finished within 45 s"; break; }
  sleep 1
done

echo
jobctl stale --job "$job"
echo
jobctl show "$job" score
echo

echo "== 4. a person asks for the stale results to be recomputed: jobctl reset $job score"
jobctl reset "$job" score
echo

echo "== 5. the pipeline's reset listener recomputes the stale items (listen.py --via http --exit-when-idle 3)"
if ! within 90 "$py" "$pipeline/listen.py" --job "$job" --db "$db" --state-file "$work/resets.json" \
    --stage-module "score=$deployed" --via http --interval 1 --exit-when-idle 3 >"$work/out" 2>"$work/err"; then
  sed 's/^/   | /' "$work/err"
  die "listen.py failed (or took longer than 90 s)"
fi
sed 's/^/   | /' "$work/err"
result=$(grep -F '"stage": "score"' "$work/out" | tail -n 1 || true)
[ -n "$result" ] || die "the listener handled no reset of $job/score (its log is above)"
echo "== listener: computed $(field "$result" computed) (reset $(field "$result" eventId))"
expect computed "$items"

echo "== waiting for Stalewatch to count the recomputed results"
if "$py" - "$job" <<'EOF'; then
import sys, time, stalewatch
client, deadline = stalewatch.Client.from_env(timeout=10), time.monotonic() + 30
while True:
    v = client.valid_versions(sys.argv[1], "score")
    stale = sum(version.results for version in v.versions if version.state != stalewatch.VALID)
    if v.origin == "server" and stale == 0:
        print("   stale results of score: 0")
        break
    if time.monotonic() > deadline:
        sys.exit(f"demo: WARNING: Stalewatch still counts {stale} stale results of score ({v.origin})")
    time.sleep(0.5)
EOF
  show_validity
fi
echo
jobctl stale --job "$job"
echo
stats=$("$py" "$pipeline/stats.py" --db "$db" --job "$job" --stage score)
echo "== the result store: $(field "$stats" items) items, $(field "$stats" computations) computations" \
  "(each item once by v1 and once by the listener: none by v2 or v3)"
echo "   $stats"
[ "$(field "$stats" computations)" = $(( 2 * items )) ] || warn "expected $(( 2 * items )) computations"

echo
echo "== the push (the notifier writes it to its log when Pushover is not configured; digest window first)"
log="$root/.stalewatch/logs/notifier-service.log"
for _ in $(seq 1 60); do
  push=$(grep -h "changed (semantic)" "$log" 2>/dev/null | grep -F -e "jobs: $job/" -e "jobs: $job:" | tail -n 1 || true)
  if [ -n "$push" ]; then
    printf '%s\n' "$push"
    exit 0
  fi
  sleep 1
done
hint=""
[ -z "${PUSHOVER_TOKEN:-}" ] || hint=" (PUSHOVER_TOKEN is set: pushes go to Pushover, not to the log)"
echo "no push for $job logged within 60 s: see ./stalewatch logs notifier-service$hint" >&2
exit 1
