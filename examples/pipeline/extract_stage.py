"""The example pipeline's extract stage, written the way the original plan expects a stage module:
a module-level ``_stage_<stage>`` function and ``VERSION_DEPS`` naming what else its output depends on."""

PROMPT = "Extract the ideas from the text below, one per line.\n"
MODEL = "claude-sonnet-4-5"


def clean_text(s):
    return " ".join(s.split())


def _stage_extract(item_key, data, stage, job):
    text = clean_text(data["text"])
    return {"item": item_key, "prompt": PROMPT + text, "model": MODEL}


def handler(item_key, data, stage, job):
    """What the pipeline calls for every stage; the stage code is _stage_<stage>."""
    return globals()[f"_stage_{stage}"](item_key, data, stage, job)


VERSION_DEPS = {"extract": [clean_text, PROMPT, MODEL]}
