-- A job queued by a replica that does not train (reproserve.training.mode=serve) has no owner
-- until a training replica claims it (UPDATE ... FOR UPDATE SKIP LOCKED, so two replicas never
-- claim the same job). Only a queued job may be without an owner.
ALTER TABLE training_jobs ALTER COLUMN owner_key DROP NOT NULL;
ALTER TABLE training_jobs ALTER COLUMN owner_node DROP NOT NULL;
ALTER TABLE training_jobs ADD CONSTRAINT training_jobs_owned_unless_queued
    CHECK ((owner_key IS NULL) = (owner_node IS NULL) AND (owner_key IS NOT NULL OR status = 'queued'));
CREATE INDEX training_jobs_unclaimed ON training_jobs (id) WHERE status = 'queued' AND owner_key IS NULL;
