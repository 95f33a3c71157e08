-- Models, immutable versions, content-addressed bundles, aliases and their audit trail.

CREATE TABLE models (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text        NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    description  text,
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    -- the last version number handed out; bumped under the row lock so numbers are gap-free
    last_version integer     NOT NULL DEFAULT 0
);

-- Bundle files by SHA-256: the same bundle registered under two names is stored once.
CREATE TABLE bundles (
    sha256     text        PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content    bytea       NOT NULL,
    size_bytes bigint      NOT NULL CHECK (size_bytes = octet_length(content)),
    created_at timestamptz NOT NULL
);

CREATE TABLE model_versions (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_id          bigint      NOT NULL REFERENCES models (id),
    version           integer     NOT NULL CHECK (version > 0),
    bundle_sha256     text        NOT NULL REFERENCES bundles (sha256),
    size_bytes        bigint      NOT NULL,
    model_fingerprint text        NOT NULL CHECK (model_fingerprint ~ '^[0-9a-f]{64}$'),
    manifest          jsonb       NOT NULL,
    created_at        timestamptz NOT NULL,
    created_by        text        NOT NULL,
    UNIQUE (model_id, version),
    UNIQUE (model_id, bundle_sha256),
    UNIQUE (model_id, id)
);

-- What happened when a version was checked: at registration and at every load that
-- failed or warned. Append-only; the latest row is the version's status.
CREATE TABLE version_status_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version_id  bigint      NOT NULL REFERENCES model_versions (id),
    status      text        NOT NULL CHECK (status IN ('verified', 'failed')),
    detail      text        NOT NULL,
    reported_by text        NOT NULL,
    at          timestamptz NOT NULL
);
CREATE INDEX version_status_events_by_version ON version_status_events (version_id, id);

-- The one mutable pointer: which version an alias names now.
CREATE TABLE aliases (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_id   bigint      NOT NULL REFERENCES models (id),
    alias      text        NOT NULL CHECK (alias ~ '^[a-z][a-z0-9._-]{0,63}$'),
    version_id bigint      NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL,
    UNIQUE (model_id, alias),
    -- an alias can only name a version of its own model
    FOREIGN KEY (model_id, version_id) REFERENCES model_versions (model_id, id)
);

CREATE TABLE alias_events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_id     bigint      NOT NULL REFERENCES models (id),
    alias        text        NOT NULL,
    from_version integer,
    to_version   integer     NOT NULL,
    actor        text        NOT NULL,
    reason       text        NOT NULL,
    at           timestamptz NOT NULL
);
CREATE INDEX alias_events_by_model ON alias_events (model_id, id);

-- Immutability, enforced by the database itself: UPDATE, DELETE and TRUNCATE fail loudly.
CREATE FUNCTION reproserve_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'reproserve: % on % is refused: the table is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation',
              HINT = 'Registered versions, bundles and audit events never change; register a new version instead.';
END;
$$;

CREATE TRIGGER model_versions_immutable BEFORE UPDATE OR DELETE ON model_versions
    FOR EACH ROW EXECUTE FUNCTION reproserve_refuse_change();
CREATE TRIGGER model_versions_no_truncate BEFORE TRUNCATE ON model_versions
    FOR EACH STATEMENT EXECUTE FUNCTION reproserve_refuse_change();
CREATE TRIGGER bundles_immutable BEFORE UPDATE OR DELETE ON bundles
    FOR EACH ROW EXECUTE FUNCTION reproserve_refuse_change();
CREATE TRIGGER bundles_no_truncate BEFORE TRUNCATE ON bundles
    FOR EACH STATEMENT EXECUTE FUNCTION reproserve_refuse_change();
CREATE TRIGGER alias_events_immutable BEFORE UPDATE OR DELETE ON alias_events
    FOR EACH ROW EXECUTE FUNCTION reproserve_refuse_change();
CREATE TRIGGER alias_events_no_truncate BEFORE TRUNCATE ON alias_events
    FOR EACH STATEMENT EXECUTE FUNCTION reproserve_refuse_change();
CREATE TRIGGER version_status_events_immutable BEFORE UPDATE OR DELETE ON version_status_events
    FOR EACH ROW EXECUTE FUNCTION reproserve_refuse_change();
CREATE TRIGGER version_status_events_no_truncate BEFORE TRUNCATE ON version_status_events
    FOR EACH STATEMENT EXECUTE FUNCTION reproserve_refuse_change();
