-- A row the broker can never take (over its size limit, refused as invalid) is set aside with the
-- reason instead of blocking every row behind it; it stays for an operator (docs/operations.md).
ALTER TABLE outbox ADD COLUMN set_aside_at TIMESTAMPTZ, ADD COLUMN set_aside_reason TEXT;

DROP INDEX outbox_unsent;
CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL AND set_aside_at IS NULL;
