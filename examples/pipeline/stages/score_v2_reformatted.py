"""Score stage of the example pipeline, version 2: version 1 with comments, other quotes and
other line breaks, nothing else. Stalewatch proves it cosmetic (the syntax trees are the same
once comments and layout are dropped) and auto-blesses it: no result is recomputed.
"""

THRESHOLD = 50  # items at or above it are kept
WEIGHTS = (3, 1)  # (spread, last digit)


def spread(n):
    # 37 and 101 are coprime: consecutive items land far apart
    return (n * 37 + 11) % 101


def _stage_score(item_key, data, stage, job):
    n = data['n']
    # mostly the spread, a little of the last digit
    raw = (
        WEIGHTS[0] * spread(n)
        + WEIGHTS[1] * (n % 10) * 10
    )
    score = round(raw / sum(WEIGHTS), 1)
    return {
        'item': item_key,
        'score': score,
        'keep': score >= THRESHOLD,
    }


VERSION_DEPS = {'score': [spread, THRESHOLD, WEIGHTS]}
