#!/usr/bin/env bash
# The demo pipeline: job vic_ideas with three Python stages, reported through jobctl.
#   extract:   v1, then v2 with comments and black-style reformatting only → auto-blessed by proof
#   score:     v1, then v2 with a new threshold → semantic, pending, a push in the notifier log
#   summarize: v1 only
# Run by `./stalewatch demo`, which starts the stack and sets STALEWATCH_URL / STALEWATCH_TOKEN.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
ex="$here/vic_ideas"
jobctl() { "$root/jobctl" "$@"; }
job=vic_ideas

# Publishes one report over HTTP and answers its version hash.
observe() {
  local stage=$1 source=$2; shift 2
  jobctl observe --via http --json --job "$job" --stage "$stage" --source "$source" --source-name "_stage_$stage" \
    --text-dep "MODEL=$ex/model.txt" "$@" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["versionHash"])'
}

echo "== version 1 of every stage, 1,200 stored results each"
extract1=$(observe extract "$ex/extract_v1.py" --text-dep "PROMPT=$ex/extract_prompt.txt" \
  --dep "clean_text=$ex/clean_text.py")
score1=$(observe score "$ex/score_v1.py" --text-dep "SCORE_PROMPT=$ex/score_prompt.txt")
summarize1=$(observe summarize "$ex/summarize_v1.py")
echo "   extract $extract1"
echo "   score $score1"
echo "   summarize $summarize1"

echo "== deploy: extract reformatted (comments, quotes, line splits), score with a new threshold"
observe extract "$ex/extract_v2_reformatted.py" --text-dep "PROMPT=$ex/extract_prompt.txt" \
  --dep "clean_text=$ex/clean_text.py" --result-version "$extract1=1200" >/dev/null
observe score "$ex/score_v2_threshold.py" --text-dep "SCORE_PROMPT=$ex/score_prompt.txt" \
  --result-version "$score1=1200" >/dev/null

echo "== waiting for triage"
for _ in $(seq 1 60); do
  if jobctl stale --json | python3 -c '
import json, sys
doc = json.load(sys.stdin)
triaging = [c for s in doc["pending"] for c in s["changes"] if c["state"] == "TRIAGING"]
blessed = [b for b in doc["autoBlessed"] if b["stage"] == "extract"]
sys.exit(0 if blessed and not triaging else 1)'; then break; fi
  sleep 1
done

echo
jobctl stale --job "$job"
echo
jobctl show "$job" score
echo
echo "== the push (the notifier writes it to its log when Pushover is not configured; digest window first)"
for _ in $(seq 1 60); do
  if grep -q "changed (semantic)" "$root/.stalewatch/logs/notifier-service.log" 2>/dev/null; then
    grep "changed (semantic)" "$root/.stalewatch/logs/notifier-service.log" | tail -n 1
    exit 0
  fi
  sleep 1
done
echo "no push logged within 60 s: see ./stalewatch logs notifier-service" >&2
exit 1
