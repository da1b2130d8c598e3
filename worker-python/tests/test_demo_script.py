"""examples/demo.sh, played against fake_stalewatch.py with fake_jobctl.py in a copy of the repository's
layout: the steps, their numbers, and what .ci/fresh-demo greps in the output."""
import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from fake_stalewatch import FakeStalewatch

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = os.path.join(REPO, "examples", "demo.sh")
HERE = os.path.dirname(os.path.abspath(__file__))

pytestmark = pytest.mark.skipif(not os.path.isfile(DEMO) or shutil.which("bash") is None,
                                reason="needs the repository's examples/demo.sh and bash")

# the checks of .ci/fresh-demo on the demo's output
CI_CHECKS = r"""
sed -n '/^Pending decisions:/,/^Auto-blessed/p' "$1" | grep -Eq "$2 +score .*pending" || echo "score is not pending"
awk -v job="$2" '/^Auto-blessed/{f=1;next} f&&$0 ~ job" +extract"{found=1} f&&/^== /{f=0} END{exit !found}' "$1" \
  || echo "extract is not auto-blessed"
grep -q 'changed (semantic)' "$1" || echo "no push"
"""


def layout(tmp_path):
    root = tmp_path / "repo"
    (root / "examples").mkdir(parents=True)
    shutil.copy(DEMO, root / "examples" / "demo.sh")
    for part in ("examples/pipeline", "examples/vic_ideas", "worker-python"):
        os.symlink(os.path.join(REPO, part), root / part)
    jobctl = root / "jobctl"
    jobctl.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{os.path.join(HERE, "fake_jobctl.py")}" "$@"\n')
    jobctl.chmod(0o755)
    (root / ".stalewatch" / "logs").mkdir(parents=True)
    return root


def push_logged(root, job):
    with open(root / ".stalewatch" / "logs" / "notifier-service.log", "a") as log:
        log.write(f'2026-12-03 10:00:00,000 INFO [dev.sta.not.cli.LoggingPushoverChannel] PUSHOVER-LOG would push: '
                  f'title="jobs: {job}/score changed (semantic)" message="200 stale items." url=http://x\n')


def play(root, url, tmp_path):
    out = tmp_path / "demo.out"
    env = dict(os.environ, STALEWATCH_URL=url, STALEWATCH_TOKEN="tok")
    env.pop("PYTHONPATH", None)
    started = time.monotonic()
    with open(out, "w") as f:
        done = subprocess.run(["bash", str(root / "examples" / "demo.sh")], cwd=tmp_path, env=env, stdout=f,
                              stderr=subprocess.STDOUT, timeout=180)
    return done.returncode, out.read_text(), time.monotonic() - started, out


def ci_problems(out, job):
    return subprocess.run(["bash", "-c", CI_CHECKS, "checks", str(out), job], capture_output=True,
                          text=True).stdout.splitlines()


def test_the_demo_plays_the_pipeline_and_shows_what_ci_checks(stub, tmp_path):
    fake = FakeStalewatch(stub, token="tok", triage_seconds=0.5, apply_delay=0.2)
    fake.serve_jobctl()
    root = layout(tmp_path)
    push_logged(root, "vic_ideas")
    status, text, took, out = play(root, fake.url, tmp_path)
    assert status == 0, text
    assert "WARNING" not in text and "this run uses job" not in text, text
    assert ci_problems(out, "vic_ideas") == [], text
    assert re.search(r"^== score v1 [0-9a-f]{12}: computed 200, kept 0$", text, re.M), text
    assert "== score v2: computed 0, kept 200 (auto-blessed" in text
    assert re.search(r"^== score v3 [0-9a-f]{12}: computed 0, kept 0, 200 waiting for a decision", text, re.M)
    assert re.search(r"^== listener: computed 200 \(reset [0-9a-f-]{36}\)$", text, re.M), text
    assert "== the result store: 200 items, 400 computations" in text
    assert "stale results of score: 0" in text
    assert text.rstrip().endswith('title="jobs: vic_ideas/score changed (semantic)" message="200 stale items." '
                                  'url=http://x')
    # the first jobctl stale shows score pending, the last one no pending change
    assert text.index("Pending decisions:") < text.index("== 4. ") < text.index("No pending version changes.")
    assert fake.stale_items("vic_ideas", "score") == 0 and fake.poison == []
    assert took < 90


def test_the_demo_again_on_the_same_stack_plays_under_a_new_job_name(stub, tmp_path):
    fake = FakeStalewatch(stub, token="tok")
    fake.serve_jobctl()
    root = layout(tmp_path)
    push_logged(root, "vic_ideas")
    assert play(root, fake.url, tmp_path)[0] == 0
    push_logged(root, "vic_ideas_2")
    status, text, _, out = play(root, fake.url, tmp_path)
    assert status == 0, text
    assert "this run uses job vic_ideas_2" in text and ci_problems(out, "vic_ideas_2") == []
    assert "WARNING" not in text and text.rstrip().endswith('title="jobs: vic_ideas_2/score changed (semantic)" '
                                                            'message="200 stale items." url=http://x')


def test_the_demo_stops_with_one_clear_line_when_stalewatch_is_not_there(tmp_path):
    from stub_server import refused_url
    root = layout(tmp_path)
    status, text, took, _ = play(root, refused_url(), tmp_path)
    assert status == 1 and took < 30
    assert text.splitlines()[-1].startswith("demo: Stalewatch does not answer at http://127.0.0.1:"), text
