"""examples/pipeline: runner.py, listen.py and stats.py, run as commands against a model of Stalewatch
on the local stub (fake_stalewatch.py), and its stage versions."""
import ast
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

import stalewatch
from fake_stalewatch import FakeStalewatch, structurally_equal
from stub_server import refused_url

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(REPO, "examples", "pipeline")
STAGES = os.path.join(EXAMPLE, "stages")
V1, V2, V3, V4 = (os.path.join(STAGES, f"score_{v}.py")
                  for v in ("v1", "v2_reformatted", "v3_threshold", "v4_weights"))
JOB = "vic_ideas"

pytestmark = pytest.mark.skipif(not os.path.isdir(EXAMPLE), reason="not inside the Stalewatch repository")


@pytest.fixture(scope="module")
def common():
    sys.path.insert(0, EXAMPLE)
    try:
        import pipeline_common
        yield pipeline_common
    finally:
        while EXAMPLE in sys.path:
            sys.path.remove(EXAMPLE)


@pytest.fixture(scope="module")
def listen(common):
    sys.path.insert(0, EXAMPLE)
    try:
        import listen as module
        yield module
    finally:
        while EXAMPLE in sys.path:
            sys.path.remove(EXAMPLE)


@pytest.fixture
def fake(stub):
    return FakeStalewatch(stub, token="tok", triage_seconds=0.3)


def env_for(url, **extra):
    env = dict(os.environ, STALEWATCH_URL=url, STALEWATCH_TOKEN="tok", **extra)
    src = os.path.join(REPO, "worker-python", "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def command(script, *args, url, timeout=60, **extra):
    return subprocess.run([sys.executable, os.path.join(EXAMPLE, script), *map(str, args)],
                          env=env_for(url, **extra), capture_output=True, text=True, timeout=timeout)


def one_json_line(out):
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) == 1, out.stdout
    return json.loads(lines[0])


def run(url, module, db, items=200, wait=10):
    return one_json_line(command("runner.py", "--job", JOB, "--stage", "score", "--stage-module", module,
                                 "--items", items, "--db", db, "--wait", wait, url=url))


def listen_command(url, db, state, *more, idle=0.5):
    out = command("listen.py", "--job", JOB, "--db", db, "--state-file", state, "--stage-module", f"score={V3}",
                  "--interval", "0.1", "--exit-when-idle", idle, *more, url=url)
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


def stats(db, stage="score"):
    return one_json_line(command("stats.py", "--db", db, "--job", JOB, "--stage", stage, url="http://unused"))


def hash_of(common, path):
    return common.load_stage("score", path).version_hash


def computations(db):
    conn = sqlite3.connect(str(db))
    try:
        return dict(conn.execute("SELECT item_key, computations FROM results WHERE stage = 'score'"))
    finally:
        conn.close()


# --- the stage versions -------------------------------------------------------------------------

def test_v2_is_v1_reformatted_and_v3_v4_are_semantic(common):
    caps = [common.load_stage("score", p).capture for p in (V1, V2, V3, V4)]
    assert len({c.version_hash for c in caps}) == 4
    as_dicts = [c.as_dicts() for c in caps]
    assert caps[0].source.text != caps[1].source.text  # a real reformat, not the same text
    assert structurally_equal(as_dicts[0], as_dicts[1])
    assert not structurally_equal(as_dicts[1], as_dicts[2])  # THRESHOLD
    assert not structurally_equal(as_dicts[2], as_dicts[3])  # WEIGHTS
    for cap in caps:
        assert cap.complete and cap.source.name == "_stage_score"
        assert [(d.name, d.kind) for d in cap.deps] == [("spread", "code"), ("THRESHOLD", "text"), ("WEIGHTS", "text")]
    # a comment-and-layout change only: the modules' syntax trees (docstring aside) are the same
    def tree(path):
        module = ast.parse(open(path, encoding="utf-8").read())
        module.body = module.body[1:]
        return ast.dump(module)
    assert tree(V1) == tree(V2)


def test_the_capture_depends_only_on_the_file_content(common, tmp_path):
    deployed = tmp_path / "deployed" / "score.py"
    deployed.parent.mkdir()
    shutil.copy(V1, deployed)
    first = common.load_stage("score", str(deployed))
    assert first.version_hash == hash_of(common, V1)
    assert first.module.__name__ == "pipeline_stage_score"
    shutil.copy(V3, deployed)  # a deployment replaces the file: same path, same second
    assert common.load_stage("score", str(deployed)).version_hash == hash_of(common, V3)
    value = common.load_stage("score", str(deployed)).handler("item-0042", {"n": 42}, "score", JOB)
    assert value == {"item": "item-0042", "score": 42.5, "keep": False}


def test_scores_are_deterministic_and_the_versions_differ_where_they_should(common):
    handlers = [common.load_stage("score", p).handler for p in (V1, V2, V3, V4)]
    results = [[h(f"item-{n:04d}", {"n": n}, "score", JOB) for n in range(200)] for h in handlers]
    assert results[0] == results[1]
    assert [r["score"] for r in results[1]] == [r["score"] for r in results[2]]
    assert [r["keep"] for r in results[1]] != [r["keep"] for r in results[2]]
    assert [r["score"] for r in results[2]] != [r["score"] for r in results[3]]


# --- the story of the demo ----------------------------------------------------------------------

def test_the_demo_story(fake, tmp_path, common):
    db, state = tmp_path / "results.db", tmp_path / "resets.json"
    h1, h2, h3, h4 = (hash_of(common, p) for p in (V1, V2, V3, V4))

    assert run(fake.url, V1, db) == {"versionHash": h1, "items": 200, "computed": 200, "keptValid": 0,
                                     "waitingForDecision": 0}
    assert stats(db) == {"items": 200, "computations": 200, "byHash": {h1: 200}}
    assert fake.histogram(JOB, "score") == {h1: 200}

    # reformatted: triaged (TRIAGING for a moment, waited for), proven cosmetic, nothing recomputed
    assert run(fake.url, V2, db) == {"versionHash": h2, "items": 200, "computed": 0, "keptValid": 200,
                                     "waitingForDecision": 0}
    assert [c["state"] for c in fake.changes(JOB, "score")] == ["AUTO_BLESSED"]
    assert fake.validity(JOB, "score")["validHashes"] == [h2, h1]

    # a new threshold: pending for a person; the runner does not wait for it and recomputes nothing
    started = time.monotonic()
    assert run(fake.url, V3, db, wait=30) == {"versionHash": h3, "items": 200, "computed": 0, "keptValid": 0,
                                              "waitingForDecision": 200}
    assert time.monotonic() - started < 15
    assert [c["state"] for c in fake.changes(JOB, "score")] == ["AUTO_BLESSED", "PENDING"]
    assert fake.stale_items(JOB, "score") == 200
    assert stats(db)["computations"] == 200

    # jobctl reset: the listener recomputes exactly the stale items and reports
    event = fake.reset(JOB, "score")
    assert event["staleHashes"] == [h1]
    assert listen_command(fake.url, db, state) == [{"eventId": event["eventId"], "stage": "score", "computed": 200}]
    assert stats(db) == {"items": 200, "computations": 400, "byHash": {h3: 200}}
    assert set(computations(db).values()) == {2}
    assert fake.histogram(JOB, "score") == {h3: 200} and fake.stale_items(JOB, "score") == 0
    assert fake.poison == []

    # the same listener again: the reset is remembered, nothing happens
    assert listen_command(fake.url, db, state) == []
    # the runner with the same code: everything valid
    assert run(fake.url, V3, db)["keptValid"] == 200

    # new weights, blessed by a person: kept without recomputing
    assert run(fake.url, V4, db)["waitingForDecision"] == 200
    fake.bless(JOB, "score")
    assert run(fake.url, V4, db) == {"versionHash": h4, "items": 200, "computed": 0, "keptValid": 200,
                                     "waitingForDecision": 0}
    assert stats(db)["computations"] == 400


def test_the_runner_waits_while_stalewatch_applies_its_report_and_triages(stub, tmp_path, common):
    slow = FakeStalewatch(stub, token="tok", triage_seconds=0.5, apply_delay=0.5)
    db = tmp_path / "results.db"
    assert run(slow.url, V1, db, items=20)["computed"] == 20
    assert run(slow.url, V2, db, items=20)["keptValid"] == 20
    assert run(slow.url, V3, db, items=20)["waitingForDecision"] == 20
    assert slow.poison == []


def test_the_runner_computes_new_items_and_recomputes_stale_and_reset_ones(fake, tmp_path, common):
    db = tmp_path / "results.db"
    h1, h3 = hash_of(common, V1), hash_of(common, V3)
    run(fake.url, V1, db, items=10)
    assert run(fake.url, V3, db, items=10)["waitingForDecision"] == 10
    fake.reset(JOB, "score")  # RESET_REQUESTED: the runner recomputes them itself
    assert run(fake.url, V3, db, items=15) == {"versionHash": h3, "items": 15, "computed": 15, "keptValid": 0,
                                               "waitingForDecision": 0}
    assert stats(db) == {"items": 15, "computations": 25, "byHash": {h3: 15}}
    assert h1 not in fake.histogram(JOB, "score")


def test_the_runner_when_stalewatch_is_down_keeps_only_its_own_results(tmp_path, common):
    db, url = tmp_path / "results.db", refused_url()
    h1 = hash_of(common, V1)
    assert run(url, V1, db, items=5)["computed"] == 5
    assert run(url, V1, db, items=5)["keptValid"] == 5
    out = command("runner.py", "--job", JOB, "--stage", "score", "--stage-module", V2, "--items", 5, "--db", db,
                  "--wait", 5, url=url)
    assert one_json_line(out)["computed"] == 5  # the safe side: not this version's, so recomputed
    assert "unreachable" in out.stderr
    assert stats(db)["byHash"] == {hash_of(common, V2): 5} and h1 not in stats(db)["byHash"]


def test_the_runner_never_reports_a_histogram_of_a_hash_stalewatch_may_not_know(stub, tmp_path, common):
    posts = []

    def observations(request):
        posts.append(request.json())
        return (503, {}, {"status": 503}) if len(posts) == 1 else (202, {}, {"eventId": request.json()["eventId"]})

    stub.routes["POST /api/observations"] = observations
    assert run(stub.url, V1, tmp_path / "r.db", items=3, wait=0)["computed"] == 3
    assert [("source" in p, p["resultVersions"]) for p in posts] == [(True, {}), (True, {hash_of(common, V1): 3})]


@pytest.mark.parametrize("args, message", [
    (["--stage", "score", "--stage-module", V1, "--items", "3", "--db", "x.db"], "--job"),
    (["--job", JOB, "--stage", "score", "--stage-module", V1, "--items", "-1", "--db", "x.db"], "--items"),
    (["--job", "a/b", "--stage", "score", "--stage-module", V1, "--items", "3", "--db", "x.db"], "--job"),
    (["--job", JOB, "--stage", "score", "--stage-module", "missing.py", "--items", "3", "--db", "x.db"], "missing.py"),
    (["--job", JOB, "--stage", "extract", "--stage-module", V1, "--items", "3", "--db", "x.db"], "_stage_extract"),
    (["--job", JOB, "--stage", "score", "--stage-module", V1, "--items", "3", "--db", "x.db", "--wait", "x"], "--wait"),
])
def test_the_runner_refuses_bad_arguments_in_one_line(tmp_path, args, message):
    out = subprocess.run([sys.executable, os.path.join(EXAMPLE, "runner.py"), *args], cwd=tmp_path,
                         env=env_for("http://127.0.0.1:9"), capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and out.stdout == ""
    assert len(out.stderr.splitlines()) == 1 and message in out.stderr, out.stderr
    assert not (tmp_path / "x.db").exists()


def test_the_runner_needs_stalewatch_url(tmp_path):
    env = env_for("x")
    del env["STALEWATCH_URL"]
    out = subprocess.run([sys.executable, os.path.join(EXAMPLE, "runner.py"), "--job", JOB, "--stage", "score",
                          "--stage-module", V1, "--items", "1", "--db", str(tmp_path / "r.db")],
                         env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and out.stderr.splitlines() == [out.stderr.strip()] and "STALEWATCH_URL" in out.stderr


# --- the listener: idempotent, also when it dies half-way -----------------------------------------

def pending_reset(fake, tmp_path, items):
    db = tmp_path / "results.db"
    run(fake.url, V1, db, items=items)
    assert run(fake.url, V3, db, items=items)["waitingForDecision"] == items
    return db, fake.reset(JOB, "score")


class Crash(Exception):
    pass


def test_a_listener_that_dies_half_way_recomputes_only_the_rest_when_restarted(fake, tmp_path, common, listen,
                                                                               capsys):
    db, event = pending_reset(fake, tmp_path, 20)
    client = stalewatch.Client(fake.url, "tok")
    store = common.ResultStore(str(db))

    def crash_after_7(n):
        if n == 7:
            raise Crash("killed")

    first = stalewatch.HttpResetListener(client, JOB, listen.Recompute(store, client, {"score": V3},
                                                                       after_item=crash_after_7),
                                         str(tmp_path / "resets.json"), stage="score")
    assert first.poll_once() == 0  # the hook died: the reset is not acknowledged
    assert sorted(computations(db).values()) == [1] * 13 + [2] * 7
    assert fake.stale_items(JOB, "score") == 20  # nothing reported yet

    again = stalewatch.HttpResetListener(client, JOB, listen.Recompute(store, client, {"score": V3}),
                                         str(tmp_path / "resets.json"), stage="score")
    assert again.poll_once() == 1 and again.poll_once() == 0
    assert set(computations(db).values()) == {2}  # every item exactly once more
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == [
        {"eventId": event["eventId"], "stage": "score", "computed": 13}]
    assert fake.stale_items(JOB, "score") == 0
    store.close()


def test_a_listener_killed_with_sigkill_recomputes_only_the_rest(fake, tmp_path):
    db, event = pending_reset(fake, tmp_path, 30)
    state = tmp_path / "resets.json"
    args = [sys.executable, os.path.join(EXAMPLE, "listen.py"), "--job", JOB, "--db", str(db), "--state-file",
            str(state), "--stage-module", f"score={V3}", "--interval", "0.1", "--slow-ms", "50"]
    listener = subprocess.Popen(args, env=env_for(fake.url), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while list(computations(db).values()).count(2) < 8:
            assert time.monotonic() < deadline and listener.poll() is None, "the listener did not start recomputing"
            time.sleep(0.05)
    finally:
        os.kill(listener.pid, signal.SIGKILL)
        listener.communicate(timeout=30)
    done = list(computations(db).values()).count(2)
    assert 8 <= done < 30
    assert listen_command(fake.url, db, state) == [{"eventId": event["eventId"], "stage": "score", "computed": 30 - done}]
    assert set(computations(db).values()) == {2}
    assert fake.stale_items(JOB, "score") == 0


def test_a_listener_retries_when_the_new_histogram_was_not_delivered(fake, tmp_path):
    db, event = pending_reset(fake, tmp_path, 5)
    state = tmp_path / "resets.json"
    observe = fake.stub.routes["POST /api/observations"]
    fake.stub.routes["POST /api/observations"] = lambda r: (503, {}, {"status": 503})
    assert listen_command(fake.url, db, state) == []  # recomputed, but not reported: not acknowledged
    assert set(computations(db).values()) == {2} and fake.stale_items(JOB, "score") == 5
    fake.stub.routes["POST /api/observations"] = observe
    assert listen_command(fake.url, db, state) == [{"eventId": event["eventId"], "stage": "score", "computed": 0}]
    assert fake.stale_items(JOB, "score") == 0 and set(computations(db).values()) == {2}


def test_the_listener_over_kafka_with_a_fake_consumer(fake, tmp_path, common, listen, capsys):
    from test_listeners import FakeConsumer
    db, event = pending_reset(fake, tmp_path, 6)
    consumer = FakeConsumer({})
    record = {k: v for k, v in event.items() if k != "seq"}
    record.update(type="ResetRequested", schemaVersion=1)
    consumer.add(record, key=f"{JOB}/score")
    consumer.add(record, key=f"{JOB}/score")  # delivered twice
    client = stalewatch.Client(fake.url, "tok")
    with common.ResultStore(str(db)) as store:
        listener = stalewatch.KafkaResetListener(JOB, listen.Recompute(store, client, {"score": V3}),
                                                 str(tmp_path / "resets.json"), group_id="g",
                                                 bootstrap_servers="unused:9092", consumer_factory=lambda c: consumer)
        outcomes = [listener.poll_once(0) for _ in range(3)]
    assert [o.value for o in outcomes] == ["handled", "duplicate", "idle"]
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == [
        {"eventId": event["eventId"], "stage": "score", "computed": 6}]
    assert set(computations(db).values()) == {2}


@pytest.mark.parametrize("args, message", [
    (["--job", JOB, "--db", "r.db", "--state-file", "s.json"], "--stage-module"),
    (["--job", JOB, "--db", "r.db", "--state-file", "s.json", "--stage-module", V1], "STAGE=PATH"),
    (["--job", JOB, "--db", "r.db", "--state-file", "s.json", "--stage-module", "score=missing.py"], "missing.py"),
    (["--job", JOB, "--db", "r.db", "--state-file", "s.json", "--stage-module", f"score={V1}", "--via", "x"], "--via"),
    (["--job", JOB, "--db", "r.db", "--state-file", "s.json", "--stage-module", f"score={V1}", "--via", "kafka"],
     "KAFKA_BOOTSTRAP_SERVERS"),
])
def test_the_listener_refuses_bad_arguments_in_one_line(tmp_path, args, message):
    env = env_for("http://127.0.0.1:9")
    env.pop("KAFKA_BOOTSTRAP_SERVERS", None)
    out = subprocess.run([sys.executable, os.path.join(EXAMPLE, "listen.py"), *args], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and out.stdout == ""
    assert len(out.stderr.splitlines()) == 1 and message in out.stderr, out.stderr


def test_stats_of_a_missing_store_is_an_error(tmp_path):
    out = command("stats.py", "--db", tmp_path / "none.db", "--job", JOB, "--stage", "score", url="http://unused")
    assert out.returncode == 2 and "no result store" in out.stderr and not (tmp_path / "none.db").exists()
