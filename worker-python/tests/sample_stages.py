"""A stage module as a pipeline writes it; the capture and CLI tests read its source."""
import functools

import sample_helpers
from sample_helpers import clean_text as strip_text

PROMPT = "Extract the ideas from the text below, one per line.\n"
MODEL = "claude-sonnet-4-5"
THRESHOLD = 0.75
LABELS = ("good", "bad")


def clean_text(s):
    return " ".join(s.split())


def _stage_extract(item_key, data, stage, job):
    text = clean_text(data["text"])
    return {"item": item_key, "prompt": PROMPT + text, "model": MODEL}


def handler(item_key, data, stage, job):
    """The pipeline's dispatcher: runs the _stage_ function of the stage."""
    return globals()[f"_stage_{stage}"](item_key, data, stage, job)


def score(item_key, data, stage, job, threshold=0.5):
    return {"item": item_key, "keep": data["score"] > threshold}


score_strict = functools.partial(score, threshold=0.9)

summarize = lambda item_key, data, stage, job: {"item": item_key, "summary": data["text"][:80]}  # noqa: E731


class Stages:
    def rank(self, item_key, data, stage, job):
        return {"item": item_key, "rank": len(data)}


class Classifier:
    """A callable instance as handler."""

    def __call__(self, item_key, data, stage, job):
        return {"item": item_key, "label": LABELS[0]}


classify = Classifier()
stages = Stages()


def _stage_my_stage(item_key, data, stage, job):
    return data


VERSION_DEPS = {
    "extract": [clean_text, PROMPT, MODEL, "an inline literal used nowhere else"],
    "score": [THRESHOLD, LABELS, len],
    "summarize": [clean_text, strip_text, clean_text],
    "rank": {"RANK_PROMPT": "Rank these.", "normalise": strip_text},
    "classify": [sample_helpers, functools.partial(clean_text)],
    "my-stage": PROMPT,
}
