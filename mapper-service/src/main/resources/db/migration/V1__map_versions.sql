-- What discovery reported per migration (the latest event wins); the proposal is built from it.
CREATE TABLE mapper.discoveries (
    migration_id text PRIMARY KEY,
    event_id     uuid        NOT NULL,
    payload      jsonb       NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now()
);

-- Optional value profiles of source columns (samples, fill rates), given over REST or by discovery.
CREATE TABLE mapper.column_profiles (
    migration_id text PRIMARY KEY,
    profiles     jsonb       NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Every map version ever saved. A version's document never changes: an edit is a new version,
-- and only an approved version moves records.
CREATE TABLE mapper.map_versions (
    migration_id    text        NOT NULL,
    version         int         NOT NULL CHECK (version >= 1),
    document        jsonb       NOT NULL,
    document_hash   text        NOT NULL,
    proposed_by     text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- the migration.discovered event a proposal answers: a redelivered event finds its proposal here
    source_event_id uuid UNIQUE,
    approved_by     text,
    approved_at     timestamptz,
    PRIMARY KEY (migration_id, version),
    CHECK ((approved_by IS NULL) = (approved_at IS NULL))
);

-- The map version each run was started with (from run.started).
CREATE TABLE mapper.runs (
    migration_id text NOT NULL,
    run_id       text NOT NULL,
    map_version  int  NOT NULL,
    PRIMARY KEY (migration_id, run_id)
);

-- Source ids seen per table, to recognise dangling ids in columns without a foreign key.
CREATE TABLE mapper.source_ids (
    migration_id text NOT NULL,
    source_table text NOT NULL,
    source_id    text NOT NULL,
    PRIMARY KEY (migration_id, source_table, source_id)
);
