-- One verdict per (change, attempt), stored before it is published: a crash re-publishes this row,
-- never asks again. event_id and decided_at are kept so a re-publication is the same event.
CREATE TABLE verdict (
    change_id    TEXT        NOT NULL,
    attempt      INTEGER     NOT NULL,
    job_id       TEXT        NOT NULL,
    stage        TEXT        NOT NULL,
    old_hash     TEXT        NOT NULL,
    new_hash     TEXT        NOT NULL,
    stale_items  BIGINT      NOT NULL,
    verdict      TEXT        NOT NULL,
    method       TEXT        NOT NULL,
    model        TEXT,
    reason       TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    decided_at   TIMESTAMPTZ NOT NULL,
    published_at TIMESTAMPTZ,
    PRIMARY KEY (change_id, attempt)
);

-- LLM verdicts by content: key = SHA-256 over both versions, order-free (A->B and B->A share it).
-- Reasons here never name a job: the row is reused by every job with the same pair. FALLBACK never lands here.
CREATE TABLE verdict_cache (
    cache_key  TEXT        PRIMARY KEY,
    verdict    TEXT        NOT NULL,
    model      TEXT,
    reason     TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
