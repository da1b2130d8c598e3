"""Score stage of the example pipeline, version 4: version 3 with other weights. Another semantic
change: every score moves.
"""

THRESHOLD = 70  # items at or above it are kept
WEIGHTS = (1, 1)  # (spread, last digit)


def spread(n):
    # 37 and 101 are coprime: consecutive items land far apart
    return (n * 37 + 11) % 101


def _stage_score(item_key, data, stage, job):
    n = data['n']
    # half the spread, half the last digit
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
