-- Retention of live drift windows (reproserve.drift.retention, docs/drift.md#retention): the one
-- narrow exception to drift_windows being append-only. A DELETE goes through only for a row whose
-- window ended before the horizon the transaction named (the transaction-local setting
-- reproserve.drift_expiry_horizon, set by reproserve_expire_drift_windows) and more than a day
-- ago, whatever the session says. A plain DELETE is refused as before; UPDATE and TRUNCATE
-- always are.

-- Expired windows are found by their end, oldest first, across versions.
CREATE INDEX drift_windows_by_end ON drift_windows (window_end);

CREATE FUNCTION reproserve_drift_windows_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    horizon text := current_setting('reproserve.drift_expiry_horizon', true);
BEGIN
    IF TG_OP = 'DELETE' AND coalesce(horizon, '') <> ''
            AND OLD.window_end < horizon::timestamptz
            AND OLD.window_end < now() - interval '1 day' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'reproserve: % on % is refused: the table is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation',
              HINT = 'Drift windows never change; only reproserve_expire_drift_windows removes windows older'
                  || ' than the retention horizon, and never one that ended within the last day.';
END;
$$;

DROP TRIGGER drift_windows_immutable ON drift_windows;
CREATE TRIGGER drift_windows_immutable BEFORE UPDATE OR DELETE ON drift_windows
    FOR EACH ROW EXECUTE FUNCTION reproserve_drift_windows_guard();

-- Deletes up to batch windows that ended before horizon (and over a day ago), oldest first, in the caller's
-- transaction (one statement: its own transaction in autocommit). One replica at a time: the
-- transaction-level advisory lock ("REPD", 1) is tried, not waited for; without it nothing is
-- deleted and the answer is -1, so the other replicas skip instead of queueing on the same rows.
CREATE FUNCTION reproserve_expire_drift_windows(horizon timestamptz, batch integer) RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    deleted integer;
BEGIN
    IF NOT pg_try_advisory_xact_lock(1380274244, 1) THEN
        RETURN -1;
    END IF;
    horizon := least(horizon, now() - interval '1 day');
    PERFORM set_config('reproserve.drift_expiry_horizon', horizon::text, true);
    DELETE FROM drift_windows
    WHERE id IN (SELECT id FROM drift_windows WHERE window_end < horizon ORDER BY window_end LIMIT batch);
    GET DIAGNOSTICS deleted = ROW_COUNT;
    PERFORM set_config('reproserve.drift_expiry_horizon', '', true);
    RETURN deleted;
END;
$$;
