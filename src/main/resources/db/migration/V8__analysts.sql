-- Version history for analysts: documented views in a schema of their own, over the
-- append-only tables, and a NOLOGIN role that may read those views and nothing else. An
-- operator grants the role to a login (GRANT reproserve_analyst TO alice); see
-- docs/analysts.md. The views hide bundle bytes, snapshot contents and job ownership keys.
-- Each alias change also records how the new version's input schema treats the requests the
-- old one accepted (added, removed, retyped features, changed categories), and whether a
-- breaking move was forced with "allowIncompatible": null for new aliases.
ALTER TABLE alias_events ADD COLUMN compatibility jsonb;

CREATE SCHEMA analytics;
COMMENT ON SCHEMA analytics IS 'Read-only views of the Reproserve registry for analysts (docs/analysts.md)';

CREATE VIEW analytics.model_versions AS
SELECT m.name                                                         AS model,
       v.version,
       v.bundle_sha256,
       v.size_bytes,
       v.model_fingerprint,
       v.created_at,
       v.created_by,
       s.status,
       s.detail                                                       AS status_detail,
       s.at                                                           AS status_at,
       v.manifest -> 'trainingData' ->> 'sha256'                      AS dataset_id,
       (v.manifest -> 'trainingData' ->> 'rowCount')::bigint          AS dataset_rows,
       v.manifest ->> 'modelClass'                                    AS model_class,
       v.manifest -> 'training' ->> 'trainer'                         AS trainer,
       v.manifest -> 'training' -> 'hyperparameters'                  AS hyperparameters,
       (v.manifest -> 'training' -> 'seeds' ->> 'trainer')::bigint    AS trainer_seed,
       (v.manifest -> 'training' -> 'seeds' ->> 'split')::bigint      AS split_seed,
       (v.manifest -> 'training' -> 'split' ->> 'testFraction')::double precision AS test_fraction,
       (v.manifest -> 'training' -> 'split' ->> 'trainRows')::integer AS train_rows,
       (v.manifest -> 'training' -> 'split' ->> 'testRows')::integer  AS test_rows,
       (v.manifest -> 'metrics' ->> 'accuracy')::double precision     AS accuracy,
       (v.manifest -> 'metrics' ->> 'macroF1')::double precision      AS macro_f1,
       (v.manifest -> 'metrics' ->> 'rmse')::double precision         AS rmse,
       (v.manifest -> 'metrics' ->> 'mae')::double precision          AS mae,
       (v.manifest -> 'metrics' ->> 'r2')::double precision           AS r2,
       v.manifest -> 'metrics'                                        AS metrics,
       v.manifest -> 'dependencies' ->> 'tribuo'                      AS tribuo_version,
       v.manifest -> 'dependencies' ->> 'java'                        AS java_version,
       r.verdict                                                      AS reproduction_verdict,
       r.at                                                           AS reproduced_at
FROM model_versions v
JOIN models m ON m.id = v.model_id
LEFT JOIN LATERAL (SELECT e.status, e.detail, e.at FROM version_status_events e
                   WHERE e.version_id = v.id ORDER BY e.id DESC LIMIT 1) s ON true
LEFT JOIN LATERAL (SELECT p.verdict, p.at FROM reproductions p
                   WHERE p.version_id = v.id ORDER BY p.id DESC LIMIT 1) r ON true;
COMMENT ON VIEW analytics.model_versions IS
    'One row per registered version: creator, latest status, fingerprints, data snapshot, trainer, seeds, split, metrics as columns, latest reproduction verdict';

CREATE VIEW analytics.alias_timeline AS
SELECT m.name                                                                AS model,
       e.alias,
       e.to_version                                                          AS version,
       e.at                                                                  AS valid_from,
       lead(e.at) OVER (PARTITION BY e.model_id, e.alias ORDER BY e.id)      AS valid_to,
       e.from_version                                                        AS previous_version,
       e.actor,
       e.reason,
       e.id                                                                  AS event_id,
       e.compatibility
FROM alias_events e
JOIN models m ON m.id = e.model_id;
COMMENT ON VIEW analytics.alias_timeline IS
    'Each interval an alias pointed at one version: from valid_from (inclusive) to valid_to (exclusive; null while it still does), with the event that started it and its schema compatibility report';

CREATE VIEW analytics.reproductions AS
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
       p.at
FROM reproductions p
JOIN model_versions v ON v.id = p.version_id
JOIN models m ON m.id = v.model_id;
COMMENT ON VIEW analytics.reproductions IS 'Every reproduction of a version, with its verdict and what differed';

CREATE VIEW analytics.training_jobs AS
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
       (extract(epoch FROM j.finished_at - j.started_at) * 1000)::bigint AS duration_ms
FROM training_jobs j;
COMMENT ON VIEW analytics.training_jobs IS 'Every training job with its outcome: the version it produced, or its failure';

CREATE VIEW analytics.dataset_snapshots AS
SELECT d.id                       AS dataset_id,
       d.kind,
       d.name,
       d.source,
       d.as_of,
       d.row_count,
       d.size_bytes,
       octet_length(d.content)    AS stored_bytes,
       d.columns,
       d.created_at,
       d.created_by
FROM dataset_snapshots d;
COMMENT ON VIEW analytics.dataset_snapshots IS 'Every dataset snapshot (stored or reference), without its data';

CREATE VIEW analytics.drift_windows AS
SELECT w.id            AS window_id,
       m.name          AS model,
       v.version,
       w.replica,
       w.window_start,
       w.window_end,
       w.requests,
       w.instances,
       w.counts
FROM drift_windows w
JOIN model_versions v ON v.id = w.version_id
JOIN models m ON m.id = v.model_id;
COMMENT ON VIEW analytics.drift_windows IS
    'Live drift counts each replica appended per window, in the bins of the version''s training profile (docs/drift.md)';

-- The analysts' role. Roles belong to the whole cluster: another database of the cluster
-- may have made it already, and a migrating user without CREATEROLE cannot; then an
-- operator runs the statements of docs/analysts.md once.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reproserve_analyst') THEN
        CREATE ROLE reproserve_analyst NOLOGIN;
    END IF;
    EXECUTE 'GRANT USAGE ON SCHEMA analytics TO reproserve_analyst';
    EXECUTE 'GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO reproserve_analyst';
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'reproserve_analyst was not created (no CREATEROLE): see docs/analysts.md';
END
$$;
