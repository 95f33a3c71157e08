-- Reproductions run as jobs of the one queue that trainings use: a row of training_jobs of
-- kind 'reproduction', so that one claim statement, one orphan check and one queue bound hold
-- for both (a reproduction retrains, and takes a worker as a training does). Such a row names
-- the version it rebuilds in 'version' and, once done, the verdict it recorded in
-- 'reproduction_id'; it has no bundle or metrics of its own. 'dataset_id' and 'spec' are
-- what the version's manifest records, which an uploaded bundle may lack.
--
-- A claimed job whose SQL source is down goes back to the queue: 'attempts' counts the
-- retries so far and no replica claims it before 'not_before'.
--
-- training_jobs is the one table whose rows change; reproductions stay append-only, and a
-- job only points at the row it appended.

ALTER TABLE training_jobs ADD COLUMN kind text NOT NULL DEFAULT 'training'
    CHECK (kind IN ('training', 'reproduction'));
-- No foreign key: a reproduction row never goes away (append-only), and a key would make
-- TRUNCATE reproductions fail on the key before the append-only trigger says why.
ALTER TABLE training_jobs ADD COLUMN reproduction_id bigint;
ALTER TABLE training_jobs ADD COLUMN attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0);
ALTER TABLE training_jobs ADD COLUMN not_before timestamptz;

ALTER TABLE training_jobs ALTER COLUMN dataset_id DROP NOT NULL;
ALTER TABLE training_jobs ALTER COLUMN spec DROP NOT NULL;
-- V4's unnamed CHECK ((status = 'succeeded') = (version IS NOT NULL)), now one rule per kind.
ALTER TABLE training_jobs DROP CONSTRAINT training_jobs_check;
ALTER TABLE training_jobs ADD CONSTRAINT training_jobs_kind_result CHECK (
    (kind = 'training' AND dataset_id IS NOT NULL AND spec IS NOT NULL AND reproduction_id IS NULL
        AND (status = 'succeeded') = (version IS NOT NULL))
    OR (kind = 'reproduction' AND version IS NOT NULL AND bundle_sha256 IS NULL AND metrics IS NULL
        AND (status = 'succeeded') = (reproduction_id IS NOT NULL)));

-- The analysts' views keep their rows and columns; new columns go last. training_jobs shows
-- trainings only, as before; reproductions name the job that recorded them (null for those
-- recorded before reproductions were jobs).
CREATE OR REPLACE VIEW analytics.training_jobs AS
SELECT j.id                                                   AS job_id,
       j.model_name                                           AS model,
       j.dataset_id,
       j.spec -> 'trainer' ->> 'type'                         AS trainer,
       j.spec,
       j.status,
       j.stage,
       j.progress,
       j.version,
       j.bundle_sha256,
       j.metrics,
       j.failure,
       j.requested_by,
       j.owner_node                                           AS replica,
       j.created_at,
       j.started_at,
       j.finished_at,
       (extract(epoch FROM j.finished_at - j.started_at) * 1000)::bigint AS duration_ms,
       j.attempts                                             AS source_retries
FROM training_jobs j
WHERE j.kind = 'training';

CREATE OR REPLACE VIEW analytics.reproductions AS
SELECT p.id                     AS reproduction_id,
       m.name                   AS model,
       v.version,
       p.verdict,
       p.reason,
       v.model_fingerprint      AS recorded_fingerprint,
       p.reproduced_fingerprint,
       p.differences,
       p.requested_by,
       p.reported_by            AS replica,
       p.duration_ms,
       p.at,
       j.id                     AS job_id
FROM reproductions p
JOIN model_versions v ON v.id = p.version_id
JOIN models m ON m.id = v.model_id
LEFT JOIN training_jobs j ON j.reproduction_id = p.id;

CREATE VIEW analytics.reproduction_jobs AS
SELECT j.id                                                   AS job_id,
       j.model_name                                           AS model,
       j.version,
       j.status,
       j.stage,
       j.progress,
       j.reproduction_id,
       p.verdict,
       j.failure,
       j.requested_by,
       j.owner_node                                           AS replica,
       j.created_at,
       j.started_at,
       j.finished_at,
       (extract(epoch FROM j.finished_at - j.started_at) * 1000)::bigint AS duration_ms,
       j.attempts                                             AS source_retries
FROM training_jobs j
LEFT JOIN reproductions p ON p.id = j.reproduction_id
WHERE j.kind = 'reproduction';
COMMENT ON VIEW analytics.reproduction_jobs IS
    'Every reproduction job: where it stands, and the verdict it recorded (analytics.reproductions) or its failure';

DO $$
BEGIN
    EXECUTE 'GRANT SELECT ON analytics.reproduction_jobs TO reproserve_analyst';
EXCEPTION WHEN undefined_object OR insufficient_privilege THEN
    RAISE NOTICE 'reproserve_analyst may not read analytics.reproduction_jobs yet: see docs/analysts.md';
END
$$;
