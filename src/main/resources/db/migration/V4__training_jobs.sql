-- Training jobs: the one table whose rows change, because a job moves from queued to
-- running to succeeded or failed. What a job produces (a version) is immutable elsewhere.
CREATE TABLE training_jobs (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_name    text             NOT NULL,
    dataset_id    text             NOT NULL CHECK (dataset_id ~ '^[0-9a-f]{64}$'),
    spec          jsonb            NOT NULL,
    status        text             NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    stage         text             NOT NULL,
    progress      double precision NOT NULL CHECK (progress >= 0 AND progress <= 1),
    version       integer,
    bundle_sha256 text,
    metrics       jsonb,
    failure       jsonb,
    -- the replica that runs the job holds a PostgreSQL advisory lock on this key while it
    -- lives; a job whose owner's lock is free was left behind by a crash or restart
    owner_key     integer          NOT NULL,
    owner_node    text             NOT NULL,
    requested_by  text             NOT NULL,
    created_at    timestamptz      NOT NULL,
    started_at    timestamptz,
    finished_at   timestamptz,
    CHECK ((status = 'succeeded') = (version IS NOT NULL)),
    CHECK ((status = 'failed') = (failure IS NOT NULL))
);
CREATE INDEX training_jobs_unfinished ON training_jobs (owner_key) WHERE status IN ('queued', 'running');
