"""Score stage of the example pipeline, version 1.

Every item n gets a score from 0 to 100 and is kept when the score reaches THRESHOLD.
Deterministic: item n always scores the same, so a test can recompute and compare.
"""

THRESHOLD = 50
WEIGHTS = (3, 1)


def spread(n):
    return (n * 37 + 11) % 101


def _stage_score(item_key, data, stage, job):
    n = data["n"]
    raw = WEIGHTS[0] * spread(n) + WEIGHTS[1] * (n % 10) * 10
    score = round(raw / sum(WEIGHTS), 1)
    return {"item": item_key, "score": score, "keep": score >= THRESHOLD}


VERSION_DEPS = {"score": [spread, THRESHOLD, WEIGHTS]}
