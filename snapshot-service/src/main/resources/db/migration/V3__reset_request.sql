-- Every ResetRequested, kept for pipelines that poll GET /api/resets instead of reading Kafka. Written
-- in the transaction that publishes the event (same event id), so both paths see the same requests.
-- seq orders a job's requests: inserts of one job are serialized by an advisory lock, so a poller that
-- asks for seq > its cursor never skips a request that committed late.
CREATE TABLE reset_request (
    seq           BIGSERIAL   PRIMARY KEY,
    event_id      TEXT        NOT NULL UNIQUE,
    job_id        TEXT        NOT NULL,
    stage         TEXT        NOT NULL,
    current_hash  TEXT        NOT NULL,
    stale_hashes  TEXT[]      NOT NULL,
    requested_by  TEXT        NOT NULL,
    requested_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX reset_request_by_job ON reset_request (job_id, seq);
