-- snapshot-service: the system of record (docs/architecture.md). Every key includes (job_id, stage):
-- two jobs sharing a hash string never meet.

-- One row per stage: the row every transaction on the stage locks first, in (job_id, stage) order.
CREATE TABLE stage (
    job_id                 TEXT        NOT NULL,
    stage                  TEXT        NOT NULL,
    current_hash           TEXT,
    histogram_observed_at  TIMESTAMPTZ,
    stale_items            BIGINT      NOT NULL DEFAULT 0,
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, stage)
);

-- Source of a version, stored once per (job, stage, hash).
CREATE TABLE snapshot (
    job_id             TEXT        NOT NULL,
    stage              TEXT        NOT NULL,
    version_hash       TEXT        NOT NULL,
    hash_algorithm     TEXT        NOT NULL,
    language           TEXT        NOT NULL,
    source_name        TEXT        NOT NULL,
    source_text        TEXT        NOT NULL,
    deps               JSONB       NOT NULL,
    first_observed_at  TIMESTAMPTZ NOT NULL,
    worker_id          TEXT,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, stage, version_hash),
    FOREIGN KEY (job_id, stage) REFERENCES stage (job_id, stage)
);

-- The newest histogram of stored results per hash (replaced as a whole by a newer report).
CREATE TABLE result_count (
    job_id        TEXT   NOT NULL,
    stage         TEXT   NOT NULL,
    version_hash  TEXT   NOT NULL,
    items         BIGINT NOT NULL CHECK (items >= 0),
    PRIMARY KEY (job_id, stage, version_hash),
    FOREIGN KEY (job_id, stage) REFERENCES stage (job_id, stage)
);

-- An older version still reported after a newer one became current: a warning for `stale`.
CREATE TABLE older_report (
    job_id            TEXT        NOT NULL,
    stage             TEXT        NOT NULL,
    version_hash      TEXT        NOT NULL,
    current_hash      TEXT        NOT NULL,
    last_reported_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (job_id, stage, version_hash),
    FOREIGN KEY (job_id, stage) REFERENCES stage (job_id, stage)
);

CREATE SEQUENCE change_number;

CREATE TABLE change (
    id           BIGSERIAL   PRIMARY KEY,
    change_id    TEXT        NOT NULL UNIQUE,
    job_id       TEXT        NOT NULL,
    stage        TEXT        NOT NULL,
    old_hash     TEXT        NOT NULL,
    new_hash     TEXT        NOT NULL,
    state        TEXT        NOT NULL,
    attempt      INT         NOT NULL DEFAULT 1,
    deploy       BOOLEAN     NOT NULL DEFAULT false,
    verdict      TEXT,
    method       TEXT,
    model        TEXT,
    reason       TEXT,
    author       TEXT,
    stale_items  BIGINT      NOT NULL DEFAULT 0,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    decided_at   TIMESTAMPTZ,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    FOREIGN KEY (job_id, stage) REFERENCES stage (job_id, stage)
);
CREATE INDEX change_open ON change (job_id, stage) WHERE state IN ('TRIAGING', 'PENDING');
CREATE INDEX change_stage ON change (job_id, stage, id);
CREATE INDEX change_decided ON change (decided_at) WHERE state = 'AUTO_BLESSED';

-- Every state a change entered, with who or what decided.
CREATE TABLE change_history (
    id          BIGSERIAL   PRIMARY KEY,
    change_id   TEXT        NOT NULL REFERENCES change (change_id),
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    state       TEXT        NOT NULL,
    attempt     INT         NOT NULL,
    verdict     TEXT,
    method      TEXT,
    reason      TEXT,
    author      TEXT
);
CREATE INDEX change_history_change ON change_history (change_id, id);

-- Equivalence edges: ACTIVE ones partition a stage's hashes into classes.
CREATE TABLE equivalence (
    id          BIGSERIAL   PRIMARY KEY,
    job_id      TEXT        NOT NULL,
    stage       TEXT        NOT NULL,
    old_hash    TEXT        NOT NULL,
    new_hash    TEXT        NOT NULL,
    state       TEXT        NOT NULL,
    method      TEXT        NOT NULL,
    reason      TEXT,
    author      TEXT,
    change_id   TEXT        REFERENCES change (change_id),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    FOREIGN KEY (job_id, stage) REFERENCES stage (job_id, stage)
);
CREATE INDEX equivalence_stage ON equivalence (job_id, stage);
