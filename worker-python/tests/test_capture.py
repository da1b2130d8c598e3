"""capture(): the stage's source and VERSION_DEPS, captured the way the original plan did."""
import functools
import hashlib
import inspect
import json
import logging
import sys
import types

import pytest

import sample_helpers
import sample_stages
from stalewatch import Capture, Dep, Source, capture, stalewatch_sha256_v1


def deps_by_name(cap):
    return {d.name: d for d in cap.deps}


def test_stage_function_of_the_handlers_module_wins_over_the_handler():
    cap = capture(sample_stages.handler, "extract")
    assert cap.language == "python"
    assert cap.source == Source("_stage_extract", inspect.getsource(sample_stages._stage_extract))
    assert cap.source.text.startswith("def _stage_extract(item_key, data, stage, job):")


def test_handler_itself_when_there_is_no_stage_function():
    cap = capture(sample_stages.score, "nostage")
    assert cap.source.name == "score"
    assert cap.source.text == inspect.getsource(sample_stages.score)
    assert cap.deps == ()
    assert cap.complete


def test_version_deps_mix_callables_and_strings():
    cap = capture(sample_stages.handler, "extract")
    deps = deps_by_name(cap)
    assert [d.name for d in cap.deps] == [
        "clean_text", "PROMPT", "MODEL",
        "text:" + hashlib.sha256(b"an inline literal used nowhere else").hexdigest()[:8]]
    assert deps["clean_text"] == Dep("clean_text", "code", inspect.getsource(sample_stages.clean_text), "python")
    assert deps["PROMPT"] == Dep("PROMPT", "text", sample_stages.PROMPT)
    assert deps["MODEL"].as_dict() == {"name": "MODEL", "kind": "text", "text": "claude-sonnet-4-5"}
    assert deps["clean_text"].as_dict()["language"] == "python"


def test_hash_is_stalewatch_sha256_v1_of_what_was_captured():
    cap = capture(sample_stages.handler, "extract")
    d = cap.as_dicts()
    assert cap.version_hash == stalewatch_sha256_v1(d["language"], d["source"], d["deps"])
    assert len(cap.version_hash) == 64
    assert capture(sample_stages.handler, "extract").version_hash == cap.version_hash
    reordered = Capture(cap.language, cap.source, tuple(reversed(cap.deps)))
    assert reordered.version_hash == cap.version_hash


def test_json_round_trip():
    cap = capture(sample_stages.handler, "extract")
    data = json.loads(cap.to_json())
    assert data["versionHash"] == cap.version_hash
    assert data["hashAlgorithm"] == "stalewatch-sha256-v1"
    assert Capture.from_dicts(data) == cap


def test_lambda_is_named_by_the_module_attribute_holding_it():
    cap = capture(sample_stages.summarize, "summarize")
    assert cap.source.name == "summarize"
    assert "lambda item_key, data, stage, job" in cap.source.text


def test_bound_method_captures_the_method():
    cap = capture(sample_stages.stages.rank, "rank")
    assert cap.source.name == "Stages.rank"
    assert cap.source.text == inspect.getsource(sample_stages.Stages.rank)


def test_callable_instance_captures_its_whole_class():
    cap = capture(sample_stages.classify, "nostage")
    assert cap.source.name == "Classifier"
    assert cap.source.text == inspect.getsource(sample_stages.Classifier)
    assert "def __call__" in cap.source.text


def test_class_as_handler_captures_the_class():
    cap = capture(sample_stages.Stages, "nostage")
    assert cap.source.name == "Stages"
    assert cap.source.text.startswith("class Stages:")


def test_partial_captures_the_function_and_its_bound_arguments():
    cap = capture(sample_stages.score_strict, "nostage")
    assert cap.source == Source("score", inspect.getsource(sample_stages.score))
    [args] = cap.deps
    assert args.name == "score:partial" and args.kind == "text"
    assert "threshold=0.9" in args.text
    looser = capture(functools.partial(sample_stages.score, threshold=0.8), "nostage", module=sample_stages)
    assert looser.version_hash != cap.version_hash


def test_values_are_text_deps_of_their_repr_and_builtins_get_a_placeholder(caplog):
    with caplog.at_level(logging.WARNING, logger="stalewatch"):
        cap = capture(sample_stages.score, "score")
    deps = deps_by_name(cap)
    assert deps["THRESHOLD"] == Dep("THRESHOLD", "text", "0.75")
    assert deps["LABELS"] == Dep("LABELS", "text", "('good', 'bad')")
    assert deps["len"] == Dep("len", "code", "# source unavailable for len", "python")
    assert cap.unavailable == ("len",) and not cap.complete
    assert [r.getMessage() for r in caplog.records if "no source for len" in r.getMessage()]


def test_dep_names_are_unique_clashes_are_qualified_and_repeats_dropped():
    cap = capture(sample_stages.summarize, "summarize")
    assert [d.name for d in cap.deps] == ["clean_text", "sample_helpers.clean_text"]
    assert deps_by_name(cap)["sample_helpers.clean_text"].text == inspect.getsource(sample_helpers.clean_text)


def test_a_dict_names_its_deps_explicitly():
    cap = capture(sample_stages.stages.rank, "rank")
    assert deps_by_name(cap)["RANK_PROMPT"] == Dep("RANK_PROMPT", "text", "Rank these.")
    assert deps_by_name(cap)["normalise"].text == inspect.getsource(sample_helpers.clean_text)


def test_modules_and_partials_as_deps():
    cap = capture(sample_stages.classify, "classify")
    deps = deps_by_name(cap)
    assert deps["sample_helpers"].text == inspect.getsource(sample_helpers)
    assert deps["clean_text"].kind == "code"
    assert deps["clean_text:partial"].text == "functools.partial(args=(), keywords={})"


def test_stage_names_with_dashes_find_the_underscore_function_and_a_single_dep_is_a_list():
    cap = capture(sample_stages.handler, "my-stage")
    assert cap.source.name == "_stage_my_stage"
    assert [d.name for d in cap.deps] == ["PROMPT"]


def test_module_given_explicitly_by_object_or_name():
    def elsewhere(item_key, data, stage, job):
        return None

    assert capture(elsewhere, "extract", module=sample_stages).source.name == "_stage_extract"
    assert capture(elsewhere, "extract", module="sample_stages").source.name == "_stage_extract"
    assert capture(elsewhere, "extract").source.name.endswith("elsewhere")


def test_builtin_handler_gets_a_placeholder_instead_of_failing():
    cap = capture(len, "anything")
    assert cap.source == Source("len", "# source unavailable for len")
    assert cap.unavailable == ("len",)


def test_repl_defined_functions_get_a_placeholder(monkeypatch):
    module = types.ModuleType("repl_like")
    code = compile("def _stage_greet(item_key, data, stage, job):\n    return {'hi': item_key}\n"
                   "VERSION_DEPS = {'greet': [_stage_greet, 'hello']}\n", "<stdin>", "exec")
    exec(code, module.__dict__)
    for f in (module._stage_greet,):
        f.__module__ = "repl_like"
    monkeypatch.setitem(sys.modules, "repl_like", module)
    cap = capture(module._stage_greet, "greet")
    assert cap.source == Source("_stage_greet", "# source unavailable for _stage_greet")
    assert [d.name for d in cap.deps] == ["_stage_greet", "text:" + hashlib.sha256(b"hello").hexdigest()[:8]]
    assert cap.unavailable == ("_stage_greet", "_stage_greet")


def test_the_original_plans_fake_module(monkeypatch):
    """The scenario of the original plan's test_capture_stage_snapshot."""
    def _stage_greet(item_key, data, stage, job):
        return {"greeting": f"hello {item_key}"}

    mod = types.ModuleType("fake_handler")
    mod._stage_greet = _stage_greet
    _stage_greet.__module__ = mod.__name__
    _stage_greet.__qualname__ = "_stage_greet"
    monkeypatch.setitem(sys.modules, "fake_handler", mod)
    cap = capture(_stage_greet, "greet")
    assert cap.source.name == "_stage_greet"
    assert "_stage_greet" in cap.source.text and "hello" in cap.source.text


def test_capture_refuses_duplicate_dep_names_when_built_by_hand():
    with pytest.raises(ValueError, match="unique"):
        Capture("python", Source("f", "pass"), (Dep.of_text("a", "1"), Dep.of_text("a", "2")))
    with pytest.raises(ValueError):
        Dep("x", "binary", "")
    with pytest.raises(ValueError):
        Dep("x", "code", "pass")
