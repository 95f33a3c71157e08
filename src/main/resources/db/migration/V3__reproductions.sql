-- Every attempt to rebuild a version from its recorded inputs, with its verdict. Append-only:
-- a later attempt adds a row, the latest row is what the version view shows.
CREATE TABLE reproductions (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version_id             bigint      NOT NULL REFERENCES model_versions (id),
    verdict                text        NOT NULL
        CHECK (verdict IN ('identical', 'equivalent-outputs', 'different', 'not-reproducible-here')),
    reason                 text        NOT NULL,
    reproduced_fingerprint text        CHECK (reproduced_fingerprint ~ '^[0-9a-f]{64}$'),
    differences            jsonb       NOT NULL,
    requested_by           text        NOT NULL,
    reported_by            text        NOT NULL,
    duration_ms            bigint      NOT NULL CHECK (duration_ms >= 0),
    at                     timestamptz NOT NULL
);
CREATE INDEX reproductions_by_version ON reproductions (version_id, id);

CREATE TRIGGER reproductions_immutable BEFORE UPDATE OR DELETE ON reproductions
    FOR EACH ROW EXECUTE FUNCTION reproserve_refuse_change();
CREATE TRIGGER reproductions_no_truncate BEFORE TRUNCATE ON reproductions
    FOR EACH STATEMENT EXECUTE FUNCTION reproserve_refuse_change();
