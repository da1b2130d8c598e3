-- Who took an equivalence back, and when (the veto's author, shown in the stage history).
ALTER TABLE equivalence ADD COLUMN unblessed_by TEXT;
ALTER TABLE equivalence ADD COLUMN unblessed_at TIMESTAMPTZ;
CREATE INDEX equivalence_pair ON equivalence (job_id, stage, old_hash, new_hash) WHERE state = 'ACTIVE';
