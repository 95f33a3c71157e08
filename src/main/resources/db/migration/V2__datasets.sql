-- Dataset snapshots: immutable, identified by the SHA-256 of their canonical CSV.
-- 'stored' snapshots keep the canonical CSV gzip-compressed; 'reference' snapshots keep
-- only the fingerprint of data that may not be copied, with where and when it was taken.

CREATE TABLE dataset_snapshots (
    id         text        PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
    kind       text        NOT NULL CHECK (kind IN ('stored', 'reference')),
    name       text,
    source     text,
    as_of      timestamptz,
    -- [{"name", "type", "missing", "distinct"}] in file order; [] for references
    columns    jsonb       NOT NULL CHECK (jsonb_typeof(columns) = 'array'),
    row_count  bigint      CHECK (row_count > 0),
    -- size of the canonical CSV, before compression
    size_bytes bigint      CHECK (size_bytes > 0),
    content    bytea,
    created_at timestamptz NOT NULL,
    created_by text        NOT NULL,
    CONSTRAINT dataset_snapshots_kind_content CHECK (
        (kind = 'stored' AND content IS NOT NULL AND name IS NOT NULL AND row_count IS NOT NULL
            AND size_bytes IS NOT NULL AND source IS NULL AND as_of IS NULL)
        OR (kind = 'reference' AND content IS NULL AND size_bytes IS NULL AND source IS NOT NULL
            AND as_of IS NOT NULL AND columns = '[]'::jsonb))
);

-- The content is gzip already: keep it out of line without a second compression attempt.
ALTER TABLE dataset_snapshots ALTER COLUMN content SET STORAGE EXTERNAL;

-- The list is newest first.
CREATE INDEX dataset_snapshots_newest_first ON dataset_snapshots (created_at DESC, id);

-- A snapshot is the identity of the data models were trained on: it never changes.
CREATE TRIGGER dataset_snapshots_immutable BEFORE UPDATE OR DELETE ON dataset_snapshots
    FOR EACH ROW EXECUTE FUNCTION reproserve_refuse_change();
CREATE TRIGGER dataset_snapshots_no_truncate BEFORE TRUNCATE ON dataset_snapshots
    FOR EACH STATEMENT EXECUTE FUNCTION reproserve_refuse_change();
