-- Live drift. Each replica appends, every reproserve.drift.window and at shutdown, the counts
-- of the traffic each version answered there, in the bins of the version's training profile:
-- no raw request value is ever stored. Windows of all replicas add up. Append-only.
CREATE TABLE drift_windows (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version_id   bigint      NOT NULL REFERENCES model_versions (id),
    replica      text        NOT NULL,
    window_start timestamptz NOT NULL,
    window_end   timestamptz NOT NULL,
    requests     bigint      NOT NULL CHECK (requests >= 0),
    instances    bigint      NOT NULL CHECK (instances >= 0),
    counts       jsonb       NOT NULL,
    CHECK (window_end >= window_start)
);
CREATE INDEX drift_windows_by_version ON drift_windows (version_id, window_end);

CREATE TRIGGER drift_windows_immutable BEFORE UPDATE OR DELETE ON drift_windows
    FOR EACH ROW EXECUTE FUNCTION reproserve_refuse_change();
CREATE TRIGGER drift_windows_no_truncate BEFORE TRUNCATE ON drift_windows
    FOR EACH STATEMENT EXECUTE FUNCTION reproserve_refuse_change();

-- The training profile of a version whose bundle has none, computed once from its stored
-- snapshot and recorded split. One per version, never changed.
CREATE TABLE training_profiles (
    version_id  bigint      PRIMARY KEY REFERENCES model_versions (id),
    profile     jsonb       NOT NULL,
    computed_by text        NOT NULL,
    computed_at timestamptz NOT NULL
);

CREATE TRIGGER training_profiles_immutable BEFORE UPDATE OR DELETE ON training_profiles
    FOR EACH ROW EXECUTE FUNCTION reproserve_refuse_change();
CREATE TRIGGER training_profiles_no_truncate BEFORE TRUNCATE ON training_profiles
    FOR EACH STATEMENT EXECUTE FUNCTION reproserve_refuse_change();
