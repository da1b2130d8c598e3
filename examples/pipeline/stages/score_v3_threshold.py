"""Score stage of the example pipeline, version 3: version 2 with a higher threshold. A semantic
change (fewer items are kept): without an LLM, triage cannot prove it cosmetic and asks a person.
"""

THRESHOLD = 70  # items at or above it are kept
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
