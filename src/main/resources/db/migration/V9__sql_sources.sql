-- Dataset snapshots taken from SQL sources (reproserve.sources.<name>): the query they were
-- taken with. For such a snapshot 'source' holds the configured source's name and 'as_of'
-- the time the query's :asOf was bound to; 'kind' says what was kept ("keep" in the request):
-- 'stored' keeps the rows like an upload, 'reference' only the fingerprint, and trainings
-- and reproductions run the query again and compare. Declared references keep no query.
--
-- Only columns and a constraint change: no row is updated, so the append-only trigger on
-- dataset_snapshots is never fired.

ALTER TABLE dataset_snapshots ADD COLUMN query text;

ALTER TABLE dataset_snapshots DROP CONSTRAINT dataset_snapshots_kind_content;
ALTER TABLE dataset_snapshots ADD CONSTRAINT dataset_snapshots_kind_content CHECK (
    (kind = 'stored' AND content IS NOT NULL AND name IS NOT NULL AND row_count IS NOT NULL
        AND size_bytes IS NOT NULL
        AND ((query IS NULL AND source IS NULL AND as_of IS NULL)
            OR (query IS NOT NULL AND source IS NOT NULL AND as_of IS NOT NULL)))
    -- A query reference's rows were seen when it was taken: its columns, row count and size
    -- are known; a declared reference's are not.
    OR (kind = 'reference' AND content IS NULL AND source IS NOT NULL AND as_of IS NOT NULL
        AND (query IS NOT NULL OR (size_bytes IS NULL AND columns = '[]'::jsonb))));

-- The analysts' view gains the column. CREATE OR REPLACE keeps the view's comment, its
-- grant to reproserve_analyst and anything an operator built on it; new columns go last.
CREATE OR REPLACE VIEW analytics.dataset_snapshots AS
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
       d.created_by,
       d.query
FROM dataset_snapshots d;
COMMENT ON VIEW analytics.dataset_snapshots IS
    'Every dataset snapshot (stored or reference), without its data; for one taken from a SQL source, source is the configured source''s name and query its SQL';
