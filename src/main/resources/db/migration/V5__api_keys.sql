-- API keys. A key's secret is never stored: only its SHA-256 (the secret is 256 random
-- bits, so a fast hash is enough and a lookup is one index probe). Keys and their events
-- are append-only: a key is revoked by a 'revoked' event, never by changing its row.
CREATE TABLE api_keys (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text        NOT NULL UNIQUE CHECK (name ~ '^[a-z][a-z0-9._-]{0,63}$'),
    role         text        NOT NULL CHECK (role IN ('predict', 'read', 'admin')),
    secret_sha256 text       NOT NULL UNIQUE CHECK (secret_sha256 ~ '^[0-9a-f]{64}$'),
    -- the first characters of the key, to tell keys apart in a list; not enough to guess it
    prefix       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL
);

CREATE TABLE api_key_events (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key_id     bigint      NOT NULL REFERENCES api_keys (id),
    event      text        NOT NULL CHECK (event IN ('created', 'revoked')),
    actor      text        NOT NULL,
    reason     text,
    at         timestamptz NOT NULL
);
CREATE UNIQUE INDEX api_key_events_one_revocation ON api_key_events (key_id) WHERE event = 'revoked';

CREATE TRIGGER api_keys_immutable BEFORE UPDATE OR DELETE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION reproserve_refuse_change();
CREATE TRIGGER api_keys_no_truncate BEFORE TRUNCATE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION reproserve_refuse_change();
CREATE TRIGGER api_key_events_immutable BEFORE UPDATE OR DELETE ON api_key_events
    FOR EACH ROW EXECUTE FUNCTION reproserve_refuse_change();
CREATE TRIGGER api_key_events_no_truncate BEFORE TRUNCATE ON api_key_events
    FOR EACH STATEMENT EXECUTE FUNCTION reproserve_refuse_change();
