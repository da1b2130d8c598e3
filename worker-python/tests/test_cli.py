"""python -m stalewatch: help, one-line errors, hash, report, valid, resets, listen."""
import json
import os
import subprocess
import sys
import uuid

import pytest

import sample_stages
from stalewatch import capture, stalewatch_sha256_v1
from stalewatch.cli import main
from stub_server import problem, refused_url

HERE = os.path.dirname(os.path.abspath(__file__))
STAGES = os.path.join(HERE, "sample_stages.py")
CAP = capture(sample_stages.handler, "extract")
OLD = "5b0d77aa" * 8


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def exits(capsys, *argv):
    with pytest.raises(SystemExit) as raised:
        main(list(argv))
    out, err = capsys.readouterr()
    return raised.value.code, out, err


def test_help_runs_as_a_module():
    src = os.path.join(os.path.dirname(HERE), "src")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([src] + [p for p in sys.path if p]))
    out = subprocess.run([sys.executable, "-m", "stalewatch", "--help"], capture_output=True, text=True,
                         env=env, timeout=60, check=True)
    for command in ("report", "hash", "valid", "resets", "listen"):
        assert command in out.stdout
    assert out.stderr == ""


@pytest.mark.parametrize("argv", [
    [],
    ["frobnicate"],
    ["report", "--url", "http://x", "--stage", "s", "--module", STAGES],
    ["report", "--url", "http://x", "--job", "a/b", "--stage", "s", "--module", STAGES],
    ["report", "--url", "http://x", "--job", "j", "--stage", "s", "--module", STAGES, "--result-version", "abc"],
    ["valid", "--url", "http://x", "--job", "j", "--stage", "s", "--hash", "no"],
])
def test_bad_arguments_exit_2_with_one_line(capsys, argv):
    code, out, err = exits(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("stalewatch: error:")


@pytest.mark.parametrize("argv, message", [
    (["hash", "--module", "no/such/file.py", "--stage", "s"], "no such file"),
    (["hash", "--module", STAGES, "--stage", "nostage"], "_stage_nostage"),
    (["hash", "--module", STAGES, "--stage", "s", "--handler", "missing"], "no 'missing'"),
    (["report", "--job", "j", "--stage", "extract", "--module", STAGES, "--url", ""], "--url"),
    (["report", "--job", "j", "--stage", "extract", "--module", STAGES, "--url", "ftp://x"], "--url"),
])
def test_bad_values_found_later_exit_2_with_one_line(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.count("\n") == 1 and message in err


def test_hash_of_a_module_file(capsys):
    assert run(capsys, "hash", "--module", STAGES, "--stage", "extract") == (0, CAP.version_hash + "\n", "")
    code, out, _ = run(capsys, "hash", "--module", STAGES, "--stage", "rank", "--handler", "stages.rank")
    assert out.strip() == capture(sample_stages.stages.rank, "rank").version_hash
    code, out, _ = run(capsys, "hash", "--module", STAGES, "--stage", "extract", "--json")
    assert json.loads(out)["source"]["name"] == "_stage_extract"


def test_hash_of_json_cases(capsys, tmp_path):
    cases = [{"language": "python", "source": {"name": "f", "text": "def f(): pass"}},
             {"language": "sql", "source": {"name": "q", "text": ""}, "deps": []}]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases))
    code, out, err = run(capsys, "hash", "--cases", str(path))
    assert code == 0 and out.split() == [stalewatch_sha256_v1(c["language"], c["source"], []) for c in cases]


def test_report(capsys, stub):
    stub.routes["POST /api/observations"] = lambda r: (202, {}, {"eventId": r.json()["eventId"]})
    code, out, err = run(capsys, "report", "--url", stub.url, "--token", "tok", "--job", "vic_ideas",
                         "--stage", "extract", "--module", STAGES, "--handler", "handler",
                         "--result-version", f"{OLD}=1200", "--result-version", f"{CAP.version_hash}=3",
                         "--worker-id", "shell")
    assert (code, out, err) == (0, CAP.version_hash + "\n", "")
    body = stub.requests[0].json()
    assert body["resultVersions"] == {OLD: 1200, CAP.version_hash: 3} and body["workerId"] == "shell"
    assert stub.requests[0].headers["Authorization"] == "Bearer tok"


def test_report_refused_or_unreachable_exits_1_with_one_line(capsys, stub):
    stub.routes["POST /api/observations"] = lambda r: problem(400, "has U+0000", "deps[0].text")
    argv = ["report", "--token", "t", "--job", "j", "--stage", "extract", "--module", STAGES]
    code, out, err = run(capsys, *argv, "--url", stub.url)
    assert code == 1 and out == "" and err.count("\n") == 1 and "deps[0].text" in err
    code, out, err = run(capsys, *argv, "--url", refused_url())
    assert code == 1 and out == "" and err.count("\n") == 1 and "report of j/extract" not in err


def test_report_takes_url_and_token_from_the_environment(capsys, stub, monkeypatch):
    stub.routes["POST /api/observations"] = lambda r: (202, {}, {"eventId": r.json()["eventId"]})
    monkeypatch.setenv("STALEWATCH_URL", stub.url)
    monkeypatch.setenv("STALEWATCH_TOKEN", "from-env")
    assert run(capsys, "report", "--job", "j", "--stage", "extract", "--module", STAGES)[0] == 0
    assert stub.requests[0].headers["Authorization"] == "Bearer from-env"


def test_valid(capsys, stub):
    body = {"jobId": "j", "stage": "s", "currentHash": CAP.version_hash, "validHashes": [CAP.version_hash, OLD],
            "versions": [{"hash": CAP.version_hash, "results": 3, "state": "VALID", "changeId": None},
                         {"hash": OLD, "results": 1200, "state": "VALID", "changeId": "c-000002"}]}
    stub.routes["GET /api/stages/j/s/validity"] = lambda r: (200, {"ETag": '"1"'}, body)
    code, out, _ = run(capsys, "valid", "--url", stub.url, "--job", "j", "--stage", "s")
    assert code == 0 and out.splitlines() == [f"current {CAP.version_hash}", f"{CAP.version_hash} valid VALID 3",
                                              f"{OLD} valid VALID 1200 c-000002"]
    assert run(capsys, "valid", "--url", stub.url, "--job", "j", "--stage", "s", "--hash", OLD)[:2] == (0, "valid\n")
    assert run(capsys, "valid", "--url", stub.url, "--job", "j", "--stage", "s", "--hash", "ffffffff")[:2] == (3, "stale\n")
    code, out, err = run(capsys, "valid", "--url", stub.url, "--job", "j", "--stage", "unknown")
    assert code == 1 and err.count("\n") == 1 and "404" in err


def test_resets(capsys, stub):
    event_id = str(uuid.uuid4())
    stub.routes["GET /api/resets"] = lambda r: (200, {}, {"resets": [{
        "seq": 4, "eventId": event_id, "jobId": "j", "stage": "s", "currentHash": CAP.version_hash,
        "staleHashes": [OLD], "requestedBy": "alice", "requestedAt": "2026-01-01T00:00:00Z"}], "nextAfter": 4})
    code, out, _ = run(capsys, "resets", "--url", stub.url, "--job", "j", "--after", "3")
    assert code == 0 and json.loads(out)["resets"][0]["eventId"] == event_id
    assert stub.requests[0].query["after"] == "3"


def test_listen_over_http_until_idle(capsys, stub, tmp_path):
    event_id = str(uuid.uuid4())
    stub.routes["GET /api/resets"] = lambda r: (200, {}, {"resets": [] if r.query.get("after") else [{
        "seq": 1, "eventId": event_id, "jobId": "j", "stage": "s", "currentHash": CAP.version_hash,
        "staleHashes": [OLD], "requestedBy": "alice", "requestedAt": "2026-01-01T00:00:00Z"}], "nextAfter": None})
    hook_file = tmp_path / "hooks.py"
    out_file = tmp_path / "calls.jsonl"
    hook_file.write_text(
        "import json\n"
        f"OUT = {str(out_file)!r}\n"
        "def mark(job, stage, stale_hashes, event_id):\n"
        "    with open(OUT, 'a') as f:\n"
        "        f.write(json.dumps([job, stage, stale_hashes, event_id]) + '\\n')\n")
    code, out, err = run(capsys, "listen", "--url", stub.url, "--job", "j", "--hook", f"{hook_file}:mark",
                         "--state-file", str(tmp_path / "state.json"), "--interval", "0.05", "--max-idle", "0.2")
    assert (code, out, err) == (0, "", "")
    assert [json.loads(line) for line in out_file.read_text().splitlines()] == [["j", "s", [OLD], event_id]]
