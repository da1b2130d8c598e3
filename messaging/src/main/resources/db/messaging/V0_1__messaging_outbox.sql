-- Shared by every service (messaging module); runs in the service's own schema.
-- Rows are events to publish, written in the same transaction as the state they describe.
CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    topic       TEXT        NOT NULL,
    record_key  TEXT        NOT NULL,
    event_id    TEXT        NOT NULL,
    payload     BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at     TIMESTAMPTZ
);

-- The relay reads unsent rows in id order; this index holds only those.
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
