-- notifier-service state (schema notifier). docs/notifier.md.

-- A window collecting one job's semantic decisions into one push. At most one open window per job;
-- the flusher closes it (flushed_at) and turns its notifications into one push.
CREATE TABLE digest (
    id          BIGSERIAL PRIMARY KEY,
    job_id      TEXT        NOT NULL,
    opened_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    closes_at   TIMESTAMPTZ NOT NULL,
    flushed_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX digest_open_per_job ON digest (job_id) WHERE flushed_at IS NULL;
CREATE INDEX digest_due ON digest (closes_at) WHERE flushed_at IS NULL;

-- One message, composed once, sent to every channel enabled when it was composed.
CREATE TABLE push (
    id            BIGSERIAL PRIMARY KEY,
    job_id        TEXT        NOT NULL,
    title         TEXT        NOT NULL,
    message       TEXT        NOT NULL,
    url           TEXT        NOT NULL,
    url_title     TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per change that deserves a push. The unique change_id is what makes it one push per change,
-- however often the decision is redelivered.
CREATE TABLE notification (
    id           BIGSERIAL PRIMARY KEY,
    change_id    TEXT        NOT NULL UNIQUE,
    job_id       TEXT        NOT NULL,
    stage        TEXT        NOT NULL,
    old_hash     TEXT        NOT NULL,
    new_hash     TEXT        NOT NULL,
    method       TEXT        NOT NULL,
    reason       TEXT,
    stale_items  BIGINT      NOT NULL,
    decided_at   TIMESTAMPTZ NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    digest_id    BIGINT REFERENCES digest (id),
    push_id      BIGINT REFERENCES push (id)
);
CREATE INDEX notification_digest ON notification (digest_id);
CREATE INDEX notification_push ON notification (push_id);

-- A push on one channel. PENDING → SENDING (committed before the HTTP call) → SENT | FAILED, or back to
-- PENDING with a later next_attempt_at. A SENDING row whose lease ran out belongs to a sender that died.
CREATE TABLE delivery (
    id               BIGSERIAL PRIMARY KEY,
    push_id          BIGINT      NOT NULL REFERENCES push (id),
    channel          TEXT        NOT NULL,
    state            TEXT        NOT NULL CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    lease_until      TIMESTAMPTZ,
    last_error       TEXT,
    remote_id        TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at          TIMESTAMPTZ,
    UNIQUE (push_id, channel)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE state IN ('PENDING', 'SENDING');
